/**
 * "did you mean" for near misses (`choises` → `choices`, `rateing` → `rating`): the closest
 * known word within a small edit distance, else nothing (a wild guess misleads more than none).
 */

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The known word closest to `word`, when it is close enough to be a typo of it. */
export function suggest(word: string, known: readonly string[]): string | undefined {
  const limit = word.length <= 4 ? 1 : 2;
  let best: { word: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= limit && (best === undefined || distance < best.distance)) {
      best = { word: candidate, distance };
    }
  }
  return best?.word;
}

/** `unknown key "choises" — did you mean "choices"?` (several keys: one clause each). */
export function unknownKeysMessage(keys: readonly string[], known: readonly string[]): string {
  const clauses = keys.map((key) => {
    const near = suggest(key, known);
    return near === undefined ? `"${key}"` : `"${key}" — did you mean "${near}"?`;
  });
  return `unknown ${keys.length === 1 ? 'key' : 'keys'} ${clauses.join(', ')}`;
}
