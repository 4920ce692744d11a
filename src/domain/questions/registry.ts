/**
 * The question kinds of SURVEYS.md §2, one entry per kind. `Kind` is derived from this object,
 * so the list is written once; `KindMap` checks that each entry's schema has the `type` of its
 * key, and layers that need something per kind (renderers, SQL summaries) type their maps
 * `{ [K in Kind]: … }` so a kind without one does not compile.
 */
import type { z } from 'zod';
import { choice } from './choice.js';
import { consent } from './consent.js';
import { date } from './date.js';
import { dropdown } from './dropdown.js';
import { email } from './email.js';
import { grid } from './grid.js';
import type { AnyQuestionKind, QuestionKind } from './kind.js';
import { longtext } from './longtext.js';
import { multi } from './multi.js';
import { nps } from './nps.js';
import { number } from './number.js';
import { ranking } from './ranking.js';
import { rating } from './rating.js';
import { statement } from './statement.js';
import { text } from './text.js';
import { yesno } from './yesno.js';

export const kinds = {
  choice,
  dropdown,
  yesno,
  multi,
  text,
  longtext,
  email,
  number,
  date,
  rating,
  nps,
  grid,
  ranking,
  consent,
  statement,
} as const satisfies Record<string, AnyQuestionKind>;

export type Kind = keyof typeof kinds;

/** The validated definition of a question of kind K. */
export type QuestionOf<K extends Kind> = z.output<(typeof kinds)[K]['schema']>;

/** Any validated question definition, discriminated by `type`. */
export type Question = { [K in Kind]: QuestionOf<K> }[Kind];

/** The typed value of an answer to a question of kind K (what `fromRows` gives back). */
export type ValueOf<K extends Kind> = Exclude<ReturnType<(typeof kinds)[K]['fromRows']>, null>;

/** Each kind as a `QuestionKind` of its own question and value types, keyed by its `type`. */
export type KindMap = { [K in Kind]: QuestionKind<QuestionOf<K> & { type: K }, ValueOf<K>> };

/** The registry seen through {@link KindMap}: compiling this line is the check. */
export const kindMap: KindMap = kinds;

/** The kind names, in the registry's order (for messages like "type must be one of …"). */
export const kindNames = Object.keys(kinds) as Kind[];

export function isKind(name: string): name is Kind {
  return Object.hasOwn(kinds, name);
}

/**
 * The kind of a question, typed for that question. TypeScript cannot follow the correlation
 * between `question.type` and `kinds[question.type]` through a union, so this is the one
 * place that states it; `kindMap` above checks that it holds for every kind.
 */
export function kindOf<Q extends Question>(question: Q): QuestionKind<Q, ValueOf<Q['type']>> {
  return kindMap[question.type] as unknown as QuestionKind<Q, ValueOf<Q['type']>>;
}

// Compile-time checks that value types are what the kinds' files say (a `never` here would
// mean the registry lost a kind's value type).
type Expect<T extends true> = T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type _ValueChecks = [
  Expect<Same<ValueOf<'longtext'>, string>>,
  Expect<Same<ValueOf<'rating'>, number>>,
  Expect<Same<ValueOf<'consent'>, true>>,
  Expect<Same<ValueOf<'statement'>, never>>,
];
