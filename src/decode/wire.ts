/**
 * Protobuf wire-format primitives over a Uint8Array.
 *
 * Hand-written instead of protobufjs on the hot path: it reads 64-bit varints
 * as two 32-bit halves (no Long or BigInt allocation per value) and lets the
 * profile decoder write sample data straight into typed arrays. The benchmark
 * (`npm run bench`) compares it with protobufjs on the same bytes.
 */

import { PprofError } from '../errors.js';

/** Wire types of the protobuf encoding. */
export const enum WireType {
  Varint = 0,
  Fixed64 = 1,
  Bytes = 2,
  StartGroup = 3,
  EndGroup = 4,
  Fixed32 = 5,
}

const TWO_32 = 4294967296;
/** bigints below this are made once and shared (ids repeat: every line names a function id). */
const SMALL_BIGINTS = 1 << 16;
/**
 * The shared small bigints. The table grows to the ids actually seen (a
 * table of all 2^16 slots is half a megabyte of fresh memory, which every
 * start of the CLI paid, 185 page faults, though a small profile's function
 * ids stop in the hundreds).
 */
let smallBigints: (bigint | undefined)[] = [];

/** The shared bigint of n < SMALL_BIGINTS. */
function smallBigint(n: number): bigint {
  let table = smallBigints;
  if (n >= table.length) {
    let size = Math.max(1024, 2 * table.length);
    while (size <= n) size *= 2;
    table = new Array<bigint | undefined>(Math.min(size, SMALL_BIGINTS)).fill(undefined);
    for (let i = 0; i < smallBigints.length; i++) table[i] = smallBigints[i];
    smallBigints = table;
  }
  return table[n] ?? (table[n] = BigInt(n));
}

/** A safe non-negative integer as a bigint; values below 2^16 are made once and shared. */
export function bigintOfSafe(n: number): bigint {
  return n < SMALL_BIGINTS ? smallBigint(n) : BigInt(n);
}

/** Largest `hi` half for which hi * 2^32 + lo is still a safe integer. */
const SAFE_HI = 0x1fffff;

/**
 * Cursor over protobuf bytes. After `readVarint64()`, `lo` and `hi` hold the
 * two unsigned 32-bit halves of the value.
 */
export class WireReader {
  readonly buf: Uint8Array;
  pos: number;
  /** Exclusive end of the region being read. */
  end: number;
  lo = 0;
  hi = 0;
  /** What is being decoded, for error messages. */
  context = 'profile';
  /**
   * Index appended to `context` in messages (-1 for none). Kept apart so the
   * per-sample context costs no string building on the hot path.
   */
  contextIndex = -1;
  /**
   * Line index within a location, appended as ` line N` (-1 for none): like
   * contextIndex, a number so that reading 10^5 locations builds no strings.
   */
  contextLine = -1;

  constructor(buf: Uint8Array, start = 0, end = buf.length) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
  }

  /** What is being decoded, e.g. `sample 12` or `location #3 line 1` (a context ending in '#' takes the index unspaced). */
  where(): string {
    const c = this.context;
    const head = this.contextIndex < 0 ? c : c.endsWith('#') ? `${c}${this.contextIndex}` : `${c} ${this.contextIndex}`;
    return this.contextLine >= 0 ? `${head} line ${this.contextLine}` : head;
  }

  /** Throws the decoder's truncation/corruption error at the current position. */
  fail(what: string): never {
    throw new PprofError('bad-wire', `corrupt protobuf in ${this.where()} at byte ${this.pos}: ${what}`);
  }

  /** Reads a varint that must fit 32 bits unsigned (tags, lengths). */
  readVarint32(): number {
    const buf = this.buf;
    let pos = this.pos;
    const end = this.end;
    if (pos < end) {
      const b0 = buf[pos]!;
      if (b0 < 0x80) {
        this.pos = pos + 1;
        return b0;
      }
    }
    let result = 0;
    let shift = 0;
    for (;;) {
      if (pos >= end) this.fail('truncated varint');
      const b = buf[pos++]!;
      if (shift < 28) {
        result |= (b & 0x7f) << shift;
      } else if (shift === 28) {
        result = (result >>> 0) + (b & 0x7f) * 0x10000000;
        if ((b & 0x70) !== 0) {
          this.pos = pos;
          this.fail('varint does not fit 32 bits');
        }
      } else if ((b & 0x7f) !== 0) {
        this.pos = pos;
        this.fail('varint does not fit 32 bits');
      }
      shift += 7;
      if (b < 0x80) break;
      if (shift >= 70) this.fail('varint longer than 10 bytes');
    }
    this.pos = pos;
    return result >>> 0;
  }

  /** Reads a 64-bit varint into `lo` / `hi` (unsigned halves). */
  readVarint64(): void {
    const buf = this.buf;
    let pos = this.pos;
    const end = this.end;
    let lo = 0;
    let hi = 0;
    let b = 0;
    // Bytes 0..3 fill lo bits 0..27.
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= end) { this.pos = pos; this.fail('truncated varint'); }
      b = buf[pos++]!;
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) { this.pos = pos; this.lo = lo >>> 0; this.hi = 0; return; }
    }
    // Byte 4 straddles: 4 bits to lo, 3 bits to hi.
    if (pos >= end) { this.pos = pos; this.fail('truncated varint'); }
    b = buf[pos++]!;
    lo |= (b & 0x0f) << 28;
    hi = (b & 0x7f) >> 4;
    if (b >= 0x80) {
      for (let shift = 3; ; shift += 7) {
        if (pos >= end) { this.pos = pos; this.fail('truncated varint'); }
        b = buf[pos++]!;
        if (shift < 32) hi |= (b & 0x7f) << shift;
        if (b < 0x80) break;
        if (shift >= 31) { this.pos = pos; this.fail('varint longer than 10 bytes'); }
      }
    }
    this.pos = pos;
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  /**
   * Reads a uint64 varint as a number; returns -1 when it does not fit 2^53
   * exactly (the caller then takes `bigOfLast()`).
   */
  readUint64Safe(): number {
    const buf = this.buf;
    const pos = this.pos;
    if (pos < this.end) {
      const b0 = buf[pos]!;
      if (b0 < 0x80) {
        this.pos = pos + 1;
        this.lo = b0;
        this.hi = 0;
        return b0;
      }
    }
    this.readVarint64();
    if (this.hi > SAFE_HI) return -1;
    return this.hi * TWO_32 + this.lo;
  }

  /** The last 64-bit varint read, as an unsigned bigint. */
  bigUnsignedOfLast(): bigint {
    const lo = this.lo;
    if (this.hi === 0) {
      // Ids and most addresses: one allocation (or none, for small values seen before) instead of four.
      if (lo < SMALL_BIGINTS) return smallBigint(lo);
      return BigInt(lo);
    }
    return (BigInt(this.hi) << 32n) | BigInt(lo);
  }

  /** The last 64-bit varint read, as a signed (two's complement) bigint. */
  bigSignedOfLast(): bigint {
    return BigInt.asIntN(64, this.bigUnsignedOfLast());
  }

  /** Reads an int64 varint as a bigint (for rare scalar fields). */
  readInt64Big(): bigint {
    this.readVarint64();
    return this.bigSignedOfLast();
  }

  /** Reads a uint64 varint as a bigint (ids, addresses). */
  readUint64Big(): bigint {
    this.readVarint64();
    return this.bigUnsignedOfLast();
  }

  /**
   * Reads an int64 varint that must be a safe integer (string indices, line
   * numbers). `what` names the field for the error message.
   */
  readInt64Safe(what: string): number {
    const pos = this.pos;
    if (pos < this.end) {
      const b0 = this.buf[pos]!;
      if (b0 < 0x80) {
        this.pos = pos + 1;
        return b0;
      }
    }
    this.readVarint64();
    const hi = this.hi;
    if (hi <= SAFE_HI) return hi * TWO_32 + this.lo;
    // Negative values: two's complement with all high bits set.
    const shi = hi | 0;
    if (shi < 0 && shi >= -SAFE_HI - 1) {
      const v = shi * TWO_32 + this.lo;
      if (Number.isSafeInteger(v)) return v;
    }
    throw new PprofError('out-of-range', `${this.where()}: ${what} ${this.bigSignedOfLast()} is outside the range pprof-ts represents exactly (|n| < 2^53)`);
  }

  /** Reads a bool varint. */
  readBool(): boolean {
    this.readVarint64();
    return (this.lo | this.hi) !== 0;
  }

  /** Reads a length prefix and returns the end offset of the delimited region. */
  readLengthEnd(): number {
    const len = this.readVarint32();
    const end = this.pos + len;
    if (end > this.end) this.fail(`length ${len} runs past the end of the data`);
    return end;
  }

  /** Skips a field of the given wire type (unknown fields). */
  skip(wireType: number, field: number): void {
    switch (wireType) {
      case WireType.Varint:
        this.readVarint64();
        return;
      case WireType.Fixed64:
        this.advance(8);
        return;
      case WireType.Bytes:
        this.pos = this.readLengthEnd();
        return;
      case WireType.Fixed32:
        this.advance(4);
        return;
      case WireType.StartGroup:
        this.skipGroup(field);
        return;
      default:
        this.fail(`invalid wire type ${wireType} for field ${field}`);
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.end) this.fail('truncated fixed-width field');
    this.pos += n;
  }

  /** Iterative, with an explicit stack: deeply nested groups must not overflow the call stack. */
  private skipGroup(field: number): void {
    const open = [field];
    while (open.length > 0) {
      const inner = open[open.length - 1]!;
      if (this.pos >= this.end) this.fail(`unterminated group ${inner}`);
      const tag = this.readVarint32();
      const wt = tag & 7;
      const f = tag >>> 3;
      if (wt === WireType.EndGroup) {
        if (f !== inner) this.fail(`group ${inner} closed by field ${f}`);
        open.pop();
      } else if (wt === WireType.StartGroup) {
        open.push(f);
      } else {
        this.skip(wt, f);
      }
    }
  }
}

/** Reads a 32-bit tag; zero field numbers are corrupt. */
export function readTag(r: WireReader): number {
  const tag = r.readVarint32();
  if (tag >>> 3 === 0) r.fail('field number 0');
  return tag;
}
