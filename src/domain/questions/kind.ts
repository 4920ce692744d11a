/**
 * What every question kind provides (SURVEYS.md §2, §9, §10). One file per kind implements
 * this interface; the registry (`registry.ts`) is typed so that a kind missing any part does
 * not compile. Everything here is pure: no Fastify, no Kysely, no clock but the injected one.
 */
import type { z } from 'zod';
import type { FieldNames, FormFields } from './form.js';
import type { Languages } from './languages.js';
import type { CheckMessages } from './messages.js';
import type { Summary, SummaryFigure } from './summary.js';

/** The keys every answerable question definition has after validation. */
export interface QuestionBase {
  readonly id: string;
  readonly type: string;
  readonly text: string;
}

/**
 * What `parse` needs besides the form: the page's field names, today's date (injected) and the
 * respondent's language's messages (English where no language is known).
 */
export interface ParseContext {
  readonly names: FieldNames;
  /** Today as `YYYY-MM-DD` (UTC): `date` questions with `min`/`max: today` compare with it. */
  readonly today: () => string;
  /** The checks' messages in the respondent's language. */
  readonly m: CheckMessages;
  /**
   * The survey's languages, if it has any: a message quoting a survey text (a choice, a row,
   * the Other label) quotes it in `m.lang`, as the page showed it.
   */
  readonly languages?: Languages | undefined;
}

/** Messages keyed by the form field they belong to (`answer`, `answer.ROW`, `other`, `q3.comment`…). */
export type FieldErrors = Readonly<Record<string, string>>;

/** A kind's verdict on the posted fields: a value (`null`: left unanswered, allowed) or errors. */
export type ValueResult<V> =
  | { readonly ok: true; readonly value: V | null }
  | { readonly ok: false; readonly errors: FieldErrors };

/**
 * One atomic stored value (the proposed storage shape, docs/decisions/0010): a ticked choice, a
 * grid row, a ranked choice, a number, a text. `role` keeps the Other text and the comment
 * apart from answers whatever ids the survey uses; `item` is the grid row or ranked choice
 * (null otherwise); `num` is set where §10 needs a mean, median or histogram, so SQL can
 * aggregate it over an index without parsing text.
 */
export interface StoredRow {
  readonly role: 'answer' | 'other' | 'comment';
  readonly item: string | null;
  readonly value: string;
  readonly num: number | null;
}

/** A CSV cell: numbers stay numbers so the exporter can skip the formula guard for them. */
export type Cell = string | number;

/** The typed `answer` of a §9 JSON export entry. */
export type JsonAnswer =
  string | number | boolean | null | readonly string[] | Readonly<Record<string, string>>;

/** The kind's part of one JSON export entry: the answer and, for Other, the respondent's text. */
export interface JsonPart {
  readonly answer: JsonAnswer;
  readonly other?: string;
}

/**
 * One question kind. Methods (not function-valued properties) on purpose: their parameters
 * are checked bivariantly, so each kind's precise type still fits the registry's common type.
 */
export interface QuestionKind<Q extends QuestionBase, V> {
  /** The kind's keys, defaults and limits: the single source of truth for its definition. */
  readonly schema: z.ZodType<Q>;
  /** False only for `statement`: nothing to answer, store, summarise or export. */
  readonly answerable: boolean;
  /**
   * True when an answer has several values (multi, grid, ranking): they are stored as items,
   * one row each; otherwise an answer's one value is stored with the answer itself
   * (docs/decisions/0013).
   */
  readonly several: boolean;
  /** Turns the posted fields of one question into its value, or errors keyed by field. */
  parse(form: FormFields, question: Q, ctx: ParseContext): ValueResult<V>;
  /** The value as form fields: what `parse` reads back (stored answers shown again under Back). */
  format(value: V, question: Q, names: FieldNames): FormFields;
  /** The atomic rows that store the value (never empty for a value; the comment is added by the caller). */
  toRows(value: V, question: Q): readonly StoredRow[];
  /** The value back from its rows (`null` when there are none). */
  fromRows(rows: readonly StoredRow[], question: Q): V | null;
  /** CSV column headers for this question (comments are added after all questions, as today). */
  exportColumns(question: Q): readonly string[];
  /** One response's cells under those headers; `undefined`: not asked, `null`: asked, no answer. */
  exportCells(value: V | null | undefined, question: Q): readonly Cell[];
  /** The typed JSON answer (`null` when the page was submitted without one). */
  exportJson(value: V | null, question: Q): JsonPart;
  /** Which §10 figures `results.json` has for this kind. */
  readonly figures: readonly SummaryFigure[];
  /** Reference oracle of §10: the figures from each response's stored rows for this question. */
  summarise(responses: readonly (readonly StoredRow[])[], question: Q): Summary;
}

/**
 * What every registry entry is, whatever its kind: a schema producing some question, and
 * methods over a question type only the kind knows (`never` accepts every kind's methods).
 */
export type AnyQuestionKind = Omit<QuestionKind<never, unknown>, 'schema'> & {
  readonly schema: z.ZodType<QuestionBase>;
};
