/**
 * The SQL figures of SURVEYS.md §10 equal the kinds' reference oracles (`summarise`) on the
 * same answers, on every engine: random responses to a survey with every kind, spread over two
 * versions (the second inserts a question and changes one question's choices, so indexes
 * shift and one question is not the same), counted with and without `completed` and a filter.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  canonicalDefinition,
  dayText,
  figuresOf,
  kindOf,
  parseFilters,
  reachedOf,
  sameQuestion,
  storedRows,
  surveyFileSchema,
  targetsOf,
  toStoredValues,
  type Question,
  type StoredValues,
  type Survey,
  type VersionedSurvey,
} from '../domain/index.js';
import BetterSqlite3 from 'better-sqlite3';
import {
  createTestDatabase,
  executeOn,
  postgresUnavailableReason,
} from '../../test/support/postgres.js';
import { binEdges, NUMBER_HISTOGRAM_LIMIT } from './figures.js';
import { openStorage, type Narrowed, type Narrowing, type Storage } from './index.js';
import { SET_SPAN_LIMIT } from './scope.js';

const QUESTIONS = [
  { id: 'c', type: 'choice', text: 'C', choices: ['a', 'b', 'c'], other: true, allowText: true },
  { id: 'd', type: 'dropdown', text: 'D', choices: ['x', 'y'], other: true, required: false },
  { id: 'yn', type: 'yesno', text: 'YN', required: false },
  { id: 'm', type: 'multi', text: 'M', choices: ['a', 'b', 'c'], other: true, required: false },
  { id: 't', type: 'text', text: 'T', required: false },
  { id: 'lt', type: 'longtext', text: 'LT', required: false },
  { id: 'e', type: 'email', text: 'E', required: false },
  { id: 'n', type: 'number', text: 'N', required: false },
  { id: 'dt', type: 'date', text: 'DT', required: false },
  { id: 'r', type: 'rating', text: 'R', scale: 5, required: false },
  { id: 'p', type: 'nps', text: 'P', required: false },
  {
    id: 'g',
    type: 'grid',
    text: 'G',
    rows: ['r1', 'r2'],
    columns: [{ text: 'lo', value: 1 }, { text: 'hi', value: 5 }, 'na'],
    required: false,
  },
  { id: 'rk', type: 'ranking', text: 'RK', choices: ['a', 'b', 'c'], required: false },
  { id: 'cs', type: 'consent', text: 'CS', required: false },
  { id: 'st', type: 'statement', text: 'ST' },
];

function survey(slug: string, definition: unknown): Survey {
  return { slug, ...surveyFileSchema.parse(definition) };
}

/** Version 1, and version 2: one question more at the front, `d` with other choices. */
function definitions(slug: string): [Survey, Survey] {
  const v2 = [
    { id: 'intro', type: 'yesno', text: 'Intro', required: false },
    ...QUESTIONS.map((q) => (q.id === 'd' ? { ...q, choices: ['x', 'z'] } : q)),
  ];
  return [
    survey(slug, { title: 'One', questions: QUESTIONS }),
    survey(slug, { title: 'Two', questions: v2 }),
  ];
}

const word = fc.stringMatching(/^[a-zé<&]{1,6}$/);

/** A random value of the question's kind, or null (submitted without an answer). */
function valueOf(q: Question): fc.Arbitrary<unknown> {
  const ids = (list: readonly { id: string }[]) => list.map((c) => c.id);
  const value = ((): fc.Arbitrary<unknown> => {
    switch (q.type) {
      case 'choice':
      case 'dropdown':
        return fc.oneof(
          fc.constantFrom(...ids(q.choices)).map((id) => ({ kind: 'choice', id })),
          word.map((text) => ({ kind: 'other', text })),
        );
      case 'yesno':
        return fc.constantFrom('yes', 'no');
      case 'multi':
        return fc
          .record({ ids: fc.subarray(ids(q.choices)), other: fc.option(word, { nil: undefined }) })
          .filter((v) => v.ids.length > 0 || v.other !== undefined)
          .map((v) => (v.other === undefined ? { ids: v.ids } : v));
      case 'text':
      case 'longtext':
      case 'email':
        return word;
      case 'number':
        // Halves: exact in binary, so the sum is the same in whatever order it is added.
        return fc.integer({ min: -20, max: 40 }).map((n) => n / 2);
      case 'date':
        return fc.integer({ min: 18_000, max: 18_100 }).map(dayText);
      case 'rating':
        return fc.integer({ min: 1, max: q.scale });
      case 'nps':
        return fc.integer({ min: 0, max: 10 });
      case 'grid':
        return fc
          .subarray(ids(q.rows), { minLength: 1 })
          .chain((rows) =>
            fc.tuple(
              ...rows.map((row) =>
                fc.constantFrom(...ids(q.columns)).map((column) => ({ row, column })),
              ),
            ),
          );
      case 'ranking':
        return fc
          .shuffledSubarray(ids(q.choices), { minLength: 1 })
          .map((order) => order.map((id, i) => ({ id, rank: i + 1 })));
      case 'consent':
        return fc.constant(true);
      case 'statement':
        return fc.constant(null);
    }
  })();
  return fc.option(value, { nil: null });
}

interface Respondent {
  version: 0 | 1;
  /** How many questions they submitted, from the first. */
  submitted: number;
  values: StoredValues[];
}

function respondent([v1, v2]: [Survey, Survey]): fc.Arbitrary<Respondent> {
  const arbitraries = (s: Survey) =>
    fc.tuple(
      fc.integer({ min: 0, max: s.questions.length }),
      fc.tuple(
        ...s.questions.map((q) =>
          fc.tuple(valueOf(q), fc.option(word, { nil: null })).map(([value, comment]) =>
            toStoredValues(q, {
              value: value as never,
              comment: 'allowText' in q && q.allowText !== false ? comment : null,
            }),
          ),
        ),
      ),
    );
  return fc.oneof(
    arbitraries(v1).map(([submitted, values]) => ({ version: 0 as const, submitted, values })),
    arbitraries(v2).map(([submitted, values]) => ({ version: 1 as const, submitted, values })),
  );
}

const FILTERS = ['c:a', 'c:b', 'yn:yes', 'm:b', 'r:3', 'p:9', 'cs:yes'];

async function store(
  storage: Storage,
  versions: VersionedSurvey[],
  respondents: readonly Respondent[],
  gap?: () => Promise<void>,
): Promise<number[]> {
  const ids: number[] = [];
  for (const [n, r] of respondents.entries()) {
    // Half the respondents, then ids no response of this survey takes, then the rest.
    if (gap !== undefined && n === respondents.length >> 1) await gap();
    const v = versions[r.version];
    assert.ok(v !== undefined);
    const slug = v.survey.slug;
    const id = await storage.createResponse({
      survey: slug,
      versionId: v.id,
      startedAt: new Date(),
    });
    ids.push(id);
    for (let i = 0; i < r.submitted; i++) {
      const values = r.values[i];
      assert.ok(values !== undefined);
      const outcome = await storage.recordAnswer({
        responseId: id,
        survey: slug,
        question: i,
        ...values,
        completes: i === v.survey.questions.length - 1,
        at: new Date(),
      });
      assert.equal(outcome.kind, 'recorded');
    }
  }
  return ids;
}

interface Case {
  respondents: Respondent[];
  completed: boolean;
  filters: string[];
  /** Whether the questions share one request's row counts (`rows`). */
  memo: boolean;
  /** Whether the narrowing is read once into a set (`Storage.narrow`), as results requests do. */
  held: boolean;
  /**
   * Whether the second half of the respondents come more than SET_SPAN_LIMIT ids after the
   * first (as when many other surveys' responses came between): no map of their ids is held.
   */
  gap: boolean;
}

/** The oracle's figures: each kind's `summarise` over the stored rows of the responses in scope. */
function expected(versions: readonly VersionedSurvey[], c: Case, question: Question) {
  const base = versions[1];
  assert.ok(base !== undefined);
  const parsed = parseFilters(c.filters, base.survey, versions);
  assert.ok(parsed.ok);
  const indexIn = (v: VersionedSurvey, q: Question) =>
    v.survey.questions.findIndex((other) => sameQuestion(q, other));
  const inScope = (r: Respondent) => {
    const v = versions[r.version];
    if (v === undefined) return false;
    if (c.completed && r.submitted < v.survey.questions.length) return false;
    return c.filters.every((raw) => {
      const [qid, value] = raw.split(':');
      const fq = base.survey.questions.find((q) => q.id === qid);
      const j = fq === undefined ? -1 : indexIn(v, fq);
      const stored = r.values[j];
      return (
        j >= 0 &&
        j < r.submitted &&
        stored !== undefined &&
        storedRows(stored).some(
          (row) => row.role === 'answer' && row.item === null && row.value === value,
        )
      );
    });
  };
  const scoped = c.respondents.filter(inScope);
  const rows = scoped.flatMap((r) => {
    const v = versions[r.version];
    const j = v === undefined ? -1 : indexIn(v, question);
    const stored = r.values[j];
    return j >= 0 && j < r.submitted && stored !== undefined ? [storedRows(stored)] : [];
  });
  const shown = scoped.filter((r) => {
    const v = versions[r.version];
    const j = v === undefined ? -1 : indexIn(v, question);
    return j >= 0 && r.submitted > Math.max(0, j - 1);
  }).length;
  const started = scoped.filter((r) => r.submitted > 0).length;
  const completed = scoped.filter(
    (r) => r.submitted === versions[r.version]?.survey.questions.length,
  ).length;
  const nums = rows.flat().flatMap((r) => (r.role === 'answer' && r.num !== null ? [r.num] : []));
  return { summary: kindOf(question).summarise(rows, question), shown, started, completed, nums };
}

async function check(
  storage: Storage,
  slug: string,
  c: Case,
  skipIds?: (n: number) => Promise<void>,
): Promise<void> {
  const surveys = definitions(slug);
  const versions: VersionedSurvey[] = [];
  for (const s of surveys) {
    const definition = canonicalDefinition(s);
    const v = await storage.registerVersion({
      survey: slug,
      hash: definition,
      definition,
      at: new Date(),
    });
    versions.push({ id: v.id, number: v.number, survey: s });
  }
  const gap = c.gap && skipIds !== undefined ? () => skipIds(SET_SPAN_LIMIT + 1) : undefined;
  await store(storage, versions, c.respondents, gap);
  const base = versions[1];
  assert.ok(base !== undefined);
  const parsed = parseFilters(c.filters, base.survey, versions);
  assert.ok(parsed.ok);
  const scope = { completed: c.completed, filters: parsed.filters };
  const versionIds = versions.map((v) => v.id);
  const counts = await storage.scopeCounts({ versionIds, ...scope });
  const narrowed = c.held ? await storage.narrow({ versionIds, ...scope }) : undefined;
  try {
    await checkQuestions(storage, versions, c, { ...scope, ...setOf(narrowed) }, counts);
  } finally {
    await narrowed?.release();
  }
}

const setOf = (narrowed: Narrowed | undefined) =>
  narrowed?.set === undefined ? {} : { set: narrowed.set };

async function checkQuestions(
  storage: Storage,
  versions: VersionedSurvey[],
  c: Case,
  scope: Narrowing,
  counts: { started: number; completed: number },
): Promise<void> {
  const base = versions[1];
  assert.ok(base !== undefined);
  // With the request's row counts (as the routes pass them) and without: the same figures.
  const rows = c.memo ? { rows: new Map<string, Promise<readonly number[]>>() } : {};
  for (const question of base.survey.questions) {
    const targets = targetsOf(question, versions);
    const kind = figuresOf(question);
    const figures = await storage.questionFigures({
      targets,
      reached: reachedOf(targets),
      ...scope,
      ...rows,
      ...kind.needs,
      otherTexts: kind.needs.other ? 1_000 : 0,
    });
    const oracle = expected(versions, c, question);
    const label = `question ${question.id}`;
    assert.deepEqual(kind.assemble(figures, question), oracle.summary, label);
    assert.equal(figures.reached, oracle.shown, `${label} shown`);
    assert.deepEqual(counts, { started: oracle.started, completed: oracle.completed });
    if (kind.needs.bins) assert.deepEqual(figures.numbers?.bins, binsOf(oracle.nums), label);
  }
}

/** The histogram's counts, from the numbers themselves. */
/** The number figures of `nums` worked out in JavaScript (middle: the one or two medians). */
function numbersOf(nums: readonly number[]) {
  if (nums.length === 0) return { count: 0, sum: null, min: null, max: null, middle: [], bins: [] };
  const sorted = [...nums].sort((a, b) => a - b);
  const lower = (nums.length - 1) >> 1;
  return {
    count: nums.length,
    sum: nums.reduce((a, b) => a + b, 0),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    middle: nums.length % 2 === 0 ? [sorted[lower], sorted[lower + 1]] : [sorted[lower]],
    bins: binsOf(nums),
  };
}

/**
 * A survey of one number question with more distinct answers than the histogram takes, each
 * answer a completed response: halves, distinct, in a scrambled order (exact sums whatever
 * the order of adding).
 */
async function manyNumbers(storage: Storage) {
  const s = survey('many', {
    title: 'Many',
    questions: [{ id: 'n', type: 'number', text: 'N', required: false }],
  });
  const question = s.questions[0];
  assert.ok(question !== undefined);
  const definition = canonicalDefinition(s);
  const v = await storage.registerVersion({
    survey: 'many',
    hash: definition,
    definition,
    at: new Date(),
  });
  const versions = [{ id: v.id, number: v.number, survey: s }];
  const many = NUMBER_HISTOGRAM_LIMIT + 2;
  const nums = Array.from({ length: many }, (_, i) => ((i * 37) % many) / 2 - 100);
  for (const num of nums) {
    const id = await storage.createResponse({
      survey: 'many',
      versionId: v.id,
      startedAt: new Date(),
    });
    const outcome = await storage.recordAnswer({
      responseId: id,
      survey: 'many',
      question: 0,
      ...toStoredValues(question, { value: num, comment: null }),
      completes: true,
      at: new Date(),
    });
    assert.equal(outcome.kind, 'recorded');
  }
  const targets = targetsOf(question, versions);
  const query = {
    targets,
    reached: reachedOf(targets),
    completed: false,
    filters: [],
    ...figuresOf(question).needs,
    otherTexts: 0,
  };
  return { query, nums, targets, versionIds: [v.id] };
}

function binsOf(nums: readonly number[]) {
  if (nums.length === 0) return [];
  const edges = binEdges(Math.min(...nums), Math.max(...nums));
  return edges.map((e, i) => ({
    ...e,
    count: nums.filter((n) => n >= e.from && (i === edges.length - 1 || n < e.to)).length,
  }));
}

function caseOf(): fc.Arbitrary<Case> {
  return fc.record({
    respondents: fc.array(respondent(definitions('x')), { maxLength: 12 }),
    completed: fc.boolean(),
    filters: fc.subarray(FILTERS, { maxLength: 2 }),
    memo: fc.boolean(),
    held: fc.boolean(),
    gap: fc.boolean(),
  });
}

interface Engine {
  name: string;
  open(): Promise<{
    storage: Storage;
    /** Moves the responses' ids on by `n`: the next response's id is `n` past the last's. */
    skipIds: (n: number) => Promise<void>;
    dispose: () => Promise<void>;
  }>;
}

const sqlite: Engine = {
  name: 'sqlite',
  async open() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canvass-figures-'));
    const file = path.join(dir, 'canvass.db');
    const storage = await openStorage(`sqlite:${file}`);
    return {
      storage,
      skipIds(n) {
        const db = new BetterSqlite3(file);
        try {
          db.prepare(`update sqlite_sequence set seq = seq + ? where name = 'responses'`).run(n);
        } finally {
          db.close();
        }
        return Promise.resolve();
      },
      async dispose() {
        await storage.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: Engine = {
  name: 'postgres',
  async open() {
    const database = await createTestDatabase();
    const storage = await openStorage(database.url);
    return {
      storage,
      skipIds: (n) =>
        executeOn(
          database.url,
          `select setval(pg_get_serial_sequence('responses', 'id'), nextval(pg_get_serial_sequence('responses', 'id')) + ${String(n)})`,
        ),
      async dispose() {
        await storage.close();
        await database.drop();
      },
    };
  },
};

// In CI a missing PostgreSQL fails the run; elsewhere its half is skipped, loudly.
const postgresMissing = await postgresUnavailableReason();
if (postgresMissing !== undefined && process.env.CI === 'true') throw new Error(postgresMissing);
if (postgresMissing !== undefined) console.warn(`Skipping PostgreSQL: ${postgresMissing}`);
const engines = postgresMissing === undefined ? [sqlite, postgres] : [sqlite];

for (const engine of engines) {
  describe(`results figures on ${engine.name}`, () => {
    test('every kind’s SQL figures equal its oracle, across versions, filtered and not', async () => {
      const { storage, skipIds, dispose } = await engine.open();
      let run = 0;
      try {
        await fc.assert(
          fc.asyncProperty(caseOf(), async (c) => {
            run += 1;
            await check(storage, `s${run}`, c, skipIds);
          }),
          { numRuns: 25 },
        );
      } finally {
        await dispose();
      }
    });

    test('more distinct numbers than the histogram takes are figured in SQL, the same', async () => {
      const { storage, dispose } = await engine.open();
      try {
        const { query, nums } = await manyNumbers(storage);
        const figures = await storage.questionFigures(query);
        assert.deepEqual(figures.numbers, numbersOf(nums));
        assert.equal(figures.answered, nums.length);
      } finally {
        await dispose();
      }
    });

    test('a cross-tab’s groups of many distinct numbers are figured in SQL per group, the same', async () => {
      const { storage, dispose } = await engine.open();
      try {
        const { query, nums, versionIds, targets } = await manyNumbers(storage);
        const range = (min: number, max: number) => ({ kind: 'range' as const, targets, min, max });
        const scope = { versionIds, completed: false, filters: [] };
        const all = range(-1000, 1000);
        const negative = range(-1000, -0.5);
        const rest = range(0, 1000);
        const among = (min: number, max: number) => nums.filter((n) => n >= min && n <= max);
        // Three groups, no response in two (empty ones too): PostgreSQL's map of each id's
        // group; four: SQLite's too; responses in two: a set per group on PostgreSQL, SQLite's
        // (id, grp) table from four.
        for (const [filters, form] of [
          [
            [all, range(5000, 6000), range(7000, 8000)],
            engine.name === 'postgres' ? 'grouped' : 'sets',
          ],
          [[negative, range(5000, 6000), rest, range(7000, 8000)], 'grouped'],
          [[all, negative, rest, all], engine.name === 'postgres' ? 'sets' : 'table'],
        ] as const) {
          const grouped = await storage.group(scope, filters);
          try {
            assert.ok(grouped.groups[form] !== undefined, `groups read as ${form}`);
            const figures = await storage.groupFigures(query, grouped.groups);
            assert.deepEqual(
              figures.map((f) => f.numbers),
              filters.map((f) => numbersOf(among(f.min, f.max))),
            );
            assert.deepEqual(
              figures.map((f) => f.answered),
              filters.map((f) => among(f.min, f.max).length),
            );
            const counts = await storage.groupScopeCounts(grouped.groups);
            assert.deepEqual(
              counts,
              filters.map((f) => ({
                started: among(f.min, f.max).length,
                completed: among(f.min, f.max).length,
              })),
            );
          } finally {
            await grouped.release();
          }
        }
      } finally {
        await dispose();
      }
    });

    test('a cross-tab’s figures in scope are the scope’s own: on PostgreSQL its groups’ and their rest’s added up', async () => {
      const { storage, dispose } = await engine.open();
      try {
        const { query, nums, versionIds, targets } = await manyNumbers(storage);
        const range = (min: number, max: number) => ({ kind: 'range' as const, targets, min, max });
        // Disjoint groups (one empty) that leave most responses out: the rest, whose numbers
        // take the scope past the histogram, so its figures come from SQL over every group.
        const filters = [range(-1000, -0.5), range(5000, 6000), range(0, 10)];
        const grouped = await storage.group({ versionIds, completed: false, filters: [] }, filters);
        try {
          assert.equal(grouped.groups.grouped?.rest ?? false, engine.name === 'postgres');
          const cross = await storage.crossFigures(query, grouped.groups);
          assert.deepEqual(cross.all, await storage.questionFigures(query));
          assert.equal(cross.all.answered, nums.length);
          assert.deepEqual(cross.groups, await storage.groupFigures(query, grouped.groups));
          assert.deepEqual(
            cross.groups.map((f) => f.answered),
            filters.map((f) => nums.filter((n) => n >= f.min && n <= f.max).length),
          );
        } finally {
          await grouped.release();
        }
      } finally {
        await dispose();
      }
    });

    test('responses spanning more ids than a map holds are narrowed another way, the same', async () => {
      const { storage, skipIds, dispose } = await engine.open();
      try {
        // Every respondent completes, so the completed ones come before and after the gap.
        const respondents = fc
          .sample(respondent(definitions('x')), { numRuns: 8, seed: 17 })
          .map((r) => ({ ...r, submitted: r.values.length }));
        const c = { respondents, completed: true, filters: [], memo: false, held: true, gap: true };
        await check(storage, 'wide', c, skipIds);
        const versionIds = (await storage.listVersions('wide')).map((v) => v.id);
        const narrowed = await storage.narrow({ versionIds, completed: true, filters: [] });
        try {
          // SQLite reads a temporary table; PostgreSQL (a pool) holds none: each query narrows.
          if (engine.name === 'sqlite') assert.ok(narrowed.set && 'table' in narrowed.set);
          else assert.equal(narrowed.set, undefined);
        } finally {
          await narrowed.release();
        }
        const small = await storage.narrow({ versionIds, completed: false, filters: [] });
        assert.equal(small.set, undefined, 'a scope that narrows nothing holds no set');
      } finally {
        await dispose();
      }
    });

    test('the figures of a question nobody answered are zeros and nulls', async () => {
      const { storage, dispose } = await engine.open();
      try {
        await check(storage, 'empty', {
          respondents: [],
          completed: false,
          filters: [],
          memo: true,
          held: false,
          gap: false,
        });
      } finally {
        await dispose();
      }
    });
  });
}
