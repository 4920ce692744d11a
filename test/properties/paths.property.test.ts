/**
 * Property-based tests of the path flow (issue 15, SURVEYS.md §4) over HTTP: random sequences
 * of answering the frontier with valid and invalid values, going Back to a page on the path and
 * posting it again (often changing the path), re-posting a stale form, and opening any page,
 * on the branching survey of branching.ts. After every step: never a 5xx; every status and
 * redirect is the one §4's table gives under the hand-written model of the path; the stored
 * answers are exactly the model's, all asked on the path `pathFor` computes from them; the
 * revision is the number of accepted page writes; `pathFor`'s frontier over the stored state is
 * the model's; a stale form writes nothing. On the test engine (`CANVASS_TEST_ENGINE`).
 * Replay a failure with `FC_SEED=… FC_PATH=…`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fromStoredValues, pathFor, responseView, type Question } from '../../src/domain/index.js';
import type { ResponseState } from '../../src/storage/index.js';
import { startTestApp, TEST_ENGINE, type TestApp } from '../support/app.js';
import type { Browser, TestResponse } from '../support/browser.js';
import { begin } from '../support/flow.js';
import {
  BRANCHING,
  BRANCHING_SURVEY as SURVEY,
  candidate,
  handPath,
  pageQuestions,
} from './branching.js';

/**
 * Modest by default: a few seconds on SQLite; on PostgreSQL each run makes a database, so fewer.
 * A hunt asks for more with FC_RUNS.
 */
const NUM_RUNS = Number(process.env.FC_RUNS ?? (TEST_ENGINE === 'postgres' ? 5 : 40));

/** The system under test for one run, and the model of its one response. */
interface Run {
  readonly t: TestApp;
  readonly browser: Browser;
  readonly responseId: number;
  /** Page writes the server should have accepted: the revision it must hold. */
  accepted: number;
  /** What the response must hold: question id → stored value. */
  answers: Map<string, unknown>;
  /** Every form a page showed: its page and the revision it carried. */
  readonly forms: { n: number; revision: number }[];
}

/** How a step fills a page: per question, which form and whether a valid one. */
interface Fill {
  readonly picks: readonly number[];
  readonly valid: readonly boolean[];
}

const page = (n: number) => `/surveys/${BRANCHING}/questions/${n}`;
const COMPLETE = `/surveys/${BRANCHING}/complete`;
const targetOf = (path: { readonly frontier: number | undefined }) =>
  path.frontier === undefined ? COMPLETE : page(path.frontier);

async function state(run: Run): Promise<ResponseState> {
  const stored = await run.t.storage.readResponseState(run.responseId, BRANCHING);
  assert.ok(stored, 'the response exists');
  return stored;
}

function revisionOf(body: string): number {
  const match = /<input type="hidden" name="revision" value="(\d+)">/.exec(body);
  assert.ok(match?.[1] !== undefined, 'the page carries a revision');
  return Number(match[1]);
}

function noServerError(what: string, response: TestResponse): void {
  assert.ok(response.status < 500, `${what}: ${response.status} ${response.body.slice(0, 300)}`);
}

/** The invariants over what the database holds, checked after every step. */
async function checkStored(run: Run): Promise<void> {
  const stored = await state(run);
  const model = handPath(run.answers);
  assert.equal(stored.revision, run.accepted, 'revision = accepted page writes');
  const byId = new Map(
    stored.answers.map((a) => {
      const question = SURVEY.questions[a.question] as Question;
      return [question.id, fromStoredValues(question, a).value] as const;
    }),
  );
  assert.deepEqual(
    Object.fromEntries([...byId].sort()),
    Object.fromEntries([...run.answers].sort()),
    'stored answers = the answers given on the path',
  );
  const path = pathFor(SURVEY, responseView(stored));
  const asked = new Set([...path.asked.values()].flat());
  for (const id of byId.keys()) assert.ok(asked.has(id), `${id} is answered off the path`);
  assert.deepEqual(path.pages, model.pages, 'pathFor’s pages = the model’s');
  assert.equal(path.frontier, model.frontier, 'pathFor’s frontier = the model’s');
  assert.equal(stored.completedAt !== null, model.complete, 'complete exactly when the path is');
}

/** A GET of page `n`: §4's table under the model; a shown form is remembered. */
async function open(run: Run, n: number): Promise<void> {
  const model = handPath(run.answers);
  const response = await run.browser.get(page(n));
  noServerError(`GET ${page(n)}`, response);
  const at = model.pages.indexOf(n);
  const allowed =
    n === model.frontier ||
    (model.frontier !== undefined && at >= 0 && at < model.pages.indexOf(model.frontier));
  if (model.complete || !allowed) {
    assert.equal(response.status, 302, `GET ${page(n)}`);
    assert.equal(response.location, targetOf(model), `GET ${page(n)} goes to the frontier`);
    const path = pathFor(SURVEY, responseView(await state(run)));
    assert.equal(response.location, targetOf(path), 'and pathFor’s');
    return;
  }
  assert.equal(response.status, 200, `GET ${page(n)}`);
  assert.equal(revisionOf(response.body), run.accepted);
  run.forms.push({ n, revision: revisionOf(response.body) });
}

/**
 * A POST of page `n` at `revision`, each question of the page filled as `fill` says (asked or
 * not: the server must ignore what it did not ask). Predicts the outcome from the model,
 * checks it, and moves the model on when the write is accepted.
 */
async function post(run: Run, n: number, revision: number, fill: Fill): Promise<void> {
  const model = handPath(run.answers);
  const ids = pageQuestions(n);
  const forms = ids.map((id, i) => ({
    id,
    ...candidate(id, fill.picks[i] ?? 0, fill.valid[i] ?? true),
  }));
  const fields = Object.assign(
    { revision: String(revision) },
    ...forms.map((f) => f.fields),
  ) as Record<string, string | string[]>;
  const before = await state(run);
  const response = await run.browser.post(page(n), fields);
  const what = `POST ${page(n)} ${JSON.stringify(fields).slice(0, 120)}`;
  noServerError(what, response);

  const at = model.pages.indexOf(n);
  const allowed =
    n === model.frontier ||
    (model.frontier !== undefined && at >= 0 && at < model.pages.indexOf(model.frontier));
  const asked = model.asked.get(n) ?? [];
  const valid = forms.filter((f) => asked.includes(f.id)).every((f) => f.value !== undefined);
  if (model.complete || !allowed || revision !== run.accepted) {
    assert.equal(response.status, 303, what);
    assert.equal(response.location, targetOf(model), `${what}: to the frontier`);
    const path = pathFor(SURVEY, responseView(before));
    assert.equal(response.location, targetOf(path), `${what}: pathFor’s`);
    assert.deepEqual(await state(run), before, `${what} wrote nothing`);
    return;
  }
  if (!valid) {
    assert.equal(response.status, 422, what);
    assert.deepEqual(await state(run), before, `${what} wrote nothing`);
    run.forms.push({ n, revision: revisionOf(response.body) });
    return;
  }
  // Accepted: the page's answers replace its old ones; answers that left the path go.
  const answers = new Map([...run.answers].filter(([id]) => !ids.includes(id)));
  for (const f of forms) if (asked.includes(f.id)) answers.set(f.id, f.value);
  const next = handPath(answers);
  const kept = new Set([...next.asked.values()].flat());
  run.answers = new Map([...answers].filter(([id]) => kept.has(id)));
  run.accepted += 1;
  const following = next.pages[next.pages.indexOf(n) + 1];
  assert.equal(response.status, 303, what);
  assert.equal(
    response.location,
    next.complete || following === undefined ? COMPLETE : page(following),
    `${what}: to the next page on the path`,
  );
}

/** One step of a run, with a label for fast-check's report of a failure. */
class Step implements fc.AsyncCommand<object, Run> {
  constructor(
    readonly label: string,
    readonly action: (run: Run) => Promise<void>,
  ) {}
  check(): boolean {
    return true;
  }
  async run(_model: object, run: Run): Promise<void> {
    await this.action(run);
    await checkStored(run);
  }
  toString(): string {
    return this.label;
  }
}

/** Mostly valid: one question in eight gets an invalid form. */
const FILL: fc.Arbitrary<Fill> = fc.record({
  picks: fc.array(fc.nat(9), { minLength: 2, maxLength: 2 }),
  valid: fc.array(
    fc.oneof(
      { weight: 7, arbitrary: fc.constant(true) },
      { weight: 1, arbitrary: fc.constant(false) },
    ),
    { minLength: 2, maxLength: 2 },
  ),
});

const show = (fill: Fill) =>
  fill.picks.map((p, i) => `${p}${fill.valid[i] === false ? '!' : ''}`).join(',');

function commands() {
  const answer = FILL.map(
    (fill) =>
      new Step(`answer the frontier ${show(fill)}`, async (run) => {
        const frontier = handPath(run.answers).frontier;
        await open(run, frontier ?? 0);
        await post(run, frontier ?? 0, run.accepted, fill);
      }),
  );
  const back = fc.tuple(fc.nat(), FILL).map(
    ([k, fill]) =>
      new Step(`go back ${k} and post ${show(fill)}`, async (run) => {
        const model = handPath(run.answers);
        const before = model.pages.slice(
          0,
          model.frontier === undefined ? 0 : model.pages.indexOf(model.frontier),
        );
        const n = before[k % Math.max(1, before.length)];
        if (n === undefined || model.complete) return;
        await open(run, n);
        await post(run, n, run.accepted, fill);
      }),
  );
  return [
    // Answering and going back are the commonest steps: runs get far, and change their paths.
    answer,
    answer,
    back,
    back,
    fc.tuple(fc.nat(), FILL).map(
      ([k, fill]) =>
        new Step(`re-post form -${k} ${show(fill)}`, async (run) => {
          const form = run.forms[run.forms.length - 1 - (k % Math.max(1, run.forms.length))];
          if (form !== undefined) await post(run, form.n, form.revision, fill);
        }),
    ),
    fc.integer({ min: 0, max: 7 }).map((n) => new Step(`open page ${n}`, (run) => open(run, n))),
  ];
}

async function startRun(): Promise<Run> {
  const t = await startTestApp({
    surveys: [SURVEY],
    // In-memory SQLite: a fresh, private database per run. PostgreSQL: a throwaway database.
    ...(TEST_ENGINE === 'sqlite' ? { databaseUrl: 'sqlite::memory:' } : {}),
    hardening: { rateLimit: 0 },
  });
  const browser = t.browser();
  const begun = await begin(browser, BRANCHING);
  assert.equal(begun.location, page(0));
  const [response] = await t.storage.listResponses(BRANCHING);
  assert.ok(response);
  return { t, browser, responseId: response.id, accepted: 0, answers: new Map(), forms: [] };
}

test(
  `the path flow keeps its invariants over random answers, Backs and stale forms (${NUM_RUNS} runs, ${TEST_ENGINE})`,
  { timeout: 10 * 60_000 },
  async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands(), { maxCommands: 30, size: 'max' }), async (steps) => {
        const run = await startRun();
        try {
          await checkStored(run);
          await fc.asyncModelRun(() => ({ model: {}, real: run }), steps);
        } finally {
          await run.t.close();
        }
      }),
      {
        numRuns: NUM_RUNS,
        ...(process.env.FC_SEED === undefined ? {} : { seed: Number(process.env.FC_SEED) }),
        ...(process.env.FC_PATH === undefined ? {} : { path: process.env.FC_PATH }),
      },
    );
  },
);
