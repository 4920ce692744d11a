/**
 * A branching survey with Back for the path properties (issue 15), and its model written out by
 * hand from the definition below, independently of the code under test: which forms a
 * respondent may send for each question (valid, with the value the server must store, or
 * invalid), and the survey's path (SURVEYS.md §4) over the answers given so far.
 *
 * Pages: 0 start (kind, n); 1 branch, only for kind x (b1, a grid g); 2 more, when n > 5 or
 * g.r1 is lo (c1, and c2 only after b1 = yes); 3 gate (d1: "no" ends the survey); 4 extra,
 * unless kind is z (e1, a multi of at most two); 5 end (f1, optional text).
 */
import { makeSurvey } from '../support/app.js';

export const BRANCHING = 'branching';

export const BRANCHING_SURVEY = makeSurvey(BRANCHING, {
  title: 'Branches',
  allowBack: true,
  pages: [
    {
      id: 'start',
      questions: [
        { id: 'kind', type: 'choice', text: 'Kind?', choices: ['x', 'y', 'z'] },
        { id: 'n', type: 'number', text: 'How many?', min: 0, max: 10, integer: true },
      ],
    },
    {
      id: 'branch',
      showIf: { q: 'kind', is: 'x' },
      questions: [
        { id: 'b1', type: 'yesno', text: 'Say more?' },
        {
          id: 'g',
          type: 'grid',
          text: 'Rate',
          rows: ['r1', 'r2'],
          columns: [
            { id: 'lo', text: 'Low', value: 1 },
            { id: 'hi', text: 'High', value: 2 },
          ],
        },
      ],
    },
    {
      id: 'more',
      showIf: {
        any: [
          { q: 'n', gt: 5 },
          { q: 'g.r1', lte: 1 },
        ],
      },
      questions: [
        { id: 'c1', type: 'choice', text: 'Which?', choices: ['p', 'q'] },
        { id: 'c2', type: 'text', text: 'Tell us', showIf: { q: 'b1', is: 'yes' } },
      ],
    },
    {
      id: 'gate',
      questions: [{ id: 'd1', type: 'yesno', text: 'Go on?', endIf: { q: 'd1', is: 'no' } }],
    },
    {
      id: 'extra',
      showIf: { not: { q: 'kind', is: 'z' } },
      questions: [{ id: 'e1', type: 'multi', text: 'Pick', choices: ['m1', 'm2', 'm3'], max: 2 }],
    },
    {
      id: 'end',
      questions: [{ id: 'f1', type: 'text', text: 'Last words?', required: false }],
    },
  ],
});

type Fields = Record<string, string | string[]>;

/** A form for one question: its fields, and the value stored (`undefined`: refused with 422). */
interface Candidate {
  readonly fields: Fields;
  readonly value: unknown;
}

const ok = (fields: Fields, value: unknown): Candidate => ({ fields, value });
const bad = (fields: Fields): Candidate => ({ fields, value: undefined });
/** A chosen choice, as a `choice` question's value holds it. */
const one = (id: string) => ({ kind: 'choice', id });
const grid = (r1: string, r2: string) => [
  { row: 'r1', column: r1 },
  { row: 'r2', column: r2 },
];

/** Per question id: its valid forms first, then its invalid ones. */
const CANDIDATES: Readonly<Record<string, readonly Candidate[]>> = {
  kind: [
    ok({ kind: 'x' }, one('x')),
    ok({ kind: 'y' }, one('y')),
    ok({ kind: 'z' }, one('z')),
    bad({ kind: 'w' }),
    bad({}),
  ],
  n: [
    ok({ n: '3' }, 3),
    ok({ n: '7' }, 7),
    ok({ n: '0' }, 0),
    ok({ n: '10' }, 10),
    bad({ n: '11' }),
    bad({ n: '2.5' }),
    bad({ n: 'abc' }),
    bad({}),
  ],
  b1: [ok({ b1: 'yes' }, 'yes'), ok({ b1: 'no' }, 'no'), bad({ b1: 'maybe' }), bad({})],
  g: [
    ok({ 'g.r1': 'lo', 'g.r2': 'hi' }, grid('lo', 'hi')),
    ok({ 'g.r1': 'hi', 'g.r2': 'hi' }, grid('hi', 'hi')),
    ok({ 'g.r1': 'hi', 'g.r2': 'lo' }, grid('hi', 'lo')),
    bad({ 'g.r1': 'lo' }),
    bad({ 'g.r1': 'mid', 'g.r2': 'lo' }),
  ],
  c1: [ok({ c1: 'p' }, one('p')), ok({ c1: 'q' }, one('q')), bad({ c1: ['p', 'q'] }), bad({})],
  c2: [
    ok({ c2: 'hello' }, 'hello'),
    ok({ c2: '<b>&' }, '<b>&'),
    bad({}),
    bad({ c2: 'x'.repeat(501) }),
  ],
  // "no" ends the survey: one valid form in three, so most runs go on past the gate.
  d1: [ok({ d1: 'yes' }, 'yes'), ok({ d1: 'no' }, 'no'), ok({ d1: 'yes' }, 'yes'), bad({})],
  e1: [
    ok({ e1: 'm2' }, { ids: ['m2'] }),
    ok({ e1: ['m1', 'm3'] }, { ids: ['m1', 'm3'] }),
    bad({ e1: ['m1', 'm2', 'm3'] }),
    bad({ e1: 'zz' }),
    bad({}),
  ],
  f1: [ok({ f1: 'bye' }, 'bye'), ok({}, null), ok({ f1: '' }, null), bad({ f1: 'x'.repeat(501) })],
};

/** A question's form: `pick` chooses among its valid forms, or among its invalid ones when `valid` is false. */
export function candidate(id: string, pick: number, valid: boolean): Candidate {
  const all = CANDIDATES[id] ?? [];
  const from = all.filter((c) => (c.value !== undefined) === valid);
  const chosen = from[pick % from.length];
  if (chosen === undefined) throw new Error(`no ${valid ? 'valid' : 'invalid'} form for ${id}`);
  return chosen;
}

/** Answers by question id: the values of {@link CANDIDATES}. */
export type Answers = ReadonlyMap<string, unknown>;

/** The id of a chosen choice. */
function chosen(value: unknown): unknown {
  return typeof value === 'object' && value !== null && 'id' in value ? value.id : undefined;
}

/** The column chosen in row `row` of a grid value. */
function column(value: unknown, row: string): unknown {
  return Array.isArray(value)
    ? (value as { row: string; column: string }[]).find((c) => c.row === row)?.column
    : undefined;
}

interface HandPage {
  readonly index: number;
  readonly showIf?: (known: Answers) => boolean;
  readonly questions: readonly {
    readonly id: string;
    readonly showIf?: (known: Answers) => boolean;
    readonly endIf?: (known: Answers) => boolean;
  }[];
}

/** The survey's pages and conditions, as plain functions of the answers known so far. */
const PAGES: readonly HandPage[] = [
  { index: 0, questions: [{ id: 'kind' }, { id: 'n' }] },
  {
    index: 1,
    showIf: (k) => chosen(k.get('kind')) === 'x',
    questions: [{ id: 'b1' }, { id: 'g' }],
  },
  {
    index: 2,
    showIf: (k) => {
      const n = k.get('n');
      return (typeof n === 'number' && n > 5) || column(k.get('g'), 'r1') === 'lo';
    },
    questions: [{ id: 'c1' }, { id: 'c2', showIf: (k) => k.get('b1') === 'yes' }],
  },
  { index: 3, questions: [{ id: 'd1', endIf: (k) => k.get('d1') === 'no' }] },
  // `not` of a test on an unanswered question holds (§3).
  { index: 4, showIf: (k) => chosen(k.get('kind')) !== 'z', questions: [{ id: 'e1' }] },
  { index: 5, questions: [{ id: 'f1' }] },
];

/** The path of §4 over the given answers, as the spec words it. */
export interface HandPath {
  readonly pages: readonly number[];
  readonly frontier: number | undefined;
  readonly complete: boolean;
  /** Per page on the path, the ids of its questions that are asked. */
  readonly asked: ReadonlyMap<number, readonly string[]>;
}

/**
 * Pages in file order whose conditions hold under the answers of the pages submitted before
 * them, cut after a submitted page whose `endIf` holds. A page is submitted when each question
 * asked on it has an answer; the frontier is the first one that is not.
 */
export function handPath(answers: Answers): HandPath {
  const known = new Map<string, unknown>();
  const pages: number[] = [];
  const asked = new Map<number, readonly string[]>();
  let frontier: number | undefined;
  for (const page of PAGES) {
    if (page.showIf !== undefined && !page.showIf(known)) continue;
    const shown = page.questions.filter((q) => q.showIf === undefined || q.showIf(known));
    if (shown.length === 0) continue;
    pages.push(page.index);
    asked.set(
      page.index,
      shown.map((q) => q.id),
    );
    if (!shown.every((q) => answers.has(q.id))) {
      frontier ??= page.index;
      continue;
    }
    for (const q of shown) known.set(q.id, answers.get(q.id));
    if (shown.some((q) => q.endIf?.(known) === true)) break;
  }
  return { pages, frontier, complete: frontier === undefined, asked };
}

/** Every question id of page `n` (asked or not). */
export function pageQuestions(n: number): readonly string[] {
  return PAGES[n]?.questions.map((q) => q.id) ?? [];
}
