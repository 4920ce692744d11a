/** Helpers for the results tests: a survey with every kind, answers stored as the flow would. */
import assert from 'node:assert/strict';
import { toStoredValues, type Survey } from '../../src/domain/index.js';
import type { Storage } from '../../src/storage/index.js';
import { makeSurvey } from './app.js';

/** One question of every kind (ids are what the tests filter and look up by). */
export const EVERY_KIND = [
  { id: 'c', type: 'choice', text: 'C', choices: ['a', 'b', 'c'] },
  { id: 'd', type: 'dropdown', text: 'D', choices: ['x', 'y'], other: true },
  { id: 'yn', type: 'yesno', text: 'YN' },
  { id: 'm', type: 'multi', text: 'M', choices: ['a', 'b', 'c'], other: true },
  { id: 't', type: 'text', text: 'T', required: false },
  { id: 'lt', type: 'longtext', text: 'LT', required: false },
  { id: 'e', type: 'email', text: 'E', required: false },
  { id: 'n', type: 'number', text: 'N' },
  { id: 'dt', type: 'date', text: 'DT' },
  { id: 'r', type: 'rating', text: 'R', scale: 5 },
  { id: 'p', type: 'nps', text: 'P' },
  {
    id: 'g',
    type: 'grid',
    text: 'G',
    rows: ['r1', 'r2'],
    columns: [{ id: 'lo', text: 'Low', value: 1 }, { id: 'hi', text: 'High', value: 5 }, 'na'],
    required: false,
  },
  { id: 'rk', type: 'ranking', text: 'RK', choices: ['a', 'b', 'c'], required: false },
  { id: 'cs', type: 'consent', text: 'CS' },
  { id: 'st', type: 'statement', text: 'ST' },
];

export function everyKind(slug: string, questions: readonly unknown[] = EVERY_KIND): Survey {
  return makeSurvey(slug, { title: 'Every kind', questions });
}

/**
 * Stores one response to `survey` (version `versionId`) with the values given by question id,
 * question after question until the first id without a value (a partial response stops
 * there); `null` is a page submitted without an answer. Completes when every question has one.
 */
export async function storeResponse(
  storage: Storage,
  survey: Survey,
  versionId: number,
  values: Readonly<Record<string, unknown>>,
  /** When it was started (now by default) and the hidden fields its link gave. */
  begun: { startedAt?: Date; hidden?: Record<string, string> } = {},
): Promise<number> {
  const id = await storage.createResponse({
    survey: survey.slug,
    versionId,
    startedAt: begun.startedAt ?? new Date(),
    ...(begun.hidden === undefined ? {} : { hidden: begun.hidden }),
  });
  for (const [i, q] of survey.questions.entries()) {
    if (!(q.id in values)) break;
    const outcome = await storage.recordAnswer({
      responseId: id,
      survey: survey.slug,
      question: i,
      ...toStoredValues(q, { value: values[q.id] as never, comment: null }),
      completes: i === survey.questions.length - 1,
      at: new Date(),
    });
    assert.equal(outcome.kind, 'recorded');
  }
  return id;
}

/**
 * One response answering every question of {@link EVERY_KIND}: the base the results tests
 * spread their own variations over.
 */
export const EVERY_KIND_ANSWERS = {
  c: { kind: 'choice', id: 'a' },
  d: { kind: 'other', text: 'a bike' },
  yn: 'yes',
  m: { ids: ['a', 'b'] },
  t: 'hi',
  lt: null,
  e: 'a@example.com',
  n: 4,
  dt: '2026-01-02',
  r: 5,
  p: 10,
  g: [
    { row: 'r1', column: 'lo' },
    { row: 'r2', column: 'hi' },
  ],
  rk: [
    { id: 'b', rank: 1 },
    { id: 'a', rank: 2 },
    { id: 'c', rank: 3 },
  ],
  cs: true,
  st: null,
} as const;
