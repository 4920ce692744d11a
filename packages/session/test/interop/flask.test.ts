/**
 * Interop with the real Flask 3.1 over HTTP (issue 3, items 1–2), payload side: for every
 * kind in kinds.ts, Flask sets and Canvass reads, Canvass sets and Flask reads, and both
 * write the same payload JSON, signed byte for byte alike (compressed payloads included).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dumpTagged, loadTagged, SessionCodec } from '../../src/index.js';
import type { FlaskPeer } from './flask-peer.js';
import {
  canvass,
  commitNew,
  cookieValue,
  CURRENT,
  flaskSuite,
  LIFETIME,
  load,
  nowSeconds,
} from './interop.js';
import type { Kind } from './kinds.js';
import { KINDS } from './kinds.js';

const codec = new SessionCodec([CURRENT], 'flask');
const compared = {
  identical: [] as string[],
  identicalCompressed: [] as string[],
  keyOrder: [] as string[],
};

/** Flask's cookie for a kind; Canvass reads it as the kind's value, with no event. */
async function flaskSetsCanvassReads(flask: FlaskPeer, name: string, kind: Kind): Promise<string> {
  // Canvass drops a stored `_permanent` equal to its default, so pick the other default.
  const { manager, events } = canvass({ permanent: kind.value._permanent === false });
  const answer = await flask.get(`/set/${name}`);
  assert.equal(answer.status, 200, flask.output());
  assert.ok(answer.cookie, 'Flask set a cookie');
  assert.deepEqual(load(manager, answer.cookie), kind.value);
  assert.deepEqual(events, []);
  return answer.cookie;
}

/** Canvass writes the same payload JSON as Flask and, compressed or not, the same cookie. */
function sameWireForm(name: string, kind: Kind, fromFlask: string): void {
  const decoded = codec.decode(fromFlask, nowSeconds(), LIFETIME);
  assert.ok(decoded.ok, decoded.ok ? '' : decoded.detail);
  const ours = dumpTagged(kind.set ?? kind.value);
  if (kind.keyOrder !== undefined) {
    assert.notEqual(ours, decoded.text, kind.keyOrder);
    assert.deepEqual(loadTagged(ours), loadTagged(decoded.text));
    compared.keyOrder.push(name);
  } else {
    assert.equal(ours, decoded.text, 'the same payload JSON');
    assert.equal(codec.encode(ours, decoded.issuedAt), fromFlask, 'the same cookie');
    (fromFlask.startsWith('.') ? compared.identicalCompressed : compared.identical).push(name);
  }
}

flaskSuite('flask-mode payloads against the real Flask 3.1', (flask) => {
  test('Flask and Canvass define the same payload kinds, at least 50 of them', async () => {
    const answer = await flask.get('/kinds');
    assert.deepEqual(answer.body, [...KINDS.keys()].sort());
    assert.ok(KINDS.size >= 50, `${KINDS.size} kinds`);
  });

  for (const [name, kind] of KINDS) {
    const title = `Flask and Canvass read each other's "${name}" cookie and write the same payload`;
    test(title, async () => {
      const fromFlask = await flaskSetsCanvassReads(flask, name, kind);
      sameWireForm(name, kind, fromFlask);
      const { manager } = canvass({ permanent: kind.value._permanent === false });
      const check = await flask.get(`/check/${name}`, {
        cookie: commitNew(manager, kind.set ?? kind.value),
      });
      assert.equal(check.status, 200, flask.output());
      assert.equal((check.body as { ok: boolean }).ok, true, JSON.stringify(check.body));
    });
  }

  test('reports which kinds were compared byte for byte and which decoded', (t) => {
    for (const [how, names] of Object.entries(compared)) {
      t.diagnostic(`${how} (${names.length}): ${names.join(' ')}`);
    }
    const total = Object.values(compared).reduce((sum, names) => sum + names.length, 0);
    assert.ok(total >= 50, `${total} kinds compared`);
  });

  test('flash messages cross over: Flask flashes and Canvass shows them, and back', async () => {
    const flashed = await flask.get('/flash');
    const { manager } = canvass();
    const session = manager.load(`session=${flashed.cookie ?? ''}`);
    assert.deepEqual(session.consumeFlashes(), [
      { category: 'message', message: 'Saved!' },
      { category: 'error', message: 'Oops' },
    ]);
    const ours = manager.load(undefined);
    ours.flash('Thanks!');
    ours.flash('Invalid question id: 3.', 'error');
    const shown = await flask.get('/flashes', { cookie: cookieValue(manager.commit(ours)) });
    assert.deepEqual(shown.body, [
      ['info', 'Thanks!'],
      ['error', 'Invalid question id: 3.'],
    ]);
  });

  test('clearing deletes the cookie on both sides; an untouched empty session sends none', async () => {
    const { manager } = canvass();
    const cookie = commitNew(manager, { a: 1 });
    const flaskClear = await flask.get('/clear', { cookie });
    assert.equal(flaskClear.cookie, '');
    assert.match(flaskClear.setCookie ?? '', /; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0;/);
    const session = manager.load(`session=${cookie}`);
    session.clear();
    const ours = manager.commit(session);
    assert.match(ours ?? '', /^session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0;/);
    assert.equal((await flask.get('/dump')).setCookie, undefined);
    assert.equal(manager.commit(manager.load(undefined)), undefined);
  });
});
