import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freshStorage as fresh } from '../../test/support/fresh-storage.js';

const T0 = new Date('2024-05-01T10:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

for (const engine of ['sqlite', 'postgres'] as const) {
  test(`${engine}: an API token is found by its hash, listed newest first, and revoked once, each change audited`, async (t) => {
    const storage = await fresh(t, engine);
    if (storage === undefined) return;
    const all = await storage.createApiToken({
      hash: 'h-all',
      name: 'warehouse',
      survey: null,
      createdAt: T0,
      detail: (id) => `made #${id}`,
    });
    const one = await storage.createApiToken({
      hash: 'h-one',
      name: 'sheet',
      survey: 's',
      createdAt: minutes(1),
      detail: (id) => `made #${id}`,
    });
    assert.deepEqual(await storage.findApiToken('h-one'), {
      id: one,
      name: 'sheet',
      survey: 's',
      createdAt: minutes(1),
      lastUsedAt: null,
      revokedAt: null,
    });
    assert.equal(await storage.findApiToken('nothing'), undefined);
    assert.deepEqual(
      (await storage.listApiTokens()).map((token) => token.id),
      [one, all],
    );

    // Last used only moves forward, whatever order concurrent requests write in.
    await storage.touchApiToken(all, minutes(5));
    await storage.touchApiToken(all, minutes(3));
    assert.deepEqual((await storage.findApiToken('h-all'))?.lastUsedAt, minutes(5));

    const revoked = await storage.revokeApiToken({
      id: all,
      at: minutes(6),
      detail: (token) => `revoked ${token.name}`,
    });
    assert.deepEqual(revoked?.revokedAt, minutes(6));
    // A second revoke (a re-sent form) changes nothing and writes no second entry.
    const again = await storage.revokeApiToken({ id: all, at: minutes(7), detail: () => 'x' });
    assert.equal(again, undefined);
    assert.equal(
      await storage.revokeApiToken({ id: 999, at: minutes(7), detail: () => 'x' }),
      undefined,
    );
    assert.deepEqual((await storage.findApiToken('h-all'))?.revokedAt, minutes(6));

    const audit = await storage.listAudit(10);
    assert.deepEqual(
      audit.map((a) => [a.action, a.survey, a.detail]),
      [
        ['token-revoked', '', 'revoked warehouse'],
        ['token-created', 's', `made #${one}`],
        ['token-created', '', `made #${all}`],
      ],
    );
  });

  test(`${engine}: a page of responses starts after a cursor and holds at most its limit`, async (t) => {
    const storage = await fresh(t, engine);
    if (storage === undefined) return;
    const version = await storage.registerVersion({
      survey: 's',
      hash: 'h',
      definition: '{}',
      at: T0,
    });
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(await storage.createResponse({ survey: 's', versionId: version.id, startedAt: T0 }));
    }
    const read = async (after: number, limit: number) => {
      const got: number[] = [];
      for await (const r of storage.pageResponses(version.id, { after, limit })) got.push(r.id);
      return got;
    };
    assert.deepEqual(await read(0, 3), ids.slice(0, 3));
    assert.deepEqual(await read(ids[2] ?? 0, 3), ids.slice(3, 6));
    assert.deepEqual(await read(ids[5] ?? 0, 3), ids.slice(6));
    assert.deepEqual(await read(ids[6] ?? 0, 3), []);
    // More than one batch: 500 a round trip by default, so 600 is two of them.
    for (let i = 0; i < 600; i++) {
      await storage.createResponse({ survey: 's', versionId: version.id, startedAt: T0 });
    }
    const long = await read(ids[6] ?? 0, 550);
    assert.equal(long.length, 550);
    assert.equal(new Set(long).size, 550);
    assert.ok(long.every((id, i) => i === 0 || id > (long[i - 1] ?? 0)));
  });
}
