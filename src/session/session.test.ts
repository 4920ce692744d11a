import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MissingSessionKey } from './errors.js';
import { PyTuple } from './py-types.js';
import { Session, snapshot } from './session.js';

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
  assert.equal(snapshot(session).payload(), '{"__proto__":{"polluted":true},"_permanent":true}');
});

test('stores flashes as Flask does and returns them once, with categories', () => {
  const session = new Session();
  session.flash('Saved!');
  session.flash('Invalid question id: 3.', 'error');
  assert.equal(
    snapshot(session).payload(),
    '{"_flashes":[{" t":["info","Saved!"]},{" t":["error","Invalid question id: 3."]}],"_permanent":true}',
  );
  assert.deepEqual(session.consumeFlashes(), [
    { category: 'info', message: 'Saved!' },
    { category: 'error', message: 'Invalid question id: 3.' },
  ]);
  assert.deepEqual(session.consumeFlashes(), []);
  assert.deepEqual(session.keys(), []);
});

test('reading flashes when there are none changes nothing', () => {
  const data = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
  const session = new Session(data, {
    text: '{"a":1}',
    issuedAt: 0,
    keyIndex: 0,
    permanentByDefault: false,
  });
  assert.deepEqual(session.consumeFlashes(), []);
  assert.equal(session.accessed, true);
  assert.equal(snapshot(session).changed, false);
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
  assert.equal(snapshot(session).payload(), '{"_permanent":false}');
});
