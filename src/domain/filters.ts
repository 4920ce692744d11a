/**
 * `?filter=QID:CHOICEID` (SURVEYS.md §10): results of the responses whose answer to question
 * QID is CHOICEID (multi: whose ticks include it; yesno: `yes` or `no`; rating and nps: a
 * point; nps also `detractors`, `passives` or `promoters`), or, as `hidden:NAME:VALUE`, whose
 * hidden field NAME (§6) the link gave as VALUE. Several filters must all hold. A filter naming
 * a question, choice or hidden field the survey does not have is a mistake to report, not an
 * empty result.
 */
import { targetsOf, type Target, type VersionedSurvey } from './across.js';
import { hiddenValueProblem, MAX_HIDDEN_VALUE } from './hidden.js';
import type { Question } from './questions/index.js';
import type { Survey } from './survey.js';

/** Which responses a filter keeps (the storage contract's `ResponseFilter`). */
export type FilterMatch =
  /** The answer's one value is `value`, in each version that has the question. */
  | { readonly kind: 'answer'; readonly targets: readonly Target[]; readonly value: string }
  /** `value` is among its ticked choices (multi). */
  | { readonly kind: 'item'; readonly targets: readonly Target[]; readonly value: string }
  /** Its number lies in `min`…`max` (an NPS group). */
  | {
      readonly kind: 'range';
      readonly targets: readonly Target[];
      readonly min: number;
      readonly max: number;
    }
  /** The link gave hidden field `name` as `value`. */
  | { readonly kind: 'hidden'; readonly name: string; readonly value: string };

/** A filter with what the page says of it: "Q1 is Yes". */
export type AnswerFilter = FilterMatch & {
  readonly question: string;
  readonly choice: string;
};

export type FilterParse =
  | { readonly ok: true; readonly filters: readonly AnswerFilter[] }
  | { readonly ok: false; readonly message: string };

const range = (lo: number, hi: number) =>
  Array.from({ length: hi - lo + 1 }, (_, i) => ({ id: String(lo + i), text: String(lo + i) }));

/** The three NPS groups (SURVEYS.md §10), by the points each holds. */
export const NPS_GROUPS = [
  { id: 'detractors', text: 'Detractors (0–6)', min: 0, max: 6 },
  { id: 'passives', text: 'Passives (7–8)', min: 7, max: 8 },
  { id: 'promoters', text: 'Promoters (9–10)', min: 9, max: 10 },
] as const;

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

/** `hidden:NAME:VALUE` when NAME is one of the survey's hidden fields, else undefined. */
function hiddenFilter(raw: string, survey: Survey): AnswerFilter | string | undefined {
  const [prefix, name, ...rest] = raw.split(':');
  if (prefix !== 'hidden' || name === undefined || rest.length === 0) return undefined;
  if (!survey.hidden.includes(name)) {
    // A question may be called `hidden`: then `hidden:CHOICE` is its filter, parsed below.
    if (survey.questions.some((q) => q.id === 'hidden')) return undefined;
    const names = survey.hidden.length === 0 ? 'it has none' : `its: ${survey.hidden.join(', ')}`;
    return `filter "${raw}": there is no hidden field "${name}" (${names})`;
  }
  const value = rest.join(':');
  // A value no link can give (§6) is a mistake to report: a NUL was a 500 on PostgreSQL.
  switch (hiddenValueProblem(value)) {
    case 'length':
      return `filter "${raw}": a hidden field's value is 1 to ${MAX_HIDDEN_VALUE} characters`;
    case 'unstorable':
      return `filter "${raw}": a hidden field's value cannot hold a NUL character`;
    case undefined:
      break;
  }
  return { kind: 'hidden', name, value, question: name, choice: value };
}

/** The filter keeping the responses that gave `value` to `question`, in every version. */
function choiceFilter(
  question: Question,
  value: string,
  versions: readonly VersionedSurvey[],
): FilterMatch {
  const targets = targetsOf(question, versions);
  const group = question.type === 'nps' ? NPS_GROUPS.find((g) => g.id === value) : undefined;
  if (group !== undefined) return { kind: 'range', targets, min: group.min, max: group.max };
  return { kind: question.type === 'multi' ? 'item' : 'answer', targets, value };
}

function parseOne(
  raw: string,
  survey: Survey,
  versions: readonly VersionedSurvey[],
): AnswerFilter | string {
  const hidden = hiddenFilter(raw, survey);
  if (hidden !== undefined) return hidden;
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
  const named = [...choices, ...(question.type === 'nps' ? NPS_GROUPS : [])];
  const choice = named.find((c) => c.id === value);
  if (choice === undefined) {
    const ids = named.map((c) => c.id).join(', ');
    return `filter "${raw}": question "${qid}" has no choice "${value}" (its choices: ${ids})`;
  }
  return {
    ...choiceFilter(question, value, versions),
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
