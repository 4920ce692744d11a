import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  isCookieName,
  readCookie,
  readCookieByPattern,
  serializeDeletion,
  serializeSetCookie,
} from './cookie-header.js';

const { cookies } = JSON.parse(
  readFileSync(new URL('../../test/fixtures/python-vectors.json', import.meta.url), 'utf8'),
) as { cookies: [string, string | null][] };

test('reads the session cookie as Werkzeug parse_cookie does (Python-checked)', () => {
  for (const [header, expected] of cookies) {
    assert.equal(readCookie(header, 'session') ?? null, expected, header);
  }
});

test('never throws on garbage headers', () => {
  for (const header of [
    undefined,
    '',
    ';',
    '=',
    '"',
    'session="\\',
    'session=\u0000\uffff',
    '\ud800session=x',
  ]) {
    assert.doesNotThrow(() => readCookie(header, 'session'));
  }
  assert.equal(readCookie('sessions=x; my_session=y', 'session'), undefined);
});

test('writes attributes in Werkzeug order, and deletes with an epoch expiry and Max-Age=0', () => {
  const attrs = { secure: true, httpOnly: true, path: '/', sameSite: 'Lax' } as const;
  const expires = new Date(Date.UTC(2026, 11, 27, 4, 2, 35));
  assert.equal(
    serializeSetCookie('session', 'v.a.l', { ...attrs, expires, maxAge: 60 }),
    'session=v.a.l; Expires=Sun, 27 Dec 2026 04:02:35 GMT; Max-Age=60; Secure; HttpOnly; Path=/; SameSite=Lax',
  );
  assert.equal(
    serializeDeletion('session', { ...attrs, secure: false }),
    'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/; SameSite=Lax',
  );
});

test('accepts only RFC 7230 tokens as cookie names', () => {
  assert.ok(isCookieName('session'));
  for (const bad of ['', 'a b', 'a;b', 'a=b', 'é', '"s"'])
    assert.equal(isCookieName(bad), false, bad);
});

test('the split fast path reads exactly what the Werkzeug pattern reads', () => {
  const piece = fc.constantFrom(
    'session',
    'sess',
    'x',
    '=',
    ';',
    ' ',
    '\t',
    'a',
    'é',
    '==',
    '; session=',
  );
  const header = fc.array(piece, { maxLength: 24 }).map((parts) => parts.join(''));
  fc.assert(
    fc.property(header, (h) => {
      assert.equal(readCookie(h, 'session'), readCookieByPattern(h, 'session'), JSON.stringify(h));
    }),
    { numRuns: 5000 },
  );
});
