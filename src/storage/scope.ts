/**
 * Which rows results count (SURVEYS.md §10): one question at several versions, and the
 * responses a results page is narrowed to (`?completed=1`, `?from=…&to=…`,
 * `?filter=QID:CHOICEID`, the groups of `?by=QID`). Every condition reads an index: a target
 * is a range of `(version_id, question, …)`, and each narrowing is a set of response ids read
 * from one range of an index (migration 0016 puts `response_id` at the end of the answers'
 * indexes, so neither the counted rows nor the sets touch the table): once per request into a
 * map of the ids (`Storage.narrow`, decision 0028), or else once per query.
 */
import type { Expression, Kysely, RawBuilder, SqlBool } from 'kysely';
import { sql } from './kysely.js';
import type {
  Grouped,
  GroupMap,
  GroupSet,
  Narrowed,
  NarrowedSet,
  Narrowing,
  QuestionTarget,
  ResponseFilter,
  ResponseScope,
} from './contract.js';
import type { Database } from './schema.js';

/** `(version_id = v and question = q) or …` on the table `alias`; false for no target. */
export function onTargets(alias: string, targets: readonly QuestionTarget[]): Expression<SqlBool> {
  if (targets.length === 0) return sql<SqlBool>`1 = 0`;
  const one = (t: QuestionTarget) =>
    sql`(${sql.ref(`${alias}.version_id`)} = ${t.versionId} and ${sql.ref(`${alias}.question`)} = ${t.question})`;
  return sql<SqlBool>`(${sql.join(targets.map(one), sql` or `)})`;
}

/** The responses a filter keeps, as a subquery over one range of an index per version. */
function filterSet(
  f: ResponseFilter,
  i: number,
  versionIds: readonly number[],
): RawBuilder<unknown> {
  const alias = `f${i}`;
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const from = (table: string) => sql`${sql.table(table)} ${sql.raw(alias)}`;
  switch (f.kind) {
    case 'answer':
      return sql`select ${column('response_id')} from ${from('answers')} where ${onTargets(alias, f.targets)} and ${column('answer')} = ${f.value}`;
    case 'item':
      return sql`select ${column('response_id')} from ${from('answer_items')} where ${onTargets(alias, f.targets)} and ${column('item')} is null and ${column('value')} = ${f.value}`;
    case 'range':
      return sql`select ${column('response_id')} from ${from('answers')} where ${onTargets(alias, f.targets)} and ${column('num')} >= ${f.min} and ${column('num')} <= ${f.max}`;
    case 'hidden':
      return sql`select ${column('response_id')} from ${from('response_hidden')} where ${versionsIn(column('version_id'), versionIds)} and ${column('name')} = ${f.name} and ${column('value')} = ${f.value}`;
  }
}

function versionsIn(ref: RawBuilder<unknown>, versionIds: readonly number[]) {
  return versionIds.length === 0
    ? sql`1 = 0`
    : sql`${ref} in (${sql.join(versionIds.map((v) => sql`${v}`))})`;
}

/** The conditions on a response row `n` of being completed and/or started in the range. */
function responseConditions(scope: Narrowing): RawBuilder<unknown>[] {
  const { from, before } = scope.started ?? {};
  return [
    ...(scope.completed ? [sql`n.completed_at is not null`] : []),
    ...(from === undefined ? [] : [sql`n.started_at >= ${from}`]),
    ...(before === undefined ? [] : [sql`n.started_at < ${before}`]),
  ];
}

/**
 * The responses of `versionIds` that meet every condition of `scope` (without its set), read
 * from `responses n`: completion and start date on the row, each filter as a set probed by id.
 */
function members(scope: Narrowing, versionIds: readonly number[]): RawBuilder<unknown> {
  const conditions = [
    versionsIn(sql.ref('n.version_id'), versionIds),
    ...responseConditions(scope),
    ...scope.filters.map((f, i) => sql`+n.id in (${filterSet(f, i, versionIds)})`),
  ];
  return sql`select n.id from responses n where ${sql.join(conditions, sql` and `)}`;
}

/**
 * The response `responseRef` (of one of `versionIds`) is complete when asked, started in the
 * range when given, and matches every filter.
 *
 * speed: a set held for the request is read at the row's own position ({@link memberOf});
 * without one, each condition is an uncorrelated `IN (…)`: its set is read once per query from
 * one range of an index and the counted rows are probed against it. The unary `+` (a no-op on both
 * engines) keeps SQLite from driving the query by the set instead — looking each member up by
 * the answers' primary key and then the table, which made narrowed results at 100,000
 * responses three times slower than unnarrowed ones (docs/decisions/0021-explore.md).
 */
export function inScope(
  responseRef: string,
  scope: Narrowing,
  versionIds: readonly number[],
): Expression<SqlBool> {
  const ref = sql`+${sql.ref(responseRef)}`;
  if (scope.set !== undefined) return memberOf(ref, scope.set);
  const [filter, ...more] = scope.filters;
  // One filter alone is its own set; anything more is one set of responses (speed: a counted
  // row probed once, not once per condition; PostgreSQL hashed each condition's set per query).
  if (filter !== undefined && more.length === 0 && responseConditions(scope).length === 0) {
    return sql<SqlBool>`${ref} in (${filterSet(filter, 0, versionIds)})`;
  }
  return narrows(scope)
    ? sql<SqlBool>`${ref} in (${members(scope, versionIds)})`
    : sql<SqlBool>`1 = 1`;
}

/** The distinct versions of `targets`, for {@link inScope}. */
export function versionsOf(targets: readonly QuestionTarget[]): number[] {
  return [...new Set(targets.map((t) => t.versionId))];
}

/**
 * `ref` is a member of `set`. speed: a map is read at the row's own position, a byte compared
 * on SQLite (`substr` of a blob is a slice, not a scan) and a bit on PostgreSQL: ~20 ns a
 * counted row where probing a table's b-tree cost ~100 (SQLite) and PostgreSQL hashed the
 * narrowing's sets for every query (decision 0028). Ids outside the map are no members
 * (SQLite's `substr` counts a position below 1 from the end, hence the lower bound; a
 * PostgreSQL `get_bit` past the end fails, hence the CASE, whose order is kept).
 */
function memberOf(ref: RawBuilder<unknown>, set: NarrowedSet): Expression<SqlBool> {
  if ('table' in set) return sql<SqlBool>`${ref} in (select id from temp.${sql.raw(set.table)})`;
  const { map, first, last } = set;
  return set.bits
    ? sql<SqlBool>`(case when ${ref} between ${first} and ${last} then get_bit(${map}::bytea, (${ref} - ${first})::int) = 1 else false end)`
    : sql<SqlBool>`(${ref} >= ${first} and substr(${map}, ${ref} - ${first - 1}, 1) = x'01')`;
}

/**
 * Ids a set's map spans at most (4 MiB as bytes, 512 KiB as bits, bound to each of a request's
 * queries): the responses of one survey among many others' can span far more ids than they
 * number.
 */
export const SET_SPAN_LIMIT = 4 * 1024 * 1024;

function narrows(scope: Narrowing): boolean {
  return (
    scope.completed ||
    scope.filters.length > 0 ||
    scope.started?.from !== undefined ||
    scope.started?.before !== undefined
  );
}

let sets = 0;

/**
 * `scope` narrowed further to one group of a cross-tab: its filters and the group's, without
 * its set (a set applies the narrowing in place of the filters, {@link inScope}).
 */
export function withGroupFilter<T extends Narrowing>(scope: T, filter: ResponseFilter): T {
  const { set: _set, ...rest } = scope;
  return { ...rest, filters: [...scope.filters, filter] } as unknown as T;
}

/**
 * `Storage.narrow`: the responses of `scope` read once, with every condition of
 * {@link inScope} (a set the scope already carries applies the same conditions, so they are
 * read instead), as a map of their ids (decision 0028), or beyond
 * {@link SET_SPAN_LIMIT} a temporary table on SQLite and no set on PostgreSQL. A scope that
 * narrows nothing needs no set: the indexes' ranges are its responses already.
 */
export async function narrowScope(
  on: ResultsDb,
  held: 'bytes' | 'bits',
  scope: ResponseScope,
): Promise<Narrowed> {
  const none: Narrowed = { set: undefined, release: () => Promise.resolve() };
  if (!narrows(scope) || scope.versionIds.length === 0) return none;
  // The response's own conditions read on its row; only the filters are sets (speed: the same
  // conditions as a set of their own were a second pass over the responses, probed for each).
  return holdSet(on.tables, on.reads, held, members(scope, scope.versionIds));
}

/**
 * The connections a results request's queries run on (decision 0030): `tables` holds the
 * request's temporary tables and runs every query that names one, `reads` runs the others (on
 * SQLite, reader threads). The same connection twice where results run on the main one.
 */
export interface ResultsDb {
  readonly reads: Kysely<Database>;
  readonly tables: Kysely<Database>;
}

/** Where a query over `sets` (and `groups`) runs: on `tables` when it names a table of them. */
export function runsOn(
  on: ResultsDb,
  sets: readonly (NarrowedSet | undefined)[],
  groups?: GroupSet,
): Kysely<Database> {
  const table = (set: NarrowedSet | undefined) => set !== undefined && 'table' in set;
  const names =
    sets.some(table) ||
    (groups !== undefined &&
      (groups.table !== undefined || table(groups.scope.set) || (groups.sets ?? []).some(table)));
  return names ? on.tables : on.reads;
}

/**
 * The responses `ids` (a select of one column, `id`, each at most once, read on `source`) read
 * into a set held for a request: a map of the ids they span, or beyond {@link SET_SPAN_LIMIT} a
 * temporary table on SQLite (made on `db`) and no set on PostgreSQL.
 */
async function holdSet(
  db: Kysely<Database>,
  source: Kysely<Database>,
  held: 'bytes' | 'bits',
  ids: RawBuilder<unknown>,
): Promise<Narrowed> {
  const set = mapOf(await readIds(source, held, ids), held === 'bits');
  if (set !== undefined || held === 'bits') return { set, release: () => Promise.resolve() };
  // Unique per process (one connection): concurrent requests each have their own.
  const key = `set${String(++sets)}`;
  const table = `canvass_scope_${key}`;
  await sql`create temp table ${sql.raw(table)} (id integer primary key)`.execute(db);
  try {
    await sql`insert into temp.${sql.raw(table)} ${ids}`.execute(db);
  } catch (error) {
    await sql`drop table if exists temp.${sql.raw(table)}`.execute(db);
    throw error;
  }
  return {
    set: { table, key },
    release: async () => {
      await sql`drop table if exists temp.${sql.raw(table)}`.execute(db);
    },
  };
}

/**
 * The ids of `ids` (a select of one column, `id`), as one JSON array (pg parses `json`): not a
 * row object per id.
 */
async function readIds(
  db: Kysely<Database>,
  held: 'bytes' | 'bits',
  ids: RawBuilder<unknown>,
): Promise<number[]> {
  const { rows } = await (
    held === 'bits'
      ? sql<{ ids: number[] | null }>`select json_agg(s.id) as ids from (${ids}) s`
      : sql<{ ids: string }>`select json_group_array(s.id) as ids from (${ids}) s`
  ).execute(db);
  const listed = rows[0]?.ids ?? [];
  return typeof listed === 'string' ? (JSON.parse(listed) as number[]) : listed;
}

/** The first and last of `lists`' ids (1 and 0 for none). */
function spanOf(lists: readonly (readonly number[])[]): { first: number; last: number } {
  let first = Infinity;
  let last = -Infinity;
  for (const list of lists) {
    for (const id of list) {
      if (id < first) first = id;
      if (id > last) last = id;
    }
  }
  return first > last ? { first: 1, last: 0 } : { first, last };
}

/**
 * `members` as a map of the ids they span, a byte each or with `bits` a bit each (PostgreSQL's
 * get_bit(n) reads bit n % 8 of byte n / 8, the lowest first); undefined beyond
 * {@link SET_SPAN_LIMIT}.
 */
function mapOf(members: readonly number[], bits: boolean): NarrowedSet | undefined {
  const { first, last } = spanOf([members]);
  if (last - first >= SET_SPAN_LIMIT) return undefined;
  const span = last - first + 1;
  const map = Buffer.alloc(bits ? Math.ceil(span / 8) : span);
  for (const id of members) {
    const at = id - first;
    if (bits) map[at >> 3] = (map[at >> 3] ?? 0) | (1 << (at & 7));
    else map[at] = 1;
  }
  return { map, first, last, bits, key: `set${String(++sets)}` };
}

/**
 * The groups' ids `lists` as one map of each id's group (decision 0029), or undefined when a
 * response is in two groups (a multi's ticks), there are more groups than a byte tells apart,
 * or the ids span more than {@link SET_SPAN_LIMIT}.
 */
function groupMapOf(
  lists: readonly (readonly number[])[],
  read: GroupMap['read'],
  rest = false,
): GroupMap | undefined {
  if (lists.length > (read === 'substr' ? 127 : 255)) return undefined;
  const { first, last } = spanOf(lists);
  if (last - first >= SET_SPAN_LIMIT) return undefined;
  const map = Buffer.alloc(last - first + 1);
  for (const [i, list] of lists.entries()) {
    for (const id of list) {
      const at = id - first;
      if (map[at] !== 0 && map[at] !== i + 1) return undefined;
      map[at] = i + 1;
    }
  }
  return { map, first, last, key: `groups${String(++sets)}`, read, rest };
}

/**
 * The responses of `scope` that `filter` keeps (a cross-tab's group), read from the filter's
 * own index range, each tested against the scope (its set when it has one): not every
 * response of the scope tested against the filter.
 */
function keptBy(scope: ResponseScope, filter: ResponseFilter, i: number): RawBuilder<unknown> {
  return sql`select x.response_id as id from (${filterSet(filter, i, scope.versionIds)}) x where ${inScope('x.response_id', scope, scope.versionIds)}`;
}

/**
 * The rows (id, grp) of `groups`: for each group, the responses its filter keeps, read from
 * the filter's own index, in the groups' scope.
 */
function groupRows(groups: GroupSet): RawBuilder<unknown> {
  const { scope, filters } = groups;
  const one = (f: ResponseFilter, i: number) =>
    sql`select k.id, ${sql.lit(i)} as grp from (${keptBy(scope, f, i)}) k`;
  return filters.length === 0
    ? sql`select 0 as id, 0 as grp where 1 = 0`
    : sql.join(filters.map(one), sql` union all `);
}

/**
 * Groups from which one grouped pass beats a pass per group on SQLite: grouping by `grp` sorts
 * every counted row, where a group's own pass reads its map at ~20 ns a row and the passes run
 * on the reader threads side by side (decisions 0028 and 0030: with two readers, 2 groups
 * 535 ms a page by passes against 810 grouped, 3 groups 675 against 800, 6 groups 1,080
 * against 860).
 */
export const GROUPED_FROM = 4;

/**
 * `Storage.group`: the groups of a cross-tab, read once. On PostgreSQL, when no response is in
 * two groups, a map of each id's group whose 0 is the rest of the scope, one group more
 * (decisions 0029 and 0031: one grouped pass over the scope, whose hash aggregate costs less
 * than a pass per group, gives the scope's figures too), else a narrowed set per group. On
 * SQLite, fewer than {@link GROUPED_FROM} groups a narrowed set per group (as
 * {@link narrowScope}, none for a group whose ids span too many: its pass then reads its
 * filters, figures.ts `eachGroup`); more, the same map of each id's group when no response is in
 * two (and at most 127 groups), else a temporary table of (id, grp) keyed by the id first, which
 * the grouped figures probe for each row they count.
 */
export async function groupScope(
  on: ResultsDb,
  held: 'bytes' | 'bits',
  scope: ResponseScope,
  filters: readonly ResponseFilter[],
): Promise<Grouped> {
  if (scope.versionIds.length === 0) {
    return { groups: { scope, filters }, release: () => Promise.resolve() };
  }
  // The groups' ids are read in the scope: from its table when it has one.
  const source = runsOn(on, [scope.set]);
  const readLists = async () => {
    const lists: number[][] = [];
    for (const filter of filters) {
      lists.push(await readIds(source, held, keptBy(scope, filter, 0)));
    }
    return lists;
  };
  if (held === 'bits') {
    const lists = await readLists();
    const grouped = groupMapOf(lists, 'get_byte', true);
    const none = () => Promise.resolve();
    return grouped === undefined
      ? { groups: { scope, filters, sets: lists.map((l) => mapOf(l, true)) }, release: none }
      : { groups: { scope, filters, grouped }, release: none };
  }
  if (filters.length < GROUPED_FROM) {
    const narrowed: Narrowed[] = [];
    const release = async () => {
      await Promise.all(narrowed.map((n) => n.release()));
    };
    try {
      for (const filter of filters) {
        narrowed.push(await holdSet(on.tables, source, held, keptBy(scope, filter, 0)));
      }
    } catch (error) {
      await release();
      throw error;
    }
    return { groups: { scope, filters, sets: narrowed.map((n) => n.set) }, release };
  }
  // From GROUPED_FROM groups, of which no response is in two: one grouped pass over a map of
  // each id's group, on a reader like every other query (decision 0030).
  const grouped = groupMapOf(await readLists(), 'substr');
  if (grouped !== undefined) {
    return { groups: { scope, filters, grouped }, release: () => Promise.resolve() };
  }
  const table = `canvass_groups_${++sets}`;
  const db = on.tables;
  await sql`create temp table ${sql.raw(table)} (id integer not null, grp integer not null, primary key (id, grp)) without rowid`.execute(
    db,
  );
  try {
    await sql`insert into temp.${sql.raw(table)} (id, grp) ${groupRows({ scope, filters })}`.execute(
      db,
    );
  } catch (error) {
    await sql`drop table if exists temp.${sql.raw(table)}`.execute(db);
    throw error;
  }
  return {
    groups: { scope, filters, table },
    release: async () => {
      await sql`drop table if exists temp.${sql.raw(table)}`.execute(db);
    },
  };
}
