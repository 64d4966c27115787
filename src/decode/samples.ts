/**
 * Column-wise accumulation of Sample messages, the hot path of decoding:
 * values go straight from varints into growable typed arrays. Labels go to
 * their own columns (label-columns.ts), as string-table indices checked by
 * `finish()` once the string table (which follows the samples) is known.
 *
 * Location ids, most of a profile's bytes, are by default not copied at all
 * when the decoder may keep the input (`keepBytes`): each sample's packed
 * run is recorded as a byte range of the input, and the model checks and
 * walks the ids in place (model/packed-stacks.ts). Copying 30 million ids
 * cost more than the walk itself (every fresh page of the copy is a fault).
 * Unpacked ids (Go writes stacks of one or two frames that way) and stacks
 * split into several runs are moved in place into one run (appendToRange).
 * Anything else unusual (a run that ends inside a varint, an id of another
 * wire type) turns the ranges into an id array on the spot and decoding
 * goes on the copying way, which names the fault.
 */

import { WireReader, WireType, readTag } from './wire.js';
import { BIG_ID, type DecodedSamples, type PackedLocRanges } from './types.js';
import { LabelColumns } from './label-columns.js';
import { sharedIfPossible } from '../shared-memory.js';
import type { StringResolver } from './strings.js';

/** Accumulates samples while decoding; `finish` yields DecodedSamples. */
export class SampleBuilder {
  count = 0;
  private locOffsets: Uint32Array;
  private locIds: Uint16Array | Uint32Array;
  private nLoc = 0;
  private bigLocIds: Map<number, bigint> | null = null;
  private valueOffsets = new Uint32Array(1024);
  /** Values as little-endian 32-bit halves; shares memory with a BigInt64Array. */
  private values32 = new Uint32Array(4096);
  private nVal = 0;
  /** Where each sample's labels start in `labels`. */
  private labelOffsets = new Uint32Array(1024);
  private readonly labels: LabelColumns;
  /** True while location ids are kept as byte ranges of the input (see the file header). */
  private ranges: boolean;
  private rangeStart: Uint32Array;
  private rangeEnd: Uint32Array;
  private readonly inputBytes: number;
  /** The ids' summary while in byte-range mode (see summarize). */
  private minId = 2 ** 31;
  private maxId = 0;
  private frames = 0;
  private maxDepth = 0;
  private longId = false;
  /** The sample whose byte range ids are being added to (see appendToRange), and its depth so far. */
  private openSample = -1;
  private openDepth = 0;
  /** False when the ids are left unread here, for the first pass over the stacks to check (see PackedLocRanges). */
  private readonly summarizing: boolean;

  /**
   * `inputBytes` bounds the number of location ids (each takes at least one
   * byte), so the id array is allocated once at that size instead of being
   * grown and copied; untouched pages of a large zeroed allocation cost no
   * memory, and the array is trimmed to its used length at the end.
   */
  constructor(inputBytes: number, keepBytes = false, summarize = true) {
    this.inputBytes = inputBytes;
    this.ranges = keepBytes;
    this.summarizing = summarize;
    // Real profiles spend well over 64 bytes per sample, so these rarely need to grow.
    const samples = Math.max(1024, Math.ceil(inputBytes / 64));
    if (keepBytes) {
      // Byte ranges need no id offsets (toIdArray makes them if the ranges are given up).
      this.locIds = new Uint16Array(0);
      this.locOffsets = new Uint32Array(0);
      // Shared, like the bytes they point into: the pass worker reads them without a copy.
      this.rangeStart = new Uint32Array(sharedIfPossible(4 * samples));
      this.rangeEnd = new Uint32Array(sharedIfPossible(4 * samples));
    } else {
      // Shared memory, so a helper thread can walk the stacks without a copy (query/parallel.ts);
      // 16-bit ids until one does not fit, which halves the memory to fault in for typical profiles.
      this.locIds = new Uint16Array(sharedIfPossible(2 * Math.max(8192, inputBytes)));
      this.locOffsets = new Uint32Array(sharedIfPossible(4 * samples));
      this.rangeStart = new Uint32Array(0);
      this.rangeEnd = new Uint32Array(0);
    }
    this.valueOffsets = new Uint32Array(samples);
    this.labelOffsets = new Uint32Array(samples);
    this.values32 = new Uint32Array(4 * samples);
    this.labels = new LabelColumns(2 * samples);
  }

  /** Decodes one Sample message occupying r.pos..end. */
  add(r: WireReader, end: number): void {
    const i = this.count;
    // valueOffsets has a slot per sample and one more, as do the other per-sample columns in use.
    if (i + 2 > this.valueOffsets.length) this.growOffsets();
    const outerEnd = r.end;
    r.end = end;
    while (r.pos < end) {
      const tag = readTag(r);
      const field = tag >>> 3;
      const wt = tag & 7;
      if (field === 1) {
        if (this.ranges) {
          if (wt === WireType.Bytes) {
            const pend = r.readLengthEnd();
            // A run whose last byte continues a varint is truncated: the copying path names the fault.
            if (pend === r.pos || r.buf[pend - 1]! < 0x80) {
              this.appendToRange(r.buf, i, r.pos, pend);
              r.pos = pend;
              continue;
            }
            this.toIdArray(r.buf, i, this.valueOffsets.length);
            r.end = pend;
            this.addPackedLocIds(r, pend);
            r.end = end;
            continue;
          }
          if (wt === WireType.Varint) {
            const from = r.pos;
            r.readVarint64(); // faults fail here as on the copying path
            this.appendToRange(r.buf, i, from, r.pos);
            continue;
          }
          this.toIdArray(r.buf, i, this.valueOffsets.length);
        }
        if (wt === WireType.Bytes) {
          const pend = r.readLengthEnd();
          r.end = pend; // a varint must not run past the packed field
          this.addPackedLocIds(r, pend);
          r.end = end;
        } else if (wt === WireType.Varint) {
          this.reserveLocIds(1);
          this.pushLocIdSlow(r);
        } else r.fail(`sample ${i} location_id has wire type ${wt}`);
      } else if (field === 2) {
        if (wt === WireType.Bytes) {
          const pend = r.readLengthEnd();
          r.end = pend; // a varint must not run past the packed field
          while (r.pos < pend) this.pushValue(r);
          r.end = end;
        } else if (wt === WireType.Varint) {
          this.pushValue(r);
        } else r.fail(`sample ${i} value has wire type ${wt}`);
      } else if (field === 3 && wt === WireType.Bytes) {
        const lend = r.readLengthEnd();
        this.labels.read(r, lend);
      } else {
        r.skip(wt, field);
      }
    }
    if (r.pos !== end) r.fail(`sample ${i} overruns its length`);
    r.end = outerEnd;
    this.count = i + 1;
    // Byte ranges need no id offsets (toIdArray makes them if the ranges are given up): not
    // writing them spares 4 bytes of fresh memory a sample, 3 MB on 750,000 samples.
    if (!this.ranges) this.locOffsets[i + 1] = this.nLoc;
    this.valueOffsets[i + 1] = this.nVal;
    this.labelOffsets[i + 1] = this.labels.count;
  }

  /**
   * The location ids of byte ranges, decoded the copying way (which names
   * any fault precisely): for ranges the model could not take as they are.
   * Throws PprofError.
   */
  static idsOfRanges(p: PackedLocRanges): Pick<DecodedSamples, 'locOffsets' | 'locIds' | 'bigLocIds'> {
    const n = p.start.length;
    const b = new SampleBuilder(p.buf.length, true);
    if (n > 0) {
      b.rangeStart = p.start;
      b.rangeEnd = p.end;
      b.toIdArray(p.buf, n - 1, n + 1);
      b.locOffsets[n] = b.nLoc;
    } else {
      b.locOffsets = new Uint32Array(1);
    }
    return { locOffsets: b.locOffsets.subarray(0, n + 1), locIds: b.locIds.subarray(0, b.nLoc), bigLocIds: b.bigLocIds };
  }

  /**
   * Makes the ids in `buf[from, to)` (a packed run, or one unpacked id) part
   * of sample i's byte range. The first ids of a sample start its range.
   * Later ones are moved down in place to follow it: Go writes a stack of
   * one or two ids unpacked, as it writes every repeated number of at most
   * two elements (`08 id 08 id`), and other writers may split a stack into
   * several packed runs. Each id was preceded by at least one tag byte, so
   * the move only overwrites bytes of this sample already read, and the
   * sample stays one packed run that the model checks and walks in place.
   * Without this, one short stack anywhere sent the whole profile down the
   * copying path (on a 100 MB profile: 0.5 s more decoding and 115 MB more memory).
   */
  private appendToRange(buf: Uint8Array, i: number, from: number, to: number): void {
    if (this.openSample !== i) {
      this.openSample = i;
      this.rangeStart[i] = from;
      this.rangeEnd[i] = to;
      if (this.summarizing) this.openDepth = this.summarize(buf, from, to, 0);
      return;
    }
    const at = this.rangeEnd[i]!;
    buf.copyWithin(at, from, to);
    this.rangeEnd[i] = at + (to - from);
    if (this.summarizing) this.openDepth = this.summarize(buf, at, at + (to - from), this.openDepth);
  }

  /**
   * Adds one range's ids to the summary (see PackedIdSummary). Decoding
   * waits on gunzip for the next bytes, so this walk costs little here,
   * where the model would otherwise make a walk of its own. The varints are
   * decoded inline, as in model/packed-stacks.ts and query/kernels.ts: a
   * shared decoding helper measured slower in these loops.
   */
  private summarize(buf: Uint8Array, p: number, e: number, before: number): number {
    let min = this.minId;
    let max = this.maxId;
    let depth = 0;
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
            if (b >= 0x80) {
              this.longId = true;
              return before;
            }
            id |= b << 21;
          }
        }
      }
      if (id < min) min = id;
      if (id > max) max = id;
      depth++;
    }
    this.minId = min;
    this.maxId = max;
    this.frames += depth;
    if (before + depth > this.maxDepth) this.maxDepth = before + depth;
    return before + depth;
  }

  /** Number of values of the last sample added. */
  lastValueCount(): number {
    return this.valueOffsets[this.count]! - this.valueOffsets[this.count - 1]!;
  }

  /**
   * Leaves byte-range mode: decodes the ranges of samples [0, current] into
   * the id array (the current sample's run, if any, is its first ids), with
   * id offsets of `slots` entries.
   */
  private toIdArray(buf: Uint8Array, current: number, slots: number): void {
    this.ranges = false;
    const starts = this.rangeStart;
    const ends = this.rangeEnd;
    this.rangeStart = new Uint32Array(0);
    this.rangeEnd = new Uint32Array(0);
    this.locIds = new Uint16Array(sharedIfPossible(2 * Math.max(8192, this.inputBytes)));
    const offsets = new Uint32Array(sharedIfPossible(4 * slots));
    const r = new WireReader(buf);
    r.context = 'sample';
    for (let s = 0; s <= current; s++) {
      r.contextIndex = s;
      r.pos = starts[s]!;
      r.end = ends[s]!;
      this.addPackedLocIds(r, r.end);
      if (s < current) offsets[s + 1] = this.nLoc;
    }
    this.locOffsets = offsets;
  }

  private reserveLocIds(extra: number): void {
    const need = this.nLoc + extra;
    if (need <= this.locIds.length) return;
    this.locIds = this.copyIds(Math.max(need, this.locIds.length * 2), this.locIds instanceof Uint32Array);
  }

  /** A larger or wider id array holding the ids so far. */
  private copyIds(length: number, wide: boolean): Uint16Array | Uint32Array {
    const bigger = wide
      ? new Uint32Array(sharedIfPossible(4 * length))
      : new Uint16Array(sharedIfPossible(2 * length));
    bigger.set(this.locIds.subarray(0, this.nLoc));
    return bigger;
  }

  /**
   * The hottest loop of decoding: a packed run of location ids. Go numbers
   * locations 1..N, so ids are one or two varint bytes; those are decoded
   * inline and anything longer takes the general path.
   */
  private addPackedLocIds(r: WireReader, pend: number): void {
    // A packed field of k bytes holds at most k ids.
    this.reserveLocIds(pend - r.pos);
    const buf = r.buf;
    let ids = this.locIds;
    let n = this.nLoc;
    let pos = r.pos;
    while (pos < pend) {
      const b0 = buf[pos]!;
      if (b0 < 0x80) {
        ids[n++] = b0;
        pos += 1;
        continue;
      }
      if (pos + 1 < pend) {
        const b1 = buf[pos + 1]!;
        if (b1 < 0x80) {
          ids[n++] = (b0 & 0x7f) | (b1 << 7);
          pos += 2;
          continue;
        }
      }
      r.pos = pos;
      this.nLoc = n;
      this.pushLocIdSlow(r);
      n = this.nLoc;
      pos = r.pos;
      ids = this.locIds; // it may have been widened
    }
    r.pos = pos;
    this.nLoc = n;
  }

  /** Any location id varint; ids that do not fit below BIG_ID go to the side table. Capacity is reserved by the caller. */
  private pushLocIdSlow(r: WireReader): void {
    const n = this.nLoc;
    r.readVarint64();
    if (this.locIds instanceof Uint16Array && (r.hi !== 0 || r.lo >= 0xffff)) {
      this.locIds = this.copyIds(this.locIds.length, true);
    }
    if (r.hi !== 0 || r.lo === BIG_ID) {
      (this.bigLocIds ??= new Map()).set(n, r.bigUnsignedOfLast());
      this.locIds[n] = BIG_ID;
    } else {
      this.locIds[n] = r.lo;
    }
    this.nLoc = n + 1;
  }

  private pushValue(r: WireReader): void {
    const n = this.nVal;
    if (2 * n + 2 > this.values32.length) {
      const bigger = new Uint32Array(this.values32.length * 2);
      bigger.set(this.values32);
      this.values32 = bigger;
    }
    r.readVarint64();
    this.values32[2 * n] = r.lo;
    this.values32[2 * n + 1] = r.hi;
    this.nVal = n + 1;
  }

  private growOffsets(): void {
    const grow = (a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> => {
      const b = new Uint32Array(a.length * 2);
      b.set(a);
      return b;
    };
    if (!this.ranges) {
      const offsets = new Uint32Array(sharedIfPossible(this.locOffsets.byteLength * 2));
      offsets.set(this.locOffsets);
      this.locOffsets = offsets;
    } else {
      const start = new Uint32Array(sharedIfPossible(this.rangeStart.byteLength * 2));
      start.set(this.rangeStart);
      this.rangeStart = start;
      const end = new Uint32Array(sharedIfPossible(this.rangeEnd.byteLength * 2));
      end.set(this.rangeEnd);
      this.rangeEnd = end;
    }
    this.valueOffsets = grow(this.valueOffsets);
    this.labelOffsets = grow(this.labelOffsets);
  }

  /** Checks label string indices, trims the arrays, and defers building the label strings. Throws PprofError. */
  finish(strings: StringResolver, buf: Uint8Array): DecodedSamples {
    const count = this.count;
    const packed: PackedLocRanges | undefined = this.ranges
      ? {
        buf, start: this.rangeStart.subarray(0, count), end: this.rangeEnd.subarray(0, count),
        ...(this.summarizing
          ? {
            summary: {
              minId: this.frames === 0 ? 0 : this.minId, maxId: this.maxId, frames: this.frames, maxDepth: this.maxDepth, long: this.longId,
            },
          }
          : { checkInPass: true }),
      }
      : undefined;
    const labels = this.labels.finish(strings);
    return {
      count,
      packed,
      locOffsets: packed !== undefined ? new Uint32Array(0) : this.locOffsets.subarray(0, count + 1),
      locIds: this.locIds.subarray(0, this.nLoc),
      bigLocIds: this.bigLocIds,
      valueOffsets: this.valueOffsets.subarray(0, count + 1),
      values: new BigInt64Array(this.values32.buffer, 0, this.nVal),
      labelOffsets: this.labelOffsets.subarray(0, count + 1),
      ...labels,
    };
  }
}
