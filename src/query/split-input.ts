/**
 * What a call tree's split reads (query/tree-split.ts), made from a view:
 * the samples to place with their |values|, the merge cut-offs, and every
 * placed sample's stack as frame codes. Plain arrays, the big ones in shared
 * memory where possible, so that a helper thread can build one of a flame
 * page's trees while this thread builds the other (query/parallel.ts).
 */

import type { QueryView } from './view.js';
import { sharedIfPossible } from '../shared-memory.js';

/** Everything a split reads. */
export interface SplitInput {
  /** Samples to place, in order: kept by the filters and not zero in every column. */
  readonly placed: Int32Array;
  /** |value| of placed sample j in type t at `weights[j * nTypes + t]`. */
  readonly weights: Float64Array;
  readonly nTypes: number;
  /** Per type: the width under which a part is merged. */
  readonly cutoffs: Float64Array;
  /** Samples in the profile (the length of `sampleEnd`). */
  readonly nSamples: number;
  /** Report nodes (frames) in the view. */
  readonly nFrames: number;
  /**
   * Placed sample j's frames, leaf first, as codes: `codes[offsets[j] ..
   * ends[j])`, hidden locations left out. A code below `nFrames` is the
   * report node of a location with one line (most of them); code
   * `nFrames + r` stands for run r, a location of several lines. Made by
   * one thread, the stacks follow each other (`ends` is `offsets` shifted
   * by one); made in halves by two threads (split-halves.ts), a gap lies
   * between the halves.
   */
  readonly offsets: Uint32Array;
  readonly ends: Uint32Array;
  readonly codes: Uint16Array | Uint32Array;
  /** Run r's report nodes, innermost first: `runNodes[runStart[r] .. runStart[r+1])`. */
  readonly runStart: Uint32Array;
  readonly runNodes: Int32Array;
}

/**
 * The split input of a view. Parts narrower than `minWidth` of the root in
 * every sample type are merged.
 */
export function splitInput(view: QueryView, minWidth: number): SplitInput {
  const samples = placedSamples(view, minWidth);
  return { ...samples, ...frameCodes(view, samples.placed) };
}

/** A split input without its frame codes: the placed samples, their weights and the cut-offs. */
export type PlacedSamples = Omit<SplitInput, 'offsets' | 'ends' | 'codes' | 'runStart' | 'runNodes'>;

/** The placed samples of a view, their |values| and the merge cut-offs (see SplitInput). */
export function placedSamples(view: QueryView, minWidth: number): PlacedSamples {
  const { profile, filters, nodes } = view;
  const s = profile.samples;
  const nSamples = s.count;
  const nTypes = profile.sampleTypes.length;
  const cols = profile.sampleTypes.map((_, k) => s.numberColumn(k).values);
  let placed = new Int32Array(sharedIfPossible(4 * nSamples));
  let count = 0;
  const cutoffs = new Float64Array(nTypes);
  for (let i = 0; i < nSamples; i++) {
    if (filters.keep !== null && filters.keep[i] === 0) continue;
    let any = false;
    for (let k = 0; k < nTypes; k++) {
      const v = cols[k]![i]!;
      if (v !== 0) { any = true; cutoffs[k]! += Math.abs(v); }
    }
    if (any) placed[count++] = i;
  }
  placed = placed.subarray(0, count);
  for (let k = 0; k < nTypes; k++) cutoffs[k] = minWidth * cutoffs[k]!;
  const weights = new Float64Array(sharedIfPossible(8 * count * nTypes));
  for (let j = 0; j < count; j++) {
    for (let k = 0; k < nTypes; k++) weights[j * nTypes + k] = Math.abs(cols[k]![placed[j]!]!);
  }
  return { placed, weights, nTypes, cutoffs, nSamples, nFrames: nodes.infos.length };
}

/**
 * The placed samples' stacks as codes (see SplitInput): one small number per
 * frame, read in order by the splits, instead of a location index that each
 * read would follow into the node tables. Half the memory of location
 * indices when the codes fit 16 bits (they do unless nodes and inlined
 * locations pass 65,535 together), and made from packed stacks directly.
 */
function frameCodes(view: QueryView, placed: Int32Array): Pick<SplitInput, 'offsets' | 'ends' | 'codes' | 'runStart' | 'runNodes'> {
  const s = view.profile.samples;
  const packed = s.packedStacks;
  const total = packed !== null ? packed.frameCount : s.locationIndices.length;
  const { locCode, runStart, runNodes, codes, offsets } = codeArrays(view, placed.length, total);
  let n = 0;
  if (packed !== null) {
    const { buf, start, end } = packed;
    const idCode = idCodes(view, locCode);
    for (let j = 0; j < placed.length; j++) {
      n = packedCodes(buf, start[placed[j]!]!, end[placed[j]!]!, idCode, codes, n);
      offsets[j + 1] = n;
    }
  } else {
    const { locationOffsets: offs, locationIndices: indices } = s;
    for (let j = 0; j < placed.length; j++) {
      const i = placed[j]!;
      for (let k = offs[i]!; k < offs[i + 1]!; k++) {
        const c = locCode[indices[k]!]!;
        if (c >= 0) codes[n++] = c;
      }
      offsets[j + 1] = n;
    }
  }
  return { offsets, ends: offsets.subarray(1), codes, runStart, runNodes };
}

/**
 * What frameCodes fills in: each location's code (its node when it has one
 * line, `nFrames + r` for run r when it has several, -1 when hidden), the
 * runs, and the code array (room for `capacity` codes) and offset array,
 * allocated (in shared memory where possible) and not yet filled.
 */
export function codeArrays(view: QueryView, placedCount: number, capacity: number): {
  locCode: Int32Array; runStart: Uint32Array; runNodes: Int32Array; codes: Uint16Array | Uint32Array; offsets: Uint32Array;
} {
  const { filters, nodes } = view;
  const { locOffsets: lo, locNodes } = nodes;
  const hidden = filters.hidden;
  const nFrames = nodes.infos.length;
  const nLoc = lo.length - 1;
  const locCode = new Int32Array(nLoc);
  const runStart: number[] = [0];
  const runNodes: number[] = [];
  for (let l = 0; l < nLoc; l++) {
    if (hidden !== null && hidden[l] === 1) { locCode[l] = -1; continue; }
    if (lo[l + 1]! - lo[l]! === 1) { locCode[l] = locNodes[lo[l]!]!; continue; }
    locCode[l] = nFrames + runStart.length - 1;
    for (let q = lo[l]!; q < lo[l + 1]!; q++) runNodes.push(locNodes[q]!);
    runStart.push(runNodes.length);
  }
  const narrow = nFrames + runStart.length - 1 <= 0x10000;
  const codes = narrow ? new Uint16Array(sharedIfPossible(2 * capacity)) : new Uint32Array(sharedIfPossible(4 * capacity));
  const offsets = new Uint32Array(sharedIfPossible(4 * (placedCount + 1)));
  return { locCode, runStart: Uint32Array.from(runStart), runNodes: Int32Array.from(runNodes), codes, offsets };
}

/** Code of an id that names no location (see idCodes). */
export const NO_LOCATION = -2;

/**
 * The code of each packed location id (see codeArrays), NO_LOCATION for ids
 * of no location; in shared memory where possible. The ids may still await
 * their check (ParseOptions `checkStacks`): packedCodes refuses those of no
 * location.
 */
export function idCodes(view: QueryView, locCode: Int32Array): Int32Array {
  const { idToLoc } = view.profile.samples.uncheckedStacks()!;
  const idCode = new Int32Array(sharedIfPossible(4 * idToLoc.length));
  for (let id = 0; id < idToLoc.length; id++) idCode[id] = idToLoc[id]! < 0 ? NO_LOCATION : locCode[idToLoc[id]!]!;
  return idCode;
}

/**
 * Appends the codes of one packed stack at codes[n] and returns the new end,
 * or -1 at an id that names no location or lies past the table (stacks not
 * checked yet; a checked stack has none). Hidden locations (code -1) are left
 * out. The varints are decoded inline, as in kernels.ts: the same loop
 * through decodeStack and a scratch array measured 20% slower here. An id of
 * five varint bytes or more reads as one of 2^28 or more, past any table
 * whose check is left to the first pass (model/packed-stacks.ts's
 * MAX_DEFERRED_ID_TABLE).
 */
export function packedCodes(buf: Uint8Array, p: number, e: number, idCode: Int32Array, codes: Uint16Array | Uint32Array, n: number): number {
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
    const c = idCode[id]!;
    if (c >= 0) codes[n++] = c;
    // `undefined` past the table.
    else if (c !== -1) return -1;
  }
  return n;
}
