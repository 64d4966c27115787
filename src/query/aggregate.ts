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
import type { NumberColumn } from '../model/sample-table.js';
import type { FilterView } from './filter.js';
import type { NodeTable } from './nodes.js';
import { flatCumKernel, singleNodes, type LocationNodes, type StackArrays, type StackTally } from './kernels.js';
import type { PassWorker } from './parallel.js';
import { isEmpty, span } from './sample-ranges.js';

/** The samples a pass walks over, and the helper thread that may share them. */
export interface Walk {
  readonly profile: Profile;
  readonly view: FilterView;
  readonly nodes: NodeTable;
  readonly helper?: PassWorker | null;
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
 * Whether every sum of the column's values (in any order, over any samples)
 * is exact in float64: its values are exact and the sum of their magnitudes
 * stays below 2^53, so no partial sum can round.
 */
export function sumsExactly(col: NumberColumn): boolean {
  return col.exact && col.absSum < LIMIT;
}

/**
 * Splits a sample-value column into digit columns whose sums are exact in
 * float64. The common case is a single digit: the column itself.
 */
export function digitsOf(profile: Profile, typeIndex: number): Digit[] {
  const col = profile.samples.numberColumn(typeIndex);
  const w = col.values;
  if (sumsExactly(col)) return [{ weights: w, shift: 0n }];
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

/**
 * Sum of |value| over all samples (pprof's report total), exact. A profile
 * made by report-time filters counts the samples of the profile before them.
 */
export function absTotal(profile: Profile, typeIndex: number): bigint {
  if (profile.filteredFrom !== undefined) profile = profile.filteredFrom;
  const col = profile.samples.numberColumn(typeIndex);
  if (sumsExactly(col)) return BigInt(col.absSum);
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
    flatCumSplit(walk, d.weights, f, c);
    for (let k = 0; k < n; k++) {
      if (f[k] !== 0) flat[k]! += BigInt(f[k]!) << d.shift;
      if (c[k] !== 0) cum[k]! += BigInt(c[k]!) << d.shift;
    }
  }
  return { flat, cum };
}

const EMPTY_OFFSETS = new Uint32Array(0);
const EMPTY_FRAMES = new Uint32Array(0);

/**
 * The walk's sample stacks as kernel input. `unchecked`: packed stacks even
 * before their check has run, for a pass that checks them (flatCumKernel).
 */
export function stackArrays(walk: Walk, unchecked = false): StackArrays {
  const s = walk.profile.samples;
  const packed = unchecked ? s.uncheckedStacks() : s.packedStacks;
  if (packed !== null) return { offsets: EMPTY_OFFSETS, frames: EMPTY_FRAMES, packed, keep: walk.view.keep };
  return { offsets: s.locationOffsets, frames: s.locationIndices, packed: null, keep: walk.view.keep };
}

/** The walk's location-to-node layout as kernel input. */
export function locationNodes(walk: Walk): LocationNodes {
  return {
    lo: walk.nodes.locOffsets, locNodes: walk.nodes.locNodes, hidden: walk.view.hidden, nodeCount: walk.nodes.infos.length,
  };
}

/**
 * Runs the flat/cum kernel over all samples, shared with the helper thread
 * when there is one. Stacks whose check was left to their first pass
 * (ParseOptions `checkStacks`) are checked by this walk: if every id named a
 * location, the profile records them as checked; if not, the model's own
 * check runs, which throws the parse's error for that id (or turns the
 * stacks into index arrays), and the pass starts again.
 */
function flatCumSplit(walk: Walk, w: Float64Array, flat: Float64Array, cum: Float64Array): void {
  const samples = walk.profile.samples;
  if (!samples.stacksChecked) {
    const tally = flatCumShared(walk, stackArrays(walk, true), w, flat, cum, true);
    if (tally !== null && tally.ok) {
      samples.confirmStacks(tally.frames, tally.maxDepth);
      return;
    }
    flat.fill(0);
    cum.fill(0);
    void samples.packedStacks;
  }
  flatCumShared(walk, stackArrays(walk), w, flat, cum, false);
}

/** flatCumSplit's pass over `st`, with the two threads' tallies added up (see StackTally). */
function flatCumShared(
  walk: Walk, st: StackArrays, w: Float64Array, flat: Float64Array, cum: Float64Array, walkAll: boolean,
): StackTally | null {
  const ln = locationNodes(walk);
  const single = singleNodes(ln);
  const count = walk.profile.samples.count;
  const helper = walk.helper;
  if (!helper) return flatCumKernel(st, ln, single, w, span(0, count), flat, cum, walkAll);
  let mine: StackTally | null = null;
  const rest = helper.share(
    st, count,
    (chunks) => ({ kind: 'flatcum', st, ln, w, chunks, walkAll }),
    (ranges) => { mine = flatCumKernel(st, ln, single, w, ranges, flat, cum, walkAll); },
    (others) => {
      // The helper failed: redo here whatever it claimed.
      const f = new Float64Array(ln.nodeCount);
      const c = new Float64Array(ln.nodeCount);
      const tally = isEmpty(others) ? null : flatCumKernel(st, ln, single, w, others, f, c, walkAll);
      return { kind: 'flatcum', flat: f, cum: c, tally };
    },
  );
  if (rest.kind !== 'flatcum') throw new Error('helper thread answered the wrong job');
  for (let k = 0; k < ln.nodeCount; k++) {
    flat[k]! += rest.flat[k]!;
    cum[k]! += rest.cum[k]!;
  }
  return addTallies(mine, rest.tally);
}

/** Two threads' tallies as one (a thread that walked nothing has none). */
function addTallies(a: StackTally | null, b: StackTally | null): StackTally | null {
  if (a === null || b === null) return a ?? b;
  return { ok: a.ok && b.ok, frames: a.frames + b.frames, maxDepth: Math.max(a.maxDepth, b.maxDepth) };
}
