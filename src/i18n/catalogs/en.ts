import { checkMessages } from '../../domain/questions/messages.js';

/**
 * Canvass's own respondent-facing texts in English, as ICU messages (intl-messageformat): the
 * source every other catalog translates, message for message, placeholder for placeholder.
 * `invalidQuestion` is the seed's flash, byte for byte (SURVEYS.md §0).
 * The question kinds' check messages come from the domain, which formats them through
 * `Messages` (src/domain/questions/messages.ts).
 */
export const en = {
  ...checkMessages,
  skipToContent: 'Skip to content',
  languages: 'Language',
  questionCount: '{count, plural, one {# question} other {# questions}}',
  start: 'Start',
  continue: 'Continue',
  startOver: 'Start over',
  takeAgain: 'Take it again',
  partWay: 'You are part-way through this survey.',
  answeredOf: 'You have answered {answered} of {total} questions.',
  completed: 'You have completed this survey.',
  seeAnswers: 'See your answers',
  canStillFinish: 'You can still finish the survey you began.',
  ended: 'This survey has ended.',
  notOpenYet: 'This survey is not open yet, it opens on {when}.',
  closed: 'This survey is closed.',
  full: 'This survey has all the responses it needs.',
  questionPosition: 'Question {position} of {total}',
  pagePosition: 'Page {position} of {total}',
  answeredProgress: '{answered} of {total} answered',
  errorTitle: 'Error: {title}',
  next: 'Next',
  finish: 'Finish',
  back: 'Back',
  resumeOffer: 'Continue on another device',
  thanks: 'Thank you!',
  thanksTitle: 'Thank you · {title}',
  recorded: 'Your answers to <b>{title}</b> have been recorded.',
  yourAnswers: 'Your answers',
  backToSurveys: 'Back to all surveys',
  questionNumber: 'Question {number}',
  thereIsAProblem: 'There is a problem',
  chooseOne: 'Choose…',
  tellUsMore: 'Tell us more',
  commentOptional: '(optional, up to {max, number} characters)',
  pleaseSpecify: 'Please specify',
  yes: 'Yes',
  no: 'No',
  invalidQuestion: 'Invalid question id: {qid}.',
  resumeTitle: 'Continue on another device',
  backToSurvey: 'Back to the survey',
  resumeLead:
    'Open this link on your other device to go on where you are now. Your answers so far are kept.',
  resumeLinkLabel: 'Your link',
  resumeScan: "Or scan this QR code with your other device's camera.",
  resumeExpires:
    'The link works until {when}. Anyone who has it can see and change your answers: keep it to yourself.',
  errorCode: 'Error {status}',
  goToSurveys: 'Go to the list of surveys',
  notFoundHeading: 'Page not found',
  notFoundDetail:
    'There is no page at this address. Check the link, or pick a survey from the list.',
  expiredHeading: 'This form has expired',
  expiredDetail:
    'For your security, forms can only be sent from a page Canvass showed you in this browser. Please go back, reload the page and try again.',
  tooLargeHeading: 'Too much data',
  tooLargeDetail:
    'What you sent is larger than Canvass accepts ({kib} KiB). Please shorten it and try again.',
  tooManyHeading: 'Too many requests',
  tooManyDetail:
    'This browser or network sent more requests than Canvass accepts in a short time. Please wait a minute and try again; your answers so far are kept.',
  unavailableHeading: 'Temporarily unavailable',
  unavailableDetail:
    'Canvass cannot reach its database right now. Your progress is kept: please try again in a moment.',
  staleForm:
    'That page had already been sent or changed in another window, so nothing was changed. You can go on from here.',
  lostResponse: 'We could not find your earlier answers. Please start the survey again.',
  qrAlt: 'QR code of the link above',
  resumeInvalidHeading: 'This resume link is not valid',
  resumeInvalidDetail:
    'It may have expired, been copied only in part, or belong to a response that is already complete. Open the survey again from the list of surveys.',
  hintLengthBetween: 'Between {min, number} and {max, number} characters.',
  hintLengthUpTo: 'Up to {max, number} characters.',
  hintChooseCount: 'Choose {count, plural, one {# answer} other {# answers}}.',
  hintChooseRange: 'Choose {min, number} to {max, plural, one {# answer} other {# answers}}.',
  hintChooseAtLeast: 'Choose at least {min, plural, one {# answer} other {# answers}}.',
  hintChooseUpTo: 'Choose up to {max, plural, one {# answer} other {# answers}}.',
  hintChooseAll: 'Choose all that apply.',
  hintRankAll: 'Give each a different rank from 1 to {count, number}, 1 for your first choice.',
  hintRankTop:
    'Rank your top {count, number}: give them 1 to {count, number}, 1 for your first choice.',
  hintNumberRange:
    '{whole, select, yes {A whole number from {min, number, ::.##########} to {max, number, ::.##########}.} other {A number from {min, number, ::.##########} to {max, number, ::.##########}.}}',
  hintNumberMin:
    '{whole, select, yes {A whole number of at least {min, number, ::.##########}.} other {A number of at least {min, number, ::.##########}.}}',
  hintNumberMax:
    '{whole, select, yes {A whole number of at most {max, number, ::.##########}.} other {A number of at most {max, number, ::.##########}.}}',
  hintWholeNumber: 'A whole number.',
  hintDateRange:
    'A date from {min, select, today {today} other {{min}}} to {max, select, today {today} other {{max}}}.',
  hintDateFrom: 'A date on or after {min, select, today {today} other {{min}}}.',
  hintDateUntil: 'A date on or before {max, select, today {today} other {{max}}}.',
} as const;
