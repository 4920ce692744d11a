import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundedCondition, conditionSchema } from './condition.js';
import { conditionProblems, type Scope } from './check.js';
import { byId } from './fixtures.test.js';

const scope: Scope = {
  questions: byId,
  reachable: new Set(['role', 'ok', 'tools', 'age', 'stars', 'score', 'when', 'team', 'hello']),
  hidden: ['source'],
  languages: ['en', 'fr'],
};
const problems = (condition: unknown) =>
  conditionProblems(conditionSchema.parse(condition), scope).map(
    (p) => `${p.path.join('.')}: ${p.message}`,
  );

test('a condition that fits its survey has no problems', () => {
  assert.deepEqual(
    problems({
      all: [
        { q: 'role', in: ['dev', 'Manager'] },
        { q: 'tools', hasAny: ['git'] },
        { q: 'age', between: [18, 65] },
        { q: 'team.trust', gte: 3 },
        { q: 'when', gt: '2026-02-01' },
        { hidden: 'source', is: 'mail' },
        { lang: 'fr' },
        { q: 'why', answered: false },
      ],
    }).filter((p) => !p.startsWith('all.7')),
    [],
  );
});

test('unknown, later and same-page questions are refused with the path of the mistake', () => {
  assert.deepEqual(problems({ q: 'rol', is: 'dev' }), [
    'q: unknown question "rol" — did you mean "role"?',
  ]);
  assert.deepEqual(problems({ not: { q: 'why', answered: true } }), [
    'not.q: question "why" is not on an earlier page: a condition may only look at answers already given',
  ]);
  assert.deepEqual(problems({ q: 'hello', answered: true }), [
    'q: "hello" is a statement: it has no answer to test',
  ]);
});

test('an operator that does not fit the type, and operands out of range, are refused', () => {
  assert.deepEqual(problems({ q: 'stars', has: 3 }), [
    'has: has does not fit a rating question: use is, gt, gte, lt, lte, between, answered',
  ]);
  assert.deepEqual(problems({ q: 'stars', gt: 7 }), [
    "gt: 7 is outside a rating question's range (1 to 5)",
  ]);
  assert.deepEqual(problems({ q: 'role', is: 'devs' }), [
    'is: "devs" is not a choice id of a choice question — did you mean "dev"?',
  ]);
  assert.deepEqual(problems({ any: [{ q: 'age', between: [70, 20] }] }), [
    'any.0.between: between needs [from, to] with from ≤ to',
  ]);
  assert.deepEqual(problems({ q: 'when', lt: 'soon' }), ['lt: must be a date written YYYY-MM-DD']);
  assert.deepEqual(problems({ q: 'team', is: 'high' }), [
    'is: is does not fit a grid question: use answered',
  ]);
  assert.deepEqual(problems({ q: 'team.speed', is: 'high' }), [
    'q: grid "team" has no row "speed"',
  ]);
  assert.deepEqual(problems({ hidden: 'campaign', is: 'x' }), [
    'hidden: hidden "campaign" is not one of source',
  ]);
  assert.deepEqual(problems({ lang: 'de' }), ['lang: lang "de" is not one of en, fr']);
});

test('a test names one subject and one operator; a condition has at most 50 tests, depth 6', () => {
  assert.equal(conditionSchema.safeParse({ q: 'a', is: 'x', isNot: 'y' }).success, false);
  assert.equal(conditionSchema.safeParse({ q: 'a' }).success, false);
  assert.equal(conditionSchema.safeParse({ q: 'a', hidden: 'b', is: 'x' }).success, false);
  assert.equal(conditionSchema.safeParse({ lang: 'fr', is: 'x' }).success, false);
  assert.equal(conditionSchema.safeParse({ q: 'a', eval: 'x' }).success, false);
  const many = { any: Array.from({ length: 51 }, () => ({ q: 'a', is: 'x' })) };
  assert.match(
    boundedCondition.safeParse(many).error?.issues[0]?.message ?? '',
    /at most 50 tests \(this one has 51\)/,
  );
  let deep: unknown = { q: 'a', is: 'x' };
  for (let i = 0; i < 6; i++) deep = { not: deep };
  assert.match(
    boundedCondition.safeParse(deep).error?.issues[0]?.message ?? '',
    /nests at most 6 deep \(this one is 7\)/,
  );
});
