/**
 * Sample stacks read in place: each sample's location ids stay packed
 * varints in the decompressed bytes (decode/samples.ts records their byte
 * ranges), and passes decode them on the fly. A 100 MB profile holds some
 * 30 million frames; copying them into an id array, resolving that into an
 * index array and walking it cost more than walking the bytes, mostly in
 * page faults of the fresh memory.
 *
 * `checkPacked` is the model's validation of these ids (every id names a
 * location), done once when the profile is built; afterwards a walk needs no
 * checks. Index arrays are still made on request (SampleTable's
 * `locationIndices`) for readers that want them.
 */

import type { PackedLocRanges } from '../decode/types.js';
import { sharedIfPossible } from '../shared-memory.js';
import type { FrameArray } from './sample-table.js';

/** Checked stacks over the decompressed bytes. */
export interface PackedStacks {
  readonly buf: Uint8Array;
  /** Sample i's ids are the varints in `buf[start[i] .. end[i])`, leaf first. */
  readonly start: Uint32Array;
  readonly end: Uint32Array;
  /** idToLoc[id] = the location index of id, -1 for ids not in the profile (never met in a checked stack). */
  readonly idToLoc: Int32Array;
  /** Most frames in one sample. */
  readonly maxDepth: number;
  /** Frames in all samples. */
  readonly frameCount: number;
}

/**
 * Stacks whose check is left to the first pass over them (ParseOptions
 * `checkStacks: 'first-pass'`): `top` decodes every id anyway and checks
 * each against the table on the way (query/kernels.ts), where a separate
 * check would read 30 million ids once more. `unchecked.frameCount` and
 * `unchecked.maxDepth` are -1 until a pass or `run` has counted them.
 */
export interface DeferredStackCheck {
  readonly unchecked: PackedStacks;
  /**
   * The model's own check (checkPacked): the checked stacks, or the stacks
   * decoded the copying way when they cannot stay packed. Throws PprofError
   * naming the fault, as the parse would have.
   */
  run(): PackedStacks | { readonly offsets: Uint32Array; readonly indices: FrameArray };
}

/**
 * Bytes of the packed stacks of samples [from, to): each id takes one to
 * four, so it bounds their frames from above (and half of it estimates them).
 */
export function stackBytes(p: { readonly start: Uint32Array; readonly end: Uint32Array }, from = 0, to = p.start.length): number {
  let n = 0;
  for (let i = from; i < to; i++) n += p.end[i]! - p.start[i]!;
  return n;
}

/**
 * Entries of the largest id table whose check may be left to a first pass.
 * Those passes read an id's first four varint bytes only: a longer varint
 * reads as an id of 2^28 or more, which is past the table and so refused
 * (then the model's own check names the fault or decodes it the copying
 * way). A bigger table (67 million locations or more) would let such an
 * id pass as a wrong one, so its stacks are checked by the parse.
 */
export const MAX_DEFERRED_ID_TABLE = 2 ** 28;

/** Whether the check of stacks over an id table of `length` entries may wait for their first pass. */
export function canDeferCheck(length: number): boolean {
  return length <= MAX_DEFERRED_ID_TABLE;
}

/**
 * Checks every id of the ranges against the dense id table, and returns the
 * stacks, or null when some id is not in the table or longer than four
 * varint bytes (the caller then decodes the ids the copying way, which
 * names the fault).
 */
export function checkPacked(r: PackedLocRanges, idToLoc: Int32Array | null): PackedStacks | null {
  if (idToLoc === null) return null;
  const { buf, start, end } = r;
  const size = idToLoc.length;
  // Go's ids are 1..N at positions 0..N-1: then an id is valid when it is in 1..N, a comparison
  // instead of a load from the table for each of the (tens of millions of) frames.
  let run = size - 1;
  if (idToLoc[0] !== -1) run = -1;
  for (let id = 1; id < size && run >= 0; id++) if (idToLoc[id] !== id - 1) run = -1;
  // The decoder's summary settles it without a walk when every id lies in 1..N.
  const sum = r.summary;
  if (run >= 0 && sum !== undefined && !sum.long && (sum.frames === 0 || (sum.minId >= 1 && sum.maxId <= run))) {
    return { buf, start, end, idToLoc, maxDepth: sum.maxDepth, frameCount: sum.frames };
  }
  let frames = 0;
  let maxDepth = 0;
  for (let i = 0; i < start.length; i++) {
    let p = start[i]!;
    const e = end[i]!;
    let depth = 0;
    // Each range ends with a byte below 0x80 (checked when decoding), so no varint runs past it.
    while (p < e) {
      let id = buf[p++]!;
      if (id >= 0x80) {
        let b = buf[p++]!;
        id = (id & 0x7f) | ((b & 0x7f) << 7);
        if (b >= 0x80) {
          b = buf[p++]!;
          id |= (b & 0x7f) << 14;
          if (b >= 0x80) {
            b = buf[p++]!;
            if (b >= 0x80) return null;
            id |= b << 21;
          }
        }
      }
      if (run >= 0 ? id === 0 || id > run : id >= size || idToLoc[id]! < 0) return null;
      depth++;
    }
    frames += depth;
    if (depth > maxDepth) maxDepth = depth;
  }
  return { buf, start, end, idToLoc, maxDepth, frameCount: frames };
}

/**
 * Writes sample i's location indices (leaf first) into `out` (at least
 * maxDepth long); returns how many. With `ids`, writes the stored location
 * ids instead (callers that keep their own table per id, see
 * transform/merge-source.ts).
 */
export function decodeStack(ps: PackedStacks, i: number, out: Uint32Array | Int32Array, ids = false): number {
  const { buf, idToLoc } = ps;
  let p = ps.start[i]!;
  const e = ps.end[i]!;
  let n = 0;
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
    out[n++] = ids ? id : idToLoc[id]!;
  }
  return n;
}

/** All stacks as offsets and location indices (16-bit when every index fits), in shared memory. */
export function materializeStacks(ps: PackedStacks, locationCount: number): { offsets: Uint32Array; indices: FrameArray } {
  const count = ps.start.length;
  const offsets = new Uint32Array(sharedIfPossible(4 * (count + 1)));
  const indices: FrameArray = locationCount <= 0x10000
    ? new Uint16Array(sharedIfPossible(2 * ps.frameCount))
    : new Uint32Array(sharedIfPossible(4 * ps.frameCount));
  const scratch = new Uint32Array(ps.maxDepth);
  let k = 0;
  for (let i = 0; i < count; i++) {
    const n = decodeStack(ps, i, scratch);
    for (let j = 0; j < n; j++) indices[k++] = scratch[j]!;
    offsets[i + 1] = k;
  }
  return { offsets, indices };
}
