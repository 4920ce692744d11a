/**
 * An answer as one line of text for the respondent's own thank-you page: the choice texts
 * people saw, not ids. A format-1 answer shows its choice text, as it always did.
 */
import type { Answer } from './answer.js';
import type { JsonAnswer } from './kind.js';
import { kindOf, type Question } from './registry.js';

function asText(answer: JsonAnswer): string {
  if (answer === null) return 'No answer';
  if (answer === true) return 'Yes';
  if (typeof answer === 'string' || typeof answer === 'number' || typeof answer === 'boolean')
    return String(answer);
  if (Array.isArray(answer)) return (answer as readonly string[]).join(', ');
  return Object.entries(answer as Readonly<Record<string, string>>)
    .map(([row, column]) => `${row}: ${column}`)
    .join('; ');
}

/** An answer's text and its Other text apart, as the admin's response page shows them. */
export interface AnswerParts {
  readonly text: string;
  readonly other?: string;
}

/**
 * The answer's text (choice texts people saw) and its Other text, or undefined for a question
 * with nothing to answer (a statement).
 */
export function answerParts(question: Question, answer: Answer<unknown>): AnswerParts | undefined {
  const kind = kindOf(question);
  if (!kind.answerable) return undefined;
  const part = kind.exportJson((answer.value ?? null) as never, question);
  const text = asText(part.answer);
  return part.other === undefined ? { text } : { text, other: part.other };
}

/** The answer's text, or undefined for a question with nothing to answer (a statement). */
export function answerText(question: Question, answer: Answer<unknown>): string | undefined {
  const parts = answerParts(question, answer);
  if (parts === undefined) return undefined;
  return parts.other === undefined ? parts.text : `${parts.text}: ${parts.other}`;
}
