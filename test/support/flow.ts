import assert from 'node:assert/strict';
import type { Browser, TestResponse } from './browser.js';

/** Opens the start page (which hands out the CSRF token) and begins the survey. */
export async function begin(browser: Browser, slug: string): Promise<TestResponse> {
  const start = await browser.get(`/surveys/${slug}`);
  assert.equal(start.status, 200);
  const response = await browser.post(`/surveys/${slug}/begin`);
  assert.equal(response.status, 303);
  return response;
}

/** Answers questions from the current one on, with the given answers, asserting each step. */
export async function answerAll(
  browser: Browser,
  slug: string,
  answers: readonly (string | { answer: string; comment: string })[],
  from = 0,
): Promise<TestResponse> {
  let last: TestResponse | undefined;
  for (const [i, a] of answers.entries()) {
    const qid = from + i;
    const page = await browser.get(`/surveys/${slug}/questions/${qid}`);
    assert.equal(page.status, 200, `question ${qid} should show`);
    last = await browser.post(
      `/surveys/${slug}/questions/${qid}`,
      typeof a === 'string' ? { answer: a } : a,
    );
    assert.equal(last.status, 303, `answer to question ${qid} should redirect`);
  }
  assert.ok(last);
  return last;
}

/** The text content of the flash notices on a page. */
export function notices(body: string): string[] {
  return [...body.matchAll(/<p class="notice[^"]*"[^>]*>([^<]*)<\/p>/g)].map((m) => m[1] ?? '');
}
