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
 * type t's signed column; node n's sums for type t land in `flat[n * T + t]`
 * and `cum[n * T + t]` (T = cols.length).
 */
export function flatCumTypesOfCodes(input: SplitInput, cols: readonly Float64Array[], flat: Float64Array, cum: Float64Array): void {
  const nTypes = cols.length;
  const stride = nTypes + 1;
  const { placed, offsets, codes, runStart, runNodes, nFrames } = input;
  const acc = new Float64Array(stride * nFrames);
  const w = new Float64Array(nTypes);
  for (let j = 0; j < placed.length; j++) {
    const i = placed[j]!;
    for (let t = 0; t < nTypes; t++) w[t] = cols[t]![i]!;
    const leaf = typesCodes(codes, offsets[j]!, offsets[j + 1]!, nFrames, runStart, runNodes, acc, stride, j + 1, w);
    if (leaf >= 0) for (let t = 0; t < nTypes; t++) flat[leaf * nTypes + t]! += w[t]!;
  }
  for (let n = 0; n < nFrames; n++) {
    for (let t = 0; t < nTypes; t++) cum[n * nTypes + t]! += acc[n * stride + 1 + t]!;
  }
}

/** One placed sample of flatCumTypesOfCodes, leaf first; returns the flat node. */
function typesCodes(
  codes: Uint16Array | Uint32Array, k: number, e: number, nFrames: number, runStart: Uint32Array, runNodes: Int32Array,
  acc: Float64Array, stride: number, stamp: number, w: Float64Array,
): number {
  let leaf = -1;
  for (; k < e; k++) {
    const c = codes[k]!;
    if (c < nFrames) {
      countNode(acc, stride, c, stamp, w);
      if (leaf < 0) leaf = c;
      continue;
    }
    const r = c - nFrames;
    const last = runStart[r + 1]!;
    for (let q = runStart[r]!; q < last; q++) countNode(acc, stride, runNodes[q]!, stamp, w);
    if (leaf < 0) leaf = runNodes[runStart[r]!]!;
  }
  return leaf;
}

/** Counts node n for sample `stamp` in every type (once per sample). */
function countNode(acc: Float64Array, stride: number, n: number, stamp: number, w: Float64Array): void {
  const a = n * stride;
  if (acc[a] === stamp) return;
  acc[a] = stamp;
  // Two types (Go's CPU profiles: samples and time) without the loop: this runs once per frame.
  if (stride === 3) {
    acc[a + 1]! += w[0]!;
    acc[a + 2]! += w[1]!;
    return;
  }
  for (let t = 1; t < stride; t++) acc[a + t]! += w[t - 1]!;
}
