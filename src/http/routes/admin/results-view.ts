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

/** The page's view of `scope`, with the forms' choices for the questions of `range`. */
export function viewOf(
  base: string,
  query: ScopeQuery,
  scope: ResultsScope,
  versionCount: number,
  counts: { started: number; completed: number },
  range: QuestionRange,
  /** False on a public link: hidden fields are not offered (they may name people). */
  hidden = true,
): ResultsView {
  const alone = query.version !== undefined || versionCount <= 1;
  const link = (params: readonly Param[]) => {
    const search = new URLSearchParams(params.map(([k, v]): [string, string] => [k, v])).toString();
    return search === '' ? base : `${base}?${search}`;
  };
  const version: Param[] = alone ? [['version', String(scope.base.number)]] : [];
  const filters = query.filter.map((f): Param => ['filter', f]);
  const completed: Param[] = query.completed ? [['completed', '1']] : [];
  const dates: Param[] = [
    ...(query.from === undefined ? [] : [['from', query.from] as Param]),
    ...(query.to === undefined ? [] : [['to', query.to] as Param]),
  ];
  const by: Param[] = query.by === undefined ? [] : [['by', query.by]];
  const scoped = [...version, ...filters, ...completed, ...dates, ...by];
  const without = (param: Param) => link(scoped.filter((p) => p !== param));
  const active = new Set(query.filter);
  const { survey } = scope.base;
  return {
    alone,
    versionCount,
    ...counts,
    filters: scope.filters.map((f, i) => ({
      question: f.question,
      choice: f.choice,
      remove: without(filters[i] ?? ['', '']),
    })),
    completedOnly: scope.completed,
    ...(completed[0] === undefined ? {} : { completedRemove: without(completed[0]) }),
    ...(dates.length === 0
      ? {}
      : {
          days: {
            ...(query.from === undefined ? {} : { from: query.from }),
            ...(query.to === undefined ? {} : { to: query.to }),
            remove: link(scoped.filter((p) => !dates.includes(p))),
          },
        }),
    ...(by[0] === undefined ? {} : { byRemove: without(by[0]) }),
    href: (extra) =>
      link([...scoped, ...Object.entries(extra).map(([k, v]): Param => [k, String(v)])]),
    // Relative (query only): the same markup on the owner's page and a public link's.
    filterHref: (qid, choice) =>
      active.has(`${qid}:${choice}`)
        ? undefined
        : link([...scoped, ['filter', `${qid}:${choice}`]]).slice(base.length),
    unfiltered: link([...version, ...by]),
    completedHref: link([...scoped, ['completed', '1']]),
    kept: scoped,
    choices: filterable(survey, range),
    byOptions: [
      ...survey.questions.flatMap((q, i) =>
        BY_TYPES.has(q.type) ? [{ value: q.id, text: `${i + 1}. ${q.text}` }] : [],
      ),
      ...(hidden
        ? survey.hidden.map((name) => ({ value: `hidden:${name}`, text: `Hidden field: ${name}` }))
        : []),
    ],
    ...(query.by === undefined ? {} : { by: query.by }),
  };
}

type Param = readonly [string, string];

/** What the cross-tab form offers (issue 17 item 1): the questions with a few groups. */
const BY_TYPES: ReadonlySet<string> = new Set(['choice', 'dropdown', 'yesno', 'nps']);

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
