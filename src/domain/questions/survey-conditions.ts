/**
 * The conditions of a parsed survey checked against it (SURVEYS.md §3), as `canvass check`
 * and startup report them: a `showIf` (question or page) may look only at questions on earlier
 * pages, an `endIf` also at its own page's, so the path is one forward pass and never loops.
 * Each problem carries the field path of the mistake in the file as written (`questions[3]…`
 * or `pages[1].questions[0]…`), so it gets its line like any other problem.
 */
import { Languages } from './languages.js';
import type { Condition } from '../paths/condition.js';
import { conditionProblems, type Scope } from '../paths/check.js';
import type { Question } from './registry.js';
import type { SurveyPage } from './survey-schema.js';

/** What the check reads of a survey: the model of survey.ts, with the keys of other helpers. */
interface Checked {
  readonly questions: readonly Question[];
  readonly pages: readonly SurveyPage[];
  readonly layout: 'questions' | 'pages';
}

export interface ConditionIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * The names conditions may test besides questions. `hidden` and `languages` are top-level keys
 * of their own (SURVEYS.md §5–§6); this is the one place that reads them, so the check works
 * whether or not the file format has them yet.
 */
function declared(survey: Checked): Pick<Scope, 'hidden' | 'languages'> {
  const { hidden, languages } = survey as { hidden?: unknown; languages?: unknown };
  const names = (list: unknown) =>
    Array.isArray(list) ? list.filter((n): n is string => typeof n === 'string') : [];
  const codes = languages instanceof Languages ? languages.codes : languages;
  return { hidden: names(hidden), languages: names(codes) };
}

/** Every problem of every condition in `survey`, with paths from the file's root. */
export function conditionIssues(survey: Checked): ConditionIssue[] {
  const questions = new Map(survey.questions.map((q) => [q.id, q]));
  const names = declared(survey);
  const issues: ConditionIssue[] = [];
  const check = (
    condition: Condition | undefined,
    reachable: Set<string>,
    at: readonly (string | number)[],
  ) => {
    if (condition === undefined) return;
    for (const problem of conditionProblems(condition, { questions, reachable, ...names })) {
      issues.push({ path: [...at, ...problem.path], message: problem.message });
    }
  };
  const earlier = new Set<string>();
  for (const page of survey.pages) {
    const pageAt = survey.layout === 'pages' ? ['pages', page.index] : [];
    check(page.showIf, earlier, [...pageAt, 'showIf']);
    const own = new Set(earlier);
    for (const index of page.questions) own.add(survey.questions[index]?.id ?? '');
    page.questions.forEach((index, j) => {
      const question = survey.questions[index];
      if (question === undefined) return;
      const at = survey.layout === 'pages' ? [...pageAt, 'questions', j] : ['questions', index];
      check(question.showIf, earlier, [...at, 'showIf']);
      check(question.endIf, own, [...at, 'endIf']);
    });
    for (const id of own) earlier.add(id);
  }
  return issues;
}
