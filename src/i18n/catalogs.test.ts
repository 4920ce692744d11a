import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { BUILT_IN_LANGUAGES } from '../domain/languages.js';
import { catalogs, messages } from './index.js';

/** Every argument and tag name a message uses, nested plurals and selects included. */
function namesIn(elements: readonly MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    into.add(el.type === TYPE.tag ? `<${el.value}>` : el.value);
    if (el.type === TYPE.tag) namesIn(el.children, into);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      for (const option of Object.values(el.options)) namesIn(option.value, into);
    }
  }
  return into;
}

const sorted = (names: Set<string>) => [...names].sort();

test('there is a catalog for every built-in language and no other', () => {
  assert.deepEqual(Object.keys(catalogs).sort(), [...BUILT_IN_LANGUAGES].sort());
});

test('every catalog has every message of the English one with the same placeholders', () => {
  const english = catalogs.en;
  for (const lang of BUILT_IN_LANGUAGES) {
    const catalog = catalogs[lang];
    assert.deepEqual(Object.keys(catalog).sort(), Object.keys(english).sort(), lang);
    for (const [key, source] of Object.entries(english)) {
      const text = catalog[key as keyof typeof english];
      const names = namesIn(parse(text));
      assert.deepEqual(sorted(names), sorted(namesIn(parse(source))), `${lang}.${key}`);
      assert.notEqual(text.trim(), '', `${lang}.${key} is blank`);
    }
  }
});

test('the English flash stays the seed text byte for byte', () => {
  assert.equal(messages('en').t('invalidQuestion', { qid: '7' }), 'Invalid question id: 7.');
});

test('plurals follow each language: Arabic has a form for two', () => {
  assert.equal(messages('en').t('questionCount', { count: 1 }), '1 question');
  assert.equal(messages('fr').t('questionCount', { count: 2 }), '2 questions');
  assert.equal(messages('ar').t('questionCount', { count: 2 }), 'سؤالان');
  assert.equal(messages('de').t('questionCount', { count: 1 }), '1 Frage');
});

test('a tagged message comes apart at its tag, for the view to mark up', () => {
  assert.deepEqual(messages('fr').parts('recorded', { title: 'Café' }), [
    'Vos réponses à ',
    'Café',
    ' ont été enregistrées.',
  ]);
});

test('moments are written in the language, English as the seed wrote them', () => {
  assert.equal(
    messages('en').moment('2030-03-01T09:00:00+01:00'),
    '2030-03-01 at 09:00 (UTC+01:00)',
  );
  assert.match(messages('fr').moment('2030-03-01T09:00:00+01:00'), /^1 mars 2030.*08:00 \(UTC\)$/);
});
