/**
 * A count as `n.toLocaleString('en')` writes it ("12,345"), the way every page and message
 * shows counts. Whole numbers are grouped here: the first use of ICU's number formatter pages
 * about 5 MB of locale data into the process for good (measured: RSS 36 → 41 MB), and the
 * question page needs one count on every render. Anything else (fractions, -0, beyond 2^53)
 * still goes to ICU.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en');
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${digits}` : digits;
}

/** Characters as a person counts them (code points), not UTF-16 units: an emoji is one. */
export function countCharacters(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}
