/**
 * The course-evaluation sample (every question kind, issue 14) answered once: the form of
 * each page, what the thank-you page lists for it, and the JSON export entries (SURVEYS.md
 * §9). Shared by the HTTP and browser tests and the benchmark's format-2 flow.
 */

export const COURSE = 'course-evaluation';

/** One form per page, in question order: every kind answered, Other and items included. */
export const COURSE_ANSWERS: readonly Record<string, string | string[]>[] = [
  {},
  { answer: '_other', other: 'Security' },
  { answer: 'Lisbon' },
  { answer: 'no' },
  { answer: ['testing', 'databases', '_other'], other: 'Pairing' },
  { answer: '7.5' },
  { answer: '2026-03-14' },
  { answer: '4' },
  { answer: '9' },
  { 'answer.clear': 'agree', 'answer.pace': 'neutral', 'answer.feedback': 'disagree' },
  { 'answer.mentoring': '1', 'answer.exercises': '2' },
  { answer: '=SUM(A1) was fun' },
  { answer: '' },
  { answer: 'ada@example.org' },
  { answer: 'yes' },
];

/** What the thank-you page lists for those answers (the statement has none). */
export const COURSE_THANKS = [
  'Another track: Security',
  'Lisbon',
  'No',
  'Testing, Databases, Other: Pairing',
  '7.5',
  '2026-03-14',
  '4',
  '9',
  'The explanations were clear: Agree; The pace was right: Neutral; Feedback came in time: Disagree',
  'More mentoring, More exercises',
  '=SUM(A1) was fun',
  'No answer',
  'ada@example.org',
  'Yes',
];

/** The answers of the JSON export (SURVEYS.md §9) for those answers, as [id, answer, other?]. */
export const COURSE_EXPORT: readonly (readonly unknown[])[] = [
  ['track', 'Another track', 'Security'],
  ['campus', 'Lisbon'],
  ['first_course', 'No'],
  ['topics', ['Testing', 'Databases', 'Other'], 'Pairing'],
  ['hours', 7.5],
  ['finished_on', '2026-03-14'],
  ['overall', 4],
  ['recommend', 9],
  [
    'teaching',
    {
      'The explanations were clear': 'Agree',
      'The pace was right': 'Neutral',
      'Feedback came in time': 'Disagree',
    },
  ],
  ['priorities', ['More mentoring', 'More exercises']],
  ['highlight', '=SUM(A1) was fun'],
  ['suggestions', null],
  ['email', 'ada@example.org'],
  ['consent', true],
];
