import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSurveySource } from './source.js';

const yaml = `title: T
questions:
  - text: A?
  - id: tenure
    type: rating
    text: How long?
    scale: 12
  - text: C?
    choises: [a, b]
`;

test('each problem carries the line of its field, or of the unknown key', () => {
  const result = parseSurveySource(yaml, 'yaml');
  if (result.ok) assert.fail('expected problems');
  assert.deepEqual(
    result.problems.map((p) => [p.line, p.where, p.message]),
    [
      [7, 'question 2 (id: tenure)', 'rating scale must be between 3 and 10'],
      [9, 'question 3 (id: q3)', 'unknown key "choises" — did you mean "choices"?'],
    ],
  );
});

test('JSON files are located too', () => {
  const json =
    '{\n  "title": "T",\n  "questions": [\n    { "text": "A?", "choices": ["Yes", "Yes"] }\n  ]\n}\n';
  const result = parseSurveySource(json, 'json');
  if (result.ok) assert.fail('expected problems');
  assert.equal(result.problems[0]?.line, 4);
  assert.equal(result.problems[0].message, 'choices must be different: "Yes" appears twice');
});

test('a syntax error is one problem, and a valid file parses', () => {
  const bad = parseSurveySource('title: [unclosed', 'yaml');
  assert.equal(bad.ok, false);
  assert.equal(
    parseSurveySource(yaml.replace('scale: 12', 'scale: 10').replace('choises', 'choices'), 'yaml')
      .ok,
    true,
  );
});
