/**
 * Locations as the decoder hands them to the model: column-wise typed arrays
 * instead of an object per location and per line. Big profiles have 10^5
 * locations; objects that live only until the model is built were most of
 * the garbage collector's copying while decoding.
 */

import type { DecodedLocation, DecodedLocations, Uint64Column } from './types.js';
import { bigintOfSafe, type WireReader } from './wire.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Growable Float64Array column. */
class Column {
  data: Float64Array;
  constructor(capacity: number) {
    this.data = new Float64Array(capacity);
  }
  grow(n: number): void {
    if (n <= this.data.length) return;
    const bigger = new Float64Array(Math.max(n, 2 * this.data.length));
    bigger.set(this.data);
    this.data = bigger;
  }
}

/** A uint64 column being filled: numbers below 2^53 in place, bigger values in a map. */
class U64Column extends Column {
  big: Map<number, bigint> | null = null;
  /** Reads a uint64 varint into slot i. */
  read(i: number, r: WireReader): void {
    const v = r.readUint64Safe();
    this.data[i] = v;
    if (v < 0) (this.big ??= new Map()).set(i, r.bigUnsignedOfLast());
  }
  /** Stores v in slot i. */
  set(i: number, v: bigint): void {
    if (v <= MAX_SAFE) this.data[i] = Number(v);
    else {
      this.data[i] = -1;
      (this.big ??= new Map()).set(i, v);
    }
  }
  finish(n: number): Uint64Column {
    return { small: this.data.subarray(0, n), big: this.big };
  }
}

/** Collects locations in order; each field is set on the location (or line) last begun. */
export class LocationColumnsBuilder {
  count = 0;
  lineCount = 0;
  private cap = 0;
  private lineCap = 0;
  readonly id = new U64Column(0);
  readonly mappingId = new U64Column(0);
  readonly address = new U64Column(0);
  private isFolded = new Uint8Array(0);
  private lineStart = new Uint32Array(1);
  readonly functionId = new U64Column(0);
  readonly line = new Column(0);
  readonly column = new Column(0);

  /**
   * Makes room for about `locations` locations and `lines` lines at once
   * (the decoder calls it before the first): growing by doubling from 1,024 copies every column
   * seven times on a profile of 10^5 locations, and each copy is fresh
   * memory. Room never used costs nothing (a large zeroed allocation is
   * only backed where it is written); a low guess just grows as before.
   */
  reserve(locations: number, lines: number): void {
    if (locations > this.cap) this.growLocations(locations);
    if (lines > this.lineCap) this.growLines(lines);
  }

  private growLocations(cap: number): void {
    this.cap = cap;
    for (const c of [this.id, this.mappingId, this.address]) c.grow(this.cap);
    const folded = new Uint8Array(this.cap);
    folded.set(this.isFolded);
    this.isFolded = folded;
    const starts = new Uint32Array(this.cap + 1);
    starts.set(this.lineStart);
    this.lineStart = starts;
  }

  private growLines(cap: number): void {
    this.lineCap = cap;
    for (const c of [this.functionId, this.line, this.column]) c.grow(this.lineCap);
  }

  /** Starts location `count` (all fields zero) and returns its index. */
  begin(): number {
    const i = this.count++;
    if (i >= this.cap) this.growLocations(Math.max(1024, 2 * this.cap));
    this.id.data[i] = 0;
    this.mappingId.data[i] = 0;
    this.address.data[i] = 0;
    this.isFolded[i] = 0;
    this.lineStart[i + 1] = this.lineCount;
    return i;
  }

  /** Marks the current location folded. */
  folded(value: boolean): void {
    this.isFolded[this.count - 1] = value ? 1 : 0;
  }

  /** Starts a line of the current location (all fields zero) and returns its index. */
  beginLine(): number {
    const k = this.lineCount++;
    if (k >= this.lineCap) this.growLines(Math.max(1024, 2 * this.lineCap));
    this.functionId.data[k] = 0;
    this.line.data[k] = 0;
    this.column.data[k] = 0;
    this.lineStart[this.count] = this.lineCount;
    return k;
  }

  /** The columns (views of the builder's arrays, trimmed to what was added). */
  finish(): DecodedLocations {
    const n = this.count;
    const lines = this.lineCount;
    return {
      count: n,
      id: this.id.finish(n),
      mappingId: this.mappingId.finish(n),
      address: this.address.finish(n),
      isFolded: this.isFolded.subarray(0, n),
      lineStart: this.lineStart.subarray(0, n + 1),
      functionId: this.functionId.finish(lines),
      line: this.line.data.subarray(0, lines),
      column: this.column.data.subarray(0, lines),
    };
  }
}

/** Location objects (the builders' form) as columns. */
export function locationColumns(locations: readonly DecodedLocation[]): DecodedLocations {
  const b = new LocationColumnsBuilder();
  for (const l of locations) {
    const i = b.begin();
    b.id.set(i, l.id);
    b.mappingId.set(i, l.mappingId);
    b.address.set(i, l.address);
    b.folded(l.isFolded);
    for (const ln of l.lines) {
      const k = b.beginLine();
      b.functionId.set(k, ln.functionId);
      b.line.data[k] = ln.line;
      b.column.data[k] = ln.column;
    }
  }
  return b.finish();
}

/** Value i of a uint64 column, exact (small values shared, as the decoder shares them). */
export function uint64At(col: Uint64Column, i: number): bigint {
  const v = col.small[i]!;
  return v >= 0 ? bigintOfSafe(v) : col.big!.get(i)!;
}
