/**
 * Which rows results count (SURVEYS.md §10): one question at several versions, and the
 * responses a results page is narrowed to (`?completed=1`, `?from=…&to=…`,
 * `?filter=QID:CHOICEID`, the groups of `?by=QID`). Every condition reads an index: a target
 * is a range of `(version_id, question, …)`, and each narrowing is a set of response ids read
 * once per query from one range of an index (migration 0016 puts `response_id` at the end of
 * the answers' indexes, so neither the counted rows nor the sets touch the table).
 */
import type { Expression, Kysely, RawBuilder, SqlBool } from 'kysely';
import { sql } from './kysely.js';
import type {
  Grouped,
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
 * speed: each condition is an uncorrelated `IN (…)`: its set is read once per query from one
 * range of an index and the counted rows are probed against it. The unary `+` (a no-op on both
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
  if (scope.set !== undefined) return sql<SqlBool>`${ref} in (${setRows(scope.set)})`;
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
 * The members of a narrowed set: the temporary table's rowid column, whose b-tree SQLite
 * probes directly (no set built per query).
 */
function setRows(set: NarrowedSet): RawBuilder<unknown> {
  return sql`select id from temp.${sql.raw(set.table)}`;
}

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
 * {@link inScope} (a set already computed, as a cross-tab's group narrowing the request's own,
 * is read from and narrowed further). A scope that narrows nothing needs no set: the indexes'
 * ranges are its responses already.
 */
export async function narrowScope(
  db: Kysely<Database>,
  tables: boolean,
  scope: ResponseScope,
): Promise<Narrowed> {
  const none: Narrowed = { set: undefined, release: () => Promise.resolve() };
  if (!tables || !narrows(scope) || scope.versionIds.length === 0) return none;
  // The response's own conditions read on its row; only the filters are sets (speed: the same
  // conditions as a set of their own were a second pass over the responses, probed for each).
  const narrowed =
    scope.set === undefined
      ? members(scope, scope.versionIds)
      : sql`select n.id from responses n where ${versionsIn(sql.ref('n.version_id'), scope.versionIds)} and ${inScope('n.id', scope, scope.versionIds)}`;
  // Unique per process (one connection): concurrent requests each have their own.
  const table = `canvass_scope_${++sets}`;
  await sql`create temp table ${sql.raw(table)} (id integer primary key)`.execute(db);
  try {
    await sql`insert into temp.${sql.raw(table)} ${narrowed}`.execute(db);
  } catch (error) {
    await sql`drop table if exists temp.${sql.raw(table)}`.execute(db);
    throw error;
  }
  return {
    set: { table },
    release: async () => {
      await sql`drop table if exists temp.${sql.raw(table)}`.execute(db);
    },
  };
}

/**
 * The rows (id, grp) of `groups`: for each group, the responses its filter keeps, read from
 * the filter's own index, in the groups' scope.
 */
function groupRows(groups: GroupSet): RawBuilder<unknown> {
  const { scope, filters } = groups;
  const one = (f: ResponseFilter, i: number) =>
    sql`select x.response_id as id, ${sql.lit(i)} as grp from (${filterSet(f, i, scope.versionIds)}) x where ${inScope('x.response_id', scope, scope.versionIds)}`;
  return filters.length === 0
    ? sql`select 0 as id, 0 as grp where 1 = 0`
    : sql.join(filters.map(one), sql` union all `);
}

/**
 * Groups from which one grouped pass beats a pass per group on SQLite: joining the (id, grp)
 * table and grouping by `grp` sorts every counted row, which for two groups cost as much as the
 * two narrowed passes it replaces (decision 0026).
 */
export const GROUPED_FROM = 3;

/**
 * `Storage.group`: the groups of a cross-tab, read once. With `tables` (SQLite: one connection)
 * and {@link GROUPED_FROM} groups or more, a temporary table of (id, grp) keyed by the id first,
 * which the grouped figures probe for each row they count; with fewer, a narrowed set per group
 * (as {@link narrowScope}); without `tables`, nothing: each group is counted in a pass of its own
 * from its filters (figures.ts, `eachGroup`).
 */
export async function groupScope(
  db: Kysely<Database>,
  tables: boolean,
  scope: ResponseScope,
  filters: readonly ResponseFilter[],
): Promise<Grouped> {
  if (!tables || scope.versionIds.length === 0) {
    return { groups: { scope, filters }, release: () => Promise.resolve() };
  }
  if (filters.length < GROUPED_FROM) {
    const narrowed: Narrowed[] = [];
    const release = async () => {
      await Promise.all(narrowed.map((n) => n.release()));
    };
    try {
      for (const filter of filters) {
        narrowed.push(await narrowScope(db, tables, withGroupFilter(scope, filter)));
      }
    } catch (error) {
      await release();
      throw error;
    }
    return { groups: { scope, filters, sets: narrowed.map((n) => n.set) }, release };
  }
  const table = `canvass_groups_${++sets}`;
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
