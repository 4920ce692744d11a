import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import {
  newWebhookSecret,
  retryDelay,
  signWebhook,
  testEventBody,
  webhookUrlSchema,
} from './webhooks.js';

test('signs as the Standard Webhooks test vector does', () => {
  // From the spec's reference implementations (standard-webhooks/libraries, their test suites).
  const headers = signWebhook(
    'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    'msg_p5jXN8AQM9LWM0D4loKWxJek',
    new Date(1614265330 * 1000),
    '{"test": 2432232314}',
  );
  assert.deepEqual(headers, {
    'content-type': 'application/json',
    'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    'webhook-timestamp': '1614265330',
    'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  });
});

test('a new secret is whsec_ and 24 random bytes, and signs what node:crypto computes', () => {
  const secret = newWebhookSecret();
  assert.match(secret, /^whsec_[A-Za-z0-9+/]{32}$/);
  assert.notEqual(newWebhookSecret(), secret);
  const body = testEventBody(null, '2026-01-01T00:00:00.000Z');
  const headers = signWebhook(secret, 'msg_1', new Date(1_700_000_000_000), body);
  const expected = createHmac('sha256', Buffer.from(secret.slice(6), 'base64'))
    .update(`msg_1.1700000000.${body}`)
    .digest('base64');
  assert.equal(headers['webhook-signature'], `v1,${expected}`);
});

test('retries wait twice as long each time, up to the cap, scaled by ½ to 1', () => {
  const backoff = { baseMs: 1000, maxMs: 10_000 };
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6].map((n) => retryDelay(n, backoff, 1)),
    [1000, 2000, 4000, 8000, 10_000, 10_000],
  );
  assert.equal(retryDelay(3, backoff, 0), 2000);
  assert.equal(retryDelay(3, backoff, 0.5), 3000);
});

test('endpoint URLs are absolute http(s) without credentials', () => {
  for (const ok of ['https://example.org/hook', 'http://10.0.0.1:8080/x?y=1', ' https://a.b/ ']) {
    assert.ok(webhookUrlSchema.safeParse(ok).success, ok);
  }
  for (const bad of [
    'example.org',
    '/hook',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'https://u:p@a.b/',
  ]) {
    assert.equal(webhookUrlSchema.safeParse(bad).success, false, bad);
  }
});
