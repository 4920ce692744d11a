/**
 * Which rows results count (SURVEYS.md §10): one question at several versions, and the
 * responses a results page is narrowed to (`?completed=1`, `?filter=QID:CHOICEID`). Every
 * condition reads an index: a target is a range of `(version_id, question, …)`, and a
 * filter or the completed check is a correlated probe of a primary key or of
 * answer_items_response for the one response at hand — never a scan of the responses.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { QuestionTarget, ResponseFilter } from './contract.js';

/** `(version_id = v and question = q) or …` on the table `alias`; false for no target. */
export function onTargets(alias: string, targets: readonly QuestionTarget[]): Expression<SqlBool> {
  if (targets.length === 0) return sql<SqlBool>`1 = 0`;
  const one = (t: QuestionTarget) =>
    sql`(${sql.ref(`${alias}.version_id`)} = ${t.versionId} and ${sql.ref(`${alias}.question`)} = ${t.question})`;
  return sql<SqlBool>`(${sql.join(targets.map(one), sql` or `)})`;
}

/** The response `responseRef` is complete (when asked) and matches every filter. */
export function inScope(
  responseRef: string,
  scope: { completed: boolean; filters: readonly ResponseFilter[] },
): Expression<SqlBool> {
  const ref = sql.ref(responseRef);
  const parts = scope.filters.map((f, i) => {
    const alias = `f${i}`;
    return f.items
      ? sql`exists (select 1 from answer_items ${sql.raw(alias)} where ${sql.ref(`${alias}.response_id`)} = ${ref} and ${onTargets(alias, f.targets)} and ${sql.ref(`${alias}.item`)} is null and ${sql.ref(`${alias}.value`)} = ${f.value})`
      : sql`exists (select 1 from answers ${sql.raw(alias)} where ${sql.ref(`${alias}.response_id`)} = ${ref} and ${onTargets(alias, f.targets)} and ${sql.ref(`${alias}.answer`)} = ${f.value})`;
  });
  if (scope.completed) {
    parts.push(
      sql`exists (select 1 from responses c where c.id = ${ref} and c.completed_at is not null)`,
    );
  }
  return parts.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}
