import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { catalogs, messages, type MessageKey } from './index.js';

/** Every argument of a message by how it is used: as a number (number, plural) or as text. */
function argumentsOf(
  elements: readonly MessageFormatElement[],
  into = new Map<string, 'number' | 'text'>(),
): Map<string, 'number' | 'text'> {
  for (const el of elements) {
    if (el.type === TYPE.number || el.type === TYPE.plural) into.set(el.value, 'number');
    if (el.type === TYPE.argument || el.type === TYPE.select)
      if (!into.has(el.value)) into.set(el.value, 'text');
    if (el.type === TYPE.tag) argumentsOf(el.children, into);
    if (el.type === TYPE.plural || el.type === TYPE.select)
      for (const option of Object.values(el.options)) argumentsOf(option.value, into);
  }
  return into;
}

const NUMBERS = [0, 1, 2, -1, 7, 999, 1000, 2000, 12345, 1234567, 2.5, -0.25, 1234.5678, 2 ** 53];
const TEXTS = ['yes', 'no', 'today', '2024-03-31', 'Ada'];

test('English messages read as intl-messageformat writes them, for whole numbers, fractions and every select', () => {
  const m = messages('en');
  for (const [key, message] of Object.entries(catalogs.en) as [MessageKey, string][]) {
    const names = [...argumentsOf(parse(message))];
    const reference = new IntlMessageFormat(message, 'en');
    for (const [i, n] of NUMBERS.entries()) {
      for (const [j, text] of TEXTS.entries()) {
        // Neighbouring numbers differ, so a message of two counts sees them differ too.
        const values = Object.fromEntries(
          names.map(([name, use], k) => [
            name,
            use === 'number' ? (NUMBERS[(i + k) % NUMBERS.length] ?? n) : text,
          ]),
        );
        const expected = String(
          reference.format({ ...values, b: (chunks: string[]) => chunks.join('') }),
        );
        const [before, inside, after] = m.parts(key, values);
        assert.equal(`${before}${inside}${after}`, expected, `${key} ${JSON.stringify(values)}`);
        if (!message.includes('<b>'))
          assert.equal(m.t(key, values), expected, `${key} ${j} ${JSON.stringify(values)}`);
      }
    }
  }
});
