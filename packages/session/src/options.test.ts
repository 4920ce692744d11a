import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SessionCodec } from './cookie/codec.js';
import type { SessionManagerOptions } from './index.js';
import { createSessionManager } from './index.js';

const SECRET = 'options-test-secret-of-at-least-32-bytes';

/** Builds a manager from options a JavaScript caller (or a spread config) might pass. */
function build(options: Record<string, unknown>) {
  return createSessionManager(options as unknown as SessionManagerOptions & { store?: undefined });
}

/** Asserts that `options` (besides a good secret) fail with `kind` and exactly `message`. */
function refuses(options: Record<string, unknown>, kind: typeof TypeError, message: string) {
  assert.throws(
    () => build({ secrets: [SECRET], ...options }),
    (error: unknown) => error instanceof kind && error.message === message,
    JSON.stringify(options),
  );
}

test('an unknown mode is refused when the manager is built, naming the option and the choices', () => {
  refuses(
    { mode: 'flaks' },
    TypeError,
    "Session option mode must be 'canvass' or 'flask' (got 'flaks')",
  );
});

test('a lone secret instead of a list is refused with a message that says how to write it', () => {
  assert.throws(
    () => build({ secrets: SECRET }),
    (error: unknown) =>
      error instanceof TypeError &&
      /^Session option secrets must be a list.*secrets: \[secret\]/.test(error.message) &&
      !error.message.includes(SECRET),
  );
  assert.throws(
    () => build({}),
    /Session option secrets must be a list of strings or Uint8Arrays \(got undefined\)/,
  );
  assert.throws(
    () => build({ secrets: [SECRET, 42] }),
    /secrets\[1\] must be a string or Uint8Array \(got number\)/,
  );
  assert.throws(() => build({ secrets: [SECRET, ''] }), /Session secret #1 is empty/);
  assert.throws(
    () => build(null as unknown as Record<string, unknown>),
    /Session options must be an object/,
  );
});

test('every other option is checked at construction, each message naming it', () => {
  const number = 'must be a number of seconds or bytes';
  const cases: [Record<string, unknown>, typeof TypeError, string][] = [
    [
      { minSecretBytes: -1 },
      RangeError,
      'Session option minSecretBytes must be a whole number ≥ 0 (got -1)',
    ],
    [{ maxAge: '3600' }, TypeError, `Session option maxAge ${number} (got '3600')`],
    [{ maxAge: 0 }, RangeError, 'Session option maxAge must be a positive whole number (got 0)'],
    [
      { idleTimeout: 1.5 },
      RangeError,
      'Session option idleTimeout must be a positive whole number (got 1.5)',
    ],
    [{ absoluteTimeout: null }, TypeError, `Session option absoluteTimeout ${number} (got null)`],
    [{ cookieName: 42 }, TypeError, 'Session option cookieName must be a string (got 42)'],
    [
      { cookieName: 'a b' },
      TypeError,
      "Session option cookieName must be a cookie name: letters, digits and !#$%&'*+-.^_`|~ (got 'a b')",
    ],
    [{ secure: 'yes' }, TypeError, "Session option secure must be true or false (got 'yes')"],
    [{ permanent: 1 }, TypeError, 'Session option permanent must be true or false (got 1)'],
    [
      { refreshEachRequest: 'always' },
      TypeError,
      "Session option refreshEachRequest must be true, false or { afterSeconds } (got 'always')",
    ],
    [
      { refreshEachRequest: { afterSeconds: -5 } },
      RangeError,
      'Session option refreshEachRequest.afterSeconds must be a whole number ≥ 0 (got -5)',
    ],
    [
      { maxCookieSize: 4e9 + 0.5 },
      RangeError,
      'Session option maxCookieSize must be a positive whole number (got 4000000000.5)',
    ],
    [
      { recentCookieBytes: -1 },
      RangeError,
      'Session option recentCookieBytes must be a whole number ≥ 0 (got -1)',
    ],
    [
      { onOversize: 'warn' },
      TypeError,
      "Session option onOversize must be 'throw' or 'drop' (got 'warn')",
    ],
    [
      { sameSite: 'lax' },
      TypeError,
      "Session option sameSite must be 'Strict', 'Lax' or 'None' (got 'lax')",
    ],
    [
      { path: 'app' },
      TypeError,
      `Session option path must start with "/" and hold no ";" or control character (got 'app')`,
    ],
    [
      { schema: {} },
      TypeError,
      'Session option schema must be an object with safeParse() (got an object)',
    ],
    [
      { store: { read: () => undefined } },
      TypeError,
      'Session option store must be an object with read(), write(), destroy() (got an object)',
    ],
    [
      { storeWhen: 'sometimes' },
      TypeError,
      "Session option storeWhen must be 'always' or 'oversize' (got 'sometimes')",
    ],
    [
      { cookieKeys: 'csrf' },
      TypeError,
      "Session option cookieKeys must be a list of strings (got 'csrf')",
    ],
    [
      { cookieKeys: ['csrf', 1] },
      TypeError,
      'Session option cookieKeys[1] must be a string (got 1)',
    ],
    [{ now: 5 }, TypeError, 'Session option now must be a function (got 5)'],
    [{ onEvent: console }, TypeError, 'Session option onEvent must be a function (got an object)'],
    [{ maxage: 60 }, TypeError, 'Unknown session option maxage (did you mean maxAge?)'],
    [
      { idle_timeout: 60 },
      TypeError,
      'Unknown session option idle_timeout (did you mean idleTimeout?)',
    ],
  ];
  for (const [options, kind, message] of cases) refuses(options, kind, message);
});

test('options left undefined take their defaults, as when they are absent', () => {
  // A clock that stands still: Max-Age counts down from the session's start, so a second
  // turning between load and commit gave 2591999 (seen in CI).
  const at = Date.now();
  const manager = build({
    secrets: [SECRET],
    mode: undefined,
    maxAge: undefined,
    onEvent: undefined,
    now: () => at,
  });
  const session = manager.load(undefined);
  session.set('a', 1);
  assert.match(manager.commit(session) ?? '', /^session=.*; Max-Age=2592000;/);
});

test('the codec checks its arguments the same way', () => {
  const codec =
    (...args: unknown[]) =>
    () =>
      new (SessionCodec as unknown as new (...a: unknown[]) => SessionCodec)(...args);
  assert.throws(
    codec([SECRET], 'flaks'),
    /^TypeError: Session option mode must be 'canvass' or 'flask' \(got 'flaks'\)$/,
  );
  assert.throws(codec(SECRET), /Session option secrets must be a list/);
  assert.throws(
    codec([SECRET], 'flask', -1),
    /recentCookieBytes must be a whole number ≥ 0 \(got -1\)/,
  );
  assert.ok(new SessionCodec([SECRET], 'flask').encode('{}', 1));
});
