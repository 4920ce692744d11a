/**
 * How the results page links to itself: which parameters its links keep (the version when one
 * is shown alone, or when the survey has only one and both views are the same; the filters;
 * `completed`), and what its filter form offers.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { filterChoices, type QuestionRange, type Survey } from '../../../domain/index.js';
import type { ScopedComment } from '../../../storage/index.js';
import { errorPage, type CommentLine, type ResultsView } from '../../../views/index.js';
import { sendPage } from '../../render.js';
import type { ResultsScope } from './figures.js';
import type { scopeQuerySchema } from './selection.js';

type ScopeQuery = z.output<typeof scopeQuerySchema>;

/** The page's view of `scope`, with the filter form's choices for the questions of `range`. */
export function viewOf(
  base: string,
  query: ScopeQuery,
  scope: ResultsScope,
  versionCount: number,
  counts: { started: number; completed: number },
  range: QuestionRange,
): ResultsView {
  const alone = query.version !== undefined || versionCount <= 1;
  const link = (params: readonly (readonly [string, string])[]) => {
    const search = new URLSearchParams(params.map(([k, v]): [string, string] => [k, v])).toString();
    return search === '' ? base : `${base}?${search}`;
  };
  const version: [string, string][] = alone ? [['version', String(scope.base.number)]] : [];
  const scoped: [string, string][] = [
    ...version,
    ...query.filter.map((f): [string, string] => ['filter', f]),
    ...(query.completed ? [['completed', '1'] as [string, string]] : []),
  ];
  return {
    alone,
    versionCount,
    ...counts,
    filters: scope.filters.map((f) => ({ question: f.question, choice: f.choice })),
    completedOnly: scope.completed,
    href: (extra) =>
      link([...scoped, ...Object.entries(extra).map(([k, v]): [string, string] => [k, String(v)])]),
    unfiltered: link(version),
    completedHref: link([...scoped, ['completed', '1']]),
    kept: scoped,
    choices: filterable(scope.base.survey, range),
  };
}

/** The questions of `range` a filter may name, with their choices. */
function filterable(survey: Survey, range: QuestionRange) {
  return survey.questions.slice(range.from, range.to).flatMap((q, i) => {
    const choices = filterChoices(q);
    return choices === undefined
      ? []
      : [{ id: q.id, number: range.from + i + 1, text: q.text, choices }];
  });
}

/** Comments with the text of their question in the response's own version. */
export function commentLines(
  comments: readonly ScopedComment[],
  scope: ResultsScope,
): CommentLine[] {
  return comments.map((c) => ({
    ...c,
    questionText:
      scope.versions.find((v) => v.id === c.versionId)?.survey.questions[c.question]?.text ??
      `Question ${c.question + 1}`,
  }));
}

/** A filter the survey cannot have: a 422 page that says which and why. */
export function sendBadFilter(request: FastifyRequest, reply: FastifyReply, message: string) {
  const page = errorPage(422, 'That filter does not fit this survey', `${message}.`);
  return sendPage(request, reply, page, 422);
}
