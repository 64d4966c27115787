/**
 * The profile's string table: collected as byte ranges while decoding (it is
 * written after the messages that point into it) and decoded once at the end.
 * Every lookup is range-checked, naming the field that held the bad index.
 */

import { PprofError } from '../errors.js';

const utf8 = new TextDecoder('utf-8');

/** Byte ranges of string_table entries, in order. */
export class StringTableBuilder {
  private ranges = new Uint32Array(256);
  count = 0;

  /** Records one string_table entry occupying buf[start..end). */
  add(start: number, end: number): void {
    const n = this.count;
    if (2 * n + 2 > this.ranges.length) {
      const bigger = new Uint32Array(this.ranges.length * 2);
      bigger.set(this.ranges);
      this.ranges = bigger;
    }
    this.ranges[2 * n] = start;
    this.ranges[2 * n + 1] = end;
    this.count = n + 1;
  }

  /**
   * Decodes all entries. When the entries lie close together (Go writes the
   * table as one block), the block is read once as one-byte text and each
   * ASCII entry is a slice of it: a typed-array view and a fromCharCode call
   * per entry cost twice as much on 10^4-10^5 strings. Others go one by one.
   */
  build(buf: Uint8Array): string[] {
    const n = this.count;
    const out = new Array<string>(n);
    const ranges = this.ranges;
    if (n === 0) return out;
    let lo = ranges[0]!;
    let hi = ranges[1]!;
    let bytes = 0;
    for (let i = 0; i < n; i++) {
      const start = ranges[2 * i]!;
      const end = ranges[2 * i + 1]!;
      if (start < lo) lo = start;
      if (end > hi) hi = end;
      bytes += end - start;
    }
    if (n < BLOCK_MIN_STRINGS || hi - lo > 2 * bytes + 16 * n) {
      for (let i = 0; i < n; i++) out[i] = decodeString(buf, ranges[2 * i]!, ranges[2 * i + 1]!);
      return out;
    }
    // One char per byte: ASCII entries read right, others are decoded as UTF-8 below.
    const block = latin1.decode(buf.subarray(lo, hi));
    for (let i = 0; i < n; i++) {
      const start = ranges[2 * i]!;
      const end = ranges[2 * i + 1]!;
      let ascii = true;
      for (let p = start; p < end; p++) {
        if (buf[p]! >= 0x80) {
          ascii = false;
          break;
        }
      }
      out[i] = ascii ? block.slice(start - lo, end - lo) : utf8.decode(buf.subarray(start, end));
    }
    return out;
  }
}

/** Fewer strings than this are decoded one by one (the block costs a decoder call of its own). */
const BLOCK_MIN_STRINGS = 64;

/** Bytes to UTF-16 one to one (WHATWG's latin1 is windows-1252: only bytes below 0x80 are read through it). */
const latin1 = new TextDecoder('latin1');

/**
 * ASCII strings up to this long are made with one String.fromCharCode call
 * (a flat string; appending characters one by one built a chain of 32-byte
 * cons strings per character, which survived until first use).
 */
const SHORT_ASCII = 256;

function decodeString(buf: Uint8Array, start: number, end: number): string {
  if (end - start <= SHORT_ASCII) {
    for (let p = start; p < end; p++) {
      if (buf[p]! >= 0x80) return utf8.decode(buf.subarray(start, end));
    }
    return String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
  }
  return utf8.decode(buf.subarray(start, end));
}

/** Range-checked view of a decoded string table. */
export class StringResolver {
  constructor(readonly table: readonly string[]) {}

  /** Returns table[index]; `what` names the referring field in the error. */
  get(index: number, what: string): string {
    const s = this.table[index];
    if (s === undefined) {
      throw new PprofError('invalid-profile',
        `${what}: string index ${index} out of range (string table has ${this.table.length} entries)`);
    }
    return s;
  }

  /**
   * Returns table[index] for field `field` of the entity named `entity id`
   * (`function 7 name`); the message is built only when the index is bad, as
   * 10^5 functions would otherwise each build three strings to throw away.
   */
  of(index: number, entity: string, id: bigint, field: string): string {
    const s = this.table[index];
    return s !== undefined ? s : this.get(index, `${entity} ${id} ${field}`);
  }
}
