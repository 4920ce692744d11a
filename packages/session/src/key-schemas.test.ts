import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import type { SessionEvent, StandardSchemaLike } from './index.js';
import { createSessionManager, InvalidSessionWrite } from './index.js';

const SECRET = 'test-secret-key-of-at-least-32-bytes';
const keys = {
  admin: z.object({ id: z.string().min(16), at: z.number().int() }),
  visits: z.number().int().nonnegative(),
};
const ADMIN = { id: 'a-login-id-of-16-chars', at: 1_700_000_000 };

/** A validly signed cookie holding `data`, as a release without the schemas (or an attacker with the key) writes it. */
function signed(data: Record<string, unknown>): string {
  const plain = createSessionManager({ secrets: [SECRET] });
  const session = plain.load(undefined);
  for (const [key, value] of Object.entries(data)) session.set(key, value);
  return /^(session=[^;]*)/.exec(plain.commit(session) ?? '')?.[1] ?? '';
}

function typed(checkWrites: boolean) {
  const events: SessionEvent[] = [];
  // Open to other keys: only the listed ones are checked.
  const manager = createSessionManager<Record<string, unknown>>({
    secrets: [SECRET],
    keys,
    checkWrites,
    onEvent: (event) => events.push(event),
  });
  return { manager, events };
}

test('a bad value of one key is dropped alone on load, reported by name, and the cookie rewritten', () => {
  const { manager, events } = typed(true);
  const session = manager.load(signed({ admin: ADMIN, visits: 'many', note: 'kept' }));
  assert.deepEqual({ ...(session.get('admin') as object) }, ADMIN);
  assert.equal(session.get('note'), 'kept');
  assert.equal(session.has('visits'), false);
  assert.equal(events.length, 1);
  assert.deepEqual({ ...events[0], detail: '' }, { kind: 'invalid', key: 'visits', detail: '' });
  const header = manager.commit(session);
  assert.ok(header !== undefined, 'the session is re-issued without the bad key');
  const again = manager.load(/^(session=[^;]*)/.exec(header)?.[1]);
  assert.deepEqual(again.keys().sort(), ['admin', 'note']);
  assert.equal(events.length, 1, 'the rewritten cookie is clean');
});

test('a cookie whose listed keys all pass is loaded untouched and sends nothing', () => {
  const { manager, events } = typed(true);
  const session = manager.load(signed({ admin: ADMIN, visits: 3 }));
  assert.equal(session.get('visits'), 3);
  assert.equal(manager.commit(session), undefined);
  assert.deepEqual(events, []);
});

test('in development a set its key refuses throws InvalidSessionWrite there, changing nothing', () => {
  const { manager } = typed(true);
  const session = manager.load(undefined);
  session.set('visits', 1);
  assert.throws(
    () => {
      session.set('visits', -1);
    },
    (error: unknown) => error instanceof InvalidSessionWrite && error.key === 'visits',
  );
  assert.equal(session.get('visits'), 1);
  session.set('other', 'unlisted keys are not checked');
});

test('in production a refused set is reported and not made; the rest of the session is written', () => {
  const { manager, events } = typed(false);
  const session = manager.load(undefined);
  session.set('admin', ADMIN);
  session.set('admin', { id: 'short', at: 1 });
  assert.deepEqual({ ...(session.get('admin') as object) }, ADMIN);
  assert.equal(events.length, 1);
  const [event] = events;
  assert.ok(event?.kind === 'invalid' && event.key === 'admin', JSON.stringify(event));
  assert.match(event.detail, /^write refused: id: /);
  const loaded = manager.load(/^(session=[^;]*)/.exec(manager.commit(session) ?? '')?.[1]);
  assert.deepEqual({ ...(loaded.get('admin') as object) }, ADMIN);
});

test('deleting a listed key, or setting it to undefined, is never refused', () => {
  const { manager } = typed(true);
  const session = manager.load(signed({ visits: 2, admin: ADMIN }));
  assert.equal(session.delete('visits'), true);
  session.set('admin', undefined);
  assert.deepEqual(session.keys(), []);
});

test('a Standard Schema works as a key schema; an asynchronous one is a configuration error', () => {
  const even: StandardSchemaLike<number> = {
    '~standard': {
      validate: (value) =>
        typeof value === 'number' && value % 2 === 0
          ? { value }
          : { issues: [{ message: 'must be even', path: [] }] },
    },
  };
  const events: SessionEvent[] = [];
  const manager = createSessionManager({
    secrets: [SECRET],
    keys: { n: even },
    onEvent: (event) => events.push(event),
  });
  const session = manager.load(signed({ n: 3, m: 3 }));
  assert.equal(session.has('n'), false);
  assert.deepEqual(events, [{ kind: 'invalid', key: 'n', detail: 'must be even' }]);
  assert.throws(() => {
    session.set('n', 5);
  }, /must be even/);

  const later = createSessionManager({
    secrets: [SECRET],
    keys: { n: { '~standard': { validate: () => Promise.resolve({ value: 1 }) } } },
  });
  assert.throws(() => {
    later.load(undefined).set('n', 1);
  }, /validates asynchronously/);
});

test('the keys option is checked at startup, naming the bad key', () => {
  assert.throws(
    () => createSessionManager({ secrets: [SECRET], keys: { admin: 'not a schema' as never } }),
    /Session option keys\.admin must be a schema/,
  );
  assert.throws(
    () => createSessionManager({ secrets: [SECRET], keys: [] as never }),
    /Session option keys must be an object/,
  );
});

test('a value shared between requests (a cookie seen again) is checked once, and still dropped when bad', () => {
  let checks = 0;
  const counted = {
    safeParse: (value: unknown) => {
      checks++;
      return keys.admin.safeParse(value);
    },
  };
  const events: SessionEvent[] = [];
  const manager = createSessionManager<Record<string, unknown>>({
    secrets: [SECRET],
    keys: { admin: counted, cart: counted },
    onEvent: (event) => events.push(event),
  });
  const cookie = signed({ admin: ADMIN, cart: { id: 1 } });
  for (let i = 0; i < 10; i++) {
    const session = manager.load(cookie);
    assert.deepEqual({ ...(session.peek('admin') as object) }, ADMIN);
    assert.equal(session.has('cart'), false);
  }
  assert.equal(events.filter((e) => e.kind === 'invalid').length, 10, 'reported each time');
  // Two keys, ten loads: 20 checks without sharing; a shared value is checked once.
  assert.ok(checks <= 10, `${String(checks)} checks of two keys for 10 loads of one cookie`);
});
