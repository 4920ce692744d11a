/**
 * The §10 figures of one question (SURVEYS.md), computed by the database: GROUP BY counts over
 * answers_version_question_answer and answer_items_version_question, number aggregates over
 * answers_version_question_num, the median by ORDER BY num LIMIT/OFFSET (the same SQL on both
 * engines: PostgreSQL's percentile_cont has no SQLite twin). No response is loaded into
 * JavaScript; what comes back is a few rows per question. COUNT is a bigint on PostgreSQL,
 * which pg hands over as a string, hence the `Number`s.
 */
import type { Expression, Kysely, SqlBool } from 'kysely';
import { sql } from './kysely.js';
import type {
  TextQuery,
  FigureQuery,
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
import { inScope, onTargets, versionsOf } from './scope.js';

type Scope = Narrowing;

/** The rows of `answers` for `targets` in scope. */
function answersOf(db: Kysely<Database>, targets: readonly QuestionTarget[], scope: Scope) {
  return db
    .selectFrom('answers as a')
    .where(onTargets('a', targets))
    .where(inScope('a.response_id', scope, versionsOf(targets)));
}

async function countOf(query: ReturnType<typeof answersOf>): Promise<number> {
  const row = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

const toNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export async function questionFigures(
  db: Kysely<Database>,
  query: FigureQuery,
): Promise<QuestionFigures> {
  const answers = () => answersOf(db, query.targets, query);
  const [rows, current, values, counted, items, numbers, other] = await Promise.all([
    countOf(answersOf(db, query.reached, query)),
    currentCount(db, query.current ?? [], query.targets, query),
    query.values ? valueCounts(answers()) : Promise.resolve([]),
    answeredOf(answers, query),
    query.items ? itemCounts(db, query) : Promise.resolve([]),
    query.numbers ? numberFigures(answers, query.bins) : Promise.resolve(undefined),
    query.other ? otherTexts(answers, query.otherTexts) : Promise.resolve({ count: 0, texts: [] }),
  ]);
  const valued = values.reduce((sum, v) => sum + v.count, 0);
  return {
    reached: rows + current,
    answered: query.values ? valued + counted : counted,
    values,
    items,
    ...(numbers === undefined ? {} : { numbers }),
    other,
  };
}

/**
 * speed: how many answered, read as cheaply as the kind allows; an answer is a value, an Other
 * text or items. Where values are counted this is only what their counts miss: nothing without
 * Other, the Other-only rows with it. Only a kind with items probes answer_items_response for
 * each row, which on 100,000 responses is most of a question's time.
 */
async function answeredOf(
  answers: () => ReturnType<typeof answersOf>,
  query: FigureQuery,
): Promise<number> {
  if (query.values) {
    return query.other
      ? countOf(answers().where('a.answer', '=', '').where('a.other', 'is not', null))
      : Promise.resolve(0);
  }
  // Disjoint parts, each read from an index alone: the answers with a value (the values'
  // index), those that are only an Other text (the partial index of 0018), and with items,
  // those with neither whose response has items for it (a probe of answer_items_response).
  // One `answer <> '' or other is not null` read `other` from the table on every row.
  const empty = () => answers().where('a.answer', '=', '');
  const hasItems = sql<boolean>`exists (select 1 from answer_items i where i.response_id = a.response_id and i.question = a.question)`;
  const parts = [
    countOf(answers().where('a.answer', '<>', '')),
    countOf(empty().where('a.other', 'is not', null)),
    ...(query.items
      ? [
          countOf(empty().where(hasItems)),
          countOf(empty().where('a.other', 'is not', null).where(hasItems)).then((n) => -n),
        ]
      : []),
  ];
  return (await Promise.all(parts)).reduce((sum, n) => sum + n, 0);
}

async function valueCounts(answers: ReturnType<typeof answersOf>) {
  const rows = await answers
    .where('a.answer', '<>', '')
    .select((eb) => ['a.answer', eb.fn.countAll().as('n')])
    .groupBy('a.answer')
    .execute();
  return rows.map((r) => ({ value: r.answer, count: Number(r.n) }));
}

async function itemCounts(db: Kysely<Database>, query: FigureQuery) {
  const rows = await db
    .selectFrom('answer_items as a')
    .where(onTargets('a', query.targets))
    .where(inScope('a.response_id', query, versionsOf(query.targets)))
    .select((eb) => [
      'a.item',
      'a.value',
      eb.fn.countAll().as('n'),
      eb.fn.sum<number | string | null>('a.num').as('total'),
      eb.fn.count('a.num').as('valued'),
    ])
    .groupBy(['a.item', 'a.value'])
    .execute();
  return rows.map((r) => ({
    item: r.item,
    value: r.value,
    count: Number(r.n),
    sum: toNumber(r.total),
    valued: Number(r.valued),
  }));
}

async function numberFigures(
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

async function otherTexts(answers: () => ReturnType<typeof answersOf>, limit: number) {
  const withOther = () => answers().where('a.other', 'is not', null);
  const [count, texts] = await Promise.all([
    countOf(withOther()),
    limit === 0
      ? Promise.resolve([])
      : withOther().select(['a.other']).orderBy('a.response_id').limit(limit).execute(),
  ]);
  return { count, texts: texts.map((r) => r.other ?? '') };
}

/**
 * The responses in scope, not completed, whose current page (`responses.frontier`, a range of
 * the partial index responses_version_frontier) is one of `pages` and that have no row for any
 * of `targets` (a probe of the answers' primary key): those reached a page of a path survey
 * without having submitted it. A response completed has no frontier, so a `completed` scope has
 * none.
 */
async function currentCount(
  db: Kysely<Database>,
  pages: readonly PageTarget[],
  targets: readonly QuestionTarget[],
  scope: Scope,
): Promise<number> {
  if (pages.length === 0 || scope.completed) return 0;
  const onPages = sql<boolean>`(${sql.join(
    pages.map((p) => sql`(r.version_id = ${p.versionId} and r.frontier = ${p.page})`),
    sql` or `,
  )})`;
  const row = await db
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
    )
    .where(inScope('r.id', scope, versionsOf(targets)))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * A page of a path survey (SURVEYS.md §10, drop-off per page): the responses in scope with a row
 * for any of its questions (every question asked on a submitted page has one, even empty), and
 * those plus the responses whose current page it is.
 */
export async function pageCounts(db: Kysely<Database>, query: PageQuery): Promise<PageCounts> {
  const [submitted, current] = await Promise.all([
    db
      .selectFrom('answers as a')
      .where(onQuestionsOf('a', query.targets))
      .where(inScope('a.response_id', query, versionsOf(query.targets)))
      .select(({ fn }) => fn.count('a.response_id').distinct().as('n'))
      .executeTakeFirst()
      .then((row) => Number(row?.n ?? 0)),
    currentCount(db, query.current, query.targets, query),
  ]);
  return { submitted, reached: submitted + current };
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
  if (scope.versionIds.length === 0) return { started: 0, completed: 0 };
  const firsts = scope.versionIds.map((versionId) => ({ versionId, question: 0 }));
  const [started, completed] = await Promise.all([
    countOf(answersOf(db, firsts, scope)),
    db
      .selectFrom('responses as r')
      .where('r.version_id', 'in', scope.versionIds)
      .where('r.completed_at', 'is not', null)
      .where(inScope('r.id', { ...scope, completed: false }, scope.versionIds))
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst()
      .then((row) => Number(row?.n ?? 0)),
  ]);
  return { started, completed };
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
