/**
 * `shuffle: true` (SURVEYS.md §2): choices (grid: rows) shown in an order drawn from the
 * response id and the question id, so the order is the same on reload, after Back and after
 * resume, without storing it. `exclusive` choices stay last, in file order (Other is not an
 * item: the renderer puts it after all of them).
 */
import { createHash } from 'node:crypto';

/** mulberry32: a small, well-mixed 32-bit generator; enough to order a few choices. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The order in which `items` are shown in one response; the input is not changed. */
export function shuffled<
  T extends { readonly id: string | number; readonly exclusive?: boolean | undefined },
>(items: readonly T[], responseId: number, questionId: string): T[] {
  const seed = createHash('sha256')
    .update(`${responseId}\u0000${questionId}`)
    .digest()
    .readUInt32BE(0);
  const random = generator(seed);
  const free = items.filter((i) => i.exclusive !== true);
  // Fisher–Yates, from the end.
  for (let i = free.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const [a, b] = [free[i], free[j]];
    if (a !== undefined && b !== undefined) [free[i], free[j]] = [b, a];
  }
  return [...free, ...items.filter((i) => i.exclusive === true)];
}
