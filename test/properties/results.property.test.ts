/**
 * Property-based tests of narrowed results (issue 17 item 1, decision 0024) over random
 * responses of a survey of every kind, on the test engine (`CANVASS_TEST_ENGINE`):
 *
 * - a cross-tab's group is exactly the results narrowed by that group's filter: each group of
 *   `results.json?by=Q` (with random filters, `completed`, dates) equals `results.json` with
 *   `filter=Q:GROUP` added, and its "all" equals `results.json` itself;
 * - the narrowed set computed once per request (`Storage.narrow`: a map of the ids, a byte each
 *   on SQLite and a bit on PostgreSQL, decision 0028) counts what the filters' own subqueries count: every question's figures with the set equal
 *   those without it.
 *
 * Replay a failure with `FC_SEED=… FC_PATH=…`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  figuresOf,
  parseFilters,
  parsePeriod,
  shownBy,
  targetsOf,
} from '../../src/domain/index.js';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { makeSurvey, startTestApp, TEST_ENGINE } from '../support/app.js';
import { EVERY_KIND, EVERY_KIND_ANSWERS, storeResponse } from '../support/results.js';

/** Each run makes a database: fewer on PostgreSQL. A hunt asks for more with FC_RUNS. */
const NUM_RUNS = Number(process.env.FC_RUNS ?? (TEST_ENGINE === 'postgres' ? 4 : 15));
const SLUG = 'narrowed';
const SURVEY = makeSurvey(SLUG, { title: 'Narrowed', questions: EVERY_KIND, hidden: ['source'] });
const DAYS = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04'];

const response = fc.record({
  c: fc.constantFrom('a', 'b', 'c'),
  yn: fc.constantFrom('yes', 'no'),
  m: fc.subarray(['a', 'b', 'c'], { minLength: 1 }),
  p: fc.integer({ min: 0, max: 10 }),
  r: fc.integer({ min: 1, max: 5 }),
  day: fc.integer({ min: 0, max: DAYS.length - 1 }),
  source: fc.constantFrom('mail', 'web', undefined),
  /** Questions answered: all of them (complete) or stopping part-way. */
  answered: fc.oneof(fc.constant(EVERY_KIND.length), fc.integer({ min: 1, max: 14 })),
});

const narrowing = fc.record({
  filters: fc.subarray([
    'c:a',
    'c:b',
    'yn:yes',
    'm:a',
    'm:c',
    'p:promoters',
    'r:5',
    'hidden:source:mail',
  ]),
  completed: fc.boolean(),
  from: fc.option(fc.constantFrom(...DAYS), { nil: undefined }),
  to: fc.option(fc.constantFrom(...DAYS), { nil: undefined }),
  // Two groups to five (r: a group per rating, as many as SQLite's grouped pass is read from).
  by: fc.constantFrom('yn', 'c', 'p', 'm', 'r', 'hidden:source'),
});

type Narrowing = typeof narrowing extends fc.Arbitrary<infer T> ? T : never;

function query(n: Narrowing, extra: readonly string[] = []): string {
  const params = new URLSearchParams();
  for (const f of [...n.filters, ...extra]) params.append('filter', f);
  if (n.completed) params.set('completed', '1');
  if (n.from !== undefined) params.set('from', n.from);
  if (n.to !== undefined) params.set('to', n.to);
  return params.toString();
}

test('a cross-tab group equals the results filtered to it, and the narrowed set counts what the filters count', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(response, { minLength: 1, maxLength: 10 }),
      narrowing,
      async (responses, n) => {
        const app = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: [SURVEY] });
        try {
          const [version] = await app.storage.listVersions(SLUG);
          assert.ok(version !== undefined);
          for (const r of responses) {
            const all = {
              ...EVERY_KIND_ANSWERS,
              c: { kind: 'choice', id: r.c },
              yn: r.yn,
              m: { ids: r.m },
              p: r.p,
              r: r.r,
            } as Record<string, unknown>;
            const values = Object.fromEntries(
              EVERY_KIND.slice(0, r.answered).map((q) => [q.id, all[q.id]]),
            );
            await storeResponse(app.storage, SURVEY, version.id, values, {
              startedAt: new Date(`${DAYS[r.day] ?? DAYS[0]}T12:00:00.000Z`),
              ...(r.source === undefined ? {} : { hidden: { source: r.source } }),
            });
          }
          const admin = app.browser();
          await logInAsAdmin(admin);
          const json = async (q: string) => {
            const res = await admin.get(`/admin/surveys/${SLUG}/results.json?${q}`);
            // A range whose end is before its start is refused: nothing to compare then.
            if (res.status === 422) return undefined;
            assert.equal(res.status, 200, `${q}: ${res.status} ${res.body}`);
            return JSON.parse(res.body) as Record<string, unknown>;
          };

          const base = query(n);
          const crossed = await json(`${base}${base === '' ? '' : '&'}by=${n.by}`);
          const plain = await json(base);
          if (crossed === undefined || plain === undefined) return;
          const { by, ...all } = crossed as { by: { groups: Record<string, unknown>[] } };
          assert.deepEqual(all, plain, 'the cross-tab’s figures for every response in scope');
          for (const group of by.groups) {
            const { id, text: _text, ...figures } = group as { id: string; text: string };
            const filtered = await json(query(n, [`${n.by}:${id}`]));
            assert.ok(filtered !== undefined);
            const { started, completed, questions } = filtered;
            assert.deepEqual(figures, { started, completed, questions }, `group ${id}`);
          }

          // The set once per request against the filters' own subqueries, question by question.
          const versions = [{ id: version.id, number: version.number, survey: SURVEY }];
          const parsed = parseFilters(n.filters, SURVEY, versions);
          const period = parsePeriod(n.from, n.to);
          assert.ok(parsed.ok && period.ok);
          const scope = {
            completed: n.completed,
            filters: parsed.filters,
            ...(n.from === undefined && n.to === undefined ? {} : { started: period.range }),
          };
          const narrowed = await app.storage.narrow({ versionIds: [version.id], ...scope });
          try {
            if (n.filters.length > 0 || n.completed || n.from || n.to)
              assert.ok(narrowed.set !== undefined && 'map' in narrowed.set, 'a map of the ids');
            for (const question of SURVEY.questions) {
              const { needs } = figuresOf(question);
              const targets = targetsOf(question, versions);
              const { reached, current } = shownBy(targets, versions);
              const figureQuery = {
                targets,
                reached,
                current,
                ...scope,
                ...needs,
                otherTexts: needs.other ? 10 : 0,
              };
              const without = await app.storage.questionFigures(figureQuery);
              const withSet = await app.storage.questionFigures({
                ...figureQuery,
                ...(narrowed.set === undefined ? {} : { set: narrowed.set }),
              });
              assert.deepEqual(withSet, without, `question ${question.id}`);
            }
          } finally {
            await narrowed.release();
          }
        } finally {
          await app.close();
        }
      },
    ),
    {
      numRuns: NUM_RUNS,
      ...(process.env.FC_SEED === undefined
        ? {}
        : { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH ?? '' }),
    },
  );
});
