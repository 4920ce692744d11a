/**
 * `?filter=QID:CHOICEID` (SURVEYS.md §10): results of the responses whose answer to question
 * QID is CHOICEID (multi: whose ticks include it; yesno: `yes` or `no`; rating and nps: a
 * point). Several filters must all hold. A filter naming a question or choice the survey does
 * not have is a mistake to report, not an empty result.
 */
import { targetsOf, type Target, type VersionedSurvey } from './across.js';
import type { Question } from './questions/index.js';
import type { Survey } from './survey.js';

export interface AnswerFilter {
  /** The question in each version that has it (the storage contract's `ResponseFilter`). */
  readonly targets: readonly Target[];
  readonly value: string;
  /** True for multi, whose ticks are items. */
  readonly items: boolean;
  /** For the page: "Q1 is Yes". */
  readonly question: string;
  readonly choice: string;
}

export type FilterParse =
  | { readonly ok: true; readonly filters: readonly AnswerFilter[] }
  | { readonly ok: false; readonly message: string };

const range = (lo: number, hi: number) =>
  Array.from({ length: hi - lo + 1 }, (_, i) => ({ id: String(lo + i), text: String(lo + i) }));

/** The choices a filter may name, or undefined for a question that has none to pick. */
export function filterChoices(
  q: Question,
): readonly { readonly id: string; readonly text: string }[] | undefined {
  switch (q.type) {
    case 'choice':
    case 'dropdown':
    case 'multi':
      return q.choices;
    case 'yesno':
      return [
        { id: 'yes', text: 'Yes' },
        { id: 'no', text: 'No' },
      ];
    case 'consent':
      return [{ id: 'yes', text: q.label ?? q.text }];
    case 'rating':
      return range(1, q.scale);
    case 'nps':
      return range(0, 10);
    default:
      return undefined;
  }
}

function parseOne(raw: string, survey: Survey, versions: readonly VersionedSurvey[]) {
  const at = raw.indexOf(':');
  if (at < 0) return `filter "${raw}" must be QUESTION:CHOICE, e.g. q1:yes`;
  const qid = raw.slice(0, at);
  const value = raw.slice(at + 1);
  const question = survey.questions.find((q) => q.id === qid);
  if (question === undefined) return `filter "${raw}": there is no question "${qid}"`;
  const choices = filterChoices(question);
  if (choices === undefined) {
    return `filter "${raw}": question "${qid}" (${question.type}) has no choices to filter by`;
  }
  const choice = choices.find((c) => c.id === value);
  if (choice === undefined) {
    const ids = choices.map((c) => c.id).join(', ');
    return `filter "${raw}": question "${qid}" has no choice "${value}" (its choices: ${ids})`;
  }
  return {
    targets: targetsOf(question, versions),
    value,
    items: question.type === 'multi',
    question: question.text,
    choice: choice.text,
  };
}

/** The filters of a request, checked against the survey version being shown. */
export function parseFilters(
  raws: readonly string[],
  survey: Survey,
  versions: readonly VersionedSurvey[],
): FilterParse {
  const filters: AnswerFilter[] = [];
  for (const raw of raws) {
    const parsed = parseOne(raw, survey, versions);
    if (typeof parsed === 'string') return { ok: false, message: parsed };
    filters.push(parsed);
  }
  return { ok: true, filters };
}

export type ByParse =
  | {
      readonly ok: true;
      readonly question: Question;
      /** One filter per choice of the question, in its order. */
      readonly groups: readonly { readonly id: string; readonly filter: AnswerFilter }[];
    }
  | { readonly ok: false; readonly message: string };

/** `?by=QID`: the question to cross-tabulate by, as one filter per choice. */
export function parseBy(
  qid: string,
  survey: Survey,
  versions: readonly VersionedSurvey[],
): ByParse {
  const question = survey.questions.find((q) => q.id === qid);
  if (question === undefined) return { ok: false, message: `by: there is no question "${qid}"` };
  const choices = filterChoices(question);
  if (choices === undefined) {
    return {
      ok: false,
      message: `by: question "${qid}" (${question.type}) has no choices to cross-tabulate by`,
    };
  }
  const groups = choices.map((c) => {
    const filter = parseOne(`${qid}:${c.id}`, survey, versions);
    // parseOne cannot refuse a choice the question itself lists.
    if (typeof filter === 'string') throw new Error(filter);
    return { id: c.id, filter };
  });
  return { ok: true, question, groups };
}
