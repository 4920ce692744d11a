/**
 * What every kind's markup must do for assistive technology, checked on real errors from the
 * kinds' own `parse`: each error sits next to its field in `<p id="…-error">`, is referenced by
 * `aria-describedby` with `aria-invalid="true"`, and every error summary link lands on an
 * element of the page; every control has a `<label for>`; help is tied to the question; ids
 * are unique.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  parseAnswer,
  prefixedNames,
  singleQuestionNames,
  type FieldNames,
  type FormFields,
  type Kind,
  type Question,
} from '../../domain/questions/index.js';
import { escapeHtml } from '../html.js';
import { attributes, context, ids, question } from './fixtures.test.js';
import { errorId, helpId } from './parts/ids.js';
import { errorSummary, fieldOrder, renderQuestion } from './index.js';
import { messages } from '../../i18n/index.js';

const help = { help: 'Small print', allowText: true };
const tooLong = 'x'.repeat(2_001);

/** Per kind, a question with help and comment, and forms its `parse` refuses. */
const cases: { [K in Kind]: { q: Question; forms: FormFields[] } } = {
  choice: {
    q: question('choice', { ...help, choices: ['A', 'B'], other: true }),
    forms: [{}, { answer: '_other' }, { answer: 'A', comment: tooLong }],
  },
  dropdown: {
    q: question('dropdown', { ...help, choices: ['A', 'B'], other: true }),
    forms: [{}, { answer: '_other' }],
  },
  yesno: { q: question('yesno', help), forms: [{}, { answer: 'maybe' }] },
  multi: {
    q: question('multi', { ...help, choices: ['A', 'B'], other: true, min: 2 }),
    forms: [{}, { answer: 'A' }, { answer: ['A', '_other'] }],
  },
  text: { q: question('text', { ...help, min: 3 }), forms: [{}, { answer: 'ab' }] },
  longtext: { q: question('longtext', help), forms: [{}] },
  email: { q: question('email', help), forms: [{ answer: 'not an address' }] },
  number: { q: question('number', { ...help, unit: 'kg', max: 3 }), forms: [{ answer: '4' }] },
  date: { q: question('date', { ...help, max: 'today' }), forms: [{ answer: '2999-01-01' }] },
  rating: { q: question('rating', help), forms: [{}] },
  nps: { q: question('nps', help), forms: [{ answer: '11' }] },
  grid: {
    q: question('grid', { ...help, rows: ['Price & value', 'Speed'], columns: ['Bad', 'Good'] }),
    forms: [{}, { 'answer.Speed': 'Good' }],
  },
  ranking: {
    q: question('ranking', { ...help, choices: ['A', 'B', 'C'] }),
    forms: [{}, { 'answer.A': '1', 'answer.B': '1' }],
  },
  consent: { q: question('consent', help), forms: [{}, { answer: 'no' }] },
  statement: { q: question('statement', { help: 'Small print' }), forms: [] },
};

/** The form as it would be posted under other field names. */
function renamed(form: FormFields, names: FieldNames): FormFields {
  return Object.fromEntries(
    Object.entries(form).map(([name, value]) => {
      const to =
        name === 'answer'
          ? names.answer
          : name === 'comment'
            ? names.comment
            : name === 'other'
              ? names.other
              : names.part(name.slice('answer.'.length));
      return [to, value];
    }),
  );
}

/** Every start tag's attributes. */
const tags = (markup: string) =>
  [...markup.matchAll(/<\w+\b([^>]*)>/g)].map((m) => attributes(m[1] ?? ''));

function checkErrors(q: Question, form: FormFields, names: FieldNames): void {
  const parsed = parseAnswer(form, q, { names, today: () => '2026-12-02', m: messages('en') });
  assert.equal(parsed.kind, 'invalid', `${q.type}: ${JSON.stringify(form)}`);
  const markup = renderQuestion(
    q,
    context({ errors: parsed.errors, values: parsed.values }, names),
  ).value;
  const present = new Set(ids(markup));
  for (const [name, message] of Object.entries(parsed.errors)) {
    const id = errorId(name);
    assert.ok(
      markup.includes(`<p id="${escapeHtml(id)}" class="field-error">${escapeHtml(message)}</p>`),
      `${q.type}: the error of ${name} is shown`,
    );
    const described = tags(markup).filter((a) =>
      (a.get('aria-describedby') ?? '').split(' ').includes(id),
    );
    assert.ok(described.length > 0, `${q.type}: something is described by ${id}`);
    for (const a of described) assert.equal(a.get('aria-invalid'), 'true');
  }
  const order = fieldOrder(q, { names, responseId: 1 });
  for (const name of Object.keys(parsed.errors)) {
    assert.ok(order.includes(name), `${q.type}: ${name} is one of the question's fields`);
  }
  const summary = errorSummary(parsed.errors, order).value;
  for (const [, href] of summary.matchAll(/href="#([^"]*)"/g)) {
    assert.ok(present.has(href ?? ''), `${q.type}: the summary's link #${href} lands on the page`);
  }
}

for (const kind of Object.keys(cases) as Kind[]) {
  test(`a ${kind} question shows each error beside its field, described and linked from the summary`, () => {
    const { q, forms } = cases[kind];
    for (const names of [singleQuestionNames, prefixedNames('q7')]) {
      for (const form of forms) checkErrors(q, renamed(form, names), names);
    }
  });

  test(`a ${kind} question labels every control, ties its help to the question and repeats no id`, () => {
    const { q } = cases[kind];
    for (const names of [singleQuestionNames, prefixedNames('q7')]) {
      const markup = renderQuestion(q, context({}, names)).value;
      const all = ids(markup);
      assert.deepEqual(all, [...new Set(all)], 'ids are unique');
      const labelled = new Set(tags(markup).flatMap((a) => a.get('for') ?? []));
      const controls = [...markup.matchAll(/<(input|select|textarea)\b([^>]*)>/g)];
      assert.equal(controls.length > 0, q.type !== 'statement');
      for (const [, , attrs] of controls) {
        const id = attributes(attrs ?? '').get('id') ?? '';
        assert.ok(labelled.has(id), `${kind}: control ${id} has a label`);
        assert.ok(
          !attributes(attrs ?? '').has('required'),
          'the server validates, not the browser',
        );
      }
      const helpAt = helpId(names.answer);
      assert.ok(markup.includes(`<p id="${helpAt}" class="hint">Small print</p>`));
      if (q.type !== 'statement') {
        assert.ok(
          tags(markup).some((a) => (a.get('aria-describedby') ?? '').split(' ').includes(helpAt)),
          `${kind}: the help describes the question`,
        );
      }
    }
  });
}
