import assert from 'node:assert/strict';
import { makeSurvey, sampleSurveys, startTestApp, type TestApp } from '../support/app.js';
import { logInAsAdmin, ADMIN_PASSWORD } from '../support/admin.js';
import type { Browser, TestResponse } from '../support/browser.js';
import { isFormat1, usesPaths, type Survey } from '../../src/domain/index.js';
import { COURSE, type CourseSeen } from './course.js';

/** A form a tab is showing: where it posts, its token, and the question it asked. */
export interface Form {
  readonly kind: 'begin' | 'answer';
  readonly slug: string;
  readonly url: string;
  readonly token: string;
  /** The `Cookie` header the browser held when the page was shown (for stale replays). */
  readonly cookie: string;
  readonly qid: number;
  readonly text: string;
  readonly choices: readonly string[];
  readonly allowText: boolean;
}

/**
 * What a respondent saw and sent for one stored answer, as the JSON export must say it: a
 * format-1 answer, a course-evaluation answer of any kind (course.ts), or `null` for a
 * statement page, which is submitted but exports nothing.
 */
export type Seen =
  | { readonly question: string; readonly answer: string; readonly comment: string | null }
  | CourseSeen
  | null;

export interface Tab {
  readonly browser: number;
  page: Form | undefined;
  readonly history: Form[];
}

/** The system under test for one run: one app, two browsers with two tabs each, an owner. */
export interface World {
  readonly t: TestApp;
  readonly surveys: ReadonlyMap<string, Survey>;
  readonly browsers: Browser[];
  readonly tabs: Tab[];
  readonly owner: Browser;
  /** responseId → question index → what was seen and sent. */
  readonly ledger: Map<number, Map<number, Seen>>;
  /**
   * responseId → the CSRF token of the session that began it: the browser, as the server
   * knows it whatever cookie comes back (issue 18 item 4).
   */
  readonly begunBy: Map<number, string>;
}

/**
 * The surveys of every run: the samples this model knows how to answer and judge, the format-1
 * samples and the course evaluation (every kind; course.ts), one that may be retaken, one that
 * asks for text. The engagement sample's paths have a property test of their own
 * (paths.property.test.ts); the canteen sample's kinds are the course's, and its languages are
 * tested in test/http/languages.test.ts.
 */
export async function propertySurveys(): Promise<readonly Survey[]> {
  return [
    ...(await sampleSurveys()).filter(
      (survey) => !usesPaths(survey) && (survey.slug === COURSE || isFormat1(survey)),
    ),
    makeSurvey('retake', {
      title: 'Again',
      allowRetake: true,
      questions: [{ text: 'Once more?' }, { text: 'Pick', choices: ['a', 'b', 'c'] }],
    }),
    makeSurvey('comments', {
      title: 'Say it',
      questions: [
        { text: 'Tags & <b>markup</b>?', choices: ['<b>', 'a & b', '"quoted"'], allowText: true },
        { text: 'Why?', allowText: true },
      ],
    }),
  ];
}

export async function startWorld(surveys: readonly Survey[]): Promise<World> {
  // In-memory SQLite: a fresh, private database per run, gone when the app closes.
  const t = await startTestApp({
    surveys,
    adminPassword: ADMIN_PASSWORD,
    databaseUrl: 'sqlite::memory:',
    // Limits have their own tests (test/http/hardening); a random sequence may begin far more
    // often than a person would, and a 429 is not what these properties are about.
    hardening: { rateLimit: 0 },
  });
  const owner = t.browser();
  await logInAsAdmin(owner);
  const browsers = [t.browser(), t.browser()];
  return {
    t,
    surveys: new Map(surveys.map((s) => [s.slug, s])),
    browsers,
    tabs: [0, 0, 1, 1].map((browser) => ({ browser, page: undefined, history: [] })),
    owner,
    ledger: new Map(),
    begunBy: new Map(),
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
export const unescape = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ENTITIES[e] ?? '');

/** Reads the form a page shows, or undefined when it shows none. */
export function readForm(world: World, response: TestResponse, cookie: string): Form | undefined {
  if (response.status !== 200) return undefined;
  const action = /<form method="post" action="([^"]+)"/.exec(response.body)?.[1];
  const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
  if (action === undefined || token === undefined) return undefined;
  const begin = /^\/surveys\/([a-z0-9-]+)\/begin$/.exec(action);
  const question = /^\/surveys\/([a-z0-9-]+)\/questions\/([0-9]+)$/.exec(action);
  const slug = begin?.[1] ?? question?.[1];
  if (slug === undefined) return undefined;
  const survey = world.surveys.get(slug);
  assert.ok(survey, slug);
  const qid = Number(question?.[2] ?? -1);
  return {
    kind: begin === null ? 'answer' : 'begin',
    slug,
    url: action,
    token,
    cookie,
    qid,
    text: unescape(/<legend><h1>([^<]*)<\/h1><\/legend>/.exec(response.body)?.[1] ?? ''),
    choices: [...response.body.matchAll(/name="answer" value="([^"]*)"/g)].map((m) =>
      unescape(m[1] ?? ''),
    ),
    allowText: response.body.includes('name="comment"'),
  };
}
