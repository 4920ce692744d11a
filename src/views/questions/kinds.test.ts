/** What each kind's markup says beyond its field names: attributes, hints, order, escaping. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kindNames, prefixedNames, type Question } from '../../domain/questions/index.js';
import { messages } from '../../i18n/index.js';
import { context, elements, question } from './fixtures.test.js';
import { errorSummary, fieldId, fieldOrder, renderQuestion, renderers } from './index.js';

const render = (q: Question, extra: Parameters<typeof context>[0] = {}) =>
  renderQuestion(q, context(extra)).value;

/** The first `tag` element's attributes (failing when there is none). */
function firstOf(markup: string, tag: string) {
  const [first] = elements(markup, tag);
  assert.ok(first, `a <${tag}> is shown`);
  return first;
}

/** The `value`s of the controls named `name`, in the order shown. */
const shownValues = (markup: string, name: string) =>
  elements(markup, 'input')
    .filter((a) => a.get('name') === name)
    .map((a) => a.get('value'));

test('every text the survey gives is escaped, in content and in attributes', () => {
  const evil = '<script>alert("x")</script> & \'q\'';
  const qs: Question[] = [
    question('choice', {
      text: evil,
      help: evil,
      choices: [evil, { id: `${evil}2`, text: 'B' }],
      other: evil,
      allowText: evil,
    }),
    question('dropdown', { text: evil, choices: [evil] }),
    question('multi', { text: evil, choices: [evil] }),
    question('text', { text: evil, placeholder: evil }),
    question('number', { text: evil, unit: '<u>' }),
    question('rating', { text: evil, labels: { low: evil, high: evil } }),
    question('grid', { text: evil, rows: [evil], columns: [evil, 'b'] }),
    question('ranking', { text: evil, choices: [evil, 'b'] }),
    question('consent', { text: evil, label: evil }),
    question('statement', { text: evil, help: evil }),
  ];
  for (const q of qs) {
    const markup = render(q, {
      values: { answer: evil, other: evil, comment: evil },
      errors: { answer: evil },
    });
    assert.ok(!markup.includes('<script>'), q.type);
    assert.ok(!markup.includes('"x"'), `${q.type}: quotes escaped`);
    assert.ok(!markup.includes('<u>'), q.type);
  }
});

test('shuffled choices keep one order per response and question, and differ between responses', () => {
  const q = question('choice', {
    choices: ['a', 'b', 'c', 'd', 'e', 'f'],
    shuffle: true,
    other: true,
  });
  const orderFor = (responseId: number) => shownValues(render(q, { responseId }), 'answer').join();
  assert.equal(orderFor(42), orderFor(42));
  const orders = new Set([1, 2, 3, 4, 5, 6, 7, 8].map(orderFor));
  assert.ok(orders.size > 1, 'the order depends on the response');
  for (const order of orders) assert.ok(order.endsWith(',_other'), 'Other stays last');
  const unshuffled = question('choice', { choices: ['a', 'b', 'c'] });
  assert.equal(shownValues(render(unshuffled, { responseId: 9 }), 'answer').join(), 'a,b,c');
});

test('exclusive choices come after the others, then Other, shuffled or not', () => {
  for (const shuffle of [false, true]) {
    const q = question('multi', {
      choices: [{ id: 'none', text: 'None', exclusive: true }, 'a', 'b', 'c'],
      other: true,
      shuffle,
    });
    for (const responseId of [1, 2, 3]) {
      assert.deepEqual(shownValues(render(q, { responseId }), 'answer').slice(-2), [
        'none',
        '_other',
      ]);
    }
  }
  const q = question('multi', { choices: ['a', { id: 'n', text: 'None', exclusive: true }] });
  assert.match(
    render(q),
    /<div class="choice choice-exclusive"><input type="checkbox" id="answer-1"/,
  );
});

test('shuffled grid rows and ranked choices follow the response, and each row keeps its own radios', () => {
  const grid = question('grid', {
    rows: ['r1', 'r2', 'r3', 'r4', 'r5'],
    columns: ['c1', 'c2'],
    shuffle: true,
  });
  const rowsOf = (id: number) =>
    [...render(grid, { responseId: id }).matchAll(/<th scope="row">([^<]*)/g)]
      .map((m) => m[1])
      .join();
  assert.equal(rowsOf(5), rowsOf(5));
  assert.ok(new Set([1, 2, 3, 4, 5, 6].map(rowsOf)).size > 1);
  const ranking = question('ranking', { choices: ['a', 'b', 'c', 'd', 'e'], shuffle: true });
  const ranked = (id: number) =>
    elements(render(ranking, { responseId: id }), 'select')
      .map((a) => a.get('name'))
      .join();
  assert.equal(ranked(5), ranked(5));
  assert.ok(new Set([1, 2, 3, 4, 5, 6].map(ranked)).size > 1);
});

test('the Other option has a value no choice has, and a text box of at most 500 characters', () => {
  const q = question('choice', { choices: ['_other', 'b'], other: 'Something else' });
  const markup = render(q);
  assert.deepEqual(shownValues(markup, 'answer'), ['_other', 'b', '_other_']);
  assert.match(markup, /<label for="answer-2">Something else<\/label>/);
  const box = elements(markup, 'input').find((a) => a.get('name') === 'other');
  assert.ok(box);
  assert.equal(box.get('maxlength'), '500');
  assert.equal(box.get('dir'), 'auto');
  assert.match(markup, /<label for="other-0">Please specify<\/label>/);
});

test('a dropdown starts with an empty "Choose…" option and marks the chosen one', () => {
  const q = question('dropdown', { choices: ['A', { id: 'b', text: 'B' }], other: true });
  const markup = render(q, { values: { answer: 'b' } });
  assert.match(
    markup,
    /<select class="input" id="answer-0" name="answer"><option value="">Choose…<\/option><option value="A">A<\/option><option value="b" selected>B<\/option><option value="_other">Other<\/option><\/select>/,
  );
});

test('yes/no shows two radios posting yes and no', () => {
  const markup = render(question('yesno'));
  assert.deepEqual(shownValues(markup, 'answer'), ['yes', 'no']);
  assert.match(markup, /<label for="answer-0">Yes<\/label>.*<label for="answer-1">No<\/label>/);
});

test('text boxes carry maxlength, dir=auto and the limits as a hint', () => {
  const text = firstOf(render(question('text', { placeholder: 'e.g. Paris' })), 'input');
  assert.equal(text.get('maxlength'), '500');
  assert.equal(text.get('dir'), 'auto');
  assert.equal(text.get('placeholder'), 'e.g. Paris');
  assert.match(
    render(question('text')),
    /<p id="answer-hint" class="hint">Up to 500 characters.<\/p>/,
  );
  const long = render(question('longtext', { min: 20 }));
  assert.match(long, /<textarea id="answer-0" name="answer" rows="8" maxlength="5000" dir="auto"/);
  assert.match(long, /Between 20 and 5,000 characters\./);
  const mail = firstOf(render(question('email')), 'input');
  assert.equal(mail.get('type'), 'email');
  assert.equal(mail.get('dir'), 'auto');
});

test('a number box has min, max, a step of 1 for whole numbers and any otherwise, and its unit', () => {
  const whole = render(question('number', { min: 0, max: 1500, integer: true, unit: 'kg' }));
  const input = firstOf(whole, 'input');
  assert.equal(input.get('min'), '0');
  assert.equal(input.get('max'), '1500');
  assert.equal(input.get('step'), '1');
  assert.equal(input.get('inputmode'), 'numeric');
  assert.match(whole, /<span id="answer-unit" class="unit">kg<\/span>/);
  assert.ok(input.get('aria-describedby')?.includes('answer-unit'));
  assert.match(whole, /A whole number from 0 to 1,500\./);
  const any = firstOf(render(question('number', { min: -2.5 })), 'input');
  assert.equal(any.get('step'), 'any');
  assert.equal(any.has('inputmode'), false, 'phone number pads have no minus sign');
  assert.equal(any.has('max'), false);
});

test('a date box resolves "today" only when the context knows the date', () => {
  const q = question('date', { min: '2020-01-01', max: 'today' });
  const known = firstOf(render(q, { today: '2026-12-02' }), 'input');
  assert.equal(known.get('min'), '2020-01-01');
  assert.equal(known.get('max'), '2026-12-02');
  const unknown = firstOf(render(q), 'input');
  assert.equal(unknown.get('min'), '2020-01-01');
  assert.equal(unknown.has('max'), false);
  assert.match(render(q), /A date from 2020-01-01 to today\./);
});

test('the ranking and date hints are in the respondent’s language, "today" in its words', () => {
  const hint = (q: Question, lang: 'fr' | 'ar') =>
    /class="hint">([^<]*)<\/p>/.exec(render(q, { messages: messages(lang) }))?.[1];
  const ranking = question('ranking', { choices: ['a', 'b', 'c'], top: 2 });
  assert.equal(
    hint(ranking, 'fr'),
    'Classez vos 2 premiers choix : donnez-leur les rangs 1 à 2, 1 pour votre premier choix.',
  );
  assert.match(render(ranking), /Rank your top 2: give them 1 to 2, 1 for your first choice\./);
  const date = question('date', { min: '2020-01-01', max: 'today' });
  assert.equal(hint(date, 'fr'), 'Une date entre le 2020-01-01 et aujourd’hui.');
  assert.equal(hint(date, 'ar'), 'تاريخ من 2020-01-01 إلى اليوم.');
});

test('rating and NPS radios run from their lowest to highest point, the end labels in their names', () => {
  const rating = render(question('rating', { scale: 4, labels: { low: 'Poor', high: 'Great' } }));
  assert.deepEqual(shownValues(rating, 'answer'), ['1', '2', '3', '4']);
  assert.match(
    rating,
    /<label for="answer-0">1<span class="visually-hidden">: Poor<\/span><\/label>/,
  );
  assert.match(
    rating,
    /<label for="answer-3">4<span class="visually-hidden">: Great<\/span><\/label>/,
  );
  assert.match(
    rating,
    /<div class="scale-ends" aria-hidden="true"><span>Poor<\/span><span>Great<\/span><\/div>/,
  );
  const nps = render(question('nps'));
  assert.deepEqual(shownValues(nps, 'answer'), [
    '0',
    '1',
    '2',
    '3',
    '4',
    '5',
    '6',
    '7',
    '8',
    '9',
    '10',
  ]);
  assert.ok(!nps.includes('scale-ends'));
});

test('a grid is a table in a focusable, labelled scroll region, each radio named "row: column"', () => {
  const q = question('grid', { rows: [{ id: 'speed', text: 'Speed' }], columns: ['Bad', 'Good'] });
  const markup = render(q, { values: { 'answer.speed': 'Good' } });
  assert.match(markup, /<h1 id="answer-title">Q<\/h1>/);
  assert.match(
    markup,
    /<div class="grid-scroll" role="region" aria-labelledby="answer-title" tabindex="0">/,
  );
  assert.match(markup, /<th scope="col">Bad<\/th><th scope="col">Good<\/th>/);
  assert.match(markup, /<th scope="row">Speed<\/th>/);
  assert.match(
    markup,
    /<input type="radio" id="answer.speed-1" name="answer.speed" value="Good" checked><label for="answer.speed-1" class="visually-hidden">Speed: Good<\/label>/,
  );
});

test('a ranking offers "—" and ranks 1 to top for each choice, labelled by the choice', () => {
  const q = question('ranking', { choices: ['A', 'B', 'C'], top: 2 });
  const markup = render(q, { values: { 'answer.B': '2' } });
  assert.match(markup, /<label for="answer.B-0">B<\/label>/);
  assert.match(
    markup,
    /name="answer.B"><option value="">—<\/option><option value="1">1<\/option><option value="2" selected>2<\/option><\/select>/,
  );
  assert.match(markup, /Rank your top 2/);
});

test('consent is one checkbox posting yes, labelled by its label or else the question text', () => {
  assert.match(
    render(question('consent', { label: 'I agree' })),
    /<input type="checkbox" id="answer-0" name="answer" value="yes"><label for="answer-0">I agree<\/label>/,
  );
  assert.match(
    render(question('consent', { text: 'Agree?' })),
    /<label for="answer-0">Agree\?<\/label>/,
  );
});

test('a statement shows its text and help, and no control', () => {
  const markup = render(question('statement', { text: 'Welcome', help: 'Read this' }));
  assert.equal(
    markup,
    '<div class="statement">\n<h1>Welcome</h1>\n<p id="answer-help" class="hint">Read this</p>\n</div>\n',
  );
});

test('an optional question says so, and the heading level follows the page', () => {
  assert.match(
    render(question('text', { required: false })),
    /<h1><label for="answer-0">Q <span class="optional">\(optional\)<\/span><\/label><\/h1>/,
  );
  assert.match(render(question('yesno'), { heading: 'h2' }), /<legend><h2>Q<\/h2><\/legend>/);
});

test('allowText adds the comment box with its own label, the built-in wording otherwise', () => {
  const labelled = render(question('nps', { allowText: 'Why that score?' }));
  assert.match(
    labelled,
    /<label for="comment">Why that score\? <span class="optional">\(optional, up to 2,000 characters\)<\/span><\/label>/,
  );
  assert.match(
    labelled,
    /<textarea id="comment" name="comment" rows="4" dir="auto">\n<\/textarea>/,
  );
  assert.match(
    render(question('email', { allowText: true })),
    /<label for="comment">Tell us more /,
  );
  assert.ok(!render(question('email')).includes('comment'));
});

test('on a page of several questions the fields are prefixed by the question id', () => {
  const q = question('multi', { id: 'pets', choices: ['cat'], other: true, allowText: true });
  const markup = renderQuestion(q, context({}, prefixedNames('pets'))).value;
  assert.match(markup, /id="pets-0" name="pets" value="cat"/);
  assert.match(markup, /id="pets.other-0" name="pets.other"/);
  assert.match(markup, /<textarea id="pets.comment" name="pets.comment"/);
});

test('field ids are safe for any field name, distinct, and the summary links to them in page order', () => {
  assert.equal(fieldId('answer'), 'answer-0');
  assert.equal(fieldId('comment'), 'comment');
  assert.equal(fieldId('q3.comment'), 'q3.comment');
  assert.equal(fieldId('answer.Price & value'), 'answer.Price~20~~26~~20~value-0');
  const names = ['answer.a b', 'answer.a~20~b', 'answer.a-0', 'answer.a', 'answer.é', 'answer.e'];
  const ids = names.map(fieldId);
  assert.equal(new Set(ids).size, names.length);
  for (const id of ids) assert.doesNotMatch(id, /\s/);
  const summary = errorSummary({ other: 'b', 'answer.x': 'c', answer: 'a' }, [
    'answer',
    'other',
  ]).value;
  assert.match(summary, /href="#answer-0">a<.*href="#other-0">b<.*href="#answer.x-0">c</);
  assert.equal(errorSummary({}, ['answer']).value, '');
});

test('every kind of the registry has a renderer, in the registry order', () => {
  assert.deepEqual(Object.keys(renderers), kindNames);
});

test('the field order runs down the page: answer, shown rows or ranked choices, Other, comment', () => {
  const names = prefixedNames('q1');
  assert.deepEqual(fieldOrder(question('choice', { allowText: true }), { names, responseId: 1 }), [
    'q1',
    'q1.comment',
  ]);
  assert.deepEqual(
    fieldOrder(question('multi', { choices: ['a'], other: true }), { names, responseId: 1 }),
    ['q1', 'q1.other'],
  );
  assert.deepEqual(fieldOrder(question('statement'), { names, responseId: 1 }), []);
  const grid = question('grid', {
    rows: ['r1', 'r2', 'r3', 'r4'],
    columns: ['a', 'b'],
    shuffle: true,
  });
  for (const responseId of [1, 2, 3]) {
    const shown = [...render(grid, { responseId, names }).matchAll(/name="(q1\.r\d)"/g)].map(
      (m) => m[1],
    );
    assert.deepEqual(fieldOrder(grid, { names, responseId }), ['q1', ...new Set(shown)]);
  }
});
