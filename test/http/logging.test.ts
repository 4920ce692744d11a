import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { pino, type Level } from 'pino';
import { ADMIN_PASSWORD } from '../support/admin.js';
import { startTestApp } from '../support/app.js';

/** A pino logger at `level` whose lines are collected, parsed. */
function capturingLogger(level: Level) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) {
        if (line !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}

test('at warn, pages log nothing and a warning still carries its request id', async () => {
  const { logger, lines } = capturingLogger('warn');
  const t = await startTestApp({ logger, adminPassword: ADMIN_PASSWORD });
  try {
    const browser = t.browser();
    assert.equal((await browser.get('/surveys/satisfaction')).status, 200);
    assert.equal((await browser.get('/admin/login')).status, 200);
    assert.equal(lines.length, 0, JSON.stringify(lines));
    assert.equal((await browser.post('/admin/login', { password: 'wrong' })).status, 422);
    assert.equal(lines.length, 1);
    const [line] = lines;
    assert.ok(line);
    assert.equal(line.msg, 'admin login failed');
    assert.equal(line.level, 40);
    assert.match(String(line.reqId), /\S/);
  } finally {
    await t.close();
  }
});

test('at info, Fastify logs each request, and Canvass lines share its request id', async () => {
  const { logger, lines } = capturingLogger('info');
  const t = await startTestApp({ logger });
  try {
    const browser = t.browser();
    assert.equal((await browser.get('/surveys/satisfaction')).status, 200);
    assert.deepEqual(
      lines.map((line) => line.msg),
      ['incoming request', 'request completed'],
    );
    lines.length = 0;
    // No CSRF token: refused, and said so at info.
    assert.equal((await browser.post('/surveys/satisfaction/begin', { _csrf: 'x' })).status, 403);
    const refused = lines.find((line) => line.msg === 'csrf check failed');
    assert.ok(refused, JSON.stringify(lines));
    assert.ok(lines.every((line) => line.reqId === refused.reqId));
  } finally {
    await t.close();
  }
});
