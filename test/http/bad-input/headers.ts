import type { Fixture } from './fixture.js';
import type { InjectInput, Row } from './rows.js';

const with_ =
  (url: string, cookie: (fx: Fixture) => string, method = 'GET', body?: string) =>
  (fx: Fixture): InjectInput => ({
    kind: 'inject',
    method,
    url,
    headers: {
      cookie: cookie(fx),
      ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    ...(body === undefined ? {} : { body: body.replace('TOKEN', fx.token) }),
  });

const value = (fx: Fixture) => fx.cookie.replace(/^session=/, '');
const unsigned = Buffer.from('{"admin":true,"csrf":"x"}').toString('base64url');

/** Cookie headers a browser would never send: separators, quoting, forgery, injection. */
const COOKIES: readonly [string, (fx: Fixture) => string][] = [
  ['an empty session cookie', () => 'session='],
  ['a session cookie of separators', () => 'session=;;;,,,==='],
  [
    'a cookie with a semicolon in it',
    (fx) => `session=${value(fx).slice(0, 10)};${value(fx).slice(10)}`,
  ],
  ['two session cookies, the bad one first', (fx) => `session=forged; ${fx.cookie}`],
  ['a session cookie with its signature cut off', (fx) => fx.cookie.replace(/\.[^.]*$/, '')],
  [
    'a session cookie with a flipped signature byte',
    (fx) => fx.cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
  ],
  ['an unsigned admin payload', () => `session=${unsigned}`],
  ['an unsigned admin payload with a fake signature', () => `session=${unsigned}.AAAA.AAAA`],
  [
    'a compressed-looking garbage cookie',
    () => 'session=.eJyrVkrMSCwoSS0uViqpLEhVslJKSixKSS0qUagFAHYACS0.x.y',
  ],
  ['path traversal in the cookie', () => 'session=../../../../etc/passwd'],
  ['SQL in the cookie', () => "session=' OR 1=1 --"],
  ['a script in the cookie', () => 'session=<script>alert(1)</script>'],
  ['percent-encoded NUL bytes', () => 'session=%00%00%00'],
  ['a 4 KiB garbage cookie', () => `session=${'x'.repeat(4096)}`],
  ['a hundred cookies', () => Array.from({ length: 100 }, (_, i) => `c${i}=${i}`).join('; ')],
];

/**
 * Each cookie meets a page that reads the session and a POST that would record an answer: the
 * page treats a bad cookie as no session (the start page), and the POST records nothing (403).
 */
const cookieRows = COOKIES.flatMap(([what, cookie]): Row[] => [
  {
    name: `question page with ${what}`,
    request: with_('/surveys/satisfaction/questions/0', cookie),
    status: 302,
    page: /^$/,
  },
  {
    name: `answer with ${what}`,
    request: with_('/surveys/satisfaction/questions/0', cookie, 'POST', 'answer=Yes&_csrf=TOKEN'),
    status: 403,
  },
  {
    name: `admin page with ${what}`,
    request: with_('/admin', cookie),
    status: 302,
    page: /^$/,
  },
]);

/** Cookie headers, forged sessions and injection attempts through them. */
export const HEADER_ROWS: readonly Row[] = cookieRows;
