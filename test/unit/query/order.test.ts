/**
 * pprof's flat and cum orders (query/graph/order.ts) on many nodes: the fast
 * sort (float64 magnitudes, names fetched once, the engine's string
 * comparison when no name has a surrogate) gives the order of the exact
 * comparator (bigint magnitudes, Go's UTF-8 string order) in every case,
 * including names past the BMP, whose UTF-16 order differs from UTF-8's.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortNodes, absBig, type OrderInput } from '../../../src/query/graph/order.js';
import { compareGoStrings } from '../../../src/query/strings.js';
import { infoSortKey, type NodeInfo } from '../../../src/query/nodes.js';

/** The order spelled out with the exact comparisons, as the reference. */
function reference(ids: number[], g: OrderInput, by: 'flat' | 'cum'): number[] {
  const [first, second] = by === 'flat' ? [g.flat, g.cum] : [g.cum, g.flat];
  const desc = (x: bigint, y: bigint): number => (absBig(x) === absBig(y) ? 0 : absBig(x) > absBig(y) ? -1 : 1);
  return [...ids].sort((a, b) => desc(first[a]!, first[b]!) || compareGoStrings(g.name(a), g.name(b)) ||
    desc(second[a]!, second[b]!) || compareGoStrings(infoSortKey(g.infos[a]!), infoSortKey(g.infos[b]!)));
}

function input(names: string[], flat: bigint[], cum: bigint[]): OrderInput {
  // Distinct identities (the line number), so the last tie-break, pprof's identity string, decides every tie.
  const infos: NodeInfo[] = names.map((name, i) => ({ name, address: 0n, file: '', startLine: 0, lineno: i, objfile: '' }));
  return { infos, flat, cum, name: (n) => names[n]! };
}

test('thousands of nodes with many ties sort as the exact comparator does', () => {
  let seed = 99;
  const rand = (k: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % k;
  };
  const n = 3000;
  const names = Array.from({ length: n }, () => `pkg${rand(30)}.fn${rand(200)}`);
  const flat = Array.from({ length: n }, () => (rand(4) === 0 ? BigInt(rand(50)) * 10_000_000n : 0n));
  const cum = flat.map((f) => f + BigInt(rand(5)) * 10_000_000n);
  for (const by of ['flat', 'cum'] as const) {
    const g = input(names, flat, cum);
    const ids = Array.from({ length: n }, (_, i) => n - 1 - i);
    sortNodes(ids, by, g);
    assert.deepEqual(ids, reference(ids, g, by), by);
  }
});

test('names past the BMP sort in UTF-8 order (after U+E000-U+FFFF), not UTF-16 order', () => {
  const names = ['main.\u{1F525}', 'main.\uE000', 'main.a', 'main.\uFFFD', 'main.\u{10000}'];
  const g = input(names, names.map(() => 0n), names.map(() => 5n));
  const ids = [0, 1, 2, 3, 4];
  sortNodes(ids, 'flat', g);
  assert.deepEqual(ids.map((i) => names[i]), ['main.a', 'main.\uE000', 'main.\uFFFD', 'main.\u{10000}', 'main.\u{1F525}']);
});

test('magnitudes from 2^53 keep their exact order', () => {
  const big = 2n ** 53n;
  const names = ['a', 'b', 'c'];
  const g = input(names, [big, big + 1n, -(big + 2n)], [big, big + 1n, big + 2n]);
  const ids = [0, 1, 2];
  sortNodes(ids, 'flat', g);
  assert.deepEqual(ids, [2, 1, 0]);
});
