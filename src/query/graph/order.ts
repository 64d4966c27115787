/**
 * pprof's node and edge orders, with their complete tie-breaks: flat
 * (|flat|, name, |cum|, identity), cum (|cum|, name, |flat|, identity) and
 * the entropy order of visual reports (a score that favours entry and leaf
 * nodes and penalises plain fall-through, then name, |flat|, identity).
 * Node identity is Go's fmt.Sprint of pprof's NodeInfo, so the order is
 * total and never depends on the input order.
 */

import { compareGoStrings } from '../strings.js';
import { infoSortKey, type NodeInfo } from '../nodes.js';

/** Which order a report sorts its nodes in. */
export type NodeOrder = 'flat' | 'cum' | 'entropy';

/** What an order reads of a node. */
export interface OrderInput {
  readonly infos: readonly NodeInfo[];
  readonly flat: readonly bigint[];
  readonly cum: readonly bigint[];
  /** Printable name of a node. */
  name(n: number): string;
}

/** An edge as the orders see it. */
export interface OrderEdge {
  readonly src: number;
  readonly dest: number;
  readonly weight: bigint;
}

/** |v| of a bigint. */
export function absBig(v: bigint): bigint {
  return v < 0n ? -v : v;
}

function byAbsDesc(a: bigint, b: bigint): number {
  const x = absBig(a);
  const y = absBig(b);
  return x === y ? 0 : x > y ? -1 : 1;
}

/** Go's abs64 on an int64: -(-2^63) overflows back to -2^63. */
function abs64(v: bigint): bigint {
  return v < 0n ? BigInt.asIntN(64, -v) : v;
}

function byAbs64Desc(a: bigint, b: bigint): number {
  const x = abs64(a);
  const y = abs64(b);
  return x === y ? 0 : x > y ? -1 : 1;
}

/** Go's int64(f) on amd64: NaN and out-of-range values become -2^63. */
function goInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= 2 ** 63 || f < -(2 ** 63)) return -(2n ** 63n);
  return BigInt(Math.trunc(f));
}

/** Sorts node ids in place by one of pprof's orders; `score` is required for 'entropy'. */
export function sortNodes(ids: number[], order: NodeOrder, g: OrderInput, score?: ReadonlyMap<number, bigint>): void {
  const ident = (a: number, b: number): number => compareGoStrings(infoSortKey(g.infos[a]!), infoSortKey(g.infos[b]!));
  const byName = (a: number, b: number): number => compareGoStrings(g.name(a), g.name(b));
  switch (order) {
    case 'flat':
    case 'cum': {
      const [first, second] = order === 'flat' ? [g.flat, g.cum] : [g.cum, g.flat];
      if (sortByNumbers(ids, first, second, g, ident)) return;
      ids.sort((a, b) => byAbsDesc(first[a]!, first[b]!) || byName(a, b) || byAbsDesc(second[a]!, second[b]!) || ident(a, b));
      return;
    }
    case 'entropy': {
      if (score === undefined) throw new Error('entropy order needs scores');
      ids.sort((a, b) => byAbs64Desc(score.get(a)!, score.get(b)!) || byName(a, b) || byAbsDesc(g.flat[a]!, g.flat[b]!) ||
        ident(a, b));
      return;
    }
  }
}

/**
 * The flat or cum order with |first| and |second| as numbers and the names
 * looked up once per node, not per comparison: a real top table sorts
 * thousands of nodes. False (nothing sorted) when some magnitude reaches
 * 2^53, where numbers could tie values that differ.
 */
function sortByNumbers(
  ids: number[], first: readonly bigint[], second: readonly bigint[], g: OrderInput, ident: (a: number, b: number) => number,
): boolean {
  const n = ids.length;
  const f = new Float64Array(n);
  const c = new Float64Array(n);
  const names = new Array<string>(n);
  for (let k = 0; k < n; k++) {
    const x = absBig(first[ids[k]!]!);
    const y = absBig(second[ids[k]!]!);
    if (x >= SAFE || y >= SAFE) return false;
    f[k] = Number(x);
    c[k] = Number(y);
    names[k] = g.name(ids[k]!);
  }
  // Without surrogates, UTF-16 order is UTF-8 (Go's) order, and the engine's own comparison is exact.
  const plain = names.every((s) => !SURROGATE.test(s));
  const byName = plain ? (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0) : compareGoStrings;
  const order = Array.from({ length: n }, (_, k) => k);
  order.sort((a, b) => f[b]! - f[a]! || byName(names[a]!, names[b]!) || c[b]! - c[a]! || ident(ids[a]!, ids[b]!));
  const sorted = order.map((k) => ids[k]!);
  for (let k = 0; k < n; k++) ids[k] = sorted[k]!;
  return true;
}

/** Any UTF-16 surrogate (a code point past the BMP). */
const SURROGATE = /[\uD800-\uDFFF]/;

/** 2^53: magnitudes below it are exact as float64. */
const SAFE = 2n ** 53n;

/** Edges heaviest first (by |weight|), then by source and destination name, as pprof lists a node's edges. */
export function sortEdges<E extends OrderEdge>(edges: E[], name: (n: number) => string): E[] {
  return edges.sort((a, b) => {
    if (a.weight !== b.weight) {
      // pprof compares |weight| only when the signed weights differ: equal magnitudes of opposite sign tie on names.
      const c = byAbsDesc(a.weight, b.weight);
      if (c !== 0) return c;
    }
    return compareGoStrings(name(a.src), name(b.src)) || compareGoStrings(name(a.dest), name(b.dest));
  });
}

/**
 * pprof's entropy score of a node: (in-entropy + out-entropy) x cum + flat,
 * where a side without edges counts 1 (entry and leaf nodes are favoured).
 */
export function entropyScore(flat: bigint, cum: bigint, inEdges: readonly OrderEdge[], outEdges: readonly OrderEdge[]): bigint {
  let score = 0;
  score += inEdges.length === 0 ? 1 : edgeEntropy(inEdges, 0n);
  score += outEdges.length === 0 ? 1 : edgeEntropy(outEdges, flat);
  // int64 arithmetic as in pprof: with negative edge weights the entropy can be NaN, which Go turns into -2^63.
  return BigInt.asIntN(64, goInt64(score * Number(cum)) + flat);
}

function edgeEntropy(edges: readonly OrderEdge[], self: bigint): number {
  let total = self;
  for (const e of edges) if (e.weight > 0n) total += e.weight;
  if (total === 0n) return 0;
  const t = Number(total);
  let score = 0;
  for (const e of edges) {
    const frac = Number(absBig(e.weight)) / t;
    score += -frac * Math.log2(frac);
  }
  if (self > 0n) {
    const frac = Number(self) / t;
    score += -frac * Math.log2(frac);
  }
  return score;
}
