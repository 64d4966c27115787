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

  /** Decodes all entries; short ASCII strings skip TextDecoder (the common case). */
  build(buf: Uint8Array): string[] {
    const out = new Array<string>(this.count);
    const ranges = this.ranges;
    for (let i = 0; i < this.count; i++) {
      const start = ranges[2 * i]!;
      const end = ranges[2 * i + 1]!;
      out[i] = decodeString(buf, start, end);
    }
    return out;
  }
}

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
