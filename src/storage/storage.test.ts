import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { openStorage, StorageUnavailable } from './index.js';
import type { Storage } from './index.js';
import { openEngine } from './open.js';
import { sqliteEngine } from './sqlite/index.js';

/**
 * One database per test. `open` may be called several times (reopening the same data);
 * `openReadOnly` opens it so that every write is refused by the database itself.
 */
interface Fixture {
  open(): Promise<Storage>;
  openReadOnly(): Promise<Storage>;
  dispose(): Promise<void>;
}

interface EngineFactory {
  name: string;
  create(): Promise<Fixture>;
}

const sqlite: EngineFactory = {
  name: 'sqlite',
  create() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canvass-'));
    const file = path.join(dir, 'canvass.db');
    return Promise.resolve({
      open: () => openStorage(`sqlite:${file}`),
      async openReadOnly() {
        fs.chmodSync(file, 0o444);
        // root ignores file modes, so when the file is still writable for us, ask SQLite
        // itself for a read-only connection (SQLITE_OPEN_READONLY) — still a real refusal.
        return openEngine(sqliteEngine({ path: file, readonly: isWritable(file) }));
      },
      dispose() {
        fs.rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    });
  },
};

function isWritable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

// A PostgreSQL factory joins this list when the postgres/ engine lands.
const engines: EngineFactory[] = [sqlite];

const T0 = new Date('2024-05-01T10:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

function answer(responseId: number, question: number, overrides: Partial<AnswerInput> = {}) {
  return {
    responseId,
    survey: 'satisfaction',
    question,
    answer: 'Yes',
    comment: null,
    completes: false,
    at: minutes(question + 1),
    ...overrides,
  };
}
type AnswerInput = Parameters<Storage['recordAnswer']>[0];

for (const engine of engines) {
  describe(`storage on ${engine.name}`, () => {
    let fixture: Fixture;
    const opened: Storage[] = [];
    async function open(): Promise<Storage> {
      const storage = await fixture.open();
      opened.push(storage);
      return storage;
    }

    beforeEach(async () => {
      fixture = await engine.create();
    });
    afterEach(async () => {
      for (const storage of opened.splice(0)) await storage.close();
      await fixture.dispose();
    });

    test('runs migrations once and opens an existing database again', async () => {
      const first = await open();
      const id = await first.createResponse({ survey: 'satisfaction', startedAt: T0 });
      await first.close();
      const second = await open();
      await second.close();
      const third = await open();
      assert.equal((await third.getResponse(id))?.survey, 'satisfaction');
    });

    test('gives each new response a distinct, increasing id', async () => {
      const storage = await open();
      const ids = [];
      for (let i = 0; i < 5; i++) {
        ids.push(await storage.createResponse({ survey: 'satisfaction', startedAt: minutes(i) }));
      }
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => a - b),
      );
      assert.equal(new Set(ids).size, ids.length);
    });

    test('records an answer and returns it with the response', async () => {
      const storage = await open();
      const id = await storage.createResponse({ survey: 'satisfaction', startedAt: T0 });
      const outcome = await storage.recordAnswer(
        answer(id, 0, { answer: 'wtf()', comment: 'Because <b>why</b>' }),
      );
      assert.deepEqual(outcome, { kind: 'recorded' });
      assert.deepEqual(await storage.getResponse(id), {
        id,
        survey: 'satisfaction',
        startedAt: '2024-05-01T10:00:00.000Z',
        completedAt: null,
        answers: [
          {
            question: 0,
            answer: 'wtf()',
            comment: 'Because <b>why</b>',
            answeredAt: '2024-05-01T10:01:00.000Z',
          },
        ],
      });
    });

    test('reports a second answer to the same question as a duplicate and keeps the first', async () => {
      const storage = await open();
      const id = await storage.createResponse({ survey: 'satisfaction', startedAt: T0 });
      await storage.recordAnswer(answer(id, 0, { answer: 'Yes' }));
      const outcome = await storage.recordAnswer(
        answer(id, 0, {
          answer: 'No',
          comment: 'changed my mind',
          completes: true,
          at: minutes(9),
        }),
      );
      assert.deepEqual(outcome, { kind: 'duplicate' });
      const stored = await storage.getResponse(id);
      assert.equal(stored?.completedAt, null);
      assert.deepEqual(stored.answers, [
        { question: 0, answer: 'Yes', comment: null, answeredAt: '2024-05-01T10:01:00.000Z' },
      ]);
    });

    test('records exactly one of two identical answers sent at the same instant', async () => {
      const storage = await open();
      const id = await storage.createResponse({ survey: 'satisfaction', startedAt: T0 });
      const outcomes = await Promise.all([
        storage.recordAnswer(answer(id, 0)),
        storage.recordAnswer(answer(id, 0)),
      ]);
      assert.deepEqual(outcomes.map((o) => o.kind).sort(), ['duplicate', 'recorded']);
      assert.equal((await storage.getResponse(id))?.answers.length, 1);
    });

    test('refuses an answer for a response that does not exist', async () => {
      const storage = await open();
      const outcome = await storage.recordAnswer(answer(4242, 0));
      assert.deepEqual(outcome, { kind: 'unknown-response' });
      assert.equal(await storage.getResponse(4242), undefined);
    });

    test('refuses an answer for a response of another survey and writes nothing', async () => {
      const storage = await open();
      const id = await storage.createResponse({ survey: 'personality', startedAt: T0 });
      const outcome = await storage.recordAnswer(answer(id, 0, { completes: true }));
      assert.deepEqual(outcome, { kind: 'unknown-response' });
      const stored = await storage.getResponse(id);
      assert.deepEqual(stored?.answers, []);
      assert.equal(stored.completedAt, null);
    });

    test('marks the response complete with the last answer and leaves partial ones open', async () => {
      const storage = await open();
      const done = await storage.createResponse({ survey: 'satisfaction', startedAt: T0 });
      const partial = await storage.createResponse({ survey: 'satisfaction', startedAt: T0 });
      await storage.recordAnswer(answer(done, 0));
      await storage.recordAnswer(answer(partial, 0));
      assert.equal((await storage.getResponse(done))?.completedAt, null);
      await storage.recordAnswer(answer(done, 1, { completes: true, at: minutes(5) }));
      assert.equal((await storage.getResponse(done))?.completedAt, '2024-05-01T10:05:00.000Z');
      assert.equal((await storage.getResponse(partial))?.completedAt, null);
    });

    test('lists one survey’s responses by id with answers by question', async () => {
      const storage = await open();
      const a = await storage.createResponse({ survey: 'satisfaction', startedAt: T0 });
      const other = await storage.createResponse({ survey: 'personality', startedAt: T0 });
      const b = await storage.createResponse({ survey: 'satisfaction', startedAt: minutes(1) });
      await storage.recordAnswer(answer(b, 1, { answer: 'No' }));
      await storage.recordAnswer(answer(b, 0));
      await storage.recordAnswer(answer(other, 0, { survey: 'personality' }));
      await storage.recordAnswer(answer(a, 0));

      const listed = await storage.listResponses('satisfaction');
      assert.deepEqual(
        listed.map((r) => [r.id, r.survey, r.answers.map((x) => [x.question, x.answer])]),
        [
          [a, 'satisfaction', [[0, 'Yes']]],
          [
            b,
            'satisfaction',
            [
              [0, 'Yes'],
              [1, 'No'],
            ],
          ],
        ],
      );
      assert.deepEqual(
        (await storage.listResponses('personality')).map((r) => r.id),
        [other],
      );
      assert.deepEqual(await storage.listResponses('unknown'), []);
    });

    test('returns undefined for a response id that does not exist', async () => {
      const storage = await open();
      assert.equal(await storage.getResponse(1), undefined);
    });

    test('answers ping while open and reports false, without throwing, once closed', async () => {
      const storage = await open();
      assert.equal(await storage.ping(), true);
      await storage.close();
      assert.equal(await storage.ping(), false);
      await storage.close();
    });

    test('rejects writes to a read-only database with StorageUnavailable and changes nothing', async () => {
      const writable = await open();
      const id = await writable.createResponse({ survey: 'satisfaction', startedAt: T0 });
      await writable.close();

      const readOnly = await fixture.openReadOnly();
      opened.push(readOnly);
      assert.equal(await readOnly.ping(), true);
      await assert.rejects(readOnly.recordAnswer(answer(id, 0)), (error: unknown) => {
        assert.ok(error instanceof StorageUnavailable);
        assert.equal(error.code, 'STORAGE_UNAVAILABLE');
        return true;
      });
      await assert.rejects(
        readOnly.createResponse({ survey: 'satisfaction', startedAt: T0 }),
        StorageUnavailable,
      );
      assert.deepEqual(
        (await readOnly.listResponses('satisfaction')).map((r) => [r.id, r.answers.length]),
        [[id, 0]],
      );
    });
  });
}

describe('storage on sqlite files', () => {
  const dirs: string[] = [];
  function tempDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canvass-'));
    dirs.push(dir);
    return dir;
  }
  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('puts the database in WAL mode', async () => {
    const file = path.join(tempDir(), 'canvass.db');
    const storage = await openStorage(`sqlite:${file}`);
    await storage.close();
    const db = new BetterSqlite3(file, { readonly: true });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      db.close();
    }
  });

  test('creates the parent directory of the database file', async () => {
    const file = path.join(tempDir(), 'nested', 'deeper', 'canvass.db');
    const storage = await openStorage(`sqlite:${file}`);
    await storage.close();
    assert.ok(fs.existsSync(file));
  });

  test('resolves a relative path against the working directory', async () => {
    const dir = tempDir();
    const relative = path.relative(process.cwd(), path.join(dir, 'relative.db'));
    const storage = await openStorage(`sqlite:${relative}`);
    await storage.close();
    assert.ok(fs.existsSync(path.join(dir, 'relative.db')));
  });

  test('opens an in-memory database for tests', async () => {
    const storage = await openStorage('sqlite::memory:');
    const id = await storage.createResponse({ survey: 'satisfaction', startedAt: T0 });
    assert.deepEqual(await storage.recordAnswer(answer(id, 0)), { kind: 'recorded' });
    await storage.close();
  });
});

describe('openStorage URLs', () => {
  test('says PostgreSQL is not available yet', async () => {
    await assert.rejects(openStorage('postgres://canvass:s3cret@db/canvass'), (error: Error) => {
      assert.match(error.message, /PostgreSQL support is not available yet/);
      assert.doesNotMatch(error.message, /s3cret/);
      return true;
    });
  });

  test('names the accepted forms for an unknown scheme without echoing the URL', async () => {
    await assert.rejects(openStorage('mysql://root:s3cret@db/canvass'), (error: Error) => {
      assert.match(error.message, /"mysql:".*sqlite:PATH.*postgres:\/\//s);
      assert.doesNotMatch(error.message, /s3cret/);
      return true;
    });
  });

  test('rejects sqlite URLs without a path or with a "//" authority', async () => {
    await assert.rejects(openStorage('sqlite:'), /needs a file path/);
    await assert.rejects(openStorage('sqlite:///var/canvass.db'), /without "\/\/"/);
    await assert.rejects(openStorage('./data/canvass.db'), /without a scheme/);
  });
});
