/**
 * Function names for assertions: the Go package of a symbol, and "did you
 * mean" suggestions for a name that matches nothing, so a misspelt function
 * in a test fails loudly instead of passing a "< 5%" check with 0%.
 */

/**
 * The Go package path of a symbol: `runtime.mallocgc` -> `runtime`,
 * `github.com/x/y.(*T).m` -> `github.com/x/y`, `main.(*planner).paths` -> `main`.
 * The package ends at the first `.` after the last `/`. A name without a `.`
 * (a C symbol, `<unknown>`) has no package: ''.
 */
export function packageOf(name: string): string {
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  return dot < 0 ? '' : name.slice(0, dot);
}

/** Levenshtein distance, with an early exit once every cell exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Up to `limit` candidates closest to `wanted`: by edit distance (at most a
 * third of the name, at least 2), then names containing `wanted` or its last
 * dotted part; ties by name.
 */
export function closestNames(wanted: string, candidates: Iterable<string>, limit = 3): string[] {
  const maxDist = Math.max(2, Math.floor(wanted.length / 3));
  const tail = wanted.slice(wanted.lastIndexOf('.') + 1).toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of new Set(candidates)) {
    const d = editDistance(wanted, name, maxDist);
    if (d <= maxDist) scored.push({ name, score: d });
    else if (tail.length >= 3 && name.toLowerCase().includes(tail)) scored.push({ name, score: maxDist + 1 });
  }
  scored.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.name);
}
