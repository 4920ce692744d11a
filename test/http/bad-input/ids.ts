import { adminGet, get, post, type Row } from './rows.js';

/** Path parameters that name nothing, or cannot name anything. */
const BAD_SLUGS: readonly [string, number][] = [
  ['nope', 404],
  ['SATISFACTION', 404],
  ['satisfaction%00', 404],
  ['..%2f..%2fetc%2fpasswd', 404],
  ['%3Cscript%3Ealert(1)%3C%2Fscript%3E', 404],
  ['satisfaction;x=1', 404],
  ['%E0%A4%A', 400], // a cut-off percent-encoded UTF-8 sequence
  ['%FF%FE', 400], // not UTF-8 at all
  // Over Fastify's 100-character parameter limit: 414, or 404 under /admin, whose catch-all
  // route takes the path instead.
  ['a'.repeat(101), 414],
];

const BAD_QIDS = ['-1', '1.5', '1e2', '0x1', 'abc', '%00', '%201', '1%2F2', '+1'];

const slugRows = BAD_SLUGS.flatMap(([slug, status]): Row[] => {
  const session = status === 404;
  return [
    { name: `start page, slug ${slug}`, request: get(`/surveys/${slug}`), status, session },
    {
      name: `question page, slug ${slug}`,
      request: get(`/surveys/${slug}/questions/0`),
      status,
      session,
    },
    {
      name: `completion page, slug ${slug}`,
      request: get(`/surveys/${slug}/complete`),
      status,
      session,
    },
    {
      name: `begin, slug ${slug}`,
      request: post(`/surveys/${slug}/begin`, '', { token: true }),
      status,
      session,
    },
    {
      name: `answer, slug ${slug}`,
      request: post(`/surveys/${slug}/questions/1`, 'answer=Yes', { token: true }),
      status,
      session,
    },
    {
      name: `admin results, slug ${slug}`,
      request: adminGet(`/admin/surveys/${slug}`),
      status: status === 414 ? 404 : status,
      session: status !== 400,
    },
    {
      name: `admin CSV export, slug ${slug}`,
      request: adminGet(`/admin/surveys/${slug}/responses.csv`),
      status: status === 414 ? 404 : status,
      session: status !== 400,
    },
  ];
});

const qidRows = BAD_QIDS.flatMap((qid): Row[] => [
  {
    name: `question page, qid ${qid}`,
    request: get(`/surveys/satisfaction/questions/${qid}`),
    status: 404,
  },
  {
    name: `answer, qid ${qid}`,
    request: post(`/surveys/satisfaction/questions/${qid}`, 'answer=Yes', { token: true }),
    status: 404,
  },
]);

const QUERIES = [
  'version=abc',
  'version=0',
  'version=-1',
  'version=99',
  'version=1.5',
  'version=1&version=2',
  'version=%00',
  'page=0',
  'page=-3',
  'page=abc',
  'page=1e9',
  'comments=0',
  'comments=abc',
];

const queryRows = QUERIES.flatMap((query): Row[] => [
  {
    name: `admin results, ?${query}`,
    request: adminGet(`/admin/surveys/satisfaction?${query}`),
    status: 404,
  },
  {
    name: `admin JSON export, ?${query}`,
    request: adminGet(`/admin/surveys/satisfaction/responses.json?${query}`),
    status: 404,
  },
]);

/** Malformed ids: unknown or impossible slugs and question ids, and bad admin queries. */
export const ID_ROWS: readonly Row[] = [
  ...slugRows,
  ...qidRows,
  ...queryRows,
  {
    name: 'admin export in another format',
    request: adminGet('/admin/surveys/satisfaction/responses.xml'),
    status: 404,
  },
  {
    name: 'admin results, an unknown query parameter is ignored',
    request: adminGet('/admin/surveys/satisfaction?page[]=1&x=%00'),
    status: 200,
    page: /<svg class="chart"/,
  },
  {
    name: 'question page, a qid past any survey is out of order (guard redirect)',
    request: get('/surveys/satisfaction/questions/99999999999999999999999'),
    status: 302,
    page: /^$/,
  },
  {
    name: 'answer, a qid past any survey is a stale POST (303 to the current question)',
    request: post('/surveys/satisfaction/questions/99999999999999999999999', 'answer=Yes', {
      token: true,
    }),
    status: 303,
    page: /^$/,
  },
  { name: 'a trailing slash', request: get('/surveys/satisfaction/'), status: 404 },
  { name: 'a doubled slash', request: get('/surveys//satisfaction'), status: 404 },
];
