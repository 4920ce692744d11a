import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { escapeHtml } from '../html.js';
import { fillHoles, type HoledDocument } from './holes.js';

/** A document of `sizes.length + 1` pieces of repeated letters around holes for value 0. */
function holed(sizes: readonly number[], last: number): HoledDocument {
  const pieces = [...sizes, last].map((size, i) => Buffer.alloc(size, 97 + (i % 26)));
  return { pieces, holes: sizes.map(() => 0) };
}

/** The pieces around the value escaped as HTML, in UTF-8. */
const expected = ({ pieces }: HoledDocument, value: string) =>
  Buffer.from(pieces.map((piece) => piece.toString('latin1')).join(escapeHtml(value)));

test('documents filled one after another keep their own bytes, small and large', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          // Up to 40 KiB: past a quarter of the 64 KiB slab and across its end.
          sizes: fc.array(fc.nat({ max: 10_000 }), { maxLength: 3 }),
          last: fc.nat({ max: 10_000 }),
          // Canvass's own tokens (copied as they are) and any other text (escaped).
          token: fc.oneof(fc.stringMatching(/^[\w-]{0,40}$/), fc.string({ maxLength: 40 })),
        }),
        { minLength: 1, maxLength: 40 },
      ),
      (documents) => {
        const made = documents.map(({ sizes, last, token }) => {
          const document = holed(sizes, last);
          return { filled: fillHoles(document, [token]), want: expected(document, token) };
        });
        // Compared only once all are made: a later document must not write over an earlier one.
        for (const { filled, want } of made) assert.deepEqual(filled, want);
      },
    ),
    { numRuns: process.env.CI ? 500 : 100 },
  );
});
