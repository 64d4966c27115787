/**
 * The flat/cum kernel of query/kernels.ts for every sample type in one walk:
 * a flame page chooses `top`'s unit for each of its types, and one walk over
 * the frames costs about half of one walk per type.
 */

import type { FrameArray } from '../model/sample-table.js';
import { idCodes, type LocationNodes, type StackArrays } from './kernels.js';
import type { SplitInput } from './split-input.js';

/**
 * flatCumKernel for every sample type in one walk (a flame page needs them
 * all): `ws[t]` is type t's column; node n's sums for type t land in
 * `flat[n * T + t]` and `cum[n * T + t]` (T = ws.length). A sample zero in
 * every type is skipped.
 */
export function flatCumTypesKernel(
  st: StackArrays, ln: LocationNodes, single: Int32Array, ws: readonly Float64Array[],
  from: number, to: number, flat: Float64Array, cum: Float64Array,
): void {
  const nTypes = ws.length;
  const w = new Float64Array(nTypes);
  // acc[(T + 1) n] is the last sample that counted node n, then its cum per type: one cache line.
  const stride = nTypes + 1;
  const acc = new Float64Array(stride * ln.nodeCount);
  const packed = st.packed;
  const codes = packed !== null ? idCodes(packed.idToLoc, ln, single) : null;
  const { keep } = st;
  for (let i = from; i < to; i++) {
    if (keep !== null && keep[i] === 0) continue;
    let any = false;
    for (let t = 0; t < nTypes; t++) {
      const v = ws[t]![i]!;
      w[t] = v;
      if (v !== 0) any = true;
    }
    if (!any) continue;
    const leaf = packed !== null
      ? typesBytes(packed.buf, packed.start[i]!, packed.end[i]!, codes!.code, codes!.runs, acc, stride, i + 1, w)
      : typesFrames(st.frames, st.offsets[i]!, st.offsets[i + 1]!, single, ln.lo, ln.locNodes, acc, stride, i + 1, w);
    if (leaf >= 0) for (let t = 0; t < nTypes; t++) flat[leaf * nTypes + t]! += w[t]!;
  }
  for (let n = 0; n < ln.nodeCount; n++) {
    for (let t = 0; t < nTypes; t++) cum[n * nTypes + t]! += acc[n * stride + 1 + t]!;
  }
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

/** One packed sample of flatCumTypesKernel (codes as in flatCumPacked); returns the flat node. */
function typesBytes(
  buf: Uint8Array, p: number, e: number, code: Int32Array, runs: Int32Array, acc: Float64Array, stride: number, stamp: number, w: Float64Array,
): number {
  let leaf = -1;
  while (p < e) {
    let id = buf[p++]!;
    if (id >= 0x80) {
      let b = buf[p++]!;
      id = (id & 0x7f) | ((b & 0x7f) << 7);
      if (b >= 0x80) {
        b = buf[p++]!;
        id |= (b & 0x7f) << 14;
        if (b >= 0x80) id |= buf[p++]! << 21;
      }
    }
    const c = code[id]!;
    if (c >= 0) {
      countNode(acc, stride, c, stamp, w);
      if (leaf < 0) leaf = c;
      continue;
    }
    if (c === -2) continue;
    const r = -3 - c;
    const last = r + runs[r]!;
    for (let q = r + 1; q <= last; q++) countNode(acc, stride, runs[q]!, stamp, w);
    if (leaf < 0) leaf = runs[r + 1]!;
  }
  return leaf;
}

/** One sample of flatCumTypesKernel over index arrays, root first; returns the flat node. */
function typesFrames(
  frames: FrameArray, first: number, end: number, single: Int32Array, lo: Uint32Array, locNodes: Int32Array,
  acc: Float64Array, stride: number, stamp: number, w: Float64Array,
): number {
  let leaf = -1;
  for (let k = end - 1; k >= first; k--) {
    const loc = frames[k]!;
    const one = single[loc]!;
    if (one >= 0) {
      countNode(acc, stride, one, stamp, w);
      leaf = one;
      continue;
    }
    if (one === -2) continue;
    for (let q = lo[loc + 1]! - 1; q >= lo[loc]!; q--) {
      const node = locNodes[q]!;
      countNode(acc, stride, node, stamp, w);
      leaf = node;
    }
  }
  return leaf;
}

/**
 * flatCumTypesKernel over a call tree's split input (query/split-input.ts),
 * when a flame page has made one anyway: its frame codes are the placed
 * samples' stacks already resolved to report nodes, read in order, so the
 * pass decodes no varint and looks up no location. The placed samples are
 * the ones the kernel would count (kept, not zero in every type), in the
 * same order, so the sums are the same. `cols[t]` is type t's signed column.
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
