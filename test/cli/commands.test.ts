import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cleanEnv, runCli } from '../support/process.js';

const dir = mkdtempSync(join(tmpdir(), 'canvass-cli-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('canvass check passes the built-in samples', async () => {
  const result = await runCli(['check']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stdout,
    /5 surveys OK in .*: canteen, course-evaluation, engagement, personality, satisfaction/,
  );
});

test('canvass check DIR exits non-zero naming the file, the field path and the problem', async () => {
  const surveys = join(dir, 'bad');
  mkdirSync(surveys);
  writeFileSync(join(surveys, 'ok.yaml'), 'title: OK\nquestions: [{text: Q}]\n');
  writeFileSync(
    join(surveys, 'broken.yaml'),
    'title: Broken\nquestions:\n  - text: Q\n    choices: []\n',
  );
  const result = await runCli(['check', surveys]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /broken\.yaml: questions\[0\]\.choices: /);
  assert.match(result.stderr, /1 problem found/);
});

test('canvass check accepts a pages: file and names a bad condition with its path and line', async () => {
  const surveys = join(dir, 'paths');
  mkdirSync(surveys);
  const file = (condition: string) =>
    [
      'title: Paths',
      'pages:',
      '  - id: about',
      '    questions:',
      '      - id: role',
      '        choices: [dev, ops]',
      '        text: Role?',
      '  - id: more',
      `    showIf: ${condition}`,
      '    questions:',
      '      - type: yesno',
      '        text: Remote?',
      '',
    ].join('\n');
  writeFileSync(join(surveys, 'good.yaml'), file('{q: role, is: dev}'));
  const good = await runCli(['check', surveys]);
  assert.equal(good.code, 0, good.stderr);
  assert.match(good.stdout, /1 survey OK in .*: good/);
  writeFileSync(join(surveys, 'bad.yaml'), file('{q: role, is: devv}'));
  const bad = await runCli(['check', surveys]);
  assert.equal(bad.code, 1);
  assert.match(
    bad.stderr,
    /bad\.yaml: pages\[1\]\.showIf\.is: page 2 \(id: more\), line 9: "devv" is not a choice id of a choice question — did you mean "dev"\?/,
  );
  assert.match(bad.stderr, /1 problem found/);
});

test('canvass check FILE… checks the files named, one by one; a missing or misnamed file is a problem', async () => {
  const surveys = join(dir, 'files');
  mkdirSync(surveys);
  const ok = join(surveys, 'ok.yaml');
  const other = join(surveys, 'other.json');
  writeFileSync(ok, 'title: OK\nquestions: [{text: Q}]\n');
  writeFileSync(other, JSON.stringify({ title: 'Other', questions: [{ text: 'Q' }] }));
  writeFileSync(join(surveys, 'broken.yaml'), 'title: Broken\nquestions: []\n');
  const one = await runCli(['check', ok]);
  assert.equal(one.code, 0, one.stderr);
  assert.match(one.stdout, /^1 survey OK in .*ok\.yaml: ok$/m);
  const two = await runCli(['check', ok, other]);
  assert.equal(two.code, 0, two.stderr);
  assert.match(two.stdout, /2 surveys OK in .*: ok, other/);
  const bad = await runCli([
    'check',
    ok,
    join(surveys, 'missing.yaml'),
    join(surveys, 'Bad Name.yaml'),
  ]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /missing\.yaml: could not read the file: no such file/);
  assert.match(bad.stderr, /Bad Name\.yaml: the file name must be SLUG\.yaml/);
  assert.match(bad.stderr, /2 problems found/);
});

test('canvass check refuses a date bound or operand that is no calendar date, and `is` a fraction of a whole-number answer', async () => {
  const surveys = join(dir, 'operands');
  mkdirSync(surveys);
  const file = (min: string, condition: string) =>
    [
      'title: Operands',
      'pages:',
      '  - id: first',
      '    questions:',
      `      - { id: when, type: date, text: When?, min: '${min}' }`,
      '      - { id: stars, type: rating, text: Stars? }',
      '      - { id: kids, type: number, text: Kids?, integer: true }',
      '  - id: second',
      `    showIf: ${condition}`,
      '    questions:',
      '      - { id: x, type: text, text: X? }',
      '',
    ].join('\n');
  const path = join(surveys, 'operands.yaml');
  writeFileSync(path, file('2026-02-30', '{q: stars, gt: 2}'));
  const bound = await runCli(['check', path]);
  assert.equal(bound.code, 1);
  assert.match(
    bound.stderr,
    /pages\[0\]\.questions\[0\]\.min: question 1 \(id: when\), line 5: min must be a date written YYYY-MM-DD, or today/,
  );
  writeFileSync(
    path,
    file(
      '2026-01-01',
      "{all: [{q: when, gt: '2026-13-45'}, {q: stars, is: 2.5}, {q: kids, is: 1.5}, {q: stars, gt: 2.5}]}",
    ),
  );
  const operands = await runCli(['check', path]);
  assert.equal(operands.code, 1);
  assert.match(operands.stderr, /showIf\.all\[0\]\.gt: .*must be a date written YYYY-MM-DD/);
  assert.match(
    operands.stderr,
    /showIf\.all\[1\]\.is: .*2\.5 can never match: a rating question is answered with whole numbers/,
  );
  assert.match(
    operands.stderr,
    /showIf\.all\[2\]\.is: .*1\.5 can never match: a number question is answered with whole numbers/,
  );
  assert.doesNotMatch(operands.stderr, /all\[3\]/, 'gt a fraction is a fine bound');
  assert.match(operands.stderr, /3 problems found/);
});

test('canvass check names opens after closes and a maxResponses below 1', async () => {
  const surveys = join(dir, 'window');
  mkdirSync(surveys);
  writeFileSync(
    join(surveys, 'late.yaml'),
    [
      'title: Late',
      'opens: 2030-03-09T09:00:00+01:00',
      'closes: 2030-03-08T17:00:00+01:00',
      'maxResponses: 0',
      'questions: [{text: Q}]',
      '',
    ].join('\n'),
  );
  const result = await runCli(['check', surveys]);
  assert.equal(result.code, 1);
  assert.match(
    result.stderr,
    /late\.yaml: maxResponses: line 4: maxResponses must be a whole number of at least 1/,
  );
  assert.match(result.stderr, /1 problem found/);
  writeFileSync(
    join(surveys, 'late.yaml'),
    [
      'title: Late',
      'opens: 2030-03-09T09:00:00+01:00',
      'closes: 2030-03-08T17:00:00+01:00',
      'questions: [{text: Q}]',
      '',
    ].join('\n'),
  );
  const swapped = await runCli(['check', surveys]);
  assert.equal(swapped.code, 1);
  assert.match(
    swapped.stderr,
    /late\.yaml: closes: line 3: closes \(2030-03-08T17:00:00\+01:00\) must be after opens \(2030-03-09T09:00:00\+01:00\)/,
  );
});

test('serve refuses an invalid survey directory with the same messages', async () => {
  const surveys = join(dir, 'invalid');
  mkdirSync(surveys);
  writeFileSync(
    join(surveys, 'x.json'),
    '{"title": "X", "questions": [{"text": "Q", "allowText": 1}]}',
  );
  const result = await runCli([
    'serve',
    '--port',
    '0',
    '--surveys',
    surveys,
    '--data-dir',
    dir,
    '--database',
    `sqlite:${join(dir, 'x.db')}`,
  ]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /x\.json: questions\[0\]\.allowText: /);
});

test('in production a missing SECRET_KEY is a startup error that says what to set', async () => {
  const result = await runCli(
    ['serve', '--port', '0', '--data-dir', dir],
    cleanEnv({ NODE_ENV: 'production' }),
  );
  assert.equal(result.code, 1);
  assert.match(result.stderr, /SECRET_KEY is not set.*at least 32 bytes/);
});

test('a secret shorter than 32 bytes, a bad port or an unknown flag are refused with a clear message', async () => {
  const short = await runCli(['serve', '--port', '0'], cleanEnv({ SECRET_KEY: 'too-short' }));
  assert.equal(short.code, 1);
  assert.match(short.stderr, /SECRET_KEY: SECRET_KEY must be at least 32 bytes/);
  const port = await runCli(['serve', '--port', 'eighty']);
  assert.equal(port.code, 1);
  assert.match(port.stderr, /PORT: /);
  const flag = await runCli(['serve', '--colour', 'red']);
  assert.equal(flag.code, 1);
  assert.match(flag.stderr, /colour/);
  const fallbacks = await runCli(
    ['serve'],
    cleanEnv({ SECRET_KEY: 'k'.repeat(32), SECRET_KEY_FALLBACKS: 'abc' }),
  );
  assert.equal(fallbacks.code, 1);
  assert.match(
    fallbacks.stderr,
    /SECRET_KEY_FALLBACKS: each SECRET_KEY_FALLBACKS entry must be at least 32 bytes/,
  );
});

test('an unknown command prints the usage', async () => {
  const result = await runCli(['frobnicate']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /Unknown command: frobnicate/);
  assert.match(result.stderr, /canvass serve/);
});
