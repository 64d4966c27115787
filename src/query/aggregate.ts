/**
 * Flat and cumulative values per node, computed with pprof's graph rules:
 * a node counts once per sample however often it recurs (cum), and the
 * innermost frame of the leaf gets the flat value.
 *
 * Values are summed as float64, which is exact while every partial sum stays
 * below 2^53; when a column could exceed that, the values are split into
 * digits small enough to sum exactly and recombined as bigint.
 */

import type { Profile } from '../model/profile.js';
import type { FilterView } from './filter.js';
import type { NodeTable } from './nodes.js';

/** The samples and weights a pass walks over. */
export interface Walk {
  readonly profile: Profile;
  readonly view: FilterView;
  readonly nodes: NodeTable;
}

/** Exact flat/cum per node. */
export interface NodeValues {
  readonly flat: readonly bigint[];
  readonly cum: readonly bigint[];
}

/** One float64 pass's worth of weights and the scale its sums are multiplied by. */
interface Digit { readonly weights: Float64Array; readonly shift: bigint }

const LIMIT = 2 ** 53;

/**
 * Splits a sample-value column into digit columns whose sums are exact in
 * float64. The common case is a single digit: the column itself.
 */
export function digitsOf(profile: Profile, typeIndex: number): Digit[] {
  const col = profile.samples.numberColumn(typeIndex);
  const w = col.values;
  let absSum = 0;
  for (let i = 0; i < w.length; i++) absSum += Math.abs(w[i]!);
  if (col.exact && absSum < LIMIT) return [{ weights: w, shift: 0n }];
  const n = w.length;
  const bits = Math.max(1, 52 - Math.ceil(Math.log2(n + 1)));
  const base = 1n << BigInt(bits);
  const parts = Math.ceil(64 / bits);
  const digits: Digit[] = [];
  for (let j = 0; j < parts; j++) digits.push({ weights: new Float64Array(n), shift: BigInt(bits * j) });
  const stride = profile.samples.stride;
  const values = profile.samples.values;
  for (let i = 0; i < n; i++) {
    let v = values[i * stride + typeIndex]!;
    for (let j = 0; j < parts; j++) {
      if (j === parts - 1) { digits[j]!.weights[i] = Number(v); break; }
      const d = ((v % base) + base) % base;
      digits[j]!.weights[i] = Number(d);
      v = (v - d) / base;
    }
  }
  return digits;
}

/** Sum of |value| over all samples (pprof's report total), exact. */
export function absTotal(profile: Profile, typeIndex: number): bigint {
  const col = profile.samples.numberColumn(typeIndex);
  let s = 0;
  for (let i = 0; i < col.values.length; i++) s += Math.abs(col.values[i]!);
  if (col.exact && s < LIMIT) return BigInt(s);
  let t = 0n;
  const { values, stride, count } = profile.samples;
  for (let i = 0; i < count; i++) {
    const v = values[i * stride + typeIndex]!;
    t += v < 0n ? -v : v;
  }
  return t;
}

/** Flat and cum of every node (all nodes kept), exactly. */
export function nodeValues(walk: Walk, digits: readonly Digit[]): NodeValues {
  const n = walk.nodes.infos.length;
  const flat = new Array<bigint>(n).fill(0n);
  const cum = new Array<bigint>(n).fill(0n);
  for (const d of digits) {
    const f = new Float64Array(n);
    const c = new Float64Array(n);
    flatCumPass(walk, d.weights, f, c);
    for (let k = 0; k < n; k++) {
      if (f[k] !== 0) flat[k]! += BigInt(f[k]!) << d.shift;
      if (c[k] !== 0) cum[k]! += BigInt(c[k]!) << d.shift;
    }
  }
  return { flat, cum };
}

/**
 * Per location, its only node, or -1 when it has several lines (inlining)
 * or is hidden by a filter (-2): most locations have one line, and the hot
 * loop takes a shortcut for them.
 */
function singleNodes(walk: Walk): Int32Array {
  const lo = walk.nodes.locOffsets;
  const locNodes = walk.nodes.locNodes;
  const hidden = walk.view.hidden;
  const n = lo.length - 1;
  const single = new Int32Array(n);
  for (let loc = 0; loc < n; loc++) {
    if (hidden !== null && hidden[loc] === 1) single[loc] = -2;
    else single[loc] = lo[loc + 1]! - lo[loc]! === 1 ? locNodes[lo[loc]!]! : -1;
  }
  return single;
}

function flatCumPass(walk: Walk, w: Float64Array, flat: Float64Array, cum: Float64Array): void {
  const s = walk.profile.samples;
  const offs = s.locationOffsets;
  const locIdx = s.locationIndices;
  const keep = walk.view.keep;
  const lo = walk.nodes.locOffsets;
  const locNodes = walk.nodes.locNodes;
  const single = singleNodes(walk);
  const seen = new Int32Array(walk.nodes.infos.length);
  for (let i = 0; i < s.count; i++) {
    const wi = w[i]!;
    if (wi === 0 || (keep !== null && keep[i] === 0)) continue;
    const stamp = i + 1;
    let leaf = -1;
    const first = offs[i]!;
    for (let k = offs[i + 1]! - 1; k >= first; k--) {
      const loc = locIdx[k]!;
      const one = single[loc]!;
      if (one >= 0) {
        if (seen[one] !== stamp) {
          seen[one] = stamp;
          cum[one]! += wi;
        }
        leaf = one;
        continue;
      }
      if (one === -2) continue;
      for (let q = lo[loc + 1]! - 1; q >= lo[loc]!; q--) {
        const node = locNodes[q]!;
        if (seen[node] !== stamp) {
          seen[node] = stamp;
          cum[node]! += wi;
        }
        leaf = node;
      }
    }
    if (leaf >= 0) flat[leaf]! += wi;
  }
}
