import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conditionSchema, type Condition } from './condition.js';
import { holds, type Facts } from './evaluate.js';
import { byId } from './fixtures.test.js';

const facts = (answers: Record<string, unknown>, extra: Partial<Facts> = {}): Facts => ({
  questions: byId,
  answers: new Map(Object.entries(answers)),
  hidden: new Map(),
  ...extra,
});
const check = (condition: unknown, answers: Record<string, unknown>, extra?: Partial<Facts>) =>
  holds(conditionSchema.parse(condition), facts(answers, extra));

test('choice tests compare choice ids; an Other answer is none of them', () => {
  const dev = { role: { kind: 'choice', id: 'dev' } };
  const other = { role: { kind: 'other', text: 'CEO' } };
  assert.equal(check({ q: 'role', is: 'dev' }, dev), true);
  assert.equal(check({ q: 'role', isNot: 'dev' }, dev), false);
  assert.equal(check({ q: 'role', in: ['Manager', 'dev'] }, dev), true);
  assert.equal(check({ q: 'role', notIn: ['Manager'] }, dev), true);
  assert.equal(check({ q: 'role', is: 'dev' }, other), false);
  assert.equal(check({ q: 'role', isNot: 'dev' }, other), true);
});

test('a test on a question without an answer is false, except answered: false', () => {
  for (const answers of [{}, { role: null }]) {
    for (const c of [
      { q: 'role', is: 'dev' },
      { q: 'role', isNot: 'dev' },
      { q: 'role', notIn: ['dev'] },
      { q: 'tools', hasNone: ['git'] },
      { q: 'age', lt: 200 },
      { q: 'role', answered: true },
    ]) {
      assert.equal(check(c, answers), false, JSON.stringify(c));
    }
    assert.equal(check({ q: 'role', answered: false }, answers), true);
    // `not` is plain negation: of a false test it is true.
    assert.equal(check({ not: { q: 'role', is: 'dev' } }, answers), true);
  }
});

test('multi tests look at the ticked ids', () => {
  const answers = { tools: { ids: ['git', 'vim'] } };
  assert.equal(check({ q: 'tools', has: 'git' }, answers), true);
  assert.equal(check({ q: 'tools', hasAny: ['emacs', 'vim'] }, answers), true);
  assert.equal(check({ q: 'tools', hasAll: ['git', 'emacs'] }, answers), false);
  assert.equal(check({ q: 'tools', hasNone: ['emacs'] }, answers), true);
});

test('numbers, scales and dates compare by value; between includes both ends', () => {
  assert.equal(check({ q: 'age', gt: 40 }, { age: 41 }), true);
  assert.equal(check({ q: 'age', gte: 41 }, { age: 41 }), true);
  assert.equal(check({ q: 'age', lt: 41 }, { age: 41 }), false);
  assert.equal(check({ q: 'age', between: [18, 41] }, { age: 41 }), true);
  assert.equal(check({ q: 'score', lte: 6 }, { score: 0 }), true);
  assert.equal(check({ q: 'stars', is: 5 }, { stars: 5 }), true);
  assert.equal(check({ q: 'when', gt: '2026-03-01' }, { when: '2026-03-14' }), true);
  assert.equal(
    check({ q: 'when', between: ['2026-01-01', '2026-02-01'] }, { when: '2026-03-14' }),
    false,
  );
});

test('a grid row is tested by its column id, or by the column value', () => {
  const answers = { team: [{ row: 'trust', column: 'high' }] };
  assert.equal(check({ q: 'team.trust', is: 'high' }, answers), true);
  assert.equal(check({ q: 'team.trust', gte: 5 }, answers), true);
  assert.equal(check({ q: 'team.trust', lt: 5 }, answers), false);
  assert.equal(check({ q: 'team.trust', is: 'low' }, { team: [] }), false);
});

test('hidden fields and the language are facts too; all, any and not combine', () => {
  const extra = { hidden: new Map([['source', 'mail']]), lang: 'fr' };
  assert.equal(check({ hidden: 'source', is: 'mail' }, {}, extra), true);
  assert.equal(check({ hidden: 'team', answered: false }, {}, extra), true);
  assert.equal(check({ lang: 'fr' }, {}, extra), true);
  const condition: Condition = {
    all: [{ lang: 'fr' }, { any: [{ q: 'ok', is: 'no' }, { not: { q: 'age', lt: 30 } }] }],
  };
  assert.equal(check(condition, { ok: 'yes', age: 31 }, extra), true);
  assert.equal(check(condition, { ok: 'yes', age: 29 }, extra), false);
});
