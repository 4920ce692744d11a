import type { Fixture } from './fixture.js';
import type { InjectInput, Row } from './rows.js';

/** Every route Canvass serves, by the method it answers. */
const GETS = [
  '/',
  '/surveys/satisfaction',
  '/surveys/satisfaction/questions/1',
  '/surveys/satisfaction/complete',
  '/healthz',
  '/admin/login',
  '/admin',
  '/admin/surveys/satisfaction',
  '/admin/surveys/satisfaction/responses.csv',
];
const POSTS = [
  '/surveys/satisfaction/begin',
  '/surveys/satisfaction/questions/1',
  '/admin/login',
  '/admin/logout',
];

const send =
  (method: string, url: string) =>
  (fx: Fixture): InjectInput => ({
    kind: 'inject',
    method,
    url,
    headers: { cookie: fx.adminCookie },
  });

/** Methods a route does not answer are 404, like an unknown path (docs/security.md). */
export const METHOD_ROWS: readonly Row[] = [
  ...GETS.flatMap((url) =>
    ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'TRACE'].map((method): Row => ({
      name: `${method} ${url}`,
      request: send(method, url),
      status: 404,
    })),
  ),
  ...POSTS.filter((url) => !GETS.includes(url)).map((url): Row => ({
    name: `GET ${url}`,
    request: send('GET', url),
    status: 404,
  })),
  ...GETS.filter((url) => !POSTS.includes(url)).map((url): Row => ({
    name: `POST ${url}`,
    request: send('POST', url),
    status: 404,
  })),
];
