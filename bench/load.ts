/**
 * The load generator, run as its own process (pinned to its own core by bench/http.ts):
 * autocannon with one cookie jar per connection, so each connection is one respondent.
 * Prints one JSON line: throughput, latency percentiles, errors, and its own CPU use.
 */
import autocannon from 'autocannon';
import { COURSE_ANSWERS } from '../test/support/course.js';

interface Scenario {
  readonly kind: 'page' | 'flow' | 'answers' | 'course' | 'paths';
  readonly url: string;
  readonly path: string;
  readonly cookie?: string;
  readonly connections: number;
  readonly seconds: number;
}

/** One respondent's state, kept per connection by autocannon and reset when it starts over. */
interface Context {
  cookie?: string;
  csrf?: string;
  next?: string;
  /** The revision the last page's form carried, and its Back link (path surveys). */
  revision?: string;
  back?: string;
}
interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
/** A step of a respondent's sequence (autocannon's request shape, typed for our context). */
interface Request {
  method: 'GET' | 'POST';
  path: string;
  setupRequest: (req: RawRequest, context: Context) => RawRequest;
  onResponse: (
    status: number,
    body: string,
    context: Context,
    headers: Record<string, string | string[]>,
  ) => void;
}

const scenario = JSON.parse(process.argv[2] ?? '{}') as Scenario;
let flows = 0;
let unexpected = 0;

function remember(
  context: Context,
  headers: Record<string, string | string[]>,
  body: string,
): void {
  const setCookie = headers['set-cookie'];
  const line = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  const value = line === undefined ? undefined : /^session=([^;]*)/.exec(line)?.[1];
  if (value !== undefined) context.cookie = `session=${value}`;
  const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
  if (token !== undefined) context.csrf = token;
  const location = headers.location;
  if (typeof location === 'string') context.next = location;
  const revision = /<input type="hidden" name="revision" value="([^"]*)">/.exec(body)?.[1];
  if (revision !== undefined) context.revision = revision;
  const back = /<a rel="prev" href="([^"]+)"/.exec(body)?.[1];
  if (back !== undefined) context.back = back;
}

/**
 * A GET of `path`, or of a path the respondent's context gives (where the last redirect
 * went, the Back link of the last page). `fresh` starts a new respondent: no cookie is sent.
 */
function get(
  path: string | ((context: Context) => string),
  expect: number,
  last = false,
  fresh = false,
): Request {
  return {
    method: 'GET',
    path: typeof path === 'string' ? path : '/',
    setupRequest: (req, context) => {
      if (fresh) {
        delete context.cookie;
        delete context.csrf;
        delete context.next;
        delete context.revision;
        delete context.back;
      }
      return {
        ...req,
        ...(typeof path === 'string' ? {} : { path: path(context) }),
        headers: { ...req.headers, ...(context.cookie ? { cookie: context.cookie } : {}) },
      };
    },
    onResponse: (status, body, context, headers) => {
      if (status !== expect) unexpected++;
      remember(context, headers, body);
      if (last && status === expect) flows++;
    },
  };
}

/** A form body; a list is a repeated field (checkboxes). */
function encode(form: Record<string, string | readonly string[]>, csrf: string): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) {
    for (const one of typeof value === 'string' ? [value] : value) params.append(name, one);
  }
  params.append('_csrf', csrf);
  return params.toString();
}

type Form = Record<string, string | readonly string[]>;

/**
 * A POST of `form` to `path`; a path survey's page (`withRevision`) gets the revision its GET
 * carried, and a redirect elsewhere than `to` (when given) counts as unexpected.
 */
function post(path: string, form: Form, expect = 303, withRevision = false, to?: string): Request {
  return {
    method: 'POST',
    path,
    setupRequest: (req, context) => ({
      ...req,
      headers: {
        ...req.headers,
        cookie: context.cookie ?? '',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: encode(
        withRevision ? { revision: context.revision ?? '', ...form } : form,
        context.csrf ?? '',
      ),
    }),
    onResponse: (status, body, context, headers) => {
      if (status !== expect || (to !== undefined && headers.location !== to)) unexpected++;
      remember(context, headers, body);
    },
  };
}

/** The spec's respondent flow for `satisfaction`: 11 requests, 5 writes. */
function flow(): Request[] {
  const s = '/surveys/satisfaction';
  const answers = ['Yes', 'No', 'Less than $10,000', 'Yes'];
  return [
    get(s, 200),
    post(`${s}/begin`, {}),
    ...answers.flatMap((answer, qid) => [
      get(`${s}/questions/${qid}`, 200),
      post(`${s}/questions/${qid}`, { answer }),
    ]),
    get(`${s}/complete`, 200, true),
  ];
}

/**
 * The course-evaluation sample (every question kind, survey format 2): 33 requests, 16 writes.
 * The forms are the tests' (test/support/course.ts), every kind answered.
 */
function course(): Request[] {
  const s = '/surveys/course-evaluation';
  return [
    get(s, 200),
    post(`${s}/begin`, {}),
    ...COURSE_ANSWERS.flatMap((form, qid) => [
      get(`${s}/questions/${qid}`, 200),
      post(`${s}/questions/${qid}`, form),
    ]),
    get(`${s}/complete`, 200, true),
  ];
}

/**
 * The engagement sample (pages, conditions and Back, issue 15): two respondents one after the
 * other, so half see the follow-up pages. Each page is opened where the last redirect went and
 * posted with the revision its form carried; each respondent makes one Back step, opening the
 * previous page through the page's Back link and posting it again with that page's revision.
 * The first is unhappy (the follow-up page), says yes to a talk (the contact page), goes Back
 * from the contact page and says no (the contact page leaves the path), then finishes: 14
 * requests, 6 writes (begin included). The second is happy (no follow-up), goes Back from the
 * last page to change a score that keeps the branch, then finishes: 12 requests, 5 writes.
 */
function paths(): Request[] {
  const s = '/surveys/engagement';
  const p = (n: number) => `${s}/questions/${n}`;
  const next = (context: Context) => context.next ?? s;
  /** The Back link of the page just shown, which must lead to page `n`. */
  const back = (n: number) => (context: Context) => {
    if (context.back !== p(n)) unexpected++;
    return context.back ?? s;
  };
  const about = { team: 'Engineering', tenure: 'lt1' };
  const happy = {
    'statements.valued': 'a',
    'statements.growth': 'a',
    'statements.manager': 'sa',
    'statements.workload': 'n',
    recommend: '9',
  };
  const unhappy = { ...happy, 'statements.valued': 'sd' };
  const last = { anything_else: '' };
  const opening = [
    get(s, 200, false, true),
    post(`${s}/begin`, {}),
    get(next, 200),
    post(p(0), about, 303, true, p(1)),
    get(next, 200),
  ];
  return [
    ...opening,
    post(p(1), unhappy, 303, true, p(2)),
    get(next, 200),
    post(p(2), { improve: ['pay', 'career'], talk: 'yes' }, 303, true, p(3)),
    get(next, 200),
    get(back(2), 200),
    post(p(2), { improve: ['recognition'], talk: 'no' }, 303, true, p(4)),
    get(next, 200),
    post(p(4), last, 303, true, `${s}/complete`),
    get(`${s}/complete`, 200, true),
    ...opening,
    post(p(1), happy, 303, true, p(4)),
    get(next, 200),
    get(back(1), 200),
    post(p(1), { ...happy, recommend: '10' }, 303, true, p(4)),
    get(next, 200),
    post(p(4), last, 303, true, `${s}/complete`),
    get(`${s}/complete`, 200, true),
  ];
}

/** Answer after answer in a 1,000-question survey: each POST writes, each GET shows the next. */
function answers(): Request[] {
  const s = '/surveys/long';
  return [
    get(s, 200),
    post(`${s}/begin`, {}),
    ...Array.from({ length: 999 }, (_, qid) => [
      post(`${s}/questions/${qid}`, { answer: 'Yes' }),
      get(`${s}/questions/${qid + 1}`, 200),
    ]).flat(),
  ];
}

const sequences = { flow, answers, course, paths } as const;
const requests = scenario.kind === 'page' ? undefined : sequences[scenario.kind]();
const cpuStart = process.cpuUsage();
const wallStart = performance.now();
const result = await autocannon({
  url: scenario.url,
  connections: scenario.connections,
  duration: scenario.seconds,
  ...(requests === undefined
    ? {
        requests: [
          {
            method: 'GET',
            path: scenario.path,
            headers: scenario.cookie ? { cookie: scenario.cookie } : {},
          },
        ],
      }
    : // autocannon's typings do not know the context type its callbacks receive.
      { requests: requests as unknown as autocannon.Request[] }),
});
const cpu = process.cpuUsage(cpuStart);
const wall = performance.now() - wallStart;
console.log(
  JSON.stringify({
    requestsPerSecond: result.requests.average,
    totalRequests: result.requests.total,
    flowsPerSecond: flows / scenario.seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors:
      result.errors +
      result.timeouts +
      result.non2xx -
      (requests === undefined ? 0 : countRedirects(result)) +
      unexpected,
    unexpected,
    generatorCpu: (cpu.user + cpu.system) / 1000 / wall,
  }),
);

/** Redirects are expected in flows: they are not errors. */
function countRedirects(r: autocannon.Result): number {
  return r['3xx'];
}
