import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { definitionHash } from '../versions.js';
import { format1Canonical, format1Schema } from './format1-oracle.test.js';
import { canonicalSurvey, questionsSurveySchema } from './survey-schema.js';

const sample = (slug: string): unknown =>
  parseYaml(readFileSync(new URL(`../../../surveys/${slug}.yaml`, import.meta.url), 'utf8'));

const newHash = (data: unknown) =>
  definitionHash(canonicalSurvey(questionsSurveySchema.parse(data)));
const oldHash = (data: unknown) => definitionHash(format1Canonical(format1Schema.parse(data)));

test('the sample surveys keep their pinned version hashes', () => {
  assert.equal(
    newHash(sample('satisfaction')),
    '62ce9fc72e56e5eefec0f9c78dc82500027ecba62165be1b1a556e063456e48a',
  );
  assert.equal(
    newHash(sample('personality')),
    'a348dad64f2fecec4397b07226167af3b357f510fbfa9487711bf3063a3ad23d',
  );
});

const variants: Record<string, unknown> = {
  satisfaction: sample('satisfaction'),
  personality: sample('personality'),
  'explicit [Yes, No]': { title: 'T', questions: [{ text: 'Q?', choices: ['Yes', 'No'] }] },
  'allowText: false': { title: 'T', questions: [{ text: 'Q?', allowText: false }] },
  'allowText: true and instructions': {
    title: 'T',
    instructions: 'Hello',
    allowRetake: true,
    questions: [{ text: 'Q?', choices: ['A', 'B', 'C'], allowText: true }],
  },
  'explicit defaults everywhere': {
    title: 'T',
    instructions: '',
    allowRetake: false,
    questions: [{ text: 'Q?', choices: ['Yes', 'No'], allowText: false }, { text: 'R?' }],
  },
};

for (const [name, data] of Object.entries(variants)) {
  test(`a format-1 file (${name}) hashes exactly as versions.ts hashes it today`, () => {
    assert.equal(
      canonicalSurvey(questionsSurveySchema.parse(data)),
      format1Canonical(format1Schema.parse(data)),
    );
    assert.equal(newHash(data), oldHash(data));
  });
}

test('keys a format-2 file writes at their default leave the hash alone', () => {
  const plain = { title: 'T', questions: [{ text: 'Q?' }, { type: 'rating', text: 'R' }] };
  const spelled = {
    title: 'T',
    questions: [
      { id: 'q1', type: 'choice', text: 'Q?', required: true, shuffle: false, other: false },
      { id: 'q2', type: 'rating', text: 'R', scale: 5, required: true, allowText: false },
    ],
  };
  assert.equal(newHash(spelled), newHash(plain));
});

test('a choice written as { id, text } with the id equal to its text is the plain text', () => {
  const a = { title: 'T', questions: [{ text: 'Q?', choices: [{ id: 'A', text: 'A' }, 'B'] }] };
  const b = { title: 'T', questions: [{ text: 'Q?', choices: ['A', { text: 'B' }] }] };
  assert.equal(
    newHash(a),
    oldHash({ title: 'T', questions: [{ text: 'Q?', choices: ['A', 'B'] }] }),
  );
  assert.equal(newHash(b), newHash(a));
});

test('a setting away from its default, an explicit id or another kind changes the hash', () => {
  const base = { title: 'T', questions: [{ text: 'Q?' }] };
  const hashes = [
    base,
    { title: 'T', questions: [{ text: 'Q?', required: false }] },
    { title: 'T', questions: [{ id: 'tenure', text: 'Q?' }] },
    { title: 'T', questions: [{ type: 'yesno', text: 'Q?' }] },
    { title: 'T', questions: [{ text: 'Q?', choices: [{ id: 'y', text: 'Yes' }, 'No'] }] },
  ].map(newHash);
  assert.equal(new Set(hashes).size, hashes.length);
});

test('the canonical text is itself a valid file with the same canonical text', () => {
  const data = {
    title: 'T',
    questions: [
      { id: 'tenure', type: 'number', text: 'Years?', min: 0, integer: true },
      {
        type: 'multi',
        text: 'Which?',
        choices: ['A', { id: 'none', text: 'None', exclusive: true }],
      },
      { type: 'grid', text: 'G', rows: ['r'], columns: [{ text: 'Bad', value: 1 }, 'Good'] },
    ],
  };
  const once = canonicalSurvey(questionsSurveySchema.parse(data));
  assert.equal(canonicalSurvey(questionsSurveySchema.parse(JSON.parse(once))), once);
});

/** Shuffles an object's keys (recursively), which YAML or JSON authors may order as they like. */
const reorder = (value: unknown, seed: number): unknown => {
  if (Array.isArray(value)) return value.map((v, i) => reorder(v, seed + i));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const rotated = [
    ...entries.slice(seed % entries.length),
    ...entries.slice(0, seed % entries.length),
  ];
  return Object.fromEntries(rotated.reverse().map(([k, v]) => [k, reorder(v, seed + 1)]));
};

test('the canonical form does not depend on key order or on defaults written out (property)', () => {
  const question = fc.record(
    {
      text: fc.constantFrom('Q?', 'Why?'),
      choices: fc.constantFrom(['Yes', 'No'], ['A', 'B'], [{ text: 'A' }, { id: 'B', text: 'B' }]),
      allowText: fc.boolean(),
      required: fc.boolean(),
      shuffle: fc.boolean(),
      other: fc.constantFrom(false, true, 'Something else'),
    },
    { requiredKeys: ['text'] },
  );
  fc.assert(
    fc.property(
      fc.array(question, { minLength: 1, maxLength: 4 }),
      fc.nat(20),
      (questions, seed) => {
        const data = { title: 'T', questions };
        const withDefaults = {
          title: 'T',
          instructions: '',
          allowRetake: false,
          questions: questions.map((q, i) => ({
            id: `q${i + 1}`,
            type: 'choice',
            choices: ['Yes', 'No'],
            allowText: false,
            required: true,
            shuffle: false,
            other: false,
            ...q,
          })),
        };
        const expected = newHash(data);
        assert.equal(newHash(reorder(data, seed)), expected);
        assert.equal(newHash(withDefaults), expected);
        assert.equal(newHash(reorder(withDefaults, seed + 3)), expected);
      },
    ),
  );
});

test('allowResume: false leaves the hash alone, true makes another version', () => {
  const base = { title: 'T', questions: [{ text: 'Q?' }] };
  assert.equal(newHash({ ...base, allowResume: false }), newHash(base));
  assert.equal(newHash({ ...base, allowResume: false }), oldHash(base));
  assert.notEqual(newHash({ ...base, allowResume: true }), newHash(base));
  assert.equal(questionsSurveySchema.parse({ ...base, allowResume: true }).allowResume, true);
  assert.equal(questionsSurveySchema.safeParse({ ...base, allowResume: 'yes' }).success, false);
});
