import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Condition } from './condition.js';
import { holds, type Facts } from './evaluate.js';
import { byId, questions } from './fixtures.test.js';
import { pathOf, questionPages, type Page } from './path.js';

const facts = (answers: ReadonlyMap<string, unknown>): Facts => ({
  questions: byId,
  answers,
  hidden: new Map(),
});

test('a survey without conditions has every page on its path and its frontier is the count submitted', () => {
  const pages = questionPages(questions);
  fc.assert(
    fc.property(fc.nat(pages.length), (submittedCount) => {
      const submitted = new Set(Array.from({ length: submittedCount }, (_, i) => i));
      const state = pathOf(pages, facts(new Map()), submitted);
      assert.deepEqual(
        state.pages,
        pages.map((p) => p.index),
      );
      assert.equal(state.frontier, submittedCount < pages.length ? submittedCount : undefined);
      assert.equal(state.complete, submittedCount === pages.length);
    }),
  );
});

// Page 0 asks the role; page 1 only for developers; page 2 ends the survey when "ok" is no.
const role = questions[0];
const ok = questions[1];
const tools = questions[2];
assert.ok(role && ok && tools);
const branching: Page[] = [
  { index: 0, questions: [{ question: role }] },
  { index: 1, showIf: { q: 'role', is: 'dev' }, questions: [{ question: tools }] },
  { index: 2, questions: [{ question: ok, endIf: { q: 'ok', is: 'no' } }] },
  { index: 3, questions: [{ question: questions[3] ?? role }] },
];

test('a page whose condition fails is skipped, and an endIf ends the survey on its page', () => {
  const manager = new Map<string, unknown>([['role', { kind: 'choice', id: 'Manager' }]]);
  assert.deepEqual(pathOf(branching, facts(manager), new Set([0])).pages, [0, 2, 3]);
  assert.equal(pathOf(branching, facts(manager), new Set([0])).frontier, 2);
  const dev = new Map<string, unknown>([['role', { kind: 'choice', id: 'dev' }]]);
  assert.equal(pathOf(branching, facts(dev), new Set([0])).frontier, 1);
  const ended = new Map(manager).set('ok', 'no');
  const state = pathOf(branching, facts(ended), new Set([0, 2]));
  assert.deepEqual(state.pages, [0, 2]);
  assert.equal(state.complete, true);
  assert.equal(state.endedBy, 'ok');
});

test('answers left on a page that is off the path do not steer it', () => {
  // A developer who went back and became a manager: the tools answer stays stored but its
  // page is off the path, so a condition on it reads it as not answered.
  const pages: Page[] = [
    ...branching.slice(0, 2),
    { index: 2, showIf: { q: 'tools', answered: true }, questions: [{ question: ok }] },
  ];
  const answers = new Map<string, unknown>([
    ['role', { kind: 'choice', id: 'Manager' }],
    ['tools', { ids: ['git'] }],
  ]);
  assert.deepEqual(pathOf(pages, facts(answers), new Set([0, 1])).pages, [0]);
});

const choiceIds = ['dev', 'Manager'];
const arbitraryCondition: fc.Arbitrary<Condition> = fc.letrec((tieAny) => {
  const tie = (name: string) => tieAny(name) as fc.Arbitrary<Condition>;
  return {
    test: fc.oneof(
      fc.constantFrom(...choiceIds).map((id): Condition => ({ q: 'role', is: id })),
      fc.constantFrom('yes', 'no').map((v): Condition => ({ q: 'ok', is: v })),
      fc.boolean().map((b): Condition => ({ q: 'tools', answered: b })),
    ),
    condition: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('test'),
      fc.array(tie('condition'), { minLength: 1, maxLength: 3 }).map((all): Condition => ({ all })),
      fc.array(tie('condition'), { minLength: 1, maxLength: 3 }).map((any): Condition => ({ any })),
      tie('condition').map((not): Condition => ({ not })),
    ),
  };
}).condition;

test('the path never loops, holds a page exactly when its condition holds on the answers before it (property)', () => {
  const answerable = [role, ok, tools];
  fc.assert(
    fc.property(
      fc.array(fc.option(arbitraryCondition, { nil: undefined }), { minLength: 3, maxLength: 3 }),
      fc.constantFrom(...choiceIds),
      fc.constantFrom('yes', 'no'),
      fc.subarray([0, 1, 2]),
      (conditions, roleId, okValue, submittedList) => {
        const pages: Page[] = answerable.map((question, index) => ({
          index,
          showIf: index === 0 ? undefined : conditions[index],
          questions: [{ question }],
        }));
        const answers = new Map<string, unknown>([
          ['role', { kind: 'choice', id: roleId }],
          ['ok', okValue],
          ['tools', { ids: ['git'] }],
        ]);
        const submitted = new Set(submittedList);
        const state = pathOf(pages, facts(answers), submitted);
        // Strictly increasing page numbers: no page twice, no going back.
        assert.ok(state.pages.every((p, i) => i === 0 || p > (state.pages[i - 1] ?? -1)));
        // On the path exactly when the condition holds over the answers of the submitted
        // pages on the path before it (a later or same-page reference reads "not answered").
        const given = new Map<string, unknown>();
        for (const page of pages) {
          const on = page.showIf === undefined || holds(page.showIf, facts(given));
          assert.equal(state.pages.includes(page.index), on, `page ${page.index}`);
          const question = page.questions[0]?.question;
          if (on && submitted.has(page.index) && question !== undefined) {
            given.set(question.id, answers.get(question.id));
          }
        }
        assert.equal(
          state.frontier,
          state.pages.find((p) => !submitted.has(p)),
        );
      },
    ),
    { numRuns: 500 },
  );
});

test('the pages that may yet be on the path: a condition on answers still to come counts its page, a decided ending cuts after its page', () => {
  // Nothing submitted: page 1 waits on the role (not given yet), so it may come.
  const fresh = pathOf(branching, facts(new Map()), new Set());
  assert.deepEqual(fresh.pages, [0, 2, 3]);
  assert.deepEqual(fresh.possible, [0, 1, 2, 3]);
  // A manager: page 1 is ruled out, and only then leaves the count.
  const manager = new Map<string, unknown>([['role', { kind: 'choice', id: 'Manager' }]]);
  assert.deepEqual(pathOf(branching, facts(manager), new Set([0])).possible, [0, 2, 3]);
  // An ending that holds whatever is still to come (it looks at page 0 only) ends the count
  // on its page before that page is submitted; one that waits on its own page does not.
  const decided: Page[] = [
    { index: 0, questions: [{ question: role }] },
    { index: 1, questions: [{ question: ok, endIf: { q: 'role', is: 'Manager' } }] },
    { index: 2, questions: [{ question: tools }] },
  ];
  assert.deepEqual(pathOf(decided, facts(manager), new Set([0])).possible, [0, 1]);
  const dev = new Map<string, unknown>([['role', { kind: 'choice', id: 'dev' }]]);
  assert.deepEqual(pathOf(decided, facts(dev), new Set([0])).possible, [0, 1, 2]);
  assert.deepEqual(pathOf(branching, facts(manager), new Set([0])).pages, [0, 2, 3]);
  const waiting = pathOf(branching, facts(manager), new Set([0]));
  assert.deepEqual(waiting.possible, [0, 2, 3], "page 2's ending waits on its own answer");
});

test('going forward, the pages that may yet be on the path only ever lose pages, and the progress never goes back (property)', () => {
  const answerable = [role, ok, tools];
  fc.assert(
    fc.property(
      fc.array(fc.option(arbitraryCondition, { nil: undefined }), { minLength: 3, maxLength: 3 }),
      fc.array(fc.option(arbitraryCondition, { nil: undefined }), { minLength: 3, maxLength: 3 }),
      fc.constantFrom(...choiceIds),
      fc.constantFrom('yes', 'no'),
      fc.subarray(['git', 'vim', 'emacs']),
      (showIfs, endIfs, roleId, okValue, ticked) => {
        const pages: Page[] = answerable.map((question, index) => ({
          index,
          showIf: index === 0 ? undefined : showIfs[index],
          questions: [{ question, endIf: endIfs[index] }],
        }));
        const answers = new Map<string, unknown>([
          ['role', { kind: 'choice', id: roleId }],
          ['ok', okValue],
          ['tools', { ids: ticked }],
        ]);
        // The respondent submits the frontier page, one after another, never going back.
        const stored = new Map<string, unknown>();
        const submitted = new Set<number>();
        const seen: { done: number; total: number; possible: readonly number[] }[] = [];
        let state = pathOf(pages, facts(stored), submitted);
        for (let step = 0; !state.complete && step <= pages.length; step++) {
          const frontier = state.frontier as number;
          const at = state.pages.indexOf(frontier);
          assert.deepEqual(state.possible.slice(0, at + 1), state.pages.slice(0, at + 1));
          seen.push({
            done: state.possible.filter((p) => submitted.has(p)).length,
            total: state.possible.length,
            possible: state.possible,
          });
          submitted.add(frontier);
          for (const id of state.asked.get(frontier) ?? []) stored.set(id, answers.get(id));
          state = pathOf(pages, facts(stored), submitted);
        }
        assert.equal(state.complete, true);
        // Complete, nothing is left open: the pages that might have been are the path.
        assert.deepEqual(state.possible, state.pages);
        seen.forEach(({ done, total, possible }, i) => {
          const before = seen[i - 1];
          if (before !== undefined) {
            assert.ok(total <= before.total, 'no page joins the count going forward');
            assert.ok(done * before.total >= before.done * total, 'the bar never goes back');
          }
          assert.ok(
            state.pages.every((p) => possible.includes(p)),
            'every page the path ends with was counted all along',
          );
        });
      },
    ),
    { numRuns: 1000 },
  );
});
