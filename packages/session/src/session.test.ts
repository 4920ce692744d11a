import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MissingSessionKey } from './errors.js';
import type { SessionEvent } from './events.js';
import { cookieChanged, cookiePayload } from './cookie/payload.js';
import { PyTuple } from './python/py-types.js';
import { createSessionManager } from './manager.js';
import { newOrigin, seal, Session, snapshot } from './session.js';

/** The payload a cookie commit would sign (without the reserved times). */
const payloadOf = (session: Session) => cookiePayload(snapshot(session), {});

interface Shape extends Record<string, unknown> {
  fruits: string[];
  'fav-num': number;
}

test('reads leniently with get and strictly with require', () => {
  const session = new Session<Shape>();
  session.set('fav-num', 42);
  assert.equal(session.get('fav-num'), 42);
  assert.equal(session.get('fruits'), undefined);
  assert.equal(session.require('fav-num'), 42);
  const error = (() => {
    try {
      session.require('fruits');
    } catch (caught) {
      return caught;
    }
    return undefined;
  })();
  assert.ok(error instanceof MissingSessionKey);
  assert.equal(error.key, 'fruits');
  assert.equal(error.code, 'SESSION_KEY_MISSING');
});

test('tracks access and direct modification', () => {
  const session = new Session();
  assert.equal(session.accessed, false);
  session.has('x');
  assert.equal(session.accessed, true);
  assert.equal(session.modified, false);
  assert.equal(session.delete('x'), false, 'deleting a missing key changes nothing');
  assert.equal(session.modified, false);
  session.set('x', 1);
  assert.equal(session.modified, true);
  assert.deepEqual(session.keys(), ['x']);
  session.set('x', undefined);
  assert.deepEqual(session.keys(), []);
});

test('keeps __proto__ as an ordinary key', () => {
  const session = new Session();
  session.set('__proto__', { polluted: true });
  assert.deepEqual(session.keys(), ['__proto__']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(payloadOf(session), '{"__proto__":{"polluted":true},"_permanent":true}');
});

test('stores flashes as Flask does and returns them once, with categories', () => {
  const session = new Session();
  session.flash('Saved!');
  session.flash('Invalid question id: 3.', 'error');
  assert.equal(
    payloadOf(session),
    '{"_flashes":[{" t":["info","Saved!"]},{" t":["error","Invalid question id: 3."]}],"_permanent":true}',
  );
  assert.deepEqual(session.consumeFlashes(), [
    { category: 'info', message: 'Saved!' },
    { category: 'error', message: 'Invalid question id: 3.' },
  ]);
  assert.deepEqual(session.consumeFlashes(), []);
  assert.deepEqual(session.keys(), []);
});

test('flash takes any string category, as Flask apps use message, warning and success', () => {
  const session = new Session();
  session.flash('Hello');
  session.flash('Careful', 'warning');
  session.flash('Done', 'success');
  session.flash('Plain', 'message');
  assert.equal(
    payloadOf(session),
    '{"_flashes":[{" t":["info","Hello"]},{" t":["warning","Careful"]},{" t":["success","Done"]},' +
      '{" t":["message","Plain"]}],"_permanent":true}',
  );
  assert.deepEqual(
    session.consumeFlashes().map((f) => f.category),
    ['info', 'warning', 'success', 'message'],
  );
});

test('reading flashes when there are none changes nothing', () => {
  const data = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
  const session = new Session(data, { ...newOrigin(false), text: '{"a":1}' });
  assert.deepEqual(session.consumeFlashes(), []);
  assert.equal(session.accessed, true);
  assert.equal(cookieChanged(snapshot(session)), false);
});

test('skips malformed flash entries written by another app', () => {
  const data = Object.create(null) as Record<string, unknown>;
  data._flashes = [PyTuple.of('message', 'from Flask'), ['info', 2], 'junk', PyTuple.of('x')];
  assert.deepEqual(new Session(data).consumeFlashes(), [
    { category: 'message', message: 'from Flask' },
  ]);
});

test('permanent defaults to the manager setting and is stored as _permanent when set', () => {
  const session = new Session();
  assert.equal(session.permanent, true);
  session.permanent = false;
  assert.equal(session.permanent, false);
  assert.equal(payloadOf(session), '{"_permanent":false}');
});

/** Loaded data whose object value counts how often it is serialised. */
function countingSession() {
  const counter = { reads: 0 };
  const data = Object.create(null) as Record<string, unknown>;
  data.n = 1;
  data.watched = Object.defineProperty({}, 'x', {
    enumerable: true,
    get: () => ++counter.reads,
  });
  const session = new Session(data, { ...newOrigin(false), text: 'as signed' });
  return { session, counter };
}

test('a request that reads only primitive values serialises nothing', () => {
  const { session, counter } = countingSession();
  assert.equal(session.get('n'), 1);
  assert.equal(session.has('watched'), true);
  assert.equal(cookieChanged(snapshot(session)), false);
  assert.equal(counter.reads, 0, 'the object value was never serialised');
  session.get('watched');
  assert.equal(cookieChanged(snapshot(session)), true);
  assert.notEqual(counter.reads, 0, 'an object handed out is compared at commit');
});

test('markModified saves a session whose content looks unchanged', () => {
  const session = new Session(Object.create(null) as Record<string, unknown>, newOrigin());
  assert.equal(session.modified, false);
  session.markModified();
  assert.equal(session.modified, true);
  assert.equal(cookieChanged(snapshot(session)), true);
});

test('a write after the session was committed is reported and ignored, never thrown', () => {
  const events: SessionEvent[] = [];
  const session = new Session(undefined, newOrigin(true, { report: (e) => events.push(e) }));
  session.set('a', 1);
  session.flash('queued');
  seal(session);
  assert.equal(session.get('a'), 1, 'reads still work');
  session.set('a', 2);
  session.flash('late');
  assert.equal(session.delete('a'), false);
  session.permanent = false;
  session.markModified();
  session.regenerate();
  assert.deepEqual(session.consumeFlashes(), [{ category: 'info', message: 'queued' }]);
  session.clear();
  session.destroy();
  assert.equal(session.get('a'), 1, 'no late write changed the data');
  assert.deepEqual(session.consumeFlashes(), [{ category: 'info', message: 'queued' }]);
  assert.equal(snapshot(session).lifecycle, 'keep');
  assert.deepEqual(
    events.map((e) => (e.kind === 'late-write' ? [e.operation, e.key] : e.kind)),
    [
      ['set', 'a'],
      ['flash', '_flashes'],
      ['delete', 'a'],
      ['permanent', '_permanent'],
      ['markModified', undefined],
      ['regenerate', undefined],
      ['consumeFlashes', '_flashes'],
      ['clear', undefined],
      ['destroy', undefined],
      ['consumeFlashes', '_flashes'],
    ],
  );
  const first = events[0];
  assert.ok(first?.kind === 'late-write');
  assert.match(first.detail, /after the response head was prepared.*set "a"/);
  // This file, by its path without the extension: run compiled (.js) or through tsx (.ts).
  const here = fileURLToPath(import.meta.url).replace(/\.[jt]s$/, '');
  assert.ok(first.stack.includes(here), 'the stack points at the late write');
});

test('regenerate keeps the data; destroy empties it; both count as a change', () => {
  const session = new Session();
  session.set('admin', true);
  session.regenerate();
  assert.equal(snapshot(session).lifecycle, 'regenerate');
  assert.equal(session.get('admin'), true);
  session.destroy();
  assert.equal(snapshot(session).lifecycle, 'destroy');
  assert.deepEqual(session.keys(), []);
  session.regenerate();
  assert.equal(snapshot(session).lifecycle, 'destroy', 'a destroyed session stays destroyed');
});

test('peek reads without watching: a request that only peeks at an object serialises nothing', () => {
  const manager = createSessionManager({ secrets: ['a-session-test-secret-of-at-least-32-bytes'] });
  const first = manager.load(undefined);
  first.set('progress', { survey: [1, 2] });
  const cookie = `session=${/^session=([^;]*)/.exec(manager.commit(first) ?? '')?.[1] ?? ''}`;
  const peeked = manager.load(cookie);
  assert.deepEqual(JSON.parse(JSON.stringify(peeked.peek('progress'))), { survey: [1, 2] });
  assert.equal(peeked.accessed, true);
  assert.equal(manager.commit(peeked), undefined);
  const got = manager.load(cookie);
  (got.get('progress') as { survey: number[] }).survey.push(3);
  assert.ok(manager.commit(got), 'a change through get is still saved');
});
