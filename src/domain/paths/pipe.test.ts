import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { countCharacters } from '../numbers.js';
import {
  questionsSurveySchema,
  toStoredValues,
  type Kind,
  type Question,
  type QuestionOf,
  type StoredAnswerValues,
  type ValueOf,
} from '../questions/index.js';
import type { Scope } from './check.js';
import {
  pipe,
  pipeProblems,
  pipeRefs,
  surveyPipeProblems,
  type PipeContext,
  type PipedSurvey,
} from './pipe.js';

const { questions } = questionsSurveySchema.parse({
  title: 'Piping',
  questions: [
    {
      id: 'role',
      text: 'Role?',
      choices: [{ id: 'dev', text: 'Developer' }, 'Manager'],
      other: true,
    },
    { id: 'city', type: 'dropdown', text: 'City?', choices: [{ id: 'par', text: 'Paris' }] },
    { id: 'ok', type: 'yesno', text: 'Ok?' },
    {
      id: 'tools',
      type: 'multi',
      text: 'Tools?',
      choices: ['git', { id: 'vi', text: 'Vim' }, 'emacs'],
      other: true,
    },
    { id: 'why', type: 'text', text: 'Why?', required: false },
    { id: 'story', type: 'longtext', text: 'Story?' },
    { id: 'mail', type: 'email', text: 'Mail?' },
    { id: 'age', type: 'number', text: 'Age?' },
    { id: 'when', type: 'date', text: 'When?' },
    { id: 'stars', type: 'rating', text: 'Stars?' },
    { id: 'score', type: 'nps', text: 'Score?' },
    {
      id: 'team',
      type: 'grid',
      text: 'Team?',
      rows: [{ id: 'trust', text: 'Trust' }, 'Speed'],
      columns: [
        { id: 'low', text: 'Low', value: 1 },
        { id: 'high', text: 'High', value: 5 },
      ],
    },
    {
      id: 'rank',
      type: 'ranking',
      text: 'Rank?',
      choices: [{ id: 'a', text: 'Apples' }, { id: 'b', text: 'Pears' }, 'Plums'],
    },
    { id: 'agree', type: 'consent', text: 'Agree?' },
    { id: 'hello', type: 'statement', text: 'Hello' },
  ],
});

const byId: ReadonlyMap<string, Question> = new Map(questions.map((q) => [q.id, q]));

function question<K extends Kind>(id: string, type: K): QuestionOf<K> {
  const found = byId.get(id);
  assert.equal(found?.type, type);
  return found as QuestionOf<K>;
}

/** The stored values of `value` as an answer to the question `id` of kind `type`. */
function stored<K extends Kind>(id: string, type: K, value: ValueOf<K> | null): StoredAnswerValues {
  const q: Question = question(id, type);
  return toStoredValues(q, { value, comment: null });
}

const context = (
  answers: Record<string, StoredAnswerValues>,
  hidden: Record<string, string> = {},
): PipeContext => ({ questions: byId, answers: new Map(Object.entries(answers)), hidden });

const piped = (text: string, answers: Record<string, StoredAnswerValues>) =>
  pipe(text, context(answers));

test('pipeRefs finds every pipe with its offsets, row and fallback', () => {
  const text = 'Hi {{q:role}}, {{q:team.trust|so-so}} via {{hidden:source|a link}}.';
  assert.deepEqual(pipeRefs(text), [
    { kind: 'q', start: 3, end: 13, question: 'role' },
    { kind: 'q', start: 15, end: 37, question: 'team', row: 'trust', fallback: 'so-so' },
    { kind: 'hidden', start: 42, end: 66, name: 'source', fallback: 'a link' },
  ]);
  assert.equal(text.slice(3, 13), '{{q:role}}');
});

test('a fallback is the literal text after the first | up to the first }}', () => {
  assert.deepEqual(pipeRefs('{{q:why|a | b } c}}}'), [
    { kind: 'q', start: 0, end: 19, question: 'why', fallback: 'a | b } c' },
  ]);
  assert.deepEqual(pipeRefs('{{q:why|}}'), [
    { kind: 'q', start: 0, end: 10, question: 'why', fallback: '' },
  ]);
});

test('a grid row id may be any text after the dot', () => {
  assert.deepEqual(pipeRefs('{{q:team.Speed of work}}'), [
    { kind: 'q', start: 0, end: 24, question: 'team', row: 'Speed of work' },
  ]);
});

test('braces that do not begin a pipe are plain text', () => {
  assert.deepEqual(pipeRefs('{{ name }} {x} {{}} }} {{{q:ok}}'), [
    { kind: 'q', start: 24, end: 32, question: 'ok' },
  ]);
});

test('malformed pipes are returned with a message, not passed over', () => {
  const messages = (text: string) =>
    pipeRefs(text).map((r) => (r.kind === 'malformed' ? r.message : r.kind));
  assert.deepEqual(messages('{{q:}}'), ['{{q:}} needs a question id']);
  assert.deepEqual(messages('{{q:|none}}'), ['{{q:|none}} needs a question id']);
  assert.deepEqual(messages('{{hidden:}}'), ["{{hidden:}} needs a hidden field's name"]);
  assert.deepEqual(messages('{{foo:x}}'), [
    '{{foo:x}} is not a pipe: write {{q:ID}}, {{q:GRID.ROW}} or {{hidden:NAME}}',
  ]);
  assert.deepEqual(messages('{{Q:role}}'), [
    '{{Q:role}} is not a pipe: write {{q:ID}}, {{q:GRID.ROW}} or {{hidden:NAME}}',
  ]);
  assert.deepEqual(messages('{{q:Role}}'), [
    '{{q:Role}}: "Role" is not a question id (or GRID.ROW)',
  ]);
  assert.deepEqual(messages('{{q: role}}'), [
    '{{q: role}}: " role" is not a question id (or GRID.ROW)',
  ]);
  assert.deepEqual(messages('Hello {{q:role'), ['{{q:… is not closed: end it with }}']);
  assert.deepEqual(messages('{{q:role and {{q:ok}}'), ['{{q:… is not closed: end it with }}', 'q']);
  const unclosed = pipeRefs('ab {{q:role and {{q:ok}}')[0];
  assert.deepEqual([unclosed?.start, unclosed?.end], [3, 16]);
});

test('choices pipe their text; Other pipes the respondent’s text', () => {
  assert.equal(
    piped('You are a {{q:role}}.', {
      role: stored('role', 'choice', { kind: 'choice', id: 'dev' }),
    }),
    'You are a Developer.',
  );
  assert.equal(
    piped('{{q:role}}', { role: stored('role', 'choice', { kind: 'other', text: 'Tester' }) }),
    'Tester',
  );
  assert.equal(
    piped('{{q:city}}', { city: stored('city', 'dropdown', { kind: 'choice', id: 'par' }) }),
    'Paris',
  );
  assert.equal(piped('{{q:ok}}', { ok: stored('ok', 'yesno', 'yes') }), 'Yes');
  assert.equal(piped('{{q:ok}}', { ok: stored('ok', 'yesno', 'no') }), 'No');
});

test('a format-1 answer (the choice text itself) pipes as that text', () => {
  assert.equal(piped('{{q:role}}', { role: { answer: 'Manager', comment: null } }), 'Manager');
});

test('multi pipes its texts in the survey’s order joined with ", ", Other last', () => {
  assert.equal(
    piped('{{q:tools}}', { tools: stored('tools', 'multi', { ids: ['git', 'vi'] }) }),
    'git, Vim',
  );
  assert.equal(
    piped('{{q:tools}}', {
      tools: stored('tools', 'multi', { ids: ['emacs'], other: 'nano' }),
    }),
    'emacs, nano',
  );
  assert.equal(
    piped('{{q:tools}}', { tools: stored('tools', 'multi', { ids: [], other: 'ed' }) }),
    'ed',
  );
});

test('ranking pipes its texts in rank order', () => {
  const value = [
    { id: 'Plums', rank: 1 },
    { id: 'a', rank: 2 },
    { id: 'b', rank: 3 },
  ];
  assert.equal(
    piped('{{q:rank}}', { rank: stored('rank', 'ranking', value) }),
    'Plums, Apples, Pears',
  );
});

test('a grid row pipes its column text; the grid alone pipes its fallback', () => {
  const team = stored('team', 'grid', [{ row: 'trust', column: 'high' }]);
  assert.equal(piped('{{q:team.trust}}', { team }), 'High');
  assert.equal(piped('{{q:team.Speed|not rated}}', { team }), 'not rated');
  assert.equal(piped('{{q:team|the table}}', { team }), 'the table');
  assert.equal(piped('[{{q:team}}]', { team }), '[]');
  assert.equal(piped('{{q:team.nope|?}}', { team }), '?');
});

test('a row on a question that is not a grid pipes the fallback', () => {
  assert.equal(piped('{{q:ok.yes|-}}', { ok: stored('ok', 'yesno', 'yes') }), '-');
});

test('numbers pipe as written, dates as YYYY-MM-DD, consent as Yes', () => {
  assert.equal(piped('{{q:age}}', { age: stored('age', 'number', 2.5) }), '2.5');
  assert.equal(piped('{{q:age}}', { age: stored('age', 'number', -3) }), '-3');
  assert.equal(piped('{{q:age}}', { age: stored('age', 'number', 12000) }), '12000');
  assert.equal(piped('{{q:stars}}', { stars: stored('stars', 'rating', 4) }), '4');
  assert.equal(piped('{{q:score}}', { score: stored('score', 'nps', 0) }), '0');
  assert.equal(piped('{{q:when}}', { when: stored('when', 'date', '2026-03-01') }), '2026-03-01');
  assert.equal(piped('{{q:agree}}', { agree: stored('agree', 'consent', true) }), 'Yes');
});

test('free text pipes as typed, cut at 200 characters (code points) with "…"', () => {
  const exactly = 'é'.repeat(200);
  assert.equal(piped('{{q:why}}', { why: stored('why', 'text', exactly) }), exactly);
  const long = '😀'.repeat(199) + 'abc';
  const cut = piped('{{q:why}}', { why: stored('why', 'text', long) });
  assert.equal(cut, `${'😀'.repeat(199)}a…`);
  assert.equal(countCharacters(cut), 201);
  assert.equal(
    piped('{{q:story}}', { story: stored('story', 'longtext', 'x'.repeat(5000)) }),
    `${'x'.repeat(200)}…`,
  );
  assert.equal(piped('{{q:mail}}', { mail: stored('mail', 'email', 'a@b.org') }), 'a@b.org');
  const other = stored('role', 'choice', { kind: 'other', text: 'o'.repeat(300) });
  assert.equal(piped('{{q:role}}', { role: other }), `${'o'.repeat(200)}…`);
  const multiOther = stored('tools', 'multi', { ids: ['git'], other: 'n'.repeat(300) });
  assert.equal(piped('{{q:tools}}', { tools: multiOther }), `git, ${'n'.repeat(200)}…`);
});

test('text is returned plain: the view escapes it', () => {
  assert.equal(piped('{{q:why}}', { why: stored('why', 'text', '<b>&"</b>') }), '<b>&"</b>');
});

test('without an answer a pipe shows its fallback, or nothing', () => {
  assert.equal(piped('Hello {{q:why|there}}!', {}), 'Hello there!');
  assert.equal(piped('Hello {{q:why}}!', {}), 'Hello !');
  // Submitted without an answer (an optional question): stored as ''.
  assert.equal(piped('Hello {{q:why|you}}!', { why: stored('why', 'text', null) }), 'Hello you!');
  assert.equal(piped('{{q:hello|-}}', {}), '-');
  assert.equal(piped('{{q:nobody|-}}', { nobody: { answer: 'x', comment: null } }), '-');
});

test('hidden fields pipe their value, else the fallback', () => {
  const ctx = context({}, { source: 'newsletter', empty: '' });
  assert.equal(pipe('From {{hidden:source}}.', ctx), 'From newsletter.');
  assert.equal(pipe('From {{hidden:team|nowhere}}.', ctx), 'From nowhere.');
  assert.equal(pipe('From {{hidden:empty|nowhere}}.', ctx), 'From nowhere.');
  assert.equal(pipe('[{{hidden:constructor}}][{{hidden:__proto__}}]', ctx), '[][]');
  const long = context({}, { source: 's'.repeat(500) });
  assert.equal(pipe('{{hidden:source}}', long), `${'s'.repeat(200)}…`);
});

test('a piped answer is never read again as a pipe', () => {
  const answers = {
    why: stored('why', 'text', '{{q:mail}} {{hidden:source}}'),
    mail: stored('mail', 'email', 'a@b.org'),
  };
  assert.equal(
    pipe('{{q:why}} / {{q:mail}}', context(answers, { source: 'x' })),
    '{{q:mail}} {{hidden:source}} / a@b.org',
  );
});

test('malformed pipes stay as written; a text without pipes is returned unchanged', () => {
  assert.equal(piped('a {{foo:x}} {{q:}} {{q:why', {}), 'a {{foo:x}} {{q:}} {{q:why');
  const plain = 'No pipes {{ here }} at all';
  assert.equal(piped(plain, {}), plain);
});

const piece = fc.oneof(
  fc.string(),
  fc.constantFrom('{{', '}}', '|', ':', '.', '{{q:', '{{hidden:', 'q:', 'hidden:'),
  fc.constantFrom(...questions.map((q) => q.id), 'team.trust', 'team.Speed', 'source', 'x.y'),
);
const storedValue = fc.record(
  {
    answer: fc.string(),
    comment: fc.option(fc.string()),
    num: fc.option(fc.double()),
    other: fc.option(fc.string()),
    items: fc.option(
      fc.array(
        fc.record({
          item: fc.option(fc.constantFrom('trust', 'Speed', 'a', 'b', 'Plums', 'zz')),
          value: fc.oneof(fc.string(), fc.constantFrom('low', 'high', 'git', 'vi', '1', '2')),
          num: fc.option(fc.double()),
        }),
      ),
      { nil: undefined },
    ),
  },
  { requiredKeys: ['answer', 'comment'] },
);

test('pipe never throws, whatever the text and the stored values', () => {
  fc.assert(
    fc.property(
      fc.array(piece).map((parts) => parts.join('')),
      fc.dictionary(fc.constantFrom(...questions.map((q) => q.id), 'zz'), storedValue),
      fc.dictionary(fc.string(), fc.string()),
      (text, answers, hidden) => {
        assert.equal(typeof pipe(text, context(answers, hidden)), 'string');
        pipeProblems(text, scopeAll, ['text']);
      },
    ),
  );
});

/** Valid pipes with an answer each, and a bound on the characters each may add. */
const answered = [
  { ref: 'why', answer: (s: string) => stored('why', 'text', s) },
  { ref: 'story', answer: (s: string) => stored('story', 'longtext', s) },
  { ref: 'role', answer: (s: string) => stored('role', 'choice', { kind: 'other', text: s }) },
  {
    ref: 'tools',
    answer: (s: string) => stored('tools', 'multi', { ids: ['git', 'vi', 'emacs'], other: s }),
  },
  { ref: 'team.trust', answer: () => stored('team', 'grid', [{ row: 'trust', column: 'low' }]) },
  { ref: 'age', answer: () => stored('age', 'number', -Number.MAX_VALUE) },
] as const;
const MOST_PER_PIPE = 201 + 'git, Vim, emacs, '.length;

test('valid pipes with answers leave no {{q: behind, and the text grows by a bounded amount', () => {
  const literal = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('{'));
  const typed = fc
    .string({ unit: 'binary', minLength: 1, maxLength: 400 })
    .filter((s) => !s.includes('{'));
  fc.assert(
    fc.property(
      fc.array(fc.tuple(literal, fc.nat(answered.length - 1), fc.boolean())),
      literal,
      typed,
      (parts, tail, typedText) => {
        const answers: Record<string, StoredAnswerValues> = {};
        let text = '';
        for (const [before, which, withFallback] of parts) {
          const { ref, answer } = answered[which] ?? answered[0];
          answers[ref.split('.')[0] ?? ref] = answer(typedText);
          text += `${before}{{q:${ref}${withFallback ? '|none' : ''}}}`;
        }
        text += tail;
        const out = piped(text, answers);
        assert.ok(!out.includes('{{q:'), out);
        const literals = countCharacters(parts.map(([before]) => before).join('') + tail);
        assert.ok(countCharacters(out) <= literals + parts.length * MOST_PER_PIPE);
      },
    ),
  );
});

const scopeOf = (reachable: readonly string[], hidden: readonly string[] = ['source']): Scope => ({
  questions: byId,
  reachable: new Set(reachable),
  hidden,
  languages: [],
});
const scopeAll = scopeOf([...byId.keys()]);
const problems = (text: string, scope: Scope = scopeAll) =>
  pipeProblems(text, scope, ['questions', 3, 'text']).map(
    (p) => `${p.path.join('.')}: ${p.message}`,
  );

test('pipes that fit their survey have no problems', () => {
  assert.deepEqual(
    problems(
      '{{q:role}} {{q:team.trust|?}} {{q:team.Speed}} {{hidden:source}} {{q:rank}} {{ not a pipe }}',
    ),
    [],
  );
});

test('unknown questions, rows and hidden names are refused with a near miss', () => {
  assert.deepEqual(problems('{{q:rol}} and {{q:zzzzzz}}'), [
    'questions.3.text: {{q:rol}}: unknown question "rol" — did you mean "role"?',
    'questions.3.text: {{q:zzzzzz}}: unknown question "zzzzzz"',
  ]);
  assert.deepEqual(problems('{{q:team.trusst}}'), [
    'questions.3.text: {{q:team.trusst}}: grid "team" has no row "trusst" — did you mean "trust"?',
  ]);
  assert.deepEqual(problems('{{hidden:sourse}}'), [
    'questions.3.text: {{hidden:sourse}}: hidden "sourse" is not one of source — did you mean "source"?',
  ]);
  assert.deepEqual(problems('{{hidden:source}}', scopeOf([...byId.keys()], [])), [
    'questions.3.text: {{hidden:source}}: hidden "source" is not declared: list it under hidden',
  ]);
});

test('a grid without its row, a row of a non-grid and a statement are refused', () => {
  assert.deepEqual(problems('{{q:team|x}}'), [
    'questions.3.text: {{q:team|x}}: "team" is a grid: pipe one of its rows, {{q:team.ROW}}',
  ]);
  assert.deepEqual(problems('{{q:ok.yes}}'), [
    'questions.3.text: {{q:ok.yes}}: "ok" is not a grid: write {{q:ok}}',
  ]);
  assert.deepEqual(problems('{{q:hello}}'), [
    'questions.3.text: {{q:hello}}: "hello" is a statement: it has no answer to show',
  ]);
});

test('a question not answered before the text is shown is refused', () => {
  assert.deepEqual(problems('{{q:role}} {{q:ok}}', scopeOf(['role'])), [
    'questions.3.text: {{q:ok}}: question "ok" is not answered before this text is shown: a pipe may only show answers from earlier pages',
  ]);
});

test('malformed pipes are reported with their message', () => {
  assert.deepEqual(problems('{{q:}} {{foo:x}} {{q:why'), [
    'questions.3.text: {{q:}} needs a question id',
    'questions.3.text: {{foo:x}} is not a pipe: write {{q:ID}}, {{q:GRID.ROW}} or {{hidden:NAME}}',
    'questions.3.text: {{q:… is not closed: end it with }}',
  ]);
});

/** A survey in the model's shape, built by hand (survey.ts is another helper's). */
function survey(
  qs: readonly Record<string, unknown>[],
  extra: Partial<Omit<PipedSurvey, 'questions'>> = {},
): PipedSurvey {
  // Parsed with plain texts (the schema itself refuses pipes that do not fit, which is what
  // these tests look at through surveyPipeProblems), then given their texts back.
  const parsed = questionsSurveySchema.parse({
    title: 'S',
    questions: qs.map(({ endText: _e, text: _t, help, ...q }) => ({
      ...q,
      text: 'plain',
      ...(help === undefined ? {} : { help: 'plain' }),
    })),
  }).questions;
  return {
    questions: parsed.map((q, i) => {
      const { endText, text, help } = qs[i] ?? {};
      return {
        ...q,
        ...(typeof text === 'string' ? { text } : {}),
        ...(typeof help === 'string' ? { help } : {}),
        ...(typeof endText === 'string' ? { endText } : {}),
      };
    }),
    ...extra,
  };
}

const listed = (s: PipedSurvey) =>
  surveyPipeProblems(s).map((p) => `${p.path.join('.')}: ${p.message}`);

test('a questions: file may pipe earlier questions into text and help, its own into endText', () => {
  const s = survey(
    [
      { id: 'name', type: 'text', text: 'Name? {{q:name}}', endText: 'Bye {{q:name}}' },
      {
        id: 'ok',
        type: 'yesno',
        text: 'Hi {{q:name}}',
        help: '{{q:ok}} {{q:later}}',
        endText: '{{q:later}}',
      },
      { id: 'later', type: 'text', text: 'Later' },
    ],
    { thankYou: 'Thanks {{q:name}}, {{q:later}} {{hidden:src}}', hidden: ['src'] },
  );
  assert.deepEqual(listed(s), [
    'questions.0.text: {{q:name}}: question "name" is not answered before this text is shown: a pipe may only show answers from earlier pages',
    'questions.1.help: {{q:ok}}: question "ok" is not answered before this text is shown: a pipe may only show answers from earlier pages',
    'questions.1.help: {{q:later}}: question "later" is not answered before this text is shown: a pipe may only show answers from earlier pages',
    'questions.1.endText: {{q:later}}: question "later" is not answered before this text is shown: a pipe may only show answers from earlier pages',
  ]);
});

test('a pages: file checks page titles and help, and names questions by page', () => {
  const s = survey(
    [
      { id: 'name', type: 'text', text: 'Name?' },
      { id: 'age', type: 'number', text: 'Age, {{q:name}}?', endText: '{{q:name}} {{q:age}}' },
      { id: 'why', type: 'text', text: 'Why {{q:age}}?', help: '{{q:name}}' },
      { id: 'city', type: 'text', text: '{{q:why}}' },
    ],
    {
      layout: 'pages',
      pages: [
        { title: 'About {{q:name}}', questions: [0, 1] },
        { title: 'Then {{q:age}}', help: '{{q:why}}', questions: [2, 3] },
      ],
      thankYou: '{{q:city}} {{q:cty}}',
    },
  );
  assert.deepEqual(listed(s), [
    'pages.0.title: {{q:name}}: question "name" is not answered before this text is shown: a pipe may only show answers from earlier pages',
    'pages.0.questions.1.text: {{q:name}}: question "name" is not answered before this text is shown: a pipe may only show answers from earlier pages',
    'pages.1.help: {{q:why}}: question "why" is not answered before this text is shown: a pipe may only show answers from earlier pages',
    'pages.1.questions.1.text: {{q:why}}: question "why" is not answered before this text is shown: a pipe may only show answers from earlier pages',
    'thankYou: {{q:cty}}: unknown question "cty" — did you mean "city"?',
  ]);
});

test('a questions: file given as pages keeps the questions.N paths', () => {
  const s = survey(
    [
      { id: 'a', type: 'text', text: '{{q:b}}' },
      { id: 'b', type: 'text', text: 'B' },
    ],
    {
      layout: 'questions',
      pages: [{ questions: [0] }, { questions: [1] }],
    },
  );
  assert.deepEqual(listed(s), [
    'questions.0.text: {{q:b}}: question "b" is not answered before this text is shown: a pipe may only show answers from earlier pages',
  ]);
});

test('a text given per language is checked in each, with the language in the path', () => {
  const s: PipedSurvey = {
    ...survey([{ id: 'a', type: 'text', text: 'A' }]),
    thankYou: { en: 'Thanks {{q:a}}', fr: 'Merci {{q:b}}' },
  };
  assert.deepEqual(listed(s), ['thankYou.fr: {{q:b}}: unknown question "b" — did you mean "a"?']);
});

test('a survey without pipes has no pipe problems', () => {
  assert.deepEqual(listed(survey(questions.map((q) => ({ ...q })))), []);
});
