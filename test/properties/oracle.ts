import assert from 'node:assert/strict';
import { countCharacters } from '../../src/domain/index.js';
import type { StoredResponse } from '../../src/storage/index.js';
import type { TestResponse } from '../support/browser.js';
import { escapeHtml } from '../../src/views/index.js';
import { COURSE, courseJudge, courseShown } from './course.js';
import type { Form, Seen, World } from './world.js';

/** A browser's session as the server reads it: its CSRF token and its progress per survey. */
export interface Decoded {
  readonly csrf: string | undefined;
  readonly progress: ReadonlyMap<string, { responseId: number; answered: number }>;
}

export function decode(world: World, cookie: string): Decoded {
  const session = world.t.sessions.load(cookie === '' ? undefined : cookie);
  const csrf = session.get('csrf');
  const raw = session.get('progress');
  const progress = new Map<string, { responseId: number; answered: number }>();
  if (typeof raw === 'object' && raw !== null) {
    for (const [slug, entry] of Object.entries(raw)) {
      if (Array.isArray(entry))
        progress.set(slug, { responseId: Number(entry[0]), answered: Number(entry[1]) });
    }
  }
  return { csrf: typeof csrf === 'string' ? csrf : undefined, progress };
}

/** Every stored response by id. */
export async function stored(world: World): Promise<Map<number, StoredResponse>> {
  const all = await Promise.all(
    [...world.surveys.keys()].map((s) => world.t.storage.listResponses(s)),
  );
  return new Map(all.flat().map((r) => [r.id, r]));
}

const length = (world: World, slug: string) => world.surveys.get(slug)?.questions.length ?? 0;

/**
 * Checks one response the browser got: never a 5xx; a question page shows exactly the question
 * whose index is the number of answers stored for the browser's response; a thank-you page
 * comes only after every answer and lists what the respondent gave.
 */
export async function checkPage(
  world: World,
  path: string,
  cookie: string,
  response: TestResponse,
) {
  assert.ok(response.status < 500, `${path}: ${response.status}`);
  if (response.status !== 200) return;
  const shown = /<p id="progress-label">Question (\d+) of (\d+)<\/p>/.exec(response.body);
  const slug = /^\/surveys\/([a-z0-9-]+)/.exec(path)?.[1];
  if (shown === null && !path.endsWith('/complete')) return;
  assert.ok(slug !== undefined, path);
  const progress = decode(world, cookie).progress.get(slug);
  assert.ok(progress, `${path} shown without progress`);
  const answers = (await stored(world)).get(progress.responseId)?.answers ?? [];
  if (shown !== null) {
    assert.equal(Number(shown[2]), length(world, slug));
    assert.equal(Number(shown[1]) - 1, answers.length, `${path}: question shown ≠ answers stored`);
    assert.equal(path, `/surveys/${slug}/questions/${answers.length}`);
    return;
  }
  assert.equal(answers.length, length(world, slug), `${path}: thanks before the last answer`);
  for (const seen of world.ledger.get(progress.responseId)?.values() ?? []) {
    if (seen === null) continue;
    const shown = 'id' in seen ? courseShown(seen) : seen.answer;
    assert.ok(response.body.includes(escapeHtml(shown)), `${path} lists ${shown}`);
  }
}

/**
 * Storage agrees with the ledger of what respondents saw and sent: no duplicated answer, none
 * beyond the last question, no gap, complete exactly when every question has its answer.
 */
export async function checkStore(world: World): Promise<void> {
  for (const response of (await stored(world)).values()) {
    const n = length(world, response.survey);
    assert.ok(response.answers.length <= n, `response ${response.id}: more answers than questions`);
    assert.deepEqual(
      response.answers.map((a) => a.question),
      response.answers.map((_, i) => i),
      `response ${response.id}: duplicated or missing answers`,
    );
    assert.equal(response.completedAt !== null, response.answers.length === n);
    const seen = world.ledger.get(response.id) ?? new Map<number, Seen>();
    assert.equal(response.answers.length, seen.size, `response ${response.id}: ledger size`);
    // The course's answers of every kind are checked through the export (checkExport).
    if (response.survey === COURSE) continue;
    for (const answer of response.answers) {
      const expected = seen.get(answer.question) as
        { answer: string; comment: string | null } | undefined;
      assert.deepEqual(
        { answer: answer.answer, comment: answer.comment },
        { answer: expected?.answer, comment: expected?.comment },
      );
    }
  }
}

/** The JSON export, over HTTP as an owner downloads it, says what respondents saw and sent. */
export async function checkExport(world: World, slug: string): Promise<void> {
  const response = await world.owner.get(`/admin/surveys/${slug}/responses.json`);
  assert.equal(response.status, 200);
  const exported = JSON.parse(response.body) as {
    responses: { id: number; completedAt: string | null; answers: unknown[] }[];
  };
  const ids = [...(await stored(world)).values()].filter((r) => r.survey === slug).map((r) => r.id);
  assert.deepEqual(
    exported.responses.map((r) => r.id),
    ids,
  );
  for (const r of exported.responses) {
    const seen = [...(world.ledger.get(r.id)?.entries() ?? [])].sort(([a], [b]) => a - b);
    assert.deepEqual(
      r.answers,
      seen.flatMap(([, s]) => (s === null ? [] : [s])),
      `export of response ${r.id}`,
    );
    assert.equal(r.completedAt !== null, seen.length === length(world, slug));
  }
}

/** What the fields of an answer POST amount to, by the spec's rules. */
export function judge(form: Form, fields: Record<string, string | string[]>): Seen | undefined {
  if (form.slug === COURSE) return courseJudge(form.qid, fields);
  const { answer, comment } = fields;
  if (typeof answer !== 'string' || !form.choices.includes(answer)) return undefined;
  if (form.allowText && comment !== undefined) {
    if (
      typeof comment !== 'string' ||
      countCharacters(comment) > 2000 ||
      comment.includes('\u0000')
    ) {
      return undefined;
    }
  }
  const kept = form.allowText && typeof comment === 'string' && comment !== '' ? comment : null;
  return { question: form.text, answer, comment: kept };
}
