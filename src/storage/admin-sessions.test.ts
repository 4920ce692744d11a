import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freshStorage as fresh } from '../../test/support/fresh-storage.js';

const T0 = new Date('2024-05-01T10:00:00.000Z');
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);

for (const engine of ['sqlite', 'postgres'] as const) {
  test(`${engine}: an admin login is active until it is ended or expires, and ending one leaves the others`, async (t) => {
    const storage = await fresh(t, engine);
    if (storage === undefined) return;
    await storage.createAdminSession({ id: 'laptop', createdAt: T0, expiresAt: hours(12) });
    await storage.createAdminSession({ id: 'phone', createdAt: T0, expiresAt: hours(12) });
    assert.equal(await storage.isAdminSessionActive('laptop', hours(1)), true);
    assert.equal(await storage.isAdminSessionActive('laptop', hours(12)), false, 'expired');
    assert.equal(await storage.isAdminSessionActive('unknown', hours(1)), false);
    await storage.endAdminSession('laptop');
    await storage.endAdminSession('laptop');
    assert.equal(await storage.isAdminSessionActive('laptop', hours(1)), false, 'ended');
    assert.equal(await storage.isAdminSessionActive('phone', hours(1)), true);
  });

  test(`${engine}: a login prunes the logins that expired without a logout`, async (t) => {
    const storage = await fresh(t, engine);
    if (storage === undefined) return;
    await storage.createAdminSession({ id: 'old', createdAt: T0, expiresAt: hours(12) });
    await storage.createAdminSession({ id: 'new', createdAt: hours(13), expiresAt: hours(25) });
    // Pruned, so it stays refused even for a clock that goes back.
    assert.equal(await storage.isAdminSessionActive('old', hours(1)), false);
    assert.equal(await storage.isAdminSessionActive('new', hours(14)), true);
  });
}
