/**
 * The load generator, run as its own process (pinned to its own core by bench/http.ts):
 * autocannon with one cookie jar per connection, so each connection is one respondent.
 * Prints one JSON line: throughput, latency percentiles, errors, and its own CPU use.
 */
import autocannon from 'autocannon';
import { COURSE_ANSWERS } from '../test/support/course.js';

interface Scenario {
  readonly kind: 'page' | 'flow' | 'answers' | 'course';
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
}

function get(path: string, expect: number, last = false): Request {
  return {
    method: 'GET',
    path,
    setupRequest: (req, context) => ({
      ...req,
      headers: { ...req.headers, ...(context.cookie ? { cookie: context.cookie } : {}) },
    }),
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

function post(
  path: string,
  form: Record<string, string | readonly string[]>,
  expect = 303,
): Request {
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
      body: encode(form, context.csrf ?? ''),
    }),
    onResponse: (status, body, context, headers) => {
      if (status !== expect) unexpected++;
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

const sequences = { flow, answers, course } as const;
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
