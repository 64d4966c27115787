/**
 * The flat/cum pass of query/kernels.ts for every sample type in one walk:
 * a flame page chooses `top`'s unit for each of its types, and one walk over
 * the frames costs about half of one walk per type.
 */

import type { SplitInput } from './split-input.js';

/**
 * query/kernels.ts's flat/cum pass for every sample type at once, over a
 * call tree's split input (query/split-input.ts), which a flame page makes
 * for its trees anyway: its frame codes are the placed samples' stacks
 * already resolved to report nodes, read in order, so the pass decodes no
 * varint and looks up no location. The placed samples are the ones the
 * pass counts (kept by the filters, not zero in every type). `cols[t]` is
 * type t's signed column; node n's sums for type t are added into
 * `flat[n * T + t]` and `cum[n * T + t]` (T = cols.length).
 */
export function flatCumTypesOfCodes(input: SplitInput, cols: readonly Float64Array[], flat: Float64Array, cum: Float64Array): void {
  const nTypes = cols.length;
  const { placed, offsets, ends, codes, runStart, runNodes, nFrames } = input;
  // The last placed sample that counted each node: a node counts once per sample in cum.
  const stamp = new Int32Array(nFrames);
  // Two types (Go's CPU, block and mutex profiles, the big ones) keep the values in locals, so
  // the per-frame work (46 million frames on a 100 MB profile) loads no value array.
  if (nTypes === 2) {
    const c0 = cols[0]!;
    const c1 = cols[1]!;
    for (let j = 0; j < placed.length; j++) {
      const i = placed[j]!;
      const w0 = c0[i]!;
      const w1 = c1[i]!;
      const leaf = twoTypes(codes, offsets[j]!, ends[j]!, nFrames, runStart, runNodes, stamp, cum, j + 1, w0, w1);
      if (leaf >= 0) {
        flat[2 * leaf]! += w0;
        flat[2 * leaf + 1]! += w1;
      }
    }
    return;
  }
  const w = new Float64Array(nTypes);
  for (let j = 0; j < placed.length; j++) {
    const i = placed[j]!;
    for (let t = 0; t < nTypes; t++) w[t] = cols[t]![i]!;
    const leaf = manyTypes(codes, offsets[j]!, ends[j]!, nFrames, runStart, runNodes, stamp, cum, j + 1, w);
    if (leaf >= 0) for (let t = 0; t < nTypes; t++) flat[leaf * nTypes + t]! += w[t]!;
  }
}

/*
 * The per-sample walks, leaf first; each returns the node that gets flat
 * (the innermost line of the first frame), or -1 for an empty stack. A code
 * below nFrames is a node; code nFrames + r is run r of an inlined location.
 */

function twoTypes(
  codes: Uint16Array | Uint32Array, k: number, e: number, nFrames: number, runStart: Uint32Array, runNodes: Int32Array,
  stamp: Int32Array, cum: Float64Array, s: number, w0: number, w1: number,
): number {
  let leaf = -1;
  for (; k < e; k++) {
    const c = codes[k]!;
    if (c < nFrames) {
      if (stamp[c] !== s) { stamp[c] = s; cum[2 * c]! += w0; cum[2 * c + 1]! += w1; }
      if (leaf < 0) leaf = c;
      continue;
    }
    const r = c - nFrames;
    const last = runStart[r + 1]!;
    for (let q = runStart[r]!; q < last; q++) {
      const n = runNodes[q]!;
      if (stamp[n] !== s) { stamp[n] = s; cum[2 * n]! += w0; cum[2 * n + 1]! += w1; }
    }
    if (leaf < 0) leaf = runNodes[runStart[r]!]!;
  }
  return leaf;
}

function manyTypes(
  codes: Uint16Array | Uint32Array, k: number, e: number, nFrames: number, runStart: Uint32Array, runNodes: Int32Array,
  stamp: Int32Array, cum: Float64Array, s: number, w: Float64Array,
): number {
  const nTypes = w.length;
  let leaf = -1;
  for (; k < e; k++) {
    const c = codes[k]!;
    if (c < nFrames) {
      if (stamp[c] !== s) { stamp[c] = s; for (let t = 0; t < nTypes; t++) cum[c * nTypes + t]! += w[t]!; }
      if (leaf < 0) leaf = c;
      continue;
    }
    const r = c - nFrames;
    const last = runStart[r + 1]!;
    for (let q = runStart[r]!; q < last; q++) {
      const n = runNodes[q]!;
      if (stamp[n] !== s) { stamp[n] = s; for (let t = 0; t < nTypes; t++) cum[n * nTypes + t]! += w[t]!; }
    }
    if (leaf < 0) leaf = runNodes[runStart[r]!]!;
  }
  return leaf;
}
