/**
 * The course-evaluation sample (every question kind) in the flow properties: for each of its
 * questions, forms a respondent may send, each with what the spec says it amounts to — the
 * JSON export entry (SURVEYS.md §9) of a valid answer, `null` for a statement (nothing to
 * export), `undefined` for a form the server must refuse with 422. Written out by hand from
 * the survey file, independently of the code under test.
 */
import { isDeepStrictEqual } from 'node:util';

export const COURSE = 'course-evaluation';

type Fields = Record<string, string | string[]>;

/** An export entry of §9 JSON. */
export interface CourseSeen {
  readonly id: string;
  readonly question: string;
  readonly answer: unknown;
  readonly comment: null;
  readonly other?: string;
}

interface Candidate {
  readonly fields: Fields;
  readonly seen: CourseSeen | null | undefined;
}

const Q = {
  track: 'Which track did you follow?',
  campus: 'Where did you attend?',
  first: 'Was this your first course with us?',
  topics: 'Which topics did you find most useful?',
  hours: 'About how many hours a week did you spend on the course?',
  finished: 'When did you finish the final project?',
  overall: 'How would you rate the course overall?',
  recommend: 'How likely are you to recommend this course to a friend or colleague?',
  teaching: 'How much do you agree with these statements?',
  priorities: 'What should we improve first?',
  highlight: 'In one sentence, what was the highlight?',
  suggestions: 'Anything else you would like to tell us?',
  email: 'Your email address, if you would like a reply',
  consent: 'Publishing your comments',
};

const entry = (id: string, question: string, answer: unknown, other?: string): CourseSeen => ({
  id,
  question,
  answer,
  comment: null,
  ...(other === undefined ? {} : { other }),
});
const valid = (fields: Fields, seen: CourseSeen | null): Candidate => ({ fields, seen });
const invalid = (fields: Fields): Candidate => ({ fields, seen: undefined });

/** Per question index: the valid forms first, then the invalid ones. */
const CANDIDATES: readonly (readonly Candidate[])[] = [
  [valid({}, null)],
  [
    valid({ answer: 'web' }, entry('track', Q.track, 'Web development')),
    valid(
      { answer: '_other', other: 'Security' },
      entry('track', Q.track, 'Another track', 'Security'),
    ),
    invalid({ answer: '_other' }),
    invalid({}),
    invalid({ answer: 'nope' }),
  ],
  [
    valid({ answer: 'Lisbon' }, entry('campus', Q.campus, 'Lisbon')),
    valid({ answer: 'Montréal' }, entry('campus', Q.campus, 'Montréal')),
    invalid({ answer: 'Paris' }),
    invalid({}),
  ],
  [
    valid({ answer: 'yes' }, entry('first_course', Q.first, 'Yes')),
    valid({ answer: 'no' }, entry('first_course', Q.first, 'No')),
    invalid({ answer: 'maybe' }),
    invalid({ answer: ['yes', 'no'] }),
  ],
  [
    valid(
      { answer: ['testing', 'databases'] },
      entry('topics', Q.topics, ['Testing', 'Databases']),
    ),
    valid({ answer: 'none' }, entry('topics', Q.topics, ['None of these'])),
    valid(
      { answer: ['design', '_other'], other: 'Pairing' },
      entry('topics', Q.topics, ['Software design', 'Other'], 'Pairing'),
    ),
    invalid({ answer: ['none', 'testing'] }),
    invalid({ answer: ['testing', 'design', 'databases', 'deploy'] }),
    invalid({}),
  ],
  [
    valid({ answer: '7.5' }, entry('hours', Q.hours, 7.5)),
    valid({ answer: '0' }, entry('hours', Q.hours, 0)),
    invalid({ answer: '81' }),
    invalid({ answer: 'abc' }),
    invalid({}),
  ],
  [
    valid({ answer: '2026-03-14' }, entry('finished_on', Q.finished, '2026-03-14')),
    valid({}, entry('finished_on', Q.finished, null)),
    invalid({ answer: '2025-12-31' }),
    invalid({ answer: '2026-02-30' }),
  ],
  [
    valid({ answer: '4' }, entry('overall', Q.overall, 4)),
    valid({ answer: '1' }, entry('overall', Q.overall, 1)),
    invalid({ answer: '6' }),
    invalid({}),
  ],
  [
    valid({ answer: '9' }, entry('recommend', Q.recommend, 9)),
    valid({ answer: '0' }, entry('recommend', Q.recommend, 0)),
    invalid({ answer: '11' }),
  ],
  [
    valid(
      { 'answer.clear': 'agree', 'answer.pace': 'neutral', 'answer.feedback': 'disagree' },
      entry('teaching', Q.teaching, {
        'The explanations were clear': 'Agree',
        'The pace was right': 'Neutral',
        'Feedback came in time': 'Disagree',
      }),
    ),
    invalid({ 'answer.clear': 'agree', 'answer.pace': 'neutral' }),
    invalid({ 'answer.clear': 'agree', 'answer.pace': 'neutral', 'answer.feedback': 'meh' }),
  ],
  [
    valid(
      { 'answer.mentoring': '1', 'answer.exercises': '2' },
      entry('priorities', Q.priorities, ['More mentoring', 'More exercises']),
    ),
    invalid({ 'answer.mentoring': '1', 'answer.exercises': '1' }),
    invalid({}),
  ],
  [
    valid({ answer: 'Great & <fun>' }, entry('highlight', Q.highlight, 'Great & <fun>')),
    valid({}, entry('highlight', Q.highlight, null)),
    invalid({ answer: 'x'.repeat(201) }),
  ],
  [
    valid({ answer: 'More, please' }, entry('suggestions', Q.suggestions, 'More, please')),
    valid({}, entry('suggestions', Q.suggestions, null)),
  ],
  [
    valid({ answer: 'ada@example.org' }, entry('email', Q.email, 'ada@example.org')),
    valid({}, entry('email', Q.email, null)),
    invalid({ answer: 'not-an-email' }),
  ],
  [
    valid({ answer: 'yes' }, entry('consent', Q.consent, true)),
    valid({}, entry('consent', Q.consent, null)),
    invalid({ answer: 'no' }),
  ],
];

/** The form sent for question `qid`: `pick` a number picks a valid one, else an invalid one. */
export function courseFields(qid: number, pick: number | string): Fields {
  const all = CANDIDATES[qid] ?? [];
  const good = all.filter((c) => c.seen !== undefined);
  const bad = all.filter((c) => c.seen === undefined);
  const from = typeof pick === 'number' || bad.length === 0 ? good : bad;
  const n = typeof pick === 'number' ? pick : pick.length;
  return { ...(from[n % from.length]?.fields ?? {}) };
}

/**
 * What the form amounts to: its export entry, `null` (a statement: accepted, nothing
 * exported) or `undefined` (refused). A `comment` is ignored: no question here asks for one.
 */
export function courseJudge(qid: number, fields: Fields): CourseSeen | null | undefined {
  const { comment: _ignored, ...sent } = fields;
  return CANDIDATES[qid]?.find((c) => isDeepStrictEqual(c.fields, sent))?.seen;
}

/** The answer as the thank-you page shows it (texts, "Yes" for consent, "No answer"). */
export function courseShown(seen: CourseSeen): string {
  const { answer, other } = seen;
  let text: string;
  if (answer === null) text = 'No answer';
  else if (answer === true) text = 'Yes';
  else if (Array.isArray(answer)) text = answer.join(', ');
  else if (typeof answer === 'object')
    text = Object.entries(answer)
      .map(([row, column]) => `${row}: ${String(column)}`)
      .join('; ');
  else if (typeof answer === 'string' || typeof answer === 'number') text = String(answer);
  else text = JSON.stringify(answer);
  return other === undefined ? text : `${text}: ${other}`;
}
