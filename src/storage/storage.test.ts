import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { openStorage, StorageUnavailable } from './index.js';
import type { Storage } from './index.js';
import {
  createTestDatabase,
  executeOn,
  postgresUnavailableReason,
} from '../../test/support/postgres.js';
import { openEngine } from './open.js';
import { postgresEngine } from './postgres/index.js';
import { sqliteEngine } from './sqlite/index.js';

/**
 * One database per test. `open` may be called several times (reopening the same data);
 * `openReadOnly` opens it so that every write is refused by the database itself.
 */
interface Fixture {
  open(): Promise<Storage>;
  openReadOnly(): Promise<Storage>;
  /** Runs raw SQL on the database (to set up rows only an older Canvass could write). */
  execute(text: string): Promise<void>;
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
      execute(text) {
        const db = new BetterSqlite3(file);
        try {
          db.exec(text);
        } finally {
          db.close();
        }
        return Promise.resolve();
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

const postgres: EngineFactory = {
  name: 'postgres',
  async create() {
    const database = await createTestDatabase();
    return {
      open: () => openStorage(database.url),
      // default_transaction_read_only: the server itself refuses every write (SQLSTATE 25006).
      openReadOnly: () => openEngine(postgresEngine({ url: database.url, readonly: true })),
      execute: (text) => executeOn(database.url, text),
      dispose: () => database.drop(),
    };
  },
};

// In CI a missing PostgreSQL fails the run; elsewhere its half of the suite is skipped, loudly.
const postgresMissing = await postgresUnavailableReason();
if (postgresMissing !== undefined && process.env.CI === 'true') throw new Error(postgresMissing);
if (postgresMissing !== undefined) console.warn(`Skipping PostgreSQL: ${postgresMissing}`);
const engines: EngineFactory[] = postgresMissing === undefined ? [sqlite, postgres] : [sqlite];

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

/** Registers (or finds) version `hash` of `survey`; its definition is opaque to storage. */
async function version(storage: Storage, survey: string, hash = 'h1') {
  return storage.registerVersion({ survey, hash, definition: `{"v":"${hash}"}`, at: T0 });
}

/** Begins a response on the survey's version `h1`. */
async function create(storage: Storage, survey: string, startedAt: Date): Promise<number> {
  const { id } = await version(storage, survey);
  return storage.createResponse({ survey, versionId: id, startedAt });
}

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
      const id = await create(first, 'satisfaction', T0);
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
        ids.push(await create(storage, 'satisfaction', minutes(i)));
      }
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => a - b),
      );
      assert.equal(new Set(ids).size, ids.length);
    });

    test('records an answer and returns it with the response', async () => {
      const storage = await open();
      const id = await create(storage, 'satisfaction', T0);
      const outcome = await storage.recordAnswer(
        answer(id, 0, { answer: 'wtf()', comment: 'Because <b>why</b>' }),
      );
      assert.deepEqual(outcome, { kind: 'recorded' });
      const { id: versionId } = await version(storage, 'satisfaction');
      assert.deepEqual(await storage.getResponse(id), {
        id,
        survey: 'satisfaction',
        versionId,
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

    test('stores the hidden fields a response began with and returns them wherever it is read', async () => {
      const storage = await open();
      const { id: versionId } = await version(storage, 'satisfaction');
      const begin = (hidden?: Record<string, string>) =>
        storage.createResponse({
          survey: 'satisfaction',
          versionId,
          startedAt: T0,
          ...(hidden === undefined ? {} : { hidden }),
        });
      // Begun together, so PostgreSQL writes them in one batch.
      const [tagged, empty, none] = await Promise.all([
        begin({ source: 'mail "spring" =1', team: 'ünïcode' }),
        begin({}),
        begin(),
      ]);
      const hidden = { source: 'mail "spring" =1', team: 'ünïcode' };
      assert.deepEqual((await storage.getResponse(tagged))?.hidden, hidden);
      for (const id of [empty, none]) {
        const response = await storage.getResponse(id);
        assert.ok(response !== undefined && !('hidden' in response));
      }
      const listed = await storage.listResponses('satisfaction');
      assert.deepEqual(
        listed.map((r) => r.hidden),
        [hidden, undefined, undefined],
      );
      const streamed = [];
      for await (const r of storage.streamResponses(versionId, 2)) streamed.push(r.hidden);
      assert.deepEqual(streamed, [hidden, undefined, undefined]);
    });

    test('stores a number, an Other text and the items of answers with several values, once', async () => {
      const storage = await open();
      const id = await create(storage, 'satisfaction', T0);
      const items = [
        { item: 'speed', value: 'agree', num: 4 },
        { item: 'price', value: 'disagree', num: 2 },
      ];
      await storage.recordAnswer(answer(id, 0, { answer: '7.25', num: 7.25 }));
      await storage.recordAnswer(answer(id, 1, { answer: '', other: 'A <b>bike</b>' }));
      await storage.recordAnswer(answer(id, 2, { answer: '', items, comment: 'Fine.' }));
      // A second submission of a page with items writes neither the answer nor its items.
      const again = await storage.recordAnswer(
        answer(id, 2, { answer: '', items: [{ item: 'speed', value: 'x', num: 1 }] }),
      );
      assert.deepEqual(again, { kind: 'duplicate' });
      const expected = [
        {
          question: 0,
          answer: '7.25',
          comment: null,
          answeredAt: minutes(1).toISOString(),
          num: 7.25,
        },
        {
          question: 1,
          answer: '',
          comment: null,
          answeredAt: minutes(2).toISOString(),
          other: 'A <b>bike</b>',
        },
        { question: 2, answer: '', comment: 'Fine.', answeredAt: minutes(3).toISOString(), items },
      ];
      assert.deepEqual((await storage.getResponse(id))?.answers, expected);
      assert.deepEqual((await storage.listResponses('satisfaction'))[0]?.answers, expected);
      const { id: versionId } = await version(storage, 'satisfaction');
      const streamed = [];
      for await (const response of storage.streamResponses(versionId)) streamed.push(response);
      assert.deepEqual(streamed[0]?.answers, expected);
    });

    test('answers with and without items sent at the same instant are each stored as sent', async () => {
      const storage = await open();
      const [a, b] = [
        await create(storage, 'satisfaction', T0),
        await create(storage, 'satisfaction', T0),
      ];
      const items = [{ item: null, value: 'x', num: null }];
      const outcomes = await Promise.all([
        storage.recordAnswer(answer(a, 0, { answer: 'Yes' })),
        storage.recordAnswer(answer(b, 0, { answer: '', items })),
      ]);
      assert.deepEqual(
        outcomes.map((o) => o.kind),
        ['recorded', 'recorded'],
      );
      assert.equal((await storage.getResponse(a))?.answers[0]?.items, undefined);
      assert.deepEqual((await storage.getResponse(b))?.answers[0]?.items, items);
    });

    test('reports a second answer to the same question as a duplicate and keeps the first', async () => {
      const storage = await open();
      const id = await create(storage, 'satisfaction', T0);
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
      const id = await create(storage, 'satisfaction', T0);
      const outcomes = await Promise.all([
        storage.recordAnswer(answer(id, 0)),
        storage.recordAnswer(answer(id, 0)),
      ]);
      assert.deepEqual(outcomes.map((o) => o.kind).sort(), ['duplicate', 'recorded']);
      assert.equal((await storage.getResponse(id))?.answers.length, 1);
    });

    test('answers from many respondents at the same instant each get their own outcome', async () => {
      const storage = await open();
      const [a, b, c, d, other] = await Promise.all([
        create(storage, 'satisfaction', T0),
        create(storage, 'satisfaction', T0),
        create(storage, 'satisfaction', T0),
        create(storage, 'satisfaction', T0),
        create(storage, 'personality', T0),
      ]);
      assert.ok(a && b && c && d && other);
      await storage.recordAnswer(answer(d, 0));
      await storage.recordAnswer(answer(c, 0));
      const outcomes = await Promise.all([
        storage.recordAnswer(answer(a, 0, { answer: 'first' })),
        storage.recordAnswer(answer(b, 0, { survey: 'personality' })),
        storage.recordAnswer(answer(a, 0, { answer: 'second', completes: true })),
        storage.recordAnswer(answer(c, 1, { completes: true, at: minutes(7) })),
        storage.recordAnswer(answer(4242, 0)),
        storage.recordAnswer(answer(d, 0, { answer: 'again' })),
        storage.recordAnswer(answer(b, 0, { answer: 'mine' })),
        storage.recordAnswer(answer(other, 0, { completes: true })),
      ]);
      assert.deepEqual(
        outcomes.map((o) => o.kind),
        [
          'recorded',
          'unknown-response',
          'duplicate',
          'recorded',
          'unknown-response',
          'duplicate',
          'recorded',
          'unknown-response',
        ],
      );
      const [storedA, storedB, storedC, storedD, storedOther] = await Promise.all(
        [a, b, c, d, other].map((id) => storage.getResponse(id)),
      );
      assert.deepEqual(
        storedA?.answers.map((x) => x.answer),
        ['first'],
      );
      assert.equal(storedA.completedAt, null);
      assert.deepEqual(
        storedB?.answers.map((x) => x.answer),
        ['mine'],
      );
      assert.equal(storedC?.answers.length, 2);
      assert.equal(storedC.completedAt, '2024-05-01T10:07:00.000Z');
      assert.deepEqual(
        storedD?.answers.map((x) => x.answer),
        ['Yes'],
      );
      assert.deepEqual(storedOther?.answers, []);
      assert.equal(storedOther.completedAt, null);
    });

    test('responses begun at the same instant get distinct ids, each its own row', async () => {
      const storage = await open();
      const starts = [0, 1, 2, 3, 4, 5].map(minutes);
      const ids = await Promise.all(starts.map((at) => create(storage, 'satisfaction', at)));
      assert.equal(new Set(ids).size, ids.length);
      const stored = await Promise.all(ids.map((id) => storage.getResponse(id)));
      assert.deepEqual(
        stored.map((r) => r?.startedAt),
        starts.map((at) => at.toISOString()),
      );
    });

    test('counts and reads many responses at once, each its own', async () => {
      const storage = await open();
      const a = await create(storage, 'satisfaction', T0);
      const b = await create(storage, 'satisfaction', T0);
      await storage.recordAnswer(answer(a, 0));
      await storage.recordAnswer(answer(a, 1, { answer: 'No' }));
      const [countA, countB, countOther, countNone, readA, readB, readNone] = await Promise.all([
        storage.countAnswers(a, 'satisfaction'),
        storage.countAnswers(b, 'satisfaction'),
        storage.countAnswers(a, 'personality'),
        storage.countAnswers(4242, 'satisfaction'),
        storage.getResponse(a),
        storage.getResponse(b),
        storage.getResponse(4242),
      ]);
      assert.deepEqual([countA, countB, countOther, countNone], [2, 0, undefined, undefined]);
      assert.deepEqual(
        readA?.answers.map((x) => [x.question, x.answer]),
        [
          [0, 'Yes'],
          [1, 'No'],
        ],
      );
      assert.deepEqual(readB?.answers, []);
      assert.equal(readB.id, b);
      assert.equal(readNone, undefined);
    });

    test('finds each browser its own first completed response, many lookups at once', async () => {
      const storage = await open();
      const { id: versionId } = await version(storage, 'satisfaction');
      const begin = (respondent: string) =>
        storage.createResponse({ survey: 'satisfaction', versionId, startedAt: T0, respondent });
      const first = await begin('browser-a');
      const second = await begin('browser-a');
      const partial = await begin('browser-b');
      await storage.recordAnswer(answer(second, 0, { completes: true }));
      await storage.recordAnswer(answer(first, 0, { completes: true }));
      await storage.recordAnswer(answer(partial, 0));
      const found = await Promise.all([
        storage.findCompletion('satisfaction', 'browser-a'),
        storage.findCompletion('satisfaction', 'browser-b'),
        storage.findCompletion('personality', 'browser-a'),
        storage.findCompletion('satisfaction', 'browser-c'),
      ]);
      // The earliest by id, whichever completed first; a partial response is no completion.
      assert.deepEqual(found, [{ responseId: first, versionId }, undefined, undefined, undefined]);
    });

    test('refuses an answer for a response that does not exist', async () => {
      const storage = await open();
      const outcome = await storage.recordAnswer(answer(4242, 0));
      assert.deepEqual(outcome, { kind: 'unknown-response' });
      assert.equal(await storage.getResponse(4242), undefined);
    });

    test('refuses an answer for a response of another survey and writes nothing', async () => {
      const storage = await open();
      const id = await create(storage, 'personality', T0);
      const outcome = await storage.recordAnswer(answer(id, 0, { completes: true }));
      assert.deepEqual(outcome, { kind: 'unknown-response' });
      const stored = await storage.getResponse(id);
      assert.deepEqual(stored?.answers, []);
      assert.equal(stored.completedAt, null);
    });

    test('counts a response’s stored answers, and knows no response of another survey', async () => {
      const storage = await open();
      const id = await create(storage, 'satisfaction', T0);
      assert.equal(await storage.countAnswers(id, 'satisfaction'), 0);
      await storage.recordAnswer(answer(id, 0));
      await storage.recordAnswer(answer(id, 1));
      await storage.recordAnswer(answer(id, 1));
      assert.equal(await storage.countAnswers(id, 'satisfaction'), 2);
      assert.equal(await storage.countAnswers(id, 'personality'), undefined);
      assert.equal(await storage.countAnswers(4242, 'satisfaction'), undefined);
    });

    test('marks the response complete with the last answer and leaves partial ones open', async () => {
      const storage = await open();
      const done = await create(storage, 'satisfaction', T0);
      const partial = await create(storage, 'satisfaction', T0);
      await storage.recordAnswer(answer(done, 0));
      await storage.recordAnswer(answer(partial, 0));
      assert.equal((await storage.getResponse(done))?.completedAt, null);
      await storage.recordAnswer(answer(done, 1, { completes: true, at: minutes(5) }));
      assert.equal((await storage.getResponse(done))?.completedAt, '2024-05-01T10:05:00.000Z');
      assert.equal((await storage.getResponse(partial))?.completedAt, null);
    });

    test('lists one survey’s responses by id with answers by question', async () => {
      const storage = await open();
      const a = await create(storage, 'satisfaction', T0);
      const other = await create(storage, 'personality', T0);
      const b = await create(storage, 'satisfaction', minutes(1));
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

    test('stores each distinct definition once and numbers a survey’s versions 1, 2, 3', async () => {
      const storage = await open();
      const v1 = await version(storage, 'satisfaction', 'aaa');
      const again = await version(storage, 'satisfaction', 'aaa');
      const v2 = await version(storage, 'satisfaction', 'bbb');
      const other = await version(storage, 'personality', 'aaa');
      assert.deepEqual(again, v1);
      assert.deepEqual(
        [v1, v2, other].map((v) => [v.survey, v.number, v.hash, v.definition]),
        [
          ['satisfaction', 1, 'aaa', '{"v":"aaa"}'],
          ['satisfaction', 2, 'bbb', '{"v":"bbb"}'],
          ['personality', 1, 'aaa', '{"v":"aaa"}'],
        ],
      );
      assert.deepEqual(await storage.getVersion(v2.id), v2);
      assert.equal(await storage.getVersion(9999), undefined);
    });

    test('registers the same definition from two processes at once as one version', async () => {
      // Opened one after the other: the race under test is registering, not migrating.
      const a = await open();
      const b = await open();
      const versions = await Promise.all([
        version(a, 'satisfaction', 'same'),
        version(b, 'satisfaction', 'same'),
      ]);
      assert.equal(versions[0].id, versions[1].id);
      assert.deepEqual(
        (await a.listVersions('satisfaction')).map((v) => v.number),
        [1],
      );
    });

    test('gives responses stored before versions existed to the survey’s first version', async () => {
      const storage = await open();
      await fixture.execute(
        "insert into responses (survey, started_at) values ('satisfaction', '2024-01-01T00:00:00.000Z')",
      );
      const [legacy] = await storage.listResponses('satisfaction');
      assert.ok(legacy);
      assert.equal(legacy.versionId, null);
      await fixture.execute(
        `insert into answers (response_id, question, answer, answered_at) values (${legacy.id}, 0, 'Yes', '2024-01-01T00:01:00.000Z')`,
      );
      const v1 = await version(storage, 'satisfaction', 'first');
      await version(storage, 'satisfaction', 'second');
      assert.equal((await storage.getResponse(legacy.id))?.versionId, v1.id);
      assert.deepEqual(await storage.choiceCounts(v1.id), [
        { question: 0, answer: 'Yes', count: 1 },
      ]);
    });

    test('counts choices per question within one version and never across versions', async () => {
      const storage = await open();
      const v1 = await version(storage, 'satisfaction', 'one');
      const v2 = await version(storage, 'satisfaction', 'two');
      const given: [number, string[]][] = [
        [v1.id, ['Yes', 'No']],
        [v1.id, ['Yes', 'Yes']],
        [v1.id, ['No']],
        [v2.id, ['Maybe']],
      ];
      for (const [versionId, answers] of given) {
        const id = await storage.createResponse({
          survey: 'satisfaction',
          versionId,
          startedAt: T0,
        });
        for (const [q, text] of answers.entries()) {
          await storage.recordAnswer(answer(id, q, { answer: text, completes: q === 1 }));
        }
      }
      assert.deepEqual(await storage.choiceCounts(v1.id), [
        { question: 0, answer: 'No', count: 1 },
        { question: 0, answer: 'Yes', count: 2 },
        { question: 1, answer: 'No', count: 1 },
        { question: 1, answer: 'Yes', count: 1 },
      ]);
      assert.deepEqual(await storage.choiceCounts(v2.id), [
        { question: 0, answer: 'Maybe', count: 1 },
      ]);
      assert.deepEqual(
        (await storage.listVersions('satisfaction')).map((v) => [v.number, v.started, v.completed]),
        [
          [2, 1, 0],
          [1, 3, 2],
        ],
      );
      assert.deepEqual(await storage.surveyCounts(), [
        { survey: 'satisfaction', started: 4, completed: 2 },
      ]);
    });

    test('pages through a version’s comments by response and question', async () => {
      const storage = await open();
      const v1 = await version(storage, 'personality');
      const ids: number[] = [];
      for (let i = 0; i < 3; i++) {
        const id = await create(storage, 'personality', T0);
        ids.push(id);
        await storage.recordAnswer(answer(id, 0, { survey: 'personality' }));
        await storage.recordAnswer(
          answer(id, 1, { survey: 'personality', answer: 'wtf()', comment: `because ${i}` }),
        );
      }
      const first = await storage.listComments(v1.id, { limit: 2, offset: 0 });
      const second = await storage.listComments(v1.id, { limit: 2, offset: 2 });
      assert.deepEqual(
        [...first, ...second].map((c) => [c.responseId, c.question, c.answer, c.comment]),
        ids.map((id, i) => [id, 1, 'wtf()', `because ${i}`]),
      );
      assert.equal(first.length, 2);
    });

    test('streams a version’s responses in id order, in batches, with their answers', async () => {
      const storage = await open();
      const v1 = await version(storage, 'satisfaction', 'one');
      const v2 = await version(storage, 'satisfaction', 'two');
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) {
        const id = await storage.createResponse({
          survey: 'satisfaction',
          versionId: v1.id,
          startedAt: minutes(i),
        });
        ids.push(id);
        for (let q = 0; q < i % 3; q++)
          await storage.recordAnswer(answer(id, q, { answer: `a${i}` }));
        await storage.createResponse({ survey: 'satisfaction', versionId: v2.id, startedAt: T0 });
      }
      const streamed = [];
      for await (const response of storage.streamResponses(v1.id, 2)) streamed.push(response);
      assert.deepEqual(
        streamed.map((r) => [r.id, r.versionId, r.answers.map((a) => `${a.question}:${a.answer}`)]),
        ids.map((id, i) => [id, v1.id, Array.from({ length: i % 3 }, (_, q) => `${q}:a${i}`)]),
      );
      const empty = [];
      for await (const response of storage.streamResponses(9999)) empty.push(response);
      assert.deepEqual(empty, []);
    });

    test('rejects writes to a read-only database with StorageUnavailable and changes nothing', async () => {
      const writable = await open();
      const id = await create(writable, 'satisfaction', T0);
      await writable.close();

      const readOnly = await fixture.openReadOnly();
      opened.push(readOnly);
      assert.equal(await readOnly.ping(), false, 'a database that refuses writes is not healthy');
      await assert.rejects(readOnly.recordAnswer(answer(id, 0)), (error: unknown) => {
        assert.ok(error instanceof StorageUnavailable);
        assert.equal(error.code, 'STORAGE_UNAVAILABLE');
        return true;
      });
      await assert.rejects(create(readOnly, 'satisfaction', T0), StorageUnavailable);
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

  test('closed after results ran on reader threads, it leaves every answer in the file itself', async () => {
    const file = path.join(tempDir(), 'canvass.db');
    const storage = await openStorage(`sqlite:${file}`);
    const id = await create(storage, 'satisfaction', T0);
    assert.deepEqual(await storage.recordAnswer(answer(id, 0)), { kind: 'recorded' });
    // Owners' counts run on the reader threads (decision 0030), each a connection to the file.
    assert.equal((await storage.surveyCounts()).length, 1);
    await storage.close();
    // A copy of canvass.db alone (a backup of a stopped server) has the answer: no WAL is left.
    assert.equal(fs.existsSync(`${file}-wal`), false, 'the WAL was written back and removed');
    const db = new BetterSqlite3(file, { readonly: true });
    try {
      assert.deepEqual(db.prepare('select response_id from answers').all(), [{ response_id: id }]);
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

  test('answers ping false while another process holds the write lock, and true once it lets go', async () => {
    const file = path.join(tempDir(), 'canvass.db');
    const storage = await openStorage(`sqlite:${file}`);
    const holder = new BetterSqlite3(file);
    try {
      assert.equal(await storage.ping(), true);
      holder.exec('begin immediate');
      assert.equal(await storage.ping(), false, 'a write would wait past the busy timeout');
      holder.exec('rollback');
      assert.equal(await storage.ping(), true);
      const id = await create(storage, 'satisfaction', T0);
      assert.deepEqual(await storage.recordAnswer(answer(id, 0)), { kind: 'recorded' });
    } finally {
      holder.close();
      await storage.close();
    }
  });

  test('opens an in-memory database for tests', async () => {
    const storage = await openStorage('sqlite::memory:');
    const id = await create(storage, 'satisfaction', T0);
    assert.deepEqual(await storage.recordAnswer(answer(id, 0)), { kind: 'recorded' });
    await storage.close();
  });
});

describe('openStorage URLs', () => {
  test('reports a PostgreSQL server that refuses connections as StorageUnavailable', async () => {
    // Port 1 on the loopback: nothing listens there, so the kernel refuses at once.
    await assert.rejects(openStorage('postgres://canvass:s3cret@127.0.0.1:1/canvass'), (error) => {
      assert.ok(error instanceof StorageUnavailable);
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
