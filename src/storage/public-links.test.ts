import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freshStorage as fresh } from '../../test/support/fresh-storage.js';

const T0 = new Date('2024-05-01T10:00:00.000Z');
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);

for (const engine of ['sqlite', 'postgres'] as const) {
  test(`${engine}: a public link opens until it expires or is revoked, and is listed with its state`, async (t) => {
    const storage = await fresh(t, engine);
    if (storage === undefined) return;
    await storage.createPublicLink({ hash: 'forever', survey: 's', createdAt: T0, texts: false });
    await storage.createPublicLink({
      hash: 'day',
      survey: 's',
      createdAt: hours(1),
      expiresAt: hours(25),
      texts: true,
    });
    await storage.createPublicLink({ hash: 'other', survey: 'o', createdAt: T0, texts: false });
    assert.deepEqual(await storage.findPublicLink('day', hours(2)), {
      hash: 'day',
      survey: 's',
      createdAt: hours(1),
      expiresAt: hours(25),
      revokedAt: null,
      texts: true,
    });
    assert.equal(await storage.findPublicLink('day', hours(25)), undefined);
    assert.equal((await storage.findPublicLink('forever', hours(10_000)))?.texts, false);
    assert.equal(await storage.findPublicLink('nothing', T0), undefined);

    // Revoking names the survey: another survey's link is not found, and stays open.
    assert.equal(await storage.revokePublicLink('s', 'other', hours(3)), false);
    assert.equal(await storage.revokePublicLink('s', 'forever', hours(3)), true);
    assert.equal(await storage.revokePublicLink('s', 'forever', hours(4)), true);
    assert.equal(await storage.findPublicLink('forever', hours(3)), undefined);
    assert.equal((await storage.findPublicLink('other', hours(3)))?.survey, 'o');

    const listed = await storage.listPublicLinks('s');
    assert.deepEqual(
      listed.map((l) => [l.hash, l.revokedAt?.toISOString() ?? null]),
      [
        ['day', null],
        ['forever', hours(3).toISOString()],
      ],
    );
  });
}
