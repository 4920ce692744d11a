/**
 * The §10 figures of one question (SURVEYS.md), computed by the database: GROUP BY counts over
 * answers_version_question_answer and answer_items_version_question, number aggregates over
 * answers_version_question_num, the median by ORDER BY num LIMIT/OFFSET (the same SQL on both
 * engines: PostgreSQL's percentile_cont has no SQLite twin). No response is loaded into
 * JavaScript; what comes back is a few rows per question. COUNT is a bigint on PostgreSQL,
 * which pg hands over as a string, hence the `Number`s.
 */
import type { Expression, Kysely, RawBuilder, SelectQueryBuilder, SqlBool } from 'kysely';
import { sql } from './kysely.js';
import type {
  TextQuery,
  FigureQuery,
  GroupMap,
  GroupSet,
  PageCounts,
  PageQuery,
  PageTarget,
  Narrowing,
  NumberFigures,
  QuestionFigures,
  ResponseScope,
  ScopedComment,
  StoredText,
  QuestionTarget,
} from './contract.js';
import type { Database } from './schema.js';
import { inScope, onTargets, versionsOf, withGroupFilter } from './scope.js';

type Scope = Narrowing;

/** Where a counted row's response id is read. */
type Ref = 'a.response_id' | 'r.id';

/**
 * The groups of a cross-tab as the queries read them, every group's aggregates from one pass
 * grouped by `grp` as well. Undefined: one group, the scope itself.
 */
interface By {
  /** How many groups: `grp` is 0 to count - 1. */
  readonly count: number;
  /** Tells one group set from another in {@link RowCounts} keys. */
  readonly key: string;
  /** `query` kept to the rows of responses in some group (each group is in scope already). */
  keep<Q>(query: Q, ref: Ref): Q;
  /** The group of a row `keep` kept. */
  grp(ref: Ref): RawBuilder<number>;
  /** What `GROUP BY` names the group by (after the select's `grp`). */
  readonly groupBy: RawBuilder<unknown>;
  /**
   * Whether the last group is the rest of the scope (GroupMap's `rest`): a query then keeps
   * to the scope, not to the groups' rows.
   */
  readonly rest: boolean;
}

/**
 * The groups read from the temporary table of (id, grp) (SQLite): joined to the counted rows.
 * The unary `+` keeps SQLite reading the counted rows' index in order and probing the groups
 * for each, as {@link inScope} does.
 */
function byTable(groups: GroupSet, table: string): By {
  return {
    count: groups.filters.length,
    key: table,
    keep: <Q>(query: Q, ref: Ref) =>
      (query as unknown as AnyQuery).innerJoin(sql`temp.${sql.raw(table)}`.as('g'), (join) =>
        join.on(sql<SqlBool>`g.id = +${sql.ref(ref)}`),
      ) as unknown as Q,
    grp: () => sql<number>`g.grp`,
    groupBy: sql`g.grp`,
    rest: false,
  };
}

/**
 * The groups read from a map of each id's group (decisions 0029 and 0030): the byte at the row's
 * own position, 0 for none. PostgreSQL reads it with `get_byte`, in a CASE since one past the
 * end fails; SQLite as a one-byte blob (`substr` of a blob is a slice, empty past either end,
 * hence the range test), its value by `unicode`, which reads a byte below 0x80 as itself (so at
 * most 127 groups there, scope.ts). With a rest (decision 0031), byte 0 is one group more, last,
 * and a query keeps to the scope rather than to the groups' rows ({@link joinedTo}).
 */
function byMap(groups: GroupSet, grouped: GroupMap): By {
  const { map, first, last, rest } = grouped;
  const count = groups.filters.length;
  const at = (ref: Ref) => sql`+${sql.ref(ref)}`;
  const pg = grouped.read === 'get_byte';
  const blob = (ref: Ref) => sql`substr(${map}, ${at(ref)} - ${first - 1}, 1)`;
  const byte = (ref: Ref) =>
    pg
      ? sql<number>`(case when ${at(ref)} between ${first} and ${last} then get_byte(${map}::bytea, (${at(ref)} - ${first})::int) else 0 end)`
      : sql<number>`unicode(${blob(ref)})`;
  return {
    count: count + (rest ? 1 : 0),
    key: grouped.key,
    keep: <Q>(query: Q, ref: Ref) =>
      (query as unknown as AnyQuery).where(
        pg
          ? sql<SqlBool>`${byte(ref)} > 0`
          : sql<SqlBool>`(${at(ref)} between ${first} and ${last} and ${blob(ref)} <> x'00')`,
      ) as unknown as Q,
    grp: (ref) =>
      rest
        ? sql<number>`(${byte(ref)} + ${sql.lit(count)}) % ${sql.lit(count + 1)}`
        : sql<number>`${byte(ref)} - 1`,
    // The select's `grp` by name: PostgreSQL does not take the same CASE, its parameters
    // numbered anew, for the select's, and it would bind the map once more.
    groupBy: sql.ref('grp'),
    rest,
  };
}

/** `groups` as one grouped pass reads them, or undefined for a pass per group. */
function groupedBy(groups: GroupSet): By | undefined {
  if (groups.table !== undefined) return byTable(groups, groups.table);
  return groups.grouped === undefined ? undefined : byMap(groups, groups.grouped);
}

/**
 * Without a table of the groups (PostgreSQL, whose pool has no place for one; SQLite with fewer
 * than GROUPED_FROM groups), each group is counted in a pass of its own: the narrowing with the
 * group's filter added, read from the group's set, a map of its ids read at each counted row's
 * position (decision 0028), or without one (ids spanning too many) from its filters.
 */
function eachGroup<T extends Narrowing, R>(
  query: T,
  groups: GroupSet,
  run: (narrowed: T) => Promise<R>,
): Promise<R[]> {
  // The group's own set when it has one, else the filters with the group's.
  return Promise.all(
    groups.filters.map((filter, i) => {
      const set = groups.sets?.[i];
      const narrowed = withGroupFilter(query, filter);
      return run(set === undefined ? narrowed : { ...narrowed, set });
    }),
  );
}

/** The rows of `answers` for `targets` in scope (in each group's scope, with `by`). */
function answersOf(
  db: Kysely<Database>,
  targets: readonly QuestionTarget[],
  scope: Scope,
  by?: By,
) {
  return joinedTo(
    db.selectFrom('answers as a').where(onTargets('a', targets)),
    'a.response_id',
    scope,
    versionsOf(targets),
    by,
  );
}

/**
 * `query` kept to the responses in scope: ungrouped, or grouped with the rest of the scope as a
 * group, a condition on `ref`; grouped otherwise, to the groups' rows, which are in scope
 * already.
 */
function joinedTo<Q>(
  query: Q,
  ref: Ref,
  scope: Scope,
  versionIds: readonly number[],
  by: By | undefined,
): Q {
  // The groups are read through raw SQL only (grpOf, byGroup), so Q's type stays as it was.
  if (by !== undefined && !by.rest) return by.keep(query, ref);
  return (query as unknown as AnyQuery).where(inScope(ref, scope, versionIds)) as unknown as Q;
}

/** A select over any tables, for the steps above that do not depend on which. */
type AnyQuery = SelectQueryBuilder<Record<string, Record<string, unknown>>, string, object>;

/** The group of each row read at `ref`, or 0 for the one group of an ungrouped query. */
const grpOf = (by: By | undefined, ref: Ref = 'a.response_id') =>
  (by === undefined ? sql<number>`0` : by.grp(ref)).as('grp');

/** `GROUP BY` the group when grouped (and nothing else). */
function byGroup<Q>(query: Q, by: By | undefined): Q {
  return by === undefined
    ? query
    : ((query as unknown as AnyQuery).groupBy(by.groupBy) as unknown as Q);
}

/** Rows with a `grp` sorted into one list per group. */
function bucket<T extends { grp: number | string }>(rows: readonly T[], count: number): T[][] {
  const lists = Array.from({ length: count }, (): T[] => []);
  for (const row of rows) lists[Number(row.grp)]?.push(row);
  return lists;
}

/** `count(*)` of a query, per group. */
async function countsOf(
  query: ReturnType<typeof answersOf>,
  by: By | undefined,
): Promise<number[]> {
  const rows = await byGroup(
    query.select((eb) => [grpOf(by), eb.fn.countAll().as('n')]),
    by,
  ).execute();
  return bucket(rows, by?.count ?? 1).map((list) => Number(list[0]?.n ?? 0));
}

const toNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const add = (a: readonly number[], b: readonly number[]) => a.map((n, i) => n + (b[i] ?? 0));

export async function questionFigures(
  db: Kysely<Database>,
  query: FigureQuery,
): Promise<QuestionFigures> {
  const [figures] = await figuresByGroup(db, query, undefined);
  if (figures === undefined) throw new Error('questionFigures: no figures');
  return figures;
}

/** `Storage.groupFigures`: a question's figures in each group of `groups`, in one pass. */
export function groupFigures(
  db: Kysely<Database>,
  query: FigureQuery,
  groups: GroupSet,
): Promise<QuestionFigures[]> {
  const one = { ...query, otherTexts: 0 };
  const by = groupedBy(groups);
  return by === undefined
    ? eachGroup(one, groups, (narrowed) => questionFigures(db, narrowed))
    : figuresByGroup(db, one, by).then((figures) => figures.slice(0, groups.filters.length));
}

/**
 * `Storage.crossFigures`. speed: where the groups' map has a rest (PostgreSQL, decision 0031),
 * the scope's figures are the groups' and the rest's added up, from the one grouped pass: no
 * pass of the scope's own beside it (a third of a cross-tab's queries).
 */
export async function crossFigures(
  db: Kysely<Database>,
  query: FigureQuery,
  groups: GroupSet,
): Promise<{ all: QuestionFigures; groups: QuestionFigures[] }> {
  const one = { ...query, otherTexts: 0 };
  const by = groupedBy(groups);
  if (by === undefined || groups.grouped?.rest !== true) {
    const [all, each] = await Promise.all([
      questionFigures(db, one),
      groupFigures(db, one, groups),
    ]);
    return { all, groups: each };
  }
  const figures = await figuresByGroup(db, one, by, true);
  const all = figures[by.count];
  if (all === undefined) throw new Error('crossFigures: no figures of the scope');
  return { all, groups: figures.slice(0, groups.filters.length) };
}

/**
 * A question's figures in each group of `by` (the scope itself without), and with `withAll` one
 * more, last: every group's added up, the scope's where the groups and the map's rest cover it
 * ({@link crossFigures}).
 */
async function figuresByGroup(
  db: Kysely<Database>,
  query: FigureQuery,
  by: By | undefined,
  withAll = false,
): Promise<QuestionFigures[]> {
  const answers = () => answersOf(db, query.targets, query, by);
  const own = ownRows(answers, query.values, by);
  const total = own.then((o) => o.map((g) => g.total));
  query.rows?.set(rowsKey(query.targets, query, by), total);
  const [rows, current, mine, counted, items, numbers, other] = await Promise.all([
    sameTargets(query.reached, query.targets) ? total : rowCounts(db, query.reached, query, by),
    currentCounts(db, query.current ?? [], query.targets, query, by),
    own,
    answeredBeyond(answers, query, by),
    query.items ? itemCounts(db, query, by, withAll) : undefined,
    query.numbers ? numberFigures(answers, query.bins, by, withAll) : undefined,
    query.other ? otherTexts(answers, query.otherTexts, by) : undefined,
  ]);
  const figures: QuestionFigures[] = mine.map((m, i) => ({
    reached: (rows[i] ?? 0) + (current[i] ?? 0),
    answered: m.nonEmpty + (counted[i] ?? 0),
    values: query.values ? m.values : [],
    items: items?.[i] ?? [],
    ...(numbers?.[i] === undefined ? {} : { numbers: numbers[i] }),
    other: other?.[i] ?? { count: 0, texts: [] },
  }));
  if (!withAll) return figures;
  const sum = (counts: readonly number[]) => counts.reduce((n, c) => n + c, 0);
  const values = new Map<string, number>();
  for (const f of figures)
    for (const v of f.values) values.set(v.value, (values.get(v.value) ?? 0) + v.count);
  const all = numbers?.[figures.length];
  figures.push({
    reached: sum(figures.map((f) => f.reached)),
    answered: sum(figures.map((f) => f.answered)),
    values: [...values].map(([value, count]) => ({ value, count })),
    items: items?.[figures.length] ?? [],
    ...(all === undefined ? {} : { numbers: all }),
    other: { count: sum(figures.map((f) => f.other.count)), texts: [] },
  });
  return figures;
}

/**
 * speed: a question's own rows read once for what they give: how many (the next question's
 * "reached" in the classic flow), how many have a value, and with `values` the count of each.
 * Reading them once a figure read every row of a question three or four times, each time
 * probing a narrowed set (docs/decisions/0026-results-in-one-pass.md).
 */
async function ownRows(
  answers: () => ReturnType<typeof answersOf>,
  values: boolean,
  by: By | undefined,
): Promise<{ total: number; nonEmpty: number; values: { value: string; count: number }[] }[]> {
  const count = by?.count ?? 1;
  if (values) {
    // One range of answers_results_answer in the answers' order: no sort.
    const rows = await byGroup(
      answers().select((eb) => [grpOf(by), 'a.answer', eb.fn.countAll().as('n')]),
      by,
    )
      .groupBy('a.answer')
      .execute();
    return bucket(rows, count).map((list) => {
      let total = 0;
      const counts: { value: string; count: number }[] = [];
      for (const row of list) {
        const n = Number(row.n);
        total += n;
        if (row.answer !== '') counts.push({ value: row.answer, count: n });
      }
      return { total, nonEmpty: counts.reduce((sum, v) => sum + v.count, 0), values: counts };
    });
  }
  // Free text: as many values as answers, so only counted.
  const rows = await byGroup(
    answers().select((eb) => [
      grpOf(by),
      eb.fn.countAll().as('n'),
      sql<number | string>`count(case when a.answer <> '' then 1 end)`.as('valued'),
    ]),
    by,
  ).execute();
  return bucket(rows, count).map(([row]) => ({
    total: Number(row?.n ?? 0),
    nonEmpty: Number(row?.valued ?? 0),
    values: [],
  }));
}

/** The rows of `targets` in scope, read once per request when the scope keeps `rows`. */
function rowCounts(
  db: Kysely<Database>,
  targets: readonly QuestionTarget[],
  scope: Scope,
  by: By | undefined,
): Promise<readonly number[]> {
  const key = scope.rows === undefined ? undefined : rowsKey(targets, scope, by);
  const known = key === undefined ? undefined : scope.rows?.get(key);
  if (known !== undefined) return known;
  const counts = countsOf(answersOf(db, targets, scope, by), by);
  if (key !== undefined) scope.rows?.set(key, counts);
  return counts;
}

function rowsKey(targets: readonly QuestionTarget[], scope: Scope, by: By | undefined): string {
  const narrowed = JSON.stringify([
    scope.completed,
    scope.filters,
    scope.started ?? null,
    scope.set?.key ?? null,
    by?.key ?? null,
  ]);
  return `${narrowed}|${targets.map((t) => `${String(t.versionId)}:${String(t.question)}`).join(',')}`;
}

function sameTargets(a: readonly QuestionTarget[], b: readonly QuestionTarget[]): boolean {
  return (
    a.length === b.length &&
    a.every((t, i) => {
      const u = b[i];
      return u !== undefined && t.versionId === u.versionId && t.question === u.question;
    })
  );
}

/**
 * How many answered beyond the rows with a value ({@link ownRows}): an answer is a value, an
 * Other text or items. Disjoint parts, each read from an index alone: those that are only an
 * Other text (the partial index of 0018), and, for kinds with items, those with items, whose
 * own row keeps how many in `num` (migration 0019: one range of answers_results_num, where a
 * probe of the items for every row was the results' largest cost). One `answer <> '' or other
 * is not null` read `other` from the table on every row.
 */
async function answeredBeyond(
  answers: () => ReturnType<typeof answersOf>,
  query: FigureQuery,
  by: By | undefined,
): Promise<readonly number[]> {
  const none = Array.from({ length: by?.count ?? 1 }, () => 0);
  const empty = () => answers().where('a.answer', '=', '');
  if (query.values) {
    return query.other ? countsOf(empty().where('a.other', 'is not', null), by) : none;
  }
  // An answer with items has no value of its own, so `num` alone tells it (rowNum).
  const parts = await Promise.all(
    query.items
      ? [
          countsOf(answers().where('a.num', 'is not', null), by),
          countsOf(empty().where('a.other', 'is not', null).where('a.num', 'is', null), by),
        ]
      : [countsOf(empty().where('a.other', 'is not', null), by)],
  );
  return parts.reduce(add, none);
}

async function itemCounts(
  db: Kysely<Database>,
  query: FigureQuery,
  by: By | undefined,
  withAll = false,
) {
  const lists = await itemCountsByGroup(db, query, by);
  return withAll ? [...lists, await itemsOfAll(db, query, lists)] : lists;
}

type ItemCount = Awaited<ReturnType<typeof itemCountsByGroup>>[number][number];

/**
 * The groups' item counts added up: counts exactly; sums too while every one is a whole number
 * (a grid's or a ranking's values), else read in a pass of their own, since floating-point sums
 * added in another order may differ in their last digit from SQL's.
 */
async function itemsOfAll(
  db: Kysely<Database>,
  query: FigureQuery,
  lists: readonly (readonly ItemCount[])[],
): Promise<ItemCount[]> {
  const parts = lists.flat();
  if (parts.some((p) => p.sum !== null && !Number.isInteger(p.sum))) {
    const [all] = await itemCountsByGroup(db, query, undefined);
    return all ?? [];
  }
  const merged = new Map<string, ItemCount>();
  for (const p of parts) {
    const key = JSON.stringify([p.item, p.value]);
    const seen = merged.get(key);
    merged.set(
      key,
      seen === undefined
        ? p
        : {
            ...seen,
            count: seen.count + p.count,
            sum: seen.sum === null && p.sum === null ? null : (seen.sum ?? 0) + (p.sum ?? 0),
            valued: seen.valued + p.valued,
          },
    );
  }
  return [...merged.values()];
}

async function itemCountsByGroup(db: Kysely<Database>, query: FigureQuery, by: By | undefined) {
  const rows = await byGroup(
    joinedTo(
      db.selectFrom('answer_items as a').where(onTargets('a', query.targets)),
      'a.response_id',
      query,
      versionsOf(query.targets),
      by,
    ).select((eb) => [
      grpOf(by),
      'a.item',
      'a.value',
      eb.fn.countAll().as('n'),
      eb.fn.sum<number | string | null>('a.num').as('total'),
      eb.fn.count('a.num').as('valued'),
    ]),
    by,
  )
    .groupBy(['a.item', 'a.value'])
    .execute();
  return bucket(rows, by?.count ?? 1).map((list) =>
    list.map((r) => ({
      item: r.item,
      value: r.value,
      count: Number(r.n),
      sum: toNumber(r.total),
      valued: Number(r.valued),
    })),
  );
}

/**
 * Distinct numbers a question's figures are worked out from in JavaScript at most (per group):
 * a rating, an NPS, a date or a number with a few hundred values gives its count, sum, range,
 * median and histogram from one GROUP BY over answers_results_num; more than this, and SQL
 * computes them.
 */
export const NUMBER_HISTOGRAM_LIMIT = 1000;

/**
 * speed: one pass of the numbers' index, grouped by value (in the index's order, no sort):
 * every figure follows from how many gave each value. The SQL aggregates, the median's
 * ORDER BY … OFFSET and the histogram's CASEs read the same rows three times (the CASEs alone
 * cost as much as the rest).
 */
async function numberFigures(
  answers: () => ReturnType<typeof answersOf>,
  bins: boolean,
  by: By | undefined,
  withAll = false,
): Promise<NumberFigures[]> {
  const count = by?.count ?? 1;
  const cap = (NUMBER_HISTOGRAM_LIMIT + 1) * count;
  const rows = await byGroup(
    answers()
      .where('a.num', 'is not', null)
      .select((eb) => [grpOf(by), 'a.num', eb.fn.countAll().as('n')]),
    by,
  )
    .groupBy('a.num')
    .orderBy('a.num')
    .limit(cap)
    .execute();
  const lists = bucket(rows, count);
  const histogram = (list: readonly { num: number | null; n: unknown }[]) =>
    list.map((r) => ({ value: Number(r.num), count: Number(r.n) }));
  // The groups' histograms added up, while they are whole; else all in SQL, every group's rows.
  const all = () => {
    const merged = new Map<number, number>();
    for (const h of lists.flatMap(histogram))
      merged.set(h.value, (merged.get(h.value) ?? 0) + h.count);
    return rows.length < cap && merged.size <= NUMBER_HISTOGRAM_LIMIT
      ? Promise.resolve(
          numbersOfHistogram(
            [...merged].sort(([a], [b]) => a - b).map(([value, n]) => ({ value, count: n })),
            bins,
          ),
        )
      : numberAggregates(answers, bins);
  };
  return Promise.all([
    ...lists.map((list, i) =>
      rows.length < cap && list.length <= NUMBER_HISTOGRAM_LIMIT
        ? Promise.resolve(numbersOfHistogram(histogram(list), bins))
        : numberAggregates(
            () =>
              by === undefined
                ? answers()
                : answers().where(sql<SqlBool>`${by.grp('a.response_id')} = ${i}`),
            bins,
          ),
    ),
    ...(withAll ? [all()] : []),
  ]);
}

/** The figures of numbers given as (value, how many), ascending by value. */
export function numbersOfHistogram(
  histogram: readonly { value: number; count: number }[],
  bins: boolean,
): NumberFigures {
  const count = histogram.reduce((n, h) => n + h.count, 0);
  if (count === 0) return { count, sum: null, min: null, max: null, middle: [], bins: [] };
  let sum = 0;
  for (const h of histogram) sum += h.value * h.count;
  const min = histogram[0]?.value ?? null;
  const max = histogram[histogram.length - 1]?.value ?? null;
  const lower = (count - 1) >> 1;
  const positions = count % 2 === 0 ? [lower, lower + 1] : [lower];
  const middle: number[] = [];
  let before = 0;
  for (const h of histogram) {
    for (const p of positions) if (p >= before && p < before + h.count) middle.push(h.value);
    before += h.count;
  }
  return {
    count,
    sum,
    min,
    max,
    middle,
    bins:
      !bins || min === null || max === null
        ? []
        : binEdges(min, max).map((e, i, edges) => ({
            ...e,
            count: histogram
              .filter((h) => h.value >= e.from && (i === edges.length - 1 || h.value < e.to))
              .reduce((n, h) => n + h.count, 0),
          })),
  };
}

/** The figures of more distinct numbers than {@link NUMBER_HISTOGRAM_LIMIT}, all in SQL. */
async function numberAggregates(
  answers: () => ReturnType<typeof answersOf>,
  bins: boolean,
): Promise<NumberFigures> {
  const row = await answers()
    .where('a.num', 'is not', null)
    .select((eb) => [
      eb.fn.count('a.num').as('n'),
      eb.fn.sum<number | string | null>('a.num').as('total'),
      eb.fn.min('a.num').as('lo'),
      eb.fn.max('a.num').as('hi'),
    ])
    .executeTakeFirst();
  const count = Number(row?.n ?? 0);
  const middle =
    count === 0
      ? []
      : await answers()
          .where('a.num', 'is not', null)
          .select('a.num')
          .orderBy('a.num')
          .limit(count % 2 === 0 ? 2 : 1)
          .offset((count - 1) >> 1)
          .execute();
  const min = toNumber(row?.lo);
  const max = toNumber(row?.hi);
  return {
    count,
    sum: toNumber(row?.total),
    min,
    max,
    middle: middle.map((r) => Number(r.num)),
    bins: !bins || min === null || max === null ? [] : await binCounts(answers, binEdges(min, max)),
  };
}

/**
 * Up to ten equal ranges from `min` to `max` for a histogram: one per whole number when the
 * answers are whole numbers less than ten apart (a rating-like scale), else tenths of the span.
 */
export function binEdges(min: number, max: number): { from: number; to: number }[] {
  const span = max - min;
  if (span === 0) return [{ from: min, to: max }];
  const whole = Number.isInteger(min) && Number.isInteger(max) && span < 10;
  const width = whole ? 1 : span / 10;
  const n = whole ? span + 1 : 10;
  return Array.from({ length: n }, (_, i) => ({
    from: min + i * width,
    to: i === n - 1 ? max : min + (i + 1) * width,
  }));
}

/** One pass over the question's numbers: a CASE per range, each half-open but the last. */
async function binCounts(
  answers: () => ReturnType<typeof answersOf>,
  edges: readonly { from: number; to: number }[],
) {
  const last = edges.length - 1;
  const row = await answers()
    .where('a.num', 'is not', null)
    .select(
      edges.map((e, i) =>
        (i === last
          ? sql<number | string | null>`sum(case when a.num >= ${e.from} then 1 else 0 end)`
          : sql<
              number | string | null
            >`sum(case when a.num >= ${e.from} and a.num < ${e.to} then 1 else 0 end)`
        ).as(`b${i}`),
      ),
    )
    .executeTakeFirst();
  const counts = row as Record<string, unknown> | undefined;
  return edges.map((e, i) => ({ ...e, count: Number(counts?.[`b${i}`] ?? 0) }));
}

/** How many Other texts, per group; the first `limit` of them (ungrouped only). */
async function otherTexts(
  answers: () => ReturnType<typeof answersOf>,
  limit: number,
  by: By | undefined,
) {
  const withOther = () => answers().where('a.other', 'is not', null);
  const [counts, texts] = await Promise.all([
    countsOf(withOther(), by),
    limit === 0 || by !== undefined
      ? Promise.resolve([])
      : withOther().select(['a.other']).orderBy('a.response_id').limit(limit).execute(),
  ]);
  return counts.map((count) => ({ count, texts: texts.map((r) => r.other ?? '') }));
}

/**
 * The responses in scope, not completed, whose current page (`responses.frontier`, a range of
 * the partial index responses_version_frontier) is one of `pages` and that have no row for any
 * of `targets` (a probe of the answers' primary key): those reached a page of a path survey
 * without having submitted it. A response completed has no frontier, so a `completed` scope has
 * none. Per group.
 */
async function currentCounts(
  db: Kysely<Database>,
  pages: readonly PageTarget[],
  targets: readonly QuestionTarget[],
  scope: Scope,
  by: By | undefined,
): Promise<readonly number[]> {
  const count = by?.count ?? 1;
  if (pages.length === 0 || scope.completed) return Array.from({ length: count }, () => 0);
  const onPages = sql<boolean>`(${sql.join(
    pages.map((p) => sql`(r.version_id = ${p.versionId} and r.frontier = ${p.page})`),
    sql` or `,
  )})`;
  const query = db
    .selectFrom('responses as r')
    // Spelled out so SQLite sees that the partial index (frontier is not null) applies.
    .where('r.frontier', 'is not', null)
    .where(onPages)
    .where('r.completed_at', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('answers as a')
            .select(sql`1`.as('one'))
            .whereRef('a.response_id', '=', 'r.id')
            .where(onQuestionsOf('a', targets)),
        ),
      ),
    );
  const rows = await byGroup(
    joinedTo(query, 'r.id', scope, versionsOf(targets), by).select((eb) => [
      grpOf(by, 'r.id'),
      eb.fn.countAll().as('n'),
    ]),
    by,
  ).execute();
  return bucket(rows, count).map(([row]) => Number(row?.n ?? 0));
}

/**
 * A page of a path survey (SURVEYS.md §10, drop-off per page): the responses in scope with a row
 * for any of its questions (every question asked on a submitted page has one, even empty), and
 * those plus the responses whose current page it is.
 */
export async function pageCounts(db: Kysely<Database>, query: PageQuery): Promise<PageCounts> {
  const [counts] = await pageCountsByGroup(db, query, undefined);
  return counts ?? { submitted: 0, reached: 0 };
}

/** `Storage.groupPageCounts`: {@link pageCounts} in each group of `groups`. */
export function groupPageCounts(
  db: Kysely<Database>,
  query: PageQuery,
  groups: GroupSet,
): Promise<PageCounts[]> {
  const by = groupedBy(groups);
  return by === undefined
    ? eachGroup(query, groups, (narrowed) => pageCounts(db, narrowed))
    : pageCountsByGroup(db, query, by).then((c) => c.slice(0, groups.filters.length));
}

async function pageCountsByGroup(
  db: Kysely<Database>,
  query: PageQuery,
  by: By | undefined,
): Promise<PageCounts[]> {
  const [submitted, current] = await Promise.all([
    byGroup(
      joinedTo(
        db.selectFrom('answers as a').where(onQuestionsOf('a', query.targets)),
        'a.response_id',
        query,
        versionsOf(query.targets),
        by,
      ).select(({ fn }) => [grpOf(by), fn.count('a.response_id').distinct().as('n')]),
      by,
    )
      .execute()
      .then((rows) => bucket(rows, by?.count ?? 1).map(([row]) => Number(row?.n ?? 0))),
    currentCounts(db, query.current, query.targets, query, by),
  ]);
  return submitted.map((n, i) => ({ submitted: n, reached: n + (current[i] ?? 0) }));
}

/**
 * `(version_id = v and question in (…)) or …`, one term per version: SQLite reads one range of
 * (version_id, question) per question this way, where the same targets spelled out one by one
 * made it read every answer of the version.
 */
function onQuestionsOf(alias: string, targets: readonly QuestionTarget[]): Expression<SqlBool> {
  const byVersion = new Map<number, number[]>();
  for (const t of targets)
    byVersion.set(t.versionId, [...(byVersion.get(t.versionId) ?? []), t.question]);
  if (byVersion.size === 0) return sql<SqlBool>`1 = 0`;
  const one = ([version, questions]: [number, number[]]) =>
    sql`(${sql.ref(`${alias}.version_id`)} = ${version} and ${sql.ref(`${alias}.question`)} in (${sql.join(questions)}))`;
  return sql<SqlBool>`(${sql.join([...byVersion].map(one), sql` or `)})`;
}

/** Started (a stored first answer) and completed responses of a scope. */
export async function scopeCounts(
  db: Kysely<Database>,
  scope: ResponseScope,
): Promise<{ started: number; completed: number }> {
  const [counts] = await scopeCountsByGroup(db, scope, undefined);
  return counts ?? { started: 0, completed: 0 };
}

/** `Storage.groupScopeCounts`: {@link scopeCounts} in each group of `groups`. */
export function groupScopeCounts(
  db: Kysely<Database>,
  groups: GroupSet,
): Promise<{ started: number; completed: number }[]> {
  const by = groupedBy(groups);
  return by === undefined
    ? eachGroup(groups.scope, groups, (narrowed) => scopeCounts(db, narrowed))
    : scopeCountsByGroup(db, groups.scope, by).then((c) => c.slice(0, groups.filters.length));
}

async function scopeCountsByGroup(
  db: Kysely<Database>,
  scope: ResponseScope,
  by: By | undefined,
): Promise<{ started: number; completed: number }[]> {
  const count = by?.count ?? 1;
  if (scope.versionIds.length === 0) {
    return Array.from({ length: count }, () => ({ started: 0, completed: 0 }));
  }
  const firsts = scope.versionIds.map((versionId) => ({ versionId, question: 0 }));
  const [started, completed] = await Promise.all([
    countsOf(answersOf(db, firsts, scope, by), by),
    byGroup(
      joinedTo(
        db
          .selectFrom('responses as r')
          .where('r.version_id', 'in', scope.versionIds)
          .where('r.completed_at', 'is not', null),
        'r.id',
        { ...scope, completed: false },
        scope.versionIds,
        by,
      ).select((eb) => [grpOf(by, 'r.id'), eb.fn.countAll().as('n')]),
      by,
    )
      .execute()
      .then((rows) => bucket(rows, count).map(([row]) => Number(row?.n ?? 0))),
  ]);
  return started.map((n, i) => ({ started: n, completed: completed[i] ?? 0 }));
}

/** One page of a question's text answers or Other texts in scope, by response id. */
export async function listTexts(
  db: Kysely<Database>,
  query: TextQuery,
  page: { limit: number; offset: number },
): Promise<StoredText[]> {
  const base = answersOf(db, query.targets, query);
  const rows = await (
    query.other
      ? base.where('a.other', 'is not', null).select(['a.response_id', 'a.other as text'])
      : base.where('a.answer', '<>', '').select(['a.response_id', 'a.answer as text'])
  )
    .orderBy('a.response_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({ responseId: r.response_id, text: r.text ?? '' }));
}

/**
 * One page of a scope's comments: a range of the partial index answers_version_comments per
 * version, the scope's probes per comment (few answers carry one).
 */
export async function listScopedComments(
  db: Kysely<Database>,
  scope: ResponseScope,
  page: { limit: number; offset: number },
): Promise<ScopedComment[]> {
  if (scope.versionIds.length === 0) return [];
  const rows = await db
    .selectFrom('answers as a')
    .select(['a.response_id', 'a.version_id', 'a.question', 'a.answer', 'a.comment'])
    .where('a.version_id', 'in', scope.versionIds)
    .where('a.comment', 'is not', null)
    .where(inScope('a.response_id', scope, scope.versionIds))
    .orderBy('a.response_id')
    .orderBy('a.question')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((row) => ({
    responseId: row.response_id,
    versionId: row.version_id ?? 0,
    question: row.question,
    answer: row.answer,
    comment: row.comment ?? '',
  }));
}

/**
 * The values hidden field `name` was given in scope, the most given first (then by value), at
 * most `limit`: the groups of `?by=hidden:NAME`. One range of response_hidden_results.
 */
export async function hiddenValues(
  db: Kysely<Database>,
  scope: ResponseScope,
  name: string,
  limit: number,
): Promise<string[]> {
  if (scope.versionIds.length === 0) return [];
  const rows = await db
    .selectFrom('response_hidden as h')
    .where('h.version_id', 'in', scope.versionIds)
    .where('h.name', '=', name)
    .where(inScope('h.response_id', scope, scope.versionIds))
    .select((eb) => ['h.value', eb.fn.countAll().as('n')])
    .groupBy('h.value')
    .orderBy('n', 'desc')
    .orderBy('h.value')
    .limit(limit)
    .execute();
  return rows.map((r) => r.value);
}
