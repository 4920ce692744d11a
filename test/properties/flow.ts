/**
 * Property-based tests of the respondent flow (issue 5), run by the four
 * `flow-N.property.test.ts` files, a quarter of the runs each (one file would be the suite's
 * longest by far; four run side by side with the rest): random sequences of begin, question
 * visits, answers, completion pages, back-button and stale-cookie replays, double clicks,
 * second tabs and dropped cookies, over five surveys (one with every question kind), each run on a fresh app and database.
 * After every step: never a 5xx; a question page shows the question whose index is the number
 * of answers stored; no answer beyond the last question, none duplicated, none lost; the JSON
 * export says what each respondent saw and sent. fast-check prints the seed and the shrunk
 * sequence of a failure; replay it with `FC_SEED=… FC_PATH=…`.
 */
import { test } from 'node:test';
import fc from 'fast-check';
import type { Survey } from '../../src/domain/index.js';
import { currentQuestion, submit, visit, type Mode } from './actions.js';
import { checkStore } from './oracle.js';
import { COURSE, courseFields } from './course.js';
import { propertySurveys, startWorld, type Form, type World } from './world.js';
import { inWorker } from '../support/worker.js';

/**
 * At least 1,000 runs in CI (issue 5), over all shards; fewer locally, to keep the edit-test
 * loop short.
 */
const NUM_RUNS = Number(process.env.FC_RUNS ?? (process.env.CI === 'true' ? 1000 : 200));

/** How many files share the runs (each with its own random seed). */
export const SHARDS = 4;

const runsPerShard = Math.ceil(NUM_RUNS / SHARDS);

type Model = Record<string, never>;

/** One step of a run: a label for the failure report and what it does. */
class Step implements fc.AsyncCommand<Model, World> {
  constructor(
    readonly label: string,
    readonly action: (world: World) => Promise<void>,
  ) {}
  check(): boolean {
    return true;
  }
  async run(_model: Model, world: World): Promise<void> {
    await this.action(world);
  }
  toString(): string {
    return this.label;
  }
}

/** Mostly ordinary comments, sometimes hostile or over the limit. */
const COMMENTS = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(undefined, '', 'fine', `<i>&"'`) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('a\u0000b', 'x'.repeat(2001), 'é'.repeat(2000)) },
);

/** The fields a respondent sends: mostly one of the choices; else an unknown one, none, or two. */
const FIELDS = fc.record({
  choice: fc.oneof(
    { weight: 8, arbitrary: fc.nat(5) },
    { weight: 1, arbitrary: fc.constantFrom('unknown', 'none', 'two') },
  ),
  comment: COMMENTS,
});

interface Pick {
  readonly choice: number | string;
  readonly comment: string | undefined;
}

function fieldsFor(form: Form, pick: Pick) {
  const { choices } = form;
  const fields: Record<string, string | string[]> =
    form.slug === COURSE && form.kind === 'answer' ? courseFields(form.qid, pick.choice) : {};
  if (form.slug === COURSE && form.kind === 'answer') {
    // The course's forms of every kind come from its table (course.ts).
  } else if (typeof pick.choice === 'number')
    fields.answer = choices[pick.choice % Math.max(1, choices.length)] ?? '';
  else if (pick.choice === 'unknown') fields.answer = 'Maybe';
  else if (pick.choice === 'two') fields.answer = [...choices.slice(0, 2)];
  if (pick.comment !== undefined) fields.comment = pick.comment;
  return fields;
}

function commands(slugs: readonly string[]) {
  const tab = fc.nat(3);
  const slug = fc.constantFrom(...slugs);
  return [
    fc
      .tuple(tab, slug)
      .map(
        ([t, s]) => new Step(`tab ${t} opens /surveys/${s}`, (w) => visit(w, t, `/surveys/${s}`)),
      ),
    fc
      .tuple(tab, slug, fc.option(fc.nat(5), { nil: undefined, freq: 2 }))
      .map(
        ([t, s, qid]) =>
          new Step(`tab ${t} opens ${s} question ${qid ?? 'current'}`, async (w) =>
            visit(w, t, `/surveys/${s}/questions/${qid ?? (await currentQuestion(w, t, s))}`),
          ),
      ),
    fc
      .tuple(tab, slug)
      .map(
        ([t, s]) =>
          new Step(`tab ${t} opens ${s} complete`, (w) => visit(w, t, `/surveys/${s}/complete`)),
      ),
    // Submitting whatever the tab shows is the commonest step, so runs get deep into surveys.
    ...[1, 2, 3, 4, 5, 6].map(() =>
      fc.tuple(tab, FIELDS).map(
        ([t, pick]) =>
          new Step(`tab ${t} submits its form ${JSON.stringify(pick).slice(0, 60)}`, async (w) => {
            const form = w.tabs[t]?.page;
            if (form !== undefined) await submit(w, t, form, fieldsFor(form, pick), 'jar');
          }),
      ),
    ),
    fc.tuple(tab, fc.nat(), fc.constantFrom<Mode>('jar', 'stale', 'rollback'), FIELDS).map(
      ([t, back, mode, pick]) =>
        new Step(`tab ${t} replays form -${back} (${mode})`, async (w) => {
          const history = w.tabs[t]?.history ?? [];
          const form = history[history.length - 1 - (back % Math.max(1, history.length))];
          if (form !== undefined) await submit(w, t, form, fieldsFor(form, pick), mode);
        }),
    ),
    fc.tuple(tab, FIELDS).map(
      ([t, pick]) =>
        new Step(`tab ${t} double-clicks`, async (w) => {
          const form = w.tabs[t]?.page;
          if (form !== undefined) await submit(w, t, form, fieldsFor(form, pick), 'double');
        }),
    ),
    fc.nat(1).map(
      (b) =>
        new Step(`browser ${b} drops its cookies`, async (w) => {
          await w.browsers[b]?.jar.removeAllCookies();
        }),
    ),
  ];
}

/**
 * Runs a shard of the property: its share of the runs, from a seed of its own (fast-check's
 * error gives the seed and the shrunk steps; `FC_SEED` and `FC_PATH` replay it).
 * test/properties/flow-worker.ts runs it in a worker thread.
 */
export async function runShard(): Promise<void> {
  const surveys: readonly Survey[] = await propertySurveys();
  await fc.assert(
    fc.asyncProperty(
      fc.commands(commands(surveys.map((s) => s.slug)), { maxCommands: 60, size: 'max' }),
      async (steps) => {
        const world = await startWorld(surveys);
        try {
          await fc.asyncModelRun(() => ({ model: {}, real: world }), steps);
          await checkStore(world);
        } finally {
          await world.t.close();
        }
      },
    ),
    {
      numRuns: runsPerShard,
      ...(process.env.FC_SEED === undefined ? {} : { seed: Number(process.env.FC_SEED) }),
      ...(process.env.FC_PATH === undefined ? {} : { path: process.env.FC_PATH }),
    },
  );
}

/**
 * Registers shard `shard` (1 to {@link SHARDS}) of the property, its runs in a worker thread
 * (test/support/worker.ts): in the test's own thread, node:test watching every promise of the
 * app cost a third of the property's CPU (a shard of 200 runs: 26.6 s of CPU, 16.9 s in a worker).
 */
export function flowProperty(shard: number): void {
  test(
    `the respondent flow keeps its invariants over random sequences (shard ${shard} of ${SHARDS}: ${runsPerShard} of ${NUM_RUNS} runs)`,
    { timeout: 30 * 60_000 },
    () => inWorker(new URL('./flow-worker.ts', import.meta.url)),
  );
}
