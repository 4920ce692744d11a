import assert from 'node:assert/strict';
import { test } from 'node:test';
import { surveyFileSchema } from './survey.js';
import { canonicalDefinition, definitionHash, surveyFromDefinition } from './versions.js';

const parse = (definition: unknown) => surveyFileSchema.parse(definition);

test('gives the same hash to a definition written with or without its defaults', () => {
  const implicit = parse({ title: 'T', questions: [{ text: 'Q?' }] });
  const explicit = parse({
    allowRetake: false,
    questions: [{ allowText: false, choices: ['Yes', 'No'], text: 'Q?' }],
    instructions: '',
    title: 'T',
  });
  assert.equal(canonicalDefinition(implicit), canonicalDefinition(explicit));
  assert.match(definitionHash(canonicalDefinition(implicit)), /^[0-9a-f]{64}$/);
});

test('gives a different hash to any change a respondent would see', () => {
  const base = { title: 'T', questions: [{ text: 'Q?' }] };
  const hashes = [
    base,
    { ...base, title: 'T2' },
    { ...base, questions: [{ text: 'Q?', choices: ['No', 'Yes'] }] },
    { ...base, questions: [{ text: 'Q?', allowText: true }] },
    { ...base, questions: [{ text: 'Q?' }, { text: 'R?' }] },
  ].map((d) => definitionHash(canonicalDefinition(parse(d))));
  assert.equal(new Set(hashes).size, hashes.length);
});

test('rebuilds the survey from its stored definition and refuses text that is not one', () => {
  const definition = parse({ title: 'T', questions: [{ text: 'Q?', choices: ['a', 'b'] }] });
  assert.deepEqual(surveyFromDefinition('s', canonicalDefinition(definition)), {
    slug: 's',
    ...definition,
  });
  assert.equal(surveyFromDefinition('s', 'not json'), undefined);
  assert.equal(surveyFromDefinition('s', '{"title":"no questions"}'), undefined);
});
