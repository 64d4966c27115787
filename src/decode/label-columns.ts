/**
 * The labels of a profile's samples while decoding, one column per field:
 * key, str and num_unit as string-table indices (resolved once the string
 * table, which follows the samples, is known) and num as two 32-bit halves.
 * The sample builder (samples.ts) records where each sample's labels start;
 * this file owns everything inside a Label message.
 */

import { WireType, readTag, type WireReader } from './wire.js';
import type { DecodedSamples, LabelText } from './types.js';
import type { StringResolver } from './strings.js';

/** Stands for a label index that 32 bits cannot hold (see LabelColumns.keyIdx); never a valid index. */
const BAD_INDEX = 0xffffffff;
/** The label index columns as errors name them. */
const KEY = 'label key';
const STR = 'label str';
const UNIT = 'label num_unit';

/** What the labels contribute to DecodedSamples. */
export type DecodedLabels = Pick<DecodedSamples, 'labelNums' | 'labelText' | 'hasLabelKey' | 'mayMixUnits'>;

/** Label columns that grow as labels are read; `finish` checks them and hands them over. */
export class LabelColumns {
  /** Labels read so far. */
  count = 0;
  /**
   * String indices of each label's key, str and num_unit. 32 bits are enough for every index that
   * can be valid (a string table is smaller than its input); any other value is stored as
   * BAD_INDEX and kept exactly in badIndices, for the error that finish() reports. Float64 columns
   * cost 12 more bytes a label: 14 MB of fresh pages on a profile of 1.2 million labels.
   */
  private keyIdx: Uint32Array;
  private strIdx: Uint32Array;
  private unitIdx: Uint32Array;
  /** Out-of-range label indices by column and label number (see keyIdx). */
  private badIndices: Map<string, number> | null = null;
  /** Each label's num as little-endian 32-bit halves; shares memory with a BigInt64Array. */
  private nums32: Uint32Array;

  /** Room for `capacity` labels before the first growth. */
  constructor(capacity: number) {
    this.keyIdx = new Uint32Array(capacity);
    this.strIdx = new Uint32Array(capacity);
    this.unitIdx = new Uint32Array(capacity);
    this.nums32 = new Uint32Array(2 * capacity);
  }

  /** Reads one Label message occupying r.pos..end. Throws PprofError. */
  read(r: WireReader, end: number): void {
    const n = this.count;
    if (n === this.keyIdx.length) this.grow();
    // Go writes string labels as exactly `08 key 10 str` with one-byte indices in small profiles
    // and two-byte ones in big profiles; take those shapes without the general field loop.
    const buf = r.buf;
    const p = r.pos;
    if (end - p === 4 && buf[p] === 0x08 && buf[p + 2] === 0x10 && buf[p + 1]! < 0x80 && buf[p + 3]! < 0x80) {
      this.set(n, buf[p + 1]!, buf[p + 3]!, 0, 0, 0);
      r.pos = end;
      return;
    }
    let key = 0;
    let str = 0;
    let unit = 0;
    let numLo = 0;
    let numHi = 0;
    while (r.pos < end) {
      const tag = readTag(r);
      const field = tag >>> 3;
      const wt = tag & 7;
      if (wt !== WireType.Varint || field > 4) {
        r.skip(wt, field);
        continue;
      }
      switch (field) {
        case 1: key = r.readInt64Safe(KEY); break;
        case 2: str = r.readInt64Safe(STR); break;
        case 3: r.readVarint64(); numLo = r.lo; numHi = r.hi; break;
        case 4: unit = r.readInt64Safe(UNIT); break;
        default: r.skip(wt, field);
      }
    }
    if (r.pos !== end) r.fail('label overruns its length');
    this.set(n, key, str, unit, numLo, numHi);
  }

  private set(n: number, key: number, str: number, unit: number, numLo: number, numHi: number): void {
    // Each is a whole number (the wire reader's), so in range means 0 <= v < BAD_INDEX.
    if (key < 0 || str < 0 || unit < 0 || key >= BAD_INDEX || str >= BAD_INDEX || unit >= BAD_INDEX) {
      this.setBad(n, key, str, unit);
    } else {
      this.keyIdx[n] = key;
      this.strIdx[n] = str;
      this.unitIdx[n] = unit;
    }
    this.nums32[2 * n] = numLo;
    this.nums32[2 * n + 1] = numHi;
    this.count = n + 1;
  }

  /** set() for indices that cannot be valid in 32 bits (negative, or 2^32-1 and up). */
  private setBad(n: number, key: number, str: number, unit: number): void {
    const put = (col: Uint32Array, what: string, v: number): void => {
      if (v >= 0 && v < BAD_INDEX) {
        col[n] = v;
      } else {
        col[n] = BAD_INDEX;
        (this.badIndices ??= new Map()).set(`${what} ${n}`, v);
      }
    };
    put(this.keyIdx, KEY, key);
    put(this.strIdx, STR, str);
    put(this.unitIdx, UNIT, unit);
  }

  private grow(): void {
    const n = Math.max(1, this.keyIdx.length * 2);
    const grow = (a: Uint32Array, length: number): Uint32Array => {
      const b = new Uint32Array(length);
      b.set(a);
      return b;
    };
    this.keyIdx = grow(this.keyIdx, n);
    this.strIdx = grow(this.strIdx, n);
    this.unitIdx = grow(this.unitIdx, n);
    this.nums32 = grow(this.nums32, 2 * n);
  }

  /**
   * Checks that every index names a string (the first that does not is
   * reported, key before str before num_unit, with its exact value), trims
   * the columns, and defers building the label strings until asked.
   * Throws PprofError.
   */
  finish(strings: StringResolver): DecodedLabels {
    const nLabel = this.count;
    const keyIdx = this.keyIdx.subarray(0, nLabel);
    const strIdx = this.strIdx.subarray(0, nLabel);
    const unitIdx = this.unitIdx.subarray(0, nLabel);
    checkIndices(strings, keyIdx, KEY, this.badIndices);
    checkIndices(strings, strIdx, STR, this.badIndices);
    checkIndices(strings, unitIdx, UNIT, this.badIndices);
    let text: LabelText | undefined;
    const labelText = (): LabelText => {
      if (text === undefined) {
        const t = strings.table;
        const keys = new Array<string>(nLabel);
        const strs = new Array<string>(nLabel);
        const numUnits = new Array<string>(nLabel);
        for (let k = 0; k < nLabel; k++) {
          keys[k] = t[keyIdx[k]!]!;
          strs[k] = t[strIdx[k]!]!;
          numUnits[k] = t[unitIdx[k]!]!;
        }
        text = { keys, strs, numUnits };
      }
      return text;
    };
    return {
      labelNums: new BigInt64Array(this.nums32.buffer, 0, nLabel),
      labelText,
      hasLabelKey: (key: string): boolean => {
        const t = strings.table;
        for (let s = 0; s < t.length; s++) {
          if (t[s] !== key) continue;
          for (let k = 0; k < nLabel; k++) if (keyIdx[k] === s) return true;
        }
        return false;
      },
      mayMixUnits: (): boolean => mayMixUnits(strings.table, keyIdx, unitIdx),
    };
  }
}

/**
 * Whether some key has label entries with two different non-empty units,
 * from the string indices: one pass over typed arrays, without building a
 * label string (the first unit index per key index, in a table as long as
 * the string table).
 */
function mayMixUnits(t: readonly string[], keyIdx: Uint32Array, unitIdx: Uint32Array): boolean {
  const unitOfKey = new Uint32Array(t.length);
  let keys = 0;
  for (let k = 0; k < unitIdx.length; k++) {
    const u = unitIdx[k]!;
    if (u === 0) continue; // string 0 is always ''
    const key = keyIdx[k]!;
    const want = unitOfKey[key]!;
    if (want === u) continue;
    if (t[u] === '') continue;
    if (want === 0) {
      unitOfKey[key] = u;
      keys++;
    } else if (t[want] !== t[u]) {
      return true;
    }
  }
  if (keys < 2) return false;
  // The same key may be spelled by two string indices.
  const byKey = new Map<string, string>();
  for (let key = 0; key < unitOfKey.length; key++) {
    const u = unitOfKey[key]!;
    if (u === 0) continue;
    const want = byKey.get(t[key]!);
    if (want === undefined) byKey.set(t[key]!, t[u]!);
    else if (want !== t[u]) return true;
  }
  return false;
}

/** Every index must name a string; the first one that does not is reported, with its exact value. */
function checkIndices(strings: StringResolver, idx: Uint32Array, what: string, bad: ReadonlyMap<string, number> | null): void {
  const n = strings.table.length;
  for (let k = 0; k < idx.length; k++) {
    const v = idx[k]!;
    if (v >= n) strings.get(v === BAD_INDEX ? bad?.get(`${what} ${k}`) ?? v : v, what);
  }
}
