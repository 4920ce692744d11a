import { FORM, post, type Row } from './rows.js';

const Q1 = '/surveys/satisfaction/questions/1';
const Q3 = '/surveys/personality/questions/3';
const BEGIN = '/surveys/satisfaction/begin';

const invalid = /<p id="answer-error" class="field-error">/;
const invalidComment = /<p id="comment-error" class="field-error">/;

/** The POST routes a respondent can reach, each with a body that would otherwise be valid. */
const POSTS: readonly [string, string][] = [
  [BEGIN, ''],
  [Q1, 'answer=Yes'],
  [Q3, 'answer=wtf()&comment=ok'],
  ['/admin/login', 'password=x'],
  ['/admin/logout', ''],
];

/** Per POST route: oversized, wrongly typed, tokenless and garbage bodies. */
const perRoute = POSTS.flatMap(([url, valid]): Row[] => [
  // Refused on its declared length, before the session is read (PRODUCT.md: size first).
  {
    name: `${url}: 64 KiB + 1 byte`,
    request: post(url, `${valid}&x=${'a'.repeat(65_536)}`, { token: true }),
    status: 413,
    session: false,
  },
  {
    name: `${url}: 1 MiB`,
    request: post(url, 'a'.repeat(1 << 20), { token: true }),
    status: 413,
    session: false,
  },
  {
    name: `${url}: 1 MiB of JSON`,
    request: post(url, `{"x":"${'a'.repeat(1 << 20)}"}`, { type: 'application/json' }),
    status: 413,
    session: false,
  },
  {
    name: `${url}: JSON`,
    request: post(url, '{"answer":"Yes"}', { type: 'application/json' }),
    status: 415,
  },
  {
    name: `${url}: text/plain`,
    request: post(url, valid, { token: true, type: 'text/plain' }),
    status: 415,
  },
  {
    name: `${url}: multipart`,
    request: post(url, '--x\r\nContent-Disposition: form-data; name="answer"\r\n\r\nYes\r\n--x--', {
      type: 'multipart/form-data; boundary=x',
    }),
    status: 415,
  },
  {
    name: `${url}: XML`,
    request: post(url, '<answer>Yes</answer>', { type: 'application/xml' }),
    status: 415,
  },
  {
    name: `${url}: a made-up type`,
    request: post(url, valid, { token: true, type: 'x/\u0001' }),
    status: 415,
  },
  { name: `${url}: no token`, request: post(url, valid), status: 403 },
  { name: `${url}: a forged token`, request: post(url, `${valid}&_csrf=forged`), status: 403 },
  { name: `${url}: an empty token`, request: post(url, `${valid}&_csrf=`), status: 403 },
  { name: `${url}: a NUL token`, request: post(url, `${valid}&_csrf=%00`), status: 403 },
  { name: `${url}: a repeated token`, request: post(url, `${valid}&_csrf=a&_csrf=b`), status: 403 },
  {
    name: `${url}: binary garbage`,
    request: post(url, Buffer.from([0, 255, 254, 37, 38, 61, 0x80, 10])),
    status: 403,
  },
  { name: `${url}: only separators`, request: post(url, '&&&===&=&'), status: 403 },
]);

/** Answers that must be refused with the question shown again, whatever their shape. */
const ANSWERS: readonly [string, string][] = [
  ['repeated answers', 'answer=Yes&answer=No'],
  ['an answer with a NUL byte', 'answer=Yes%00'],
  ['an answer of invalid UTF-8', 'answer=%FF%FE'],
  ['raw invalid UTF-8 bytes', 'answer=\xff\xfe'],
  ['an overlong UTF-8 encoding of "Y"', 'answer=%C1%99es'],
  ['an answer with a bracket suffix', 'answer[]=Yes'],
  ['a nested answer', 'answer[x]=Yes'],
  ['__proto__ keys', '__proto__[answer]=Yes&__proto__=x'],
  ['constructor.prototype keys', 'constructor[prototype][answer]=Yes'],
  ['a script as the answer', 'answer=%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
  ['a very long answer', `answer=${'Y'.repeat(60_000)}`],
];

const answerRows = ANSWERS.map(([what, body]): Row => ({
  name: `answer: ${what}`,
  request: post(Q1, body, { token: true }),
  status: 422,
  page: invalid,
}));

/** Comments on a question that asks for one: refused, never stored. */
const COMMENTS: readonly [string, string][] = [
  ['a 2,001-character comment', `comment=${'c'.repeat(2001)}`],
  ['repeated comments', 'comment=a&comment=b'],
  ['a comment with a NUL byte', 'comment=a%00b'],
];

const commentRows = COMMENTS.map(([what, body]): Row => ({
  name: `comment: ${what}`,
  request: post(Q3, `answer=wtf()&${body}`, { token: true }),
  status: 422,
  page: invalidComment,
}));

/** Bodies: sizes, content types, tokens, repeated fields, bad bytes and injection attempts. */
export const BODY_ROWS: readonly Row[] = [
  ...perRoute,
  ...answerRows,
  ...commentRows,
  {
    name: 'login: repeated passwords',
    request: post('/admin/login', 'password=a&password=b', { token: true }),
    status: 422,
    page: /That password is not correct\./,
  },
  {
    name: 'login: a password with a NUL byte',
    request: post('/admin/login', 'password=%00', { token: true }),
    status: 422,
    page: /That password is not correct\./,
  },
  {
    name: 'a form body that says it is Latin-1',
    request: post(Q1, 'answer=Yes', { token: true, type: `${FORM}; charset="ISO-8859-1"` }),
    status: 415,
    session: false,
  },
  {
    name: 'a form body that says it is UTF-16',
    request: post(Q1, 'answer=Yes', { token: true, type: `${FORM}; charset=utf-16` }),
    status: 415,
    session: false,
  },
];
