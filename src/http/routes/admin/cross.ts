/**
 * The results page's cross-tab (`?by=…`, issue 17 item 1): for the questions of one page of
 * results, each question's figures for every response in scope and for each group's, as the
 * tables of views/pages/admin/crosstab.ts. The same per-question aggregates as the charts
 * (figures.ts), a group's being the page's own with one filter more.
 */
import { setImmediate } from 'node:timers/promises';
import { kindOf, type ByGroups, type QuestionRange } from '../../../domain/index.js';
import type { GroupSet, Storage } from '../../../storage/index.js';
import type { CrossTab, DropOffLine } from '../../../views/index.js';
import {
  crossQuestionFigures,
  groupHeads,
  withGroups,
  withNarrowed,
  type ResultsScope,
} from './figures.js';

/**
 * speed: one question at a time, its figures in scope and in every group side by side
 * (Storage.crossFigures: the groups' from one grouped pass, on PostgreSQL the scope's from the
 * same one), the event loop let go between questions, as the charts' slices do (slices.ts).
 */
export async function crossFigures(
  storage: Storage,
  scope: ResultsScope,
  by: ByGroups,
  range: QuestionRange,
): Promise<{ tab: CrossTab; lines: DropOffLine[] }> {
  return withNarrowed(storage, scope, (narrowed) =>
    withGroups(storage, narrowed, by, (groups) =>
      crossFiguresOf(storage, narrowed, groups, by, range),
    ),
  );
}

async function crossFiguresOf(
  storage: Storage,
  scope: ResultsScope,
  groups: GroupSet,
  by: ByGroups,
  range: QuestionRange,
): Promise<{ tab: CrossTab; lines: DropOffLine[] }> {
  const counts = await storage.groupScopeCounts(groups);
  const questions: CrossTab['questions'][number][] = [];
  const lines: DropOffLine[] = [];
  const survey = scope.base.survey;
  for (let index = range.from; index < range.to; index++) {
    const question = survey.questions[index];
    if (question === undefined || !kindOf(question).answerable) continue;
    if (index !== range.from) await setImmediate();
    const { all, groups: each } = await crossQuestionFigures(storage, question, scope, groups);
    lines.push({ index, question, reached: all.shown, answered: all.summary.answered });
    questions.push({ index, question, all: all.summary, groups: each.map((g) => g.summary) });
  }
  const tab = {
    id: by.id,
    text: by.text,
    groups: groupHeads(by, counts),
    questions,
  };
  return { tab, lines };
}
