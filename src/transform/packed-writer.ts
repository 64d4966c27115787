/**
 * A merge's stacks written as the decoder leaves a profile's: each sample's
 * location ids as packed varints in one buffer, with its byte range and a
 * summary of the ids (decode/types.ts PackedLocRanges). Ids are numbered by
 * first use, so the frequent ones take one or two bytes instead of the four
 * of an id array, and the model checks them with two comparisons
 * (model/packed-stacks.ts). On big merges the result's frames are most of
 * its memory, fresh pages that cost time to touch.
 */

import type { PackedLocRanges } from '../decode/types.js';
import { sharedIfPossible } from '../shared-memory.js';

/** Largest id written (varints of at most four bytes, as the fast path reads them). */
export const MAX_PACKED_ID = 0x0fffffff;

/** Appends samples' ids; `finish` gives the ranges. */
export class PackedStackWriter {
  private readonly buf: Uint8Array;
  private readonly start: Uint32Array;
  private readonly end: Uint32Array;
  private at = 0;
  private sample = 0;
  private frames = 0;
  private depth = 0;
  private maxDepth = 0;
  private maxId = 0;

  /**
   * For `samples` samples and `frames` frames in all, ids at most `maxId`
   * (at most MAX_PACKED_ID). The buffer is sized for the longest varints;
   * pages never written are never touched.
   */
  constructor(samples: number, frames: number, maxId: number) {
    const width = maxId < 0x80 ? 1 : maxId < 0x4000 ? 2 : maxId < 0x200000 ? 3 : 4;
    this.buf = new Uint8Array(sharedIfPossible(Math.max(1, frames * width)));
    this.start = new Uint32Array(sharedIfPossible(4 * samples));
    this.end = new Uint32Array(sharedIfPossible(4 * samples));
  }

  /** Whether ids up to `maxId` for `frames` frames fit (byte offsets are 32-bit). */
  static fits(frames: number, maxId: number): boolean {
    return maxId <= MAX_PACKED_ID && frames * 4 < 0xffffffff;
  }

  /** Appends id (1 or more) to the current sample. */
  add(id: number): void {
    if (id > this.maxId) this.maxId = id;
    const b = this.buf;
    let p = this.at;
    while (id >= 0x80) {
      b[p++] = (id & 0x7f) | 0x80;
      id >>>= 7;
    }
    b[p++] = id;
    this.at = p;
    this.depth++;
  }

  /** Ends the current sample. */
  next(): void {
    const i = this.sample++;
    this.end[i] = this.at;
    if (i + 1 < this.start.length) this.start[i + 1] = this.at;
    this.frames += this.depth;
    if (this.depth > this.maxDepth) this.maxDepth = this.depth;
    this.depth = 0;
  }

  /** The ranges, with the summary the model's check reads. */
  finish(): PackedLocRanges {
    return {
      buf: this.buf.subarray(0, this.at), start: this.start, end: this.end,
      summary: { minId: this.frames === 0 ? 0 : 1, maxId: this.maxId, frames: this.frames, maxDepth: this.maxDepth, long: false },
    };
  }
}
