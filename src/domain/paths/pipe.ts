/**
 * Piping (SURVEYS.md §6): `{{q:ID}}`, `{{q:GRID.ROW}}` and `{{hidden:NAME}}` in a question's
 * `text` and `help`, a page's `title` and `help`, `endText` and `thankYou`, each with an optional
 * fallback `{{q:name|there}}` shown when there is no answer. A pipe is data like a condition:
 * the answer's text is put in its place in one pass, never read again as a pipe, never
 * evaluated. The result is plain text; the view escapes it.
 *
 * A pipe begins with `{{` and a word and a colon; other braces are left as they are, so a text
 * that merely contains `{{` is not a mistake. References follow the rules of conditions (§3):
 * known ids, a grid piped by row, declared hidden names, and only answers given before the text
 * is shown; `surveyPipeProblems` applies them to every field where a pipe may appear.
 */
import { fromStoredValues, type Question, type StoredAnswerValues } from '../questions/index.js';
import { suggest } from '../questions/suggest.js';
import type { ConditionProblem, Scope } from './check.js';

/** One pipe in a text, at `[start, end)` (string offsets, `end` just after its `}}`). */
export type PipeRef =
  | {
      readonly kind: 'q';
      readonly start: number;
      readonly end: number;
      readonly question: string;
      /** The grid row of `{{q:GRID.ROW}}`. */
      readonly row?: string;
      readonly fallback?: string;
    }
  | {
      readonly kind: 'hidden';
      readonly start: number;
      readonly end: number;
      readonly name: string;
      readonly fallback?: string;
    }
  | {
      /** Looks like a pipe but is not one: `pipeProblems` reports it, `pipe` leaves it as written. */
      readonly kind: 'malformed';
      readonly start: number;
      readonly end: number;
      readonly message: string;
    };

const OPENING = /\{\{([A-Za-z][A-Za-z0-9_-]*):/y;
const QUESTION_REF = /^([a-z][a-z0-9_]{0,39})(?:\.(.+))?$/s;
const FORMS = 'write {{q:ID}}, {{q:GRID.ROW}} or {{hidden:NAME}}';

function refAt(text: string, start: number, source: string, body: string, end: number): PipeRef {
  const bar = body.indexOf('|');
  const subject = bar < 0 ? body : body.slice(0, bar);
  const fallback = bar < 0 ? {} : { fallback: body.slice(bar + 1) };
  const written = text.slice(start, end);
  if (source === 'hidden') {
    return subject === ''
      ? { kind: 'malformed', start, end, message: `${written} needs a hidden field's name` }
      : { kind: 'hidden', start, end, name: subject, ...fallback };
  }
  if (source !== 'q') {
    return {
      kind: 'malformed',
      start,
      end,
      message: `${written} is not a pipe: ${FORMS}`,
    };
  }
  const match = QUESTION_REF.exec(subject);
  if (match === null) {
    return {
      kind: 'malformed',
      start,
      end,
      message:
        subject === ''
          ? `${written} needs a question id`
          : `${written}: "${subject}" is not a question id (or GRID.ROW)`,
    };
  }
  const [, question = '', row] = match;
  return { kind: 'q', start, end, question, ...(row === undefined ? {} : { row }), ...fallback };
}

/**
 * Every pipe in `text`, in order, malformed ones included. A pipe's fallback is the literal
 * text after its first `|` up to the first `}}`; a pipe with no `}}` before the next `{{` (or
 * the end) is unclosed.
 */
export function pipeRefs(text: string): PipeRef[] {
  const refs: PipeRef[] = [];
  let at = text.indexOf('{{');
  while (at >= 0) {
    OPENING.lastIndex = at;
    const opening = OPENING.exec(text);
    if (opening === null) {
      at = text.indexOf('{{', at + 1);
      continue;
    }
    const bodyStart = at + opening[0].length;
    const close = text.indexOf('}}', bodyStart);
    const next = text.indexOf('{{', bodyStart);
    if (close < 0 || (next >= 0 && next < close)) {
      const end = next >= 0 && (close < 0 || next < close) ? next : text.length;
      refs.push({
        kind: 'malformed',
        start: at,
        end,
        message: `${opening[0]}… is not closed: end it with }}`,
      });
      at = next;
      continue;
    }
    refs.push(refAt(text, at, opening[1] ?? '', text.slice(bodyStart, close), close + 2));
    at = text.indexOf('{{', close + 2);
  }
  return refs;
}

/** What `pipe` needs to put answers in a text. */
export interface PipeContext {
  /** Every question of the survey, by id. */
  readonly questions: ReadonlyMap<string, Question>;
  /** The stored answers on the respondent's path, by question id (absent: none). */
  readonly answers: ReadonlyMap<string, StoredAnswerValues>;
  readonly hidden: Readonly<Record<string, string>>;
  /** The respondent's language (SURVEYS.md §5); without it, the survey's first language. */
  readonly words?: PipeWords;
}

/** How piped answers read in the respondent's language. */
export interface PipeWords {
  /** A choice's, column's or row's text (as written in the survey's first language) in it. */
  text(text: string): string;
  readonly yes: string;
  readonly no: string;
}

const FIRST_LANGUAGE: PipeWords = { text: (text) => text, yes: 'Yes', no: 'No' };

/** Free text is cut at this many characters (code points) when piped (§6). */
export const PIPED_TEXT_LIMIT = 200;

/** `text` cut at {@link PIPED_TEXT_LIMIT} code points, with "…" when it was cut. */
function cut(text: string): string {
  let end = 0;
  let count = 0;
  for (const character of text) {
    if (count === PIPED_TEXT_LIMIT) return `${text.slice(0, end)}…`;
    end += character.length;
    count++;
  }
  return text;
}

/** The answer's text as piped, or undefined when there is nothing to show. */
function answerText(
  question: Question,
  stored: StoredAnswerValues,
  row: string | undefined,
  words: PipeWords,
): string | undefined {
  const textOf = (items: readonly { id: string; text: string }[], id: string) => {
    const text = items.find((i) => i.id === id)?.text;
    return text === undefined ? id : words.text(text);
  };
  // A row belongs to a grid only; a grid shows one row's column, never its whole table.
  if ((row === undefined) === (question.type === 'grid')) return undefined;
  switch (question.type) {
    case 'choice':
    case 'dropdown': {
      const value = fromStoredValues(question, stored).value;
      if (value === null) return undefined;
      return value.kind === 'choice' ? textOf(question.choices, value.id) : cut(value.text);
    }
    case 'yesno': {
      const value = fromStoredValues(question, stored).value;
      return value === null ? undefined : value === 'yes' ? words.yes : words.no;
    }
    case 'multi': {
      const value = fromStoredValues(question, stored).value;
      if (value === null) return undefined;
      const texts = value.ids.map((id) => textOf(question.choices, id));
      return [...texts, ...(value.other === undefined ? [] : [cut(value.other)])].join(', ');
    }
    case 'ranking': {
      const value = fromStoredValues(question, stored).value;
      return value?.map((a) => textOf(question.choices, a.id)).join(', ');
    }
    case 'grid': {
      const column = fromStoredValues(question, stored).value?.find((a) => a.row === row)?.column;
      return column === undefined ? undefined : textOf(question.columns, column);
    }
    case 'number':
    case 'rating':
    case 'nps': {
      const value = fromStoredValues(question, stored).value;
      return value === null ? undefined : String(value);
    }
    case 'date':
      return fromStoredValues(question, stored).value ?? undefined;
    case 'consent':
      return fromStoredValues(question, stored).value === true ? words.yes : undefined;
    case 'text':
    case 'longtext':
    case 'email': {
      const value = fromStoredValues(question, stored).value;
      return value === null ? undefined : cut(value);
    }
    case 'statement':
      return undefined;
  }
}

function piped(ref: PipeRef, ctx: PipeContext): string | undefined {
  if (ref.kind === 'hidden') {
    // Values come from the link: bounded like free text, and only the survey's own names.
    const value = Object.hasOwn(ctx.hidden, ref.name) ? ctx.hidden[ref.name] : undefined;
    return value === undefined ? undefined : cut(value);
  }
  if (ref.kind !== 'q') return undefined;
  const question = ctx.questions.get(ref.question);
  const stored = ctx.answers.get(ref.question);
  if (question === undefined || stored === undefined) return undefined;
  return answerText(question, stored, ref.row, ctx.words ?? FIRST_LANGUAGE);
}

/**
 * `text` with each pipe replaced by the answer's text: a choice's text, a multi's or ranking's
 * texts joined with ", ", a grid row's column text, a number as written, a date `YYYY-MM-DD`,
 * consent "Yes", free text (and an Other text, and a hidden value) cut at 200 characters. Without
 * an answer, the pipe's fallback, else nothing. A malformed pipe stays as written (the file
 * check refuses it). Plain text: the caller escapes it.
 */
export function pipe(text: string, ctx: PipeContext): string {
  const refs = pipeRefs(text);
  if (refs.length === 0) return text;
  let out = '';
  let at = 0;
  for (const ref of refs) {
    out += text.slice(at, ref.start);
    if (ref.kind === 'malformed') out += text.slice(ref.start, ref.end);
    else {
      const value = piped(ref, ctx);
      out += value === undefined || value === '' ? (ref.fallback ?? '') : value;
    }
    at = ref.end;
  }
  return out + text.slice(at);
}

const didYouMean = (near: string | undefined) =>
  near === undefined ? '' : ` — did you mean "${near}"?`;

function questionRefProblem(
  ref: PipeRef & { kind: 'q' },
  scope: Scope,
  written: string,
): string | undefined {
  const question = scope.questions.get(ref.question);
  if (question === undefined) {
    const near = suggest(ref.question, [...scope.questions.keys()]);
    return `${written}: unknown question "${ref.question}"${didYouMean(near)}`;
  }
  if (question.type === 'statement') {
    return `${written}: "${question.id}" is a statement: it has no answer to show`;
  }
  if (question.type === 'grid') {
    if (ref.row === undefined) {
      return `${written}: "${question.id}" is a grid: pipe one of its rows, {{q:${question.id}.ROW}}`;
    }
    const rows = question.rows.map((r) => r.id);
    if (!rows.includes(ref.row)) {
      return `${written}: grid "${question.id}" has no row "${ref.row}"${didYouMean(suggest(ref.row, rows))}`;
    }
  } else if (ref.row !== undefined) {
    return `${written}: "${question.id}" is not a grid: write {{q:${question.id}}}`;
  }
  if (!scope.reachable.has(ref.question)) {
    return `${written}: question "${ref.question}" is not answered before this text is shown: a pipe may only show answers from earlier pages`;
  }
  return undefined;
}

/**
 * Every problem of the pipes in `text` (SURVEYS.md §6, with the reference rules of §3): malformed
 * pipes, unknown questions and grid rows (with a near miss), a grid without its row, a statement,
 * a hidden name the survey does not declare, and a question not in `scope.reachable` (earlier
 * pages for a text shown with a page, also its own page for `endText`, any for `thankYou`).
 * Each problem has `path`, the field the text is in.
 */
export function pipeProblems(
  text: string,
  scope: Scope,
  path: readonly (string | number)[],
): ConditionProblem[] {
  const problems: ConditionProblem[] = [];
  for (const ref of pipeRefs(text)) {
    const written = text.slice(ref.start, ref.end);
    let message: string | undefined;
    if (ref.kind === 'malformed') message = ref.message;
    else if (ref.kind === 'q') message = questionRefProblem(ref, scope, written);
    else if (!scope.hidden.includes(ref.name)) {
      message =
        scope.hidden.length === 0
          ? `${written}: hidden "${ref.name}" is not declared: list it under hidden`
          : `${written}: hidden "${ref.name}" is not one of ${scope.hidden.join(', ')}${didYouMean(suggest(ref.name, scope.hidden))}`;
    }
    if (message !== undefined) problems.push({ path, message });
  }
  return problems;
}

/**
 * A text field where a pipe may appear: one text, or (§5) one per language, each checked with
 * the language in its path.
 */
export type PipedText = string | Readonly<Record<string, string>>;

/** What `surveyPipeProblems` reads of a page: its texts and the indices of its questions. */
export interface PipedPage {
  readonly title?: PipedText | undefined;
  readonly help?: PipedText | undefined;
  readonly questions: readonly number[];
}

/**
 * What `surveyPipeProblems` reads of a parsed survey (the model of issue 15): the flat
 * `questions` in file order, `pages` holding indices into them, `hidden` and `thankYou`. A
 * survey without `pages` is read as one page per question, as a `questions:` file is.
 */
export interface PipedSurvey {
  readonly layout?: 'questions' | 'pages';
  readonly questions: readonly (Question & { readonly endText?: PipedText | undefined })[];
  readonly pages?: readonly PipedPage[];
  readonly hidden?: readonly string[];
  readonly thankYou?: PipedText | undefined;
}

function textProblems(
  value: PipedText | undefined,
  scope: Scope,
  path: readonly (string | number)[],
): ConditionProblem[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return pipeProblems(value, scope, path);
  return Object.entries(value).flatMap(([lang, text]) =>
    pipeProblems(text, scope, [...path, lang]),
  );
}

/**
 * Every pipe problem of a parsed survey, each with its field path: `questions.2.text` in a
 * `questions:` file, `pages.1.questions.0.help` and `pages.1.title` in a `pages:` file,
 * `thankYou`. Questions and pages may pipe answers from earlier pages, `endText` also from its
 * own page, `thankYou` from any question.
 */
export function surveyPipeProblems(survey: PipedSurvey): ConditionProblem[] {
  const questions = new Map<string, Question>(survey.questions.map((q) => [q.id, q]));
  const hidden = survey.hidden ?? [];
  const pages: readonly PipedPage[] =
    survey.pages ?? survey.questions.map((_, i) => ({ questions: [i] }));
  const filePages =
    survey.layout === undefined ? survey.pages !== undefined : survey.layout === 'pages';
  const scopeOf = (reachable: ReadonlySet<string>): Scope => ({
    questions,
    reachable,
    hidden,
    languages: [],
  });
  const problems: ConditionProblem[] = [];
  const earlier = new Set<string>();
  pages.forEach((page, p) => {
    const before = scopeOf(new Set(earlier));
    const ownIds = page.questions.flatMap((i) => survey.questions[i]?.id ?? []);
    const own = scopeOf(new Set([...earlier, ...ownIds]));
    problems.push(
      ...textProblems(page.title, before, ['pages', p, 'title']),
      ...textProblems(page.help, before, ['pages', p, 'help']),
    );
    page.questions.forEach((index, position) => {
      const question = survey.questions[index];
      if (question === undefined) return;
      const at = filePages ? ['pages', p, 'questions', position] : ['questions', index];
      problems.push(
        ...textProblems(question.text, before, [...at, 'text']),
        ...textProblems(question.help, before, [...at, 'help']),
        ...textProblems(question.endText, own, [...at, 'endText']),
      );
    });
    for (const id of ownIds) earlier.add(id);
  });
  const everything = scopeOf(new Set(questions.keys()));
  problems.push(...textProblems(survey.thankYou, everything, ['thankYou']));
  return problems;
}
