/**
 * Each kind's §10 figures (SURVEYS.md) from the aggregates the database computed for one
 * question: which aggregates a kind needs, and how they become its `Summary`. The result must
 * equal the kind's reference oracle (`kindOf(q).summarise`) on the same answers; the storage
 * test checks that on both engines. Only arithmetic on a few grouped rows happens here.
 */
import type { Kind, QuestionOf } from './questions/index.js';
import { YESNO_CHOICES } from './questions/yesno.js';
import { percent, round1, type ChoiceFigure, type Summary } from './questions/summary.js';

/** What the database counted for one question (the storage contract's `QuestionFigures`). */
export interface Aggregates {
  readonly reached: number;
  readonly answered: number;
  readonly values: readonly { readonly value: string; readonly count: number }[];
  readonly items: readonly {
    readonly item: string | null;
    readonly value: string;
    readonly count: number;
    readonly sum: number | null;
    readonly valued: number;
  }[];
  readonly numbers?: {
    readonly count: number;
    readonly sum: number | null;
    readonly min: number | null;
    readonly max: number | null;
    readonly middle: readonly number[];
  };
  readonly other: { readonly count: number; readonly texts: readonly string[] };
}

/** Which aggregates a kind reads: the storage query skips the others. */
export interface Needs {
  readonly values: boolean;
  readonly items: boolean;
  readonly numbers: boolean;
  /** Numbers counted in ranges too: the histogram of kinds without points. */
  readonly bins: boolean;
  readonly other: boolean;
}

interface KindFigures<K extends Kind> {
  readonly needs: Needs;
  assemble(a: Aggregates, q: QuestionOf<K>): Summary;
}

const none: Needs = { values: false, items: false, numbers: false, bins: false, other: false };
const values: Needs = { ...none, values: true };
const numbers: Needs = { ...none, values: true, numbers: true };

type Choices = readonly { readonly id: string; readonly text: string }[];

function counted(
  counts: ReadonlyMap<string, number>,
  choices: Choices,
  answered: number,
): ChoiceFigure[] {
  return choices.map((c) => {
    const count = counts.get(c.id) ?? 0;
    return { id: c.id, text: c.text, count, percent: percent(count, answered) };
  });
}

const valueMap = (a: Aggregates) => new Map(a.values.map((v) => [v.value, v.count]));

function choicesOf(a: Aggregates, choices: Choices, other: boolean): Summary {
  return {
    answered: a.answered,
    choices: counted(valueMap(a), choices, a.answered),
    ...(other ? { other: { count: a.other.count, texts: a.other.texts } } : {}),
  };
}

/** Mean of `count` numbers summing to `sum`, one decimal. */
const meanOf = (sum: number | null, count: number) =>
  count === 0 || sum === null ? null : round1(sum / count);

function numberFigures(a: Aggregates) {
  const n = a.numbers;
  const [lo, hi] = n?.middle ?? [];
  return {
    mean: n === undefined ? null : meanOf(n.sum, n.count),
    // The middle value, or the mean of the two middle ones (summary.ts `median`).
    median: lo === undefined ? null : round1((lo + (hi ?? lo)) / 2),
    min: n?.min ?? null,
    max: n?.max ?? null,
  };
}

const points = (lo: number, hi: number): Choices =>
  Array.from({ length: hi - lo + 1 }, (_, i) => ({ id: String(lo + i), text: String(lo + i) }));

function pointFigures(a: Aggregates, lo: number, hi: number): Summary {
  return { ...choicesOf(a, points(lo, hi), false), ...numberFigures(a) };
}

function npsFigures(a: Aggregates): Summary {
  const counts = valueMap(a);
  const sum = (from: number, to: number) =>
    points(from, to).reduce((s, p) => s + (counts.get(p.id) ?? 0), 0);
  const promoters = sum(9, 10);
  const detractors = sum(0, 6);
  const all = a.numbers?.count ?? 0;
  const { choices } = pointFigures(a, 0, 10);
  return {
    answered: a.answered,
    ...(choices === undefined ? {} : { choices }),
    nps: {
      score: all === 0 ? null : round1(((promoters - detractors) / all) * 100),
      promoters,
      passives: all - promoters - detractors,
      detractors,
    },
  };
}

/** Days since 1970-01-01 back to `YYYY-MM-DD` (date answers keep `num` as days). */
export function dayText(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

function dateFigures(a: Aggregates): Summary {
  const n = a.numbers;
  const day = (d: number | null | undefined) => (d === null || d === undefined ? null : dayText(d));
  // The lower middle day: a date between two answers would be one nobody gave.
  return { answered: a.answered, min: day(n?.min), max: day(n?.max), median: day(n?.middle[0]) };
}

function gridFigures(a: Aggregates, q: QuestionOf<'grid'>): Summary {
  const valued = q.columns.some((c) => c.value !== undefined);
  return {
    answered: a.answered,
    rows: q.rows.map((row) => {
      const mine = a.items.filter((i) => i.item === row.id);
      const answered = mine.reduce((s, i) => s + i.count, 0);
      const counts = new Map(mine.map((i) => [i.value, i.count]));
      const sum = mine.reduce((s, i) => s + (i.sum ?? 0), 0);
      const count = mine.reduce((s, i) => s + i.valued, 0);
      return {
        id: row.id,
        text: row.text,
        answered,
        choices: counted(counts, q.columns, answered),
        ...(valued ? { mean: meanOf(sum, count) } : {}),
      };
    }),
  };
}

function rankingFigures(a: Aggregates, q: QuestionOf<'ranking'>): Summary {
  return {
    answered: a.answered,
    items: q.choices.map((c) => {
      const mine = a.items.filter((i) => i.item === c.id);
      const sum = mine.reduce((s, i) => s + (i.sum ?? 0), 0);
      const count = mine.reduce((s, i) => s + i.valued, 0);
      return {
        id: c.id,
        text: c.text,
        averageRank: meanOf(sum, count),
        first: mine.filter((i) => i.value === '1').reduce((s, i) => s + i.count, 0),
      };
    }),
  };
}

function multiFigures(a: Aggregates, q: QuestionOf<'multi'>): Summary {
  const ticked = new Map(a.items.filter((i) => i.item === null).map((i) => [i.value, i.count]));
  return {
    answered: a.answered,
    // Of respondents who answered: the bars may total more than 100%.
    choices: counted(ticked, q.choices, a.answered),
    ...(q.other !== false ? { other: { count: a.other.count, texts: a.other.texts } } : {}),
  };
}

const answeredOnly = { needs: none, assemble: (a: Aggregates) => ({ answered: a.answered }) };

/** Every kind's figures; a kind missing here does not compile. */
export const kindFigures: { [K in Kind]: KindFigures<K> } = {
  choice: {
    needs: { ...values, other: true },
    assemble: (a, q) => choicesOf(a, q.choices, q.other !== false),
  },
  dropdown: {
    needs: { ...values, other: true },
    assemble: (a, q) => choicesOf(a, q.choices, q.other !== false),
  },
  yesno: { needs: values, assemble: (a) => choicesOf(a, YESNO_CHOICES, false) },
  consent: {
    needs: values,
    assemble: (a, q) => choicesOf(a, [{ id: 'yes', text: q.label ?? q.text }], false),
  },
  multi: { needs: { ...none, items: true, other: true }, assemble: multiFigures },
  text: answeredOnly,
  longtext: answeredOnly,
  email: answeredOnly,
  number: {
    needs: { ...none, numbers: true, bins: true },
    assemble: (a) => ({ answered: a.answered, ...numberFigures(a) }),
  },
  date: { needs: { ...none, numbers: true, bins: true }, assemble: dateFigures },
  rating: { needs: numbers, assemble: (a, q) => pointFigures(a, 1, q.scale) },
  nps: { needs: numbers, assemble: npsFigures },
  grid: { needs: { ...none, items: true }, assemble: gridFigures },
  ranking: { needs: { ...none, items: true }, assemble: rankingFigures },
  statement: { needs: none, assemble: () => ({ answered: 0 }) },
};

/** The kind's entry for a question, typed for it. */
export function figuresOf<K extends Kind>(q: QuestionOf<K> & { type: K }): KindFigures<K> {
  return kindFigures[q.type];
}
