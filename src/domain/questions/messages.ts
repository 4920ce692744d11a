/**
 * The messages of the question kinds' checks, in English: the source the i18n catalogs
 * translate (src/i18n/catalogs/en.ts spreads it), as ICU messages. The domain formats them
 * through a {@link CheckMessages} carried in its parse context, so a respondent reads them in
 * their language (issue 16 item 1); the formatter itself lives in src/i18n, which the domain
 * does not import.
 */
export const checkMessages = {
  other: 'Other',
  required: 'Please answer this question.',
  chooseAnswer: 'Please choose an answer.',
  chooseAtLeastOne: 'Please choose at least one answer.',
  chooseListed: 'Please choose only from the listed answers.',
  chooseExactlyOne: 'Please choose exactly one answer.',
  chooseOneListed: 'Please choose one of the listed answers.',
  sayWhatOther: 'Please say what "{other}" is.',
  exclusiveAlone: '"{choice}" cannot be chosen together with other answers.',
  chooseAtLeast: 'Please choose at least {min, plural, one {# answer} other {# answers}}.',
  chooseAtMost: 'Please choose at most {max, plural, one {# answer} other {# answers}}.',
  chooseForRow: 'Please choose an answer for "{row}".',
  chooseListedForRow: 'Please choose one of the listed answers for "{row}".',
  chooseRank: 'Please choose a rank from 1 to {count, number}.',
  rankOnce: 'Each rank can be given once: {rank, number} is given more than once.',
  rankEvery: 'Please rank every choice.',
  rankTop: 'Please rank your top {count, number}.',
  choosePoint: 'Please choose one of {lo, number} to {hi, number}.',
  tickToGoOn: 'Please tick the box to go on.',
  tickOrLeave: 'Please tick the box or leave it empty.',
  enterDate: 'Please enter a date.',
  dateFormat: 'Please enter a date written YYYY-MM-DD, like 2024-03-31.',
  dateFrom: 'Please enter a date on or after {min}.',
  dateUntil: 'Please enter a date on or before {max}.',
  enterEmail: 'Please enter an email address, like name@example.com.',
  sendOneAnswer: 'Please send one answer.',
  sendOneComment: 'Please send one comment.',
  sendOneNumber: 'Please send one number.',
  enterNumber: 'Please enter a number.',
  numberFormat: 'Please enter a number, like 12 or 3.5.',
  wholeNumber: 'Please enter a whole number.',
  numberAtLeast: 'Please enter a number of at least {min, number, ::.##########}.',
  numberAtMost: 'Please enter a number of at most {max, number, ::.##########}.',
  answerTooShort:
    'Your answer is too short: {length, number, ::group-off} characters, at least {min, number, ::group-off}.',
  answerTooLong: 'Your answer is too long: {length, number} characters, at most {max, number}.',
  commentTooLong: 'Your comment is too long: {length, number} characters, at most {max, number}.',
  answerNul: 'Your answer contains a character that cannot be stored (NUL).',
  commentNul: 'Your comment contains a character that cannot be stored (NUL).',
} as const;

export type CheckMessageKey = keyof typeof checkMessages;

/** One language's check messages, formatted (src/i18n's `Messages` is one). */
export interface CheckMessages {
  /** The language's code (`en`, `fr`…): the survey's texts are read in it. */
  readonly lang: string;
  /** The message `key` with `values` filled in, as plain text (escape it like any text). */
  t(key: CheckMessageKey, values?: Readonly<Record<string, string | number>>): string;
}
