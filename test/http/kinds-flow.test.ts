/**
 * Issue 14: the course-evaluation sample (every question kind) taken over HTTP, stored, shown
 * back on the thank-you page, and exported in the §9 layout (SURVEYS.md), on the test engine.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { sampleSurveys, startTestApp, type TestApp } from '../support/app.js';
import type { Browser } from '../support/browser.js';
import { COURSE, COURSE_ANSWERS, COURSE_THANKS } from '../support/course.js';
import { begin } from '../support/flow.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

const SLUG = COURSE;

async function takeSurvey(browser: Browser): Promise<void> {
  await begin(browser, SLUG);
  for (const [qid, form] of COURSE_ANSWERS.entries()) {
    const page = await browser.get(`/surveys/${SLUG}/questions/${qid}`);
    assert.equal(page.status, 200, `question ${qid} should show`);
    const posted = await browser.post(`/surveys/${SLUG}/questions/${qid}`, form);
    assert.equal(posted.status, 303, `question ${qid}: ${posted.body}`);
    assert.equal(
      posted.headers.location,
      qid === COURSE_ANSWERS.length - 1
        ? `/surveys/${SLUG}/complete`
        : `/surveys/${SLUG}/questions/${qid + 1}`,
    );
  }
}

test('a survey of every kind is taken, stored, thanked for and exported in the §9 layout', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: await sampleSurveys() });
  const respondent = t.browser();
  await takeSurvey(respondent);

  const complete = await respondent.get(`/surveys/${SLUG}/complete`);
  assert.equal(complete.status, 200);
  const shown = [...complete.body.matchAll(/<p class="answer-choice">([^<]*)<\/p>/g)].map(
    (m) => m[1],
  );
  assert.deepEqual(shown, COURSE_THANKS);

  const [stored] = await t.storage.listResponses(SLUG);
  assert.ok(stored?.completedAt);
  assert.equal(stored.answers.length, COURSE_ANSWERS.length);

  const admin = t.browser();
  await logInAsAdmin(admin);
  const csv = await admin.get(`/admin/surveys/${SLUG}/responses.csv`);
  assert.equal(csv.status, 200);
  const [header, row] = csv.body.split('\r\n');
  assert.equal(
    header,
    [
      'id,started_at,completed_at',
      'Which track did you follow?,Which track did you follow? (other)',
      'Where did you attend?',
      'Was this your first course with us?',
      'Which topics did you find most useful? [Testing],Which topics did you find most useful? [Software design],Which topics did you find most useful? [Databases],Which topics did you find most useful? [Deployment],Which topics did you find most useful? [None of these],Which topics did you find most useful? (other)',
      'About how many hours a week did you spend on the course?',
      'When did you finish the final project?',
      'How would you rate the course overall?',
      'How likely are you to recommend this course to a friend or colleague?',
      'How much do you agree with these statements? [The explanations were clear],How much do you agree with these statements? [The pace was right],How much do you agree with these statements? [Feedback came in time]',
      'What should we improve first? [More exercises],What should we improve first? [Better videos],What should we improve first? [More mentoring]',
      '"In one sentence, what was the highlight?"',
      'Anything else you would like to tell us?',
      '"Your email address, if you would like a reply"',
      'Publishing your comments',
    ].join(','),
  );
  assert.equal(
    row,
    [
      `${stored.id},${stored.startedAt},${stored.completedAt}`,
      'Another track,Security',
      'Lisbon',
      'No',
      '1,0,1,0,0,Pairing',
      '7.5',
      '2026-03-14',
      '4',
      '9',
      'Agree,Neutral,Disagree',
      '2,,1',
      "'=SUM(A1) was fun",
      '',
      'ada@example.org',
      '1',
    ].join(','),
  );

  const json = await admin.get(`/admin/surveys/${SLUG}/responses.json`);
  const exported = JSON.parse(json.body) as { responses: { answers: unknown[] }[] };
  assert.deepEqual(exported.responses[0]?.answers, [
    {
      id: 'track',
      question: 'Which track did you follow?',
      answer: 'Another track',
      comment: null,
      other: 'Security',
    },
    { id: 'campus', question: 'Where did you attend?', answer: 'Lisbon', comment: null },
    {
      id: 'first_course',
      question: 'Was this your first course with us?',
      answer: 'No',
      comment: null,
    },
    {
      id: 'topics',
      question: 'Which topics did you find most useful?',
      answer: ['Testing', 'Databases', 'Other'],
      comment: null,
      other: 'Pairing',
    },
    {
      id: 'hours',
      question: 'About how many hours a week did you spend on the course?',
      answer: 7.5,
      comment: null,
    },
    {
      id: 'finished_on',
      question: 'When did you finish the final project?',
      answer: '2026-03-14',
      comment: null,
    },
    { id: 'overall', question: 'How would you rate the course overall?', answer: 4, comment: null },
    {
      id: 'recommend',
      question: 'How likely are you to recommend this course to a friend or colleague?',
      answer: 9,
      comment: null,
    },
    {
      id: 'teaching',
      question: 'How much do you agree with these statements?',
      answer: {
        'The explanations were clear': 'Agree',
        'The pace was right': 'Neutral',
        'Feedback came in time': 'Disagree',
      },
      comment: null,
    },
    {
      id: 'priorities',
      question: 'What should we improve first?',
      answer: ['More mentoring', 'More exercises'],
      comment: null,
    },
    {
      id: 'highlight',
      question: 'In one sentence, what was the highlight?',
      answer: '=SUM(A1) was fun',
      comment: null,
    },
    {
      id: 'suggestions',
      question: 'Anything else you would like to tell us?',
      answer: null,
      comment: null,
    },
    {
      id: 'email',
      question: 'Your email address, if you would like a reply',
      answer: 'ada@example.org',
      comment: null,
    },
    { id: 'consent', question: 'Publishing your comments', answer: true, comment: null },
  ]);
});
