/**
 * Issue 16 item 3: `timestamps: day` stores every time of a survey's responses as its UTC date
 * (its start, each answer, its completion), in the classic flow and the path flow alike; a
 * survey without it keeps exact times. The clock is injected.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { makeSurvey, startTestApp, type TestApp } from '../support/app.js';
import { answerAll, begin } from '../support/flow.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

const AT = Date.parse('2031-05-06T17:42:13.250Z');
const DAY = '2031-05-06T00:00:00.000Z';
const EXACT = new Date(AT).toISOString();

const DAILY = makeSurvey('daily', {
  title: 'Daily',
  timestamps: 'day',
  questions: [{ text: 'One?' }, { text: 'Two?' }],
});
const EXACTLY = makeSurvey('exactly', {
  title: 'Exactly',
  questions: [{ text: 'One?' }, { text: 'Two?' }],
});
const PAGED = makeSurvey('paged', {
  title: 'Paged',
  timestamps: 'day',
  pages: [{ id: 'only', questions: [{ id: 'one', type: 'yesno', text: 'One?' }] }],
});

async function times(app: TestApp, slug: string): Promise<string[]> {
  const [response] = await app.storage.listResponses(slug);
  assert.ok(response);
  return [
    response.startedAt,
    ...response.answers.map((a) => a.answeredAt),
    response.completedAt ?? 'not completed',
  ];
}

test('timestamps: day stores the start, every answer and the completion as the UTC date; exact keeps the time', async () => {
  t = await startTestApp({ surveys: [DAILY, EXACTLY, PAGED], now: () => AT });
  for (const slug of ['daily', 'exactly']) {
    const browser = t.browser();
    await begin(browser, slug);
    await answerAll(browser, slug, ['Yes', 'No']);
  }
  assert.deepEqual(await times(t, 'daily'), [DAY, DAY, DAY, DAY]);
  assert.deepEqual(await times(t, 'exactly'), [EXACT, EXACT, EXACT, EXACT]);

  const browser = t.browser();
  await begin(browser, 'paged');
  const shown = await browser.get('/surveys/paged/questions/0');
  const revision = /name="revision" value="(\d+)"/.exec(shown.body)?.[1] ?? '';
  const posted = await browser.post('/surveys/paged/questions/0', { revision, one: 'yes' });
  assert.equal(posted.location, '/surveys/paged/complete');
  assert.deepEqual(await times(t, 'paged'), [DAY, DAY, DAY]);
});
