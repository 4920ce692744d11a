/**
 * `?by=QID` (SURVEYS.md §10, issue 17 item 1): every question's figures once per group of
 * respondents — one group per choice of a choice, dropdown, yesno, consent, multi or rating
 * question, the three groups of an NPS question, or, as `?by=hidden:NAME`, one per value the
 * links gave hidden field NAME (§6). Each group is a filter added to the request's own.
 */
import type { VersionedSurvey } from './across.js';
import { filterChoices, NPS_GROUPS, parseFilters, type AnswerFilter } from './filters.js';
import type { Survey } from './survey.js';

/** A hidden field's values cross-tabulated at most: the most given ones, the rest left out. */
export const MAX_HIDDEN_GROUPS = 20;

export interface ByGroup {
  readonly id: string;
  readonly text: string;
  readonly filter: AnswerFilter;
}

/** What `?by` groups by: its id as asked, its text, and the groups. */
export interface ByGroups {
  readonly id: string;
  readonly text: string;
  readonly groups: readonly ByGroup[];
}

export type ByParse =
  | { readonly ok: true; readonly kind: 'question'; readonly by: ByGroups }
  /** The groups come from the values stored: {@link hiddenGroups} once they are read. */
  | { readonly ok: true; readonly kind: 'hidden'; readonly id: string; readonly name: string }
  | { readonly ok: false; readonly message: string };

/** `?by=…` checked against the survey version shown. */
export function parseBy(
  raw: string,
  survey: Survey,
  versions: readonly VersionedSurvey[],
): ByParse {
  if (raw.startsWith('hidden:') && !survey.questions.some((q) => q.id === 'hidden')) {
    const name = raw.slice('hidden:'.length);
    if (survey.hidden.includes(name)) return { ok: true, kind: 'hidden', id: raw, name };
    const names = survey.hidden.length === 0 ? 'it has none' : `its: ${survey.hidden.join(', ')}`;
    return { ok: false, message: `by: there is no hidden field "${name}" (${names})` };
  }
  const question = survey.questions.find((q) => q.id === raw);
  if (question === undefined) return { ok: false, message: `by: there is no question "${raw}"` };
  const choices = question.type === 'nps' ? NPS_GROUPS : filterChoices(question);
  if (choices === undefined) {
    return {
      ok: false,
      message: `by: question "${raw}" (${question.type}) has no choices to cross-tabulate by`,
    };
  }
  const groups = choices.map((c) => ({ id: c.id, text: c.text, filter: only(`${raw}:${c.id}`) }));
  return { ok: true, kind: 'question', by: { id: question.id, text: question.text, groups } };

  function only(filter: string): AnswerFilter {
    const parsed = parseFilters([filter], survey, versions);
    // The question's own choices always parse.
    if (!parsed.ok || parsed.filters[0] === undefined) throw new Error(`by: ${filter}`);
    return parsed.filters[0];
  }
}

/** The groups of `?by=hidden:NAME`: one per value given, as the storage listed them. */
export function hiddenGroups(id: string, name: string, values: readonly string[]): ByGroups {
  return {
    id,
    text: name,
    groups: values.map((value) => ({
      id: value,
      text: value,
      filter: { kind: 'hidden', name, value, question: name, choice: value },
    })),
  };
}
