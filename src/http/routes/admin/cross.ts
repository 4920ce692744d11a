/**
 * The results page's cross-tab (`?by=…`, issue 17 item 1): for the questions of one page of
 * results, each question's figures for every response in scope and for each group's, as the
 * tables of views/pages/admin/crosstab.ts. The same per-question aggregates as the charts
 * (figures.ts), a group's being the page's own with one filter more.
 */
import { setImmediate } from 'node:timers/promises';
import { kindOf, type ByGroups, type QuestionRange } from '../../../domain/index.js';
import type { Storage } from '../../../storage/index.js';
import type { CrossTab, DropOffLine } from '../../../views/index.js';
import {
  questionFigures,
  responseScope,
  withAllNarrowed,
  withFilter,
  type ResultsScope,
} from './figures.js';

/** Each group as its own scope: the request's filters and the group's. */
function groupScopes(scope: ResultsScope, by: ByGroups): ResultsScope[] {
  return by.groups.map((g) => withFilter(scope, g.filter));
}

/**
 * speed: one question at a time, every scope's figures of it side by side, the event loop let
 * go between questions, as the charts' slices do (slices.ts).
 */
export async function crossFigures(
  storage: Storage,
  scope: ResultsScope,
  by: ByGroups,
  range: QuestionRange,
): Promise<{ tab: CrossTab; lines: DropOffLine[] }> {
  return withAllNarrowed(storage, [scope, ...groupScopes(scope, by)], ([all, ...groups]) =>
    crossFiguresOf(storage, all ?? scope, groups, by, range),
  );
}

async function crossFiguresOf(
  storage: Storage,
  scope: ResultsScope,
  scopes: readonly ResultsScope[],
  by: ByGroups,
  range: QuestionRange,
): Promise<{ tab: CrossTab; lines: DropOffLine[] }> {
  const counts = await Promise.all(scopes.map((s) => storage.scopeCounts(responseScope(s))));
  const questions: CrossTab['questions'][number][] = [];
  const lines: DropOffLine[] = [];
  const survey = scope.base.survey;
  for (let index = range.from; index < range.to; index++) {
    const question = survey.questions[index];
    if (question === undefined || !kindOf(question).answerable) continue;
    if (index !== range.from) await setImmediate();
    const [all, ...groups] = await Promise.all(
      [scope, ...scopes].map((s) => questionFigures(storage, question, s, 0)),
    );
    if (all === undefined) continue;
    lines.push({ index, question, reached: all.shown, answered: all.summary.answered });
    questions.push({ index, question, all: all.summary, groups: groups.map((g) => g.summary) });
  }
  const tab = {
    id: by.id,
    text: by.text,
    groups: by.groups.map((g, i) => ({
      id: g.id,
      text: g.text,
      started: counts[i]?.started ?? 0,
      completed: counts[i]?.completed ?? 0,
    })),
    questions,
  };
  return { tab, lines };
}
