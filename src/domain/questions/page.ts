/**
 * A whole page of answers (SURVEYS.md §2 "Form field names", §4): reading every question of a
 * posted page at once, and turning stored answers back into the fields that page posts, so an
 * earlier page opens filled in under Back. A `questions:` page holds one question named
 * `answer`/`comment`/`other`; a `pages:` page prefixes each question's fields by its id.
 */
import { parseAnswer, type Answer } from './answer.js';
import {
  ownsField,
  prefixedNames,
  singleQuestionNames,
  type FieldNames,
  type FormFields,
} from './form.js';
import type { FieldErrors } from './kind.js';
import type { Languages } from './languages.js';
import type { CheckMessages } from './messages.js';
import { kindOf, type Question } from './registry.js';
import {
  fromStoredValues,
  toStoredValues,
  type StoredAnswerValues,
  type StoredValues,
} from './stored.js';

/** How a survey's pages name their fields: `questions:` files one question a page, `pages:` several. */
export type PageLayout = 'questions' | 'pages';

/** The field names of `question` on a page of `layout`. */
export function pageNames(question: Question, layout: PageLayout): FieldNames {
  return layout === 'pages' ? prefixedNames(question.id) : singleQuestionNames;
}

/** One question's answer from a valid page: the value (for conditions) and what storage writes. */
export interface PageAnswer {
  readonly answer: Answer<unknown>;
  readonly stored: StoredValues;
}

export type PageParse =
  | {
      readonly kind: 'valid';
      /** Keyed by position in the `questions` given to {@link parsePage}. */
      readonly answers: ReadonlyMap<number, PageAnswer>;
    }
  | {
      readonly kind: 'invalid';
      /** Every question's errors at once, so one 422 lists them all. */
      readonly errors: FieldErrors;
      /** Every field of the page's questions as posted (valid ones too), to fill the form in again. */
      readonly values: FormFields;
    };

/**
 * Parses the asked questions of one page (`questions`, in page order) from the posted form.
 * All or nothing: one invalid question makes the page invalid, and then the errors of every
 * question are reported together with every value the respondent typed.
 */
export function parsePage(
  form: FormFields,
  questions: readonly Question[],
  layout: PageLayout,
  today: () => string,
  m: CheckMessages,
  languages?: Languages,
): PageParse {
  const answers = new Map<number, PageAnswer>();
  const errors: Record<string, string> = {};
  const values: Record<string, string | readonly string[] | undefined> = {};
  questions.forEach((question, position) => {
    const names = pageNames(question, layout);
    const parsed = parseAnswer(form, question, { names, today, m, languages });
    if (parsed.kind === 'invalid') {
      Object.assign(errors, parsed.errors);
      return;
    }
    const stored = toStoredValues(question, parsed.answer);
    answers.set(position, { answer: parsed.answer, stored });
  });
  if (Object.keys(errors).length === 0) return { kind: 'valid', answers };
  for (const question of questions) Object.assign(values, ownFields(form, question, layout));
  return { kind: 'invalid', errors, values };
}

/** The fields of `form` that belong to `question` on its page. */
function ownFields(form: FormFields, question: Question, layout: PageLayout): FormFields {
  const names = pageNames(question, layout);
  return Object.fromEntries(Object.entries(form).filter(([name]) => ownsField(names, name)));
}

/** What {@link storedFormValues} needs of a survey (the schema's `Survey` has it). */
export interface LaidOutSurvey {
  readonly questions: readonly Question[];
  readonly layout: PageLayout;
}

/**
 * The stored answers of a page's asked questions (`asked`: indices into `survey.questions`) as
 * the form fields the page would post: what `parsePage` reads back to the same answers. A
 * question without a stored answer, or submitted without one, adds no field.
 */
export function storedFormValues(
  survey: LaidOutSurvey,
  asked: readonly number[],
  answers: ReadonlyMap<number, StoredAnswerValues>,
): FormFields {
  const form: Record<string, string | readonly string[] | undefined> = {};
  for (const index of asked) {
    const question = survey.questions[index];
    const stored = answers.get(index);
    if (question === undefined || stored === undefined) continue;
    const names = pageNames(question, survey.layout);
    const answer = fromStoredValues(question, stored);
    if (answer.value !== null) {
      Object.assign(form, kindOf(question).format(answer.value, question, names));
    }
    if (answer.comment !== null && answer.comment !== '') form[names.comment] = answer.comment;
  }
  return form;
}
