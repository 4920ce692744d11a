import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { createTestDatabase, postgresUnavailableReason } from '../../test/support/postgres.js';
import { openStorage } from './index.js';
import type { PageAnswer, Storage, StoredAnswer, SubmitPageInput } from './index.js';

/** One database per test, opened through its URL, with raw SQL beside Canvass's own access. */
interface Fixture {
  readonly url: string;
  /** Runs raw SQL (one or more statements) and returns the last one's rows. */
  query(text: string): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

interface EngineFactory {
  name: string;
  create(): Promise<Fixture>;
}

const sqlite: EngineFactory = {
  name: 'sqlite',
  create() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canvass-pages-'));
    const file = path.join(dir, 'canvass.db');
    return Promise.resolve({
      url: `sqlite:${file}`,
      query(text) {
        const db = new BetterSqlite3(file);
        try {
          const statement = db.prepare(text);
          if (statement.reader)
            return Promise.resolve(statement.all() as Record<string, unknown>[]);
          statement.run();
          return Promise.resolve([]);
        } finally {
          db.close();
        }
      },
      dispose() {
        fs.rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    });
  },
};

const postgres: EngineFactory = {
  name: 'postgres',
  async create() {
    const database = await createTestDatabase();
    return {
      url: database.url,
      async query(text) {
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        try {
          return (await client.query<Record<string, unknown>>(text)).rows;
        } finally {
          await client.end();
        }
      },
      dispose: () => database.drop(),
    };
  },
};

const postgresMissing = await postgresUnavailableReason();
if (postgresMissing !== undefined && process.env.CI === 'true') throw new Error(postgresMissing);
if (postgresMissing !== undefined) console.warn(`Skipping PostgreSQL: ${postgresMissing}`);
const engines: EngineFactory[] = postgresMissing === undefined ? [sqlite, postgres] : [sqlite];

const T0 = new Date('2024-05-01T10:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const SURVEY = 'paths';

/** A submit of `answers` at revision 0 that leaves the frontier on page 2. */
function page(
  responseId: number,
  answers: readonly PageAnswer[],
  overrides: Partial<SubmitPageInput> = {},
): SubmitPageInput {
  return {
    responseId,
    survey: SURVEY,
    revision: 0,
    remove: answers.map((a) => a.question),
    answers,
    frontier: 2,
    completes: false,
    at: minutes(1),
    ...overrides,
  };
}

const yes = (question: number): PageAnswer => ({ question, answer: 'yes', comment: null });
const price = { item: 'price', value: 'disagree', num: 2 };
const items = [{ item: 'speed', value: 'agree', num: 4 }, price];

/** What `answer` reads back as, written at `at`. */
function stored(answer: PageAnswer, at: Date): StoredAnswer {
  const out: StoredAnswer = {
    question: answer.question,
    answer: answer.answer,
    comment: answer.comment,
    answeredAt: at.toISOString(),
  };
  if (answer.num !== undefined && answer.num !== null) out.num = answer.num;
  if (answer.other !== undefined && answer.other !== null) out.other = answer.other;
  if (answer.items !== undefined && answer.items.length > 0) out.items = [...answer.items];
  return out;
}

for (const engine of engines) {
  describe(`page writes on ${engine.name}`, () => {
    let fixture: Fixture;
    let storage: Storage;
    let versionId: number;
    let id: number;

    beforeEach(async () => {
      fixture = await engine.create();
      storage = await openStorage(fixture.url);
      ({ id: versionId } = await storage.registerVersion({
        survey: SURVEY,
        hash: 'h1',
        definition: '{}',
        at: T0,
      }));
      id = await storage.createResponse({ survey: SURVEY, versionId, startedAt: T0 });
    });
    afterEach(async () => {
      await storage.close();
      await fixture.dispose();
    });

    test('reads a new response at revision 0 with no answers, and no response of another survey', async () => {
      assert.deepEqual(await storage.readResponseState(id, SURVEY), {
        id,
        survey: SURVEY,
        versionId,
        revision: 0,
        completedAt: null,
        answers: [],
      });
      assert.equal(await storage.readResponseState(id, 'other'), undefined);
      assert.equal(await storage.readResponseState(id + 1000, SURVEY), undefined);
    });

    test('records a page: bumps the revision and stores its answers, items and frontier', async () => {
      const answers: PageAnswer[] = [
        { question: 0, answer: '7.5', comment: 'Why not', num: 7.5 },
        { question: 1, answer: '', comment: null, other: 'A <b>bike</b>', items },
      ];
      assert.deepEqual(await storage.submitPage(page(id, answers)), {
        kind: 'recorded',
        revision: 1,
      });
      const state = await storage.readResponseState(id, SURVEY);
      assert.equal(state?.revision, 1);
      assert.deepEqual(
        state.answers,
        answers.map((a) => stored(a, minutes(1))),
      );
      // Read back as every other reader reads it; revision and frontier are not part of it.
      assert.deepEqual((await storage.getResponse(id))?.answers, state.answers);
      assert.deepEqual(
        await fixture.query(`select revision, frontier, version_id from responses`),
        [{ revision: 1, frontier: 2, version_id: versionId }],
      );
      assert.deepEqual(await fixture.query(`select distinct version_id from answer_items`), [
        { version_id: versionId },
      ]);
      assert.deepEqual(await storage.submitPage(page(id, [yes(2)], { revision: 1, frontier: 3 })), {
        kind: 'recorded',
        revision: 2,
      });
      assert.equal(await storage.countAnswers(id, SURVEY), 3);
    });

    test('an answer whose values are items keeps how many in its row, given to rows from before by migration 0019, and reads back without it', async () => {
      const answers: PageAnswer[] = [
        { question: 1, answer: '', comment: null, items },
        { question: 2, answer: '', comment: null, other: 'By train' },
        { question: 3, answer: '4', comment: null, num: 4 },
      ];
      await storage.submitPage(page(id, answers));
      const counts = [
        { question: 1, num: 2 },
        { question: 2, num: null },
        { question: 3, num: 4 },
      ];
      const nums = () => fixture.query(`select question, num from answers order by question`);
      assert.deepEqual(await nums(), counts);
      // As a server from before 0019 left them: no count, and the migration not yet run.
      await fixture.query(`update answers set num = null where answer = ''`);
      await fixture.query(`delete from kysely_migration where name = '0019_answered_items'`);
      await storage.close();
      storage = await openStorage(fixture.url);
      assert.deepEqual(await nums(), counts);
      assert.deepEqual(
        (await storage.readResponseState(id, SURVEY))?.answers,
        answers.map((a) => stored(a, minutes(1))),
      );
    });

    test('a stale revision writes nothing and leaves the stored answers as they were', async () => {
      await storage.submitPage(page(id, [{ question: 0, answer: 'a', comment: null, items }]));
      const before = await storage.readResponseState(id, SURVEY);
      const outcome = await storage.submitPage(
        page(id, [{ question: 0, answer: 'b', comment: 'changed', items: [] }, yes(1)], {
          remove: [0, 1, 2],
          frontier: 5,
          completes: true,
          at: minutes(9),
        }),
      );
      assert.deepEqual(outcome, { kind: 'stale' });
      assert.deepEqual(await storage.readResponseState(id, SURVEY), before);
      assert.deepEqual(await fixture.query(`select revision, frontier from responses`), [
        { revision: 1, frontier: 2 },
      ]);
    });

    test('a page for a response that does not exist or is of another survey writes nothing', async () => {
      assert.deepEqual(await storage.submitPage(page(id + 1000, [yes(0)])), {
        kind: 'unknown-response',
      });
      assert.deepEqual(await storage.submitPage(page(id, [yes(0)], { survey: 'other' })), {
        kind: 'unknown-response',
      });
      assert.deepEqual((await storage.readResponseState(id, SURVEY))?.revision, 0);
      assert.deepEqual(await fixture.query(`select count(*) as n from answers`), [
        { n: engine.name === 'postgres' ? '0' : 0 },
      ]);
    });

    test('going back replaces the page’s answers and deletes those that left the path, items too', async () => {
      await storage.submitPage(page(id, [{ question: 0, answer: 'a', comment: null, items }]));
      await storage.submitPage(
        page(id, [{ question: 1, answer: '', comment: null, items }, yes(2)], { revision: 1 }),
      );
      await storage.submitPage(page(id, [yes(3)], { revision: 2 }));
      // Back on page 0, a new answer takes questions 1 and 2 off the path; 3 stays on it.
      const changed: PageAnswer = { question: 0, answer: 'b', comment: null, items: [price] };
      assert.deepEqual(
        await storage.submitPage(
          page(id, [changed], { revision: 3, remove: [0, 1, 2], frontier: 4, at: minutes(5) }),
        ),
        { kind: 'recorded', revision: 4 },
      );
      assert.deepEqual((await storage.readResponseState(id, SURVEY))?.answers, [
        stored(changed, minutes(5)),
        stored(yes(3), minutes(1)),
      ]);
      assert.deepEqual(
        await fixture.query(`select question, item from answer_items order by question, item`),
        [{ question: 0, item: 'price' }],
      );
    });

    test('the completing page sets completedAt, and every later page is stale', async () => {
      await storage.submitPage(page(id, [yes(0)]));
      assert.deepEqual(
        await storage.submitPage(
          page(id, [yes(1)], { revision: 1, frontier: null, completes: true, at: minutes(2) }),
        ),
        { kind: 'recorded', revision: 2 },
      );
      const state = await storage.readResponseState(id, SURVEY);
      assert.equal(state?.completedAt, minutes(2).toISOString());
      assert.deepEqual(await fixture.query(`select frontier from responses`), [{ frontier: null }]);
      assert.deepEqual(
        await storage.submitPage(page(id, [yes(0)], { revision: 2, at: minutes(3) })),
        { kind: 'stale' },
      );
      assert.deepEqual(await storage.readResponseState(id, SURVEY), state);
      assert.deepEqual(await storage.findCompletion(SURVEY, 'nobody'), undefined);
    });

    test('records exactly one of identical pages submitted at the same instant', async () => {
      const outcomes = await Promise.all(
        Array.from({ length: 4 }, () => storage.submitPage(page(id, [yes(0), yes(1)]))),
      );
      assert.deepEqual(outcomes.map((o) => o.kind).sort(), ['recorded', 'stale', 'stale', 'stale']);
      const state = await storage.readResponseState(id, SURVEY);
      assert.equal(state?.revision, 1);
      assert.equal(state.answers.length, 2);
    });

    test('pages of different responses submitted at the same instant are each recorded', async () => {
      const other = await storage.createResponse({ survey: SURVEY, versionId, startedAt: T0 });
      const outcomes = await Promise.all([
        storage.submitPage(page(id, [yes(0)])),
        storage.submitPage(page(other, [yes(0)])),
        storage.submitPage(page(other, [yes(0)])),
      ]);
      assert.equal(outcomes[0].kind, 'recorded');
      assert.deepEqual(
        outcomes
          .slice(1)
          .map((o) => o.kind)
          .sort(),
        ['recorded', 'stale'],
      );
    });

    // On PostgreSQL these go to the database together, as one statement of each kind (0008).
    test('pages and reads of several responses at the same instant each get their own outcome and answers', async () => {
      const other = await storage.createResponse({ survey: SURVEY, versionId, startedAt: T0 });
      await storage.submitPage(page(id, [{ question: 0, answer: '', comment: null, items }]));
      const outcomes = await Promise.all([
        storage.submitPage(
          page(id, [yes(1), { question: 0, answer: '', comment: null, items: [price] }], {
            revision: 1,
            remove: [0, 1, 4],
          }),
        ),
        storage.submitPage(page(other, [yes(0), { ...yes(2), num: 7, other: 'x' }])),
        storage.submitPage(page(id + 1000, [yes(0)])),
        storage.submitPage(page(other, [yes(3)], { survey: 'other' })),
        storage.submitPage(page(id, [yes(3)])),
      ]);
      assert.deepEqual(
        outcomes.map((o) => o.kind),
        ['recorded', 'recorded', 'unknown-response', 'unknown-response', 'stale'],
      );
      const [mine, theirs, none] = await Promise.all([
        storage.readResponseState(id, SURVEY),
        storage.readResponseState(other, SURVEY),
        storage.readResponseState(other, 'other'),
      ]);
      assert.equal(none, undefined);
      assert.equal(mine?.revision, 2);
      assert.deepEqual(mine.answers, [
        stored({ question: 0, answer: '', comment: null, items: [price] }, minutes(1)),
        stored(yes(1), minutes(1)),
      ]);
      assert.equal(theirs?.revision, 1);
      assert.deepEqual(theirs.answers, [
        stored(yes(0), minutes(1)),
        stored({ ...yes(2), num: 7, other: 'x' }, minutes(1)),
      ]);
    });

    test('responses stored before migration 0006 read at revision 0 and take page writes', async () => {
      await storage.recordAnswer({
        responseId: id,
        survey: SURVEY,
        question: 0,
        answer: 'Yes',
        comment: null,
        completes: false,
        at: minutes(1),
      });
      await storage.close();
      // Back to the schema of 0005: without the columns and tables of 0006 and the migrations
      // after it, and without them recorded as run.
      // 0016's trigger reads responses.hidden: it goes first, or the column cannot.
      await fixture.query(
        engine.name === 'postgres'
          ? `drop trigger responses_hidden_rows on responses`
          : `drop trigger responses_hidden_rows`,
      );
      await fixture.query(`drop index answers_results_other`);
      await fixture.query(`drop index answer_items_results_num`);
      await fixture.query(`drop table response_hidden`);
      await fixture.query(`drop index responses_version_started`);
      await fixture.query(`drop table api_tokens`);
      await fixture.query(`drop table webhook_attempts`);
      await fixture.query(`drop table webhook_outbox`);
      await fixture.query(`drop table webhook_endpoints`);
      await fixture.query(`drop table public_links`);
      await fixture.query(`drop table audit_log`);
      await fixture.query(`drop table survey_caps`);
      await fixture.query(`drop table resume_tokens`);
      await fixture.query(`drop index responses_version_frontier`);
      await fixture.query(`alter table responses drop column lang`);
      await fixture.query(`alter table responses drop column hidden`);
      await fixture.query(`alter table responses drop column revision`);
      await fixture.query(`alter table responses drop column frontier`);
      await fixture.query(`delete from kysely_migration where name > '0005_answer_values'`);
      storage = await openStorage(fixture.url);
      assert.deepEqual(await fixture.query(`select revision, frontier from responses`), [
        { revision: 0, frontier: null },
      ]);
      const state = await storage.readResponseState(id, SURVEY);
      assert.equal(state?.revision, 0);
      assert.deepEqual(state.answers, [
        { question: 0, answer: 'Yes', comment: null, answeredAt: minutes(1).toISOString() },
      ]);
      assert.deepEqual(await storage.submitPage(page(id, [yes(1)], { remove: [1] })), {
        kind: 'recorded',
        revision: 1,
      });
    });
  });
}

describe('page writes on postgres under READ COMMITTED', { skip: postgresMissing }, () => {
  test('a write waiting on another’s row lock re-checks the revision once it commits, and is stale', async () => {
    const database = await createTestDatabase();
    const storage = await openStorage(database.url);
    const holder = new pg.Client({ connectionString: database.url });
    try {
      const { id: versionId } = await storage.registerVersion({
        survey: SURVEY,
        hash: 'h1',
        definition: '{}',
        at: T0,
      });
      const id = await storage.createResponse({ survey: SURVEY, versionId, startedAt: T0 });
      await holder.connect();
      await holder.query('begin');
      await holder.query(`update responses set revision = revision + 1 where id = ${id}`);
      // Matches revision 0 as committed now, so it must wait for the holder's row lock.
      const waiting = storage.submitPage(page(id, [yes(0)]));
      const settled = await Promise.race([
        waiting.then(() => 'settled'),
        new Promise((resolve) => {
          setTimeout(() => {
            resolve('waiting');
          }, 300);
        }),
      ]);
      assert.equal(settled, 'waiting');
      await holder.query('commit');
      assert.deepEqual(await waiting, { kind: 'stale' });
      assert.deepEqual((await storage.readResponseState(id, SURVEY))?.answers, []);
    } finally {
      await holder.end().catch(() => undefined);
      await storage.close();
      await database.drop();
    }
  });
});
