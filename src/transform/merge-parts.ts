/**
 * The frames half of a merge (pprof's profile.Merge): mappings, functions
 * and locations of every source interned by pprof's keys, then numbered
 * 1..n in order of first use by the samples that survive, as the decoder's
 * id-based columns (so the merged profile is built and validated exactly as
 * a decoded one).
 * - mappings are the same when their size (rounded up to 4 KiB), file
 *   offset and build id (else file name) agree; the first one seen is kept,
 *   and a location's address moves into its range;
 * - functions are the same when all their fields agree;
 * - locations are the same when mapping, mapping-relative address, folding
 *   and (function, line) lists agree.
 * Big profiles have 10^5 locations and 2x10^4 functions per source, so
 * locations are read from the sources' location tables (no Location
 * objects) and interned by a 32-bit hash confirmed field by field, and
 * functions by name (a string V8 hashes once) confirmed field by field.
 */

import type { DecodedFunction, DecodedLocations, DecodedMapping } from '../decode/types.js';
import { LocationColumnsBuilder } from '../decode/locations.js';
import type { LocationTable } from '../model/location-table.js';
import type { Mapping, ProfileFunction } from '../model/types.js';
import { bigintHash, mix } from './hash.js';

const q = JSON.stringify;
const U64 = (x: bigint): bigint => BigInt.asUintN(64, x);
const I64 = (x: bigint): bigint => BigInt.asIntN(64, x);
const MAP_SIZE_ROUNDING = 0x1000n;

function mappingKey(m: Mapping): string {
  let size = U64(m.memoryLimit - m.memoryStart);
  size = U64(size + MAP_SIZE_ROUNDING - 1n);
  size -= size % MAP_SIZE_ROUNDING;
  return `${size},${m.fileOffset},${q(m.buildId !== '' ? m.buildId : m.filename)}`;
}

function sameFunction(a: ProfileFunction, b: ProfileFunction): boolean {
  return a.name === b.name && a.systemName === b.systemName && a.filename === b.filename && a.startLine === b.startLine;
}

/**
 * Where a source's mapping went: the merged mapping (-1 for none), what to
 * add to its addresses, and the start that addresses are relative to.
 */
interface MappedMapping {
  readonly index: number;
  readonly offset: bigint;
  readonly start: bigint;
}

// Node 20's optimizing compiler aborts the process on a conditional between
// 64-bit bigints ("Phi of kRepTagged (UnsignedBigInt64)"), so a location
// without a mapping goes through the same arithmetic with zeros.
const NO_MAPPING: MappedMapping = { index: -1, offset: 0n, start: 0n };

/** The interned frames of all sources of one merge. */
export class MergedParts {
  private readonly mappings: Mapping[] = [];
  private readonly mappingByKey = new Map<string, number>();
  private readonly functions: ProfileFunction[] = [];
  /** The first merged function of each name; `functionNext` chains the others of the same name. */
  private readonly functionByName = new Map<string, number>();
  private readonly functionNext: number[] = [];
  private readonly tables: LocationTable[] = [];
  // Merged location m: source `locSource[m]`'s location `locIndex[m]`, its merged mapping (-1 for none),
  // address moved into that mapping, mapping-relative address, folding, and lines
  // `locLineStart[m] .. locLineStart[m+1]` of `lineFunction` (merged) and `lineNumber`.
  private readonly locSource: number[] = [];
  private readonly locIndex: number[] = [];
  private readonly locMapping: number[] = [];
  private readonly locAddress: bigint[] = [];
  private readonly locRel: bigint[] = [];
  private readonly locFolded: boolean[] = [];
  private readonly locHash: number[] = [];
  private readonly locLineStart: number[] = [0];
  private readonly lineFunction: number[] = [];
  private readonly lineNumber: number[] = [];
  private slots = new Int32Array(1024).fill(-1);

  /** `hashMask` narrows the location hashes (tests make them all collide). */
  constructor(private readonly hashMask = -1) {}

  /** Merged locations so far. */
  get locationCount(): number {
    return this.locIndex.length;
  }

  /**
   * Starts the next source, given by its location table and its first
   * mapping; its location i becomes merged location `map[i]` once
   * `location(i)` has seen it.
   */
  addSource(table: LocationTable, firstMapping: Mapping | null): SourceParts {
    const sp = new SourceParts(this, this.tables.length, table);
    this.tables.push(table);
    // pprof keeps the first mapping of the first profile that has one, first (as the main binary).
    if (this.mappings.length === 0 && firstMapping !== null) sp.mapping(firstMapping);
    return sp;
  }

  /** The first mapping of the merge (kept first), or null when no source has a mapping. */
  get firstMapping(): Mapping | null {
    return this.mappings[0] ?? null;
  }

  /**
   * The merged locations as a location table, so that a merge's result can
   * be the source of another merge without being built: each location with
   * its kept mapping (the source's own object), moved address, folding,
   * merged functions (the sources' own objects) and the first one's columns.
   */
  table(): LocationTable {
    const count = this.locIndex.length;
    const lineColumn = new Float64Array(this.lineFunction.length);
    for (let m = 0; m < count; m++) {
      const t = this.tables[this.locSource[m]!]!;
      const from = t.lineStart[this.locIndex[m]!]!;
      for (let k = this.locLineStart[m]!, c = from; k < this.locLineStart[m + 1]!; k++, c++) lineColumn[k] = t.lineColumn[c]!;
    }
    const mapping = this.locMapping;
    const address = this.locAddress;
    const folded = this.locFolded;
    const mappings = this.mappings;
    return {
      count, lineStart: Uint32Array.from(this.locLineStart), lineFunction: Int32Array.from(this.lineFunction),
      lineNumber: Float64Array.from(this.lineNumber), lineColumn, functions: this.functions,
      mappingOf: (i) => (mapping[i]! < 0 ? null : mappings[mapping[i]!]!),
      addressOf: (i) => address[i]!,
      foldedOf: (i) => folded[i]!,
    };
  }

  /** @internal The merged mapping of a source's mapping. */
  internMapping(m: Mapping): MappedMapping {
    const key = mappingKey(m);
    const existing = this.mappingByKey.get(key);
    if (existing !== undefined) {
      const start = this.mappings[existing]!.memoryStart;
      return { index: existing, offset: I64(start - m.memoryStart), start };
    }
    this.mappingByKey.set(key, this.mappings.length);
    this.mappings.push(m);
    return { index: this.mappings.length - 1, offset: 0n, start: m.memoryStart };
  }

  /** @internal The merged function of a source's function. */
  internFunction(f: ProfileFunction): number {
    const first = this.functionByName.get(f.name);
    let last = -1;
    for (let i = first ?? -1; i >= 0; last = i, i = this.functionNext[i]!) if (sameFunction(this.functions[i]!, f)) return i;
    const i = this.functions.length;
    this.functions.push(f);
    this.functionNext.push(-1);
    if (last < 0) this.functionByName.set(f.name, i);
    else this.functionNext[last] = i;
    return i;
  }

  /**
   * @internal The merged location of location `li` of source `source`, whose
   * lines' merged functions are `fns`.
   */
  internLocation(source: number, li: number, mm: MappedMapping, fns: readonly number[]): number {
    const t = this.tables[source]!;
    const address = BigInt.asUintN(64, t.addressOf(li) + mm.offset);
    const rel = BigInt.asUintN(64, address - mm.start);
    const mapping = mm.index;
    const folded = t.foldedOf(li);
    const first = t.lineStart[li]!;
    let h = bigintHash(mix(mix(fns.length, mapping), +folded), rel);
    for (let k = 0; k < fns.length; k++) h = mix(mix(h, fns[k]!), t.lineNumber[first + k]! | 0);
    h &= this.hashMask;
    const mask = this.slots.length - 1;
    let slot = h & mask;
    for (let m = this.slots[slot]!; m >= 0; slot = (slot + 1) & mask, m = this.slots[slot]!) {
      if (this.locHash[m] !== h || this.locMapping[m] !== mapping || this.locRel[m] !== rel || this.locFolded[m] !== folded) continue;
      const from = this.locLineStart[m]!;
      if (this.locLineStart[m + 1]! - from !== fns.length) continue;
      let same = true;
      for (let k = 0; k < fns.length && same; k++) {
        same = this.lineFunction[from + k] === fns[k] && this.lineNumber[from + k] === t.lineNumber[first + k];
      }
      if (same) return m;
    }
    const m = this.locIndex.length;
    this.slots[slot] = m;
    this.locSource.push(source);
    this.locIndex.push(li);
    this.locMapping.push(mapping);
    this.locAddress.push(address);
    this.locRel.push(rel);
    this.locFolded.push(folded);
    this.locHash.push(h);
    for (let k = 0; k < fns.length; k++) {
      this.lineFunction.push(fns[k]!);
      this.lineNumber.push(t.lineNumber[first + k]!);
    }
    this.locLineStart.push(this.lineFunction.length);
    if (2 * (m + 1) > this.slots.length) this.rehash();
    return m;
  }

  /** Doubles the slot table (kept at most half full). */
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let m = 0; m < this.locHash.length; m++) {
      let slot = this.locHash[m]! & mask;
      while (slots[slot]! >= 0) slot = (slot + 1) & mask;
      slots[slot] = m;
    }
    this.slots = slots;
  }

  /**
   * The output's frames: `order` lists merged locations in order of first use
   * by the surviving samples (location j of the output is `order[j]`, id j+1).
   * Mappings and functions are numbered by first use through those locations,
   * the first mapping always first.
   */
  output(order: ArrayLike<number>): { mappings: DecodedMapping[]; functions: DecodedFunction[]; locations: DecodedLocations } {
    const mappingId = new Float64Array(this.mappings.length);
    const mappings: DecodedMapping[] = [];
    const useMapping = (i: number): number => {
      if (mappingId[i] === 0) {
        const m = this.mappings[i]!;
        mappingId[i] = mappings.length + 1;
        mappings.push({
          id: BigInt(mappings.length + 1), memoryStart: m.memoryStart, memoryLimit: m.memoryLimit, fileOffset: m.fileOffset,
          filename: m.filename, buildId: m.buildId, hasFunctions: m.hasFunctions, hasFilenames: m.hasFilenames,
          hasLineNumbers: m.hasLineNumbers, hasInlineFrames: m.hasInlineFrames,
        });
      }
      return mappingId[i]!;
    };
    if (this.mappings.length > 0) useMapping(0);
    const functionId = new Float64Array(this.functions.length);
    const functions: DecodedFunction[] = [];
    const useFunction = (i: number): number => {
      if (functionId[i] === 0) {
        const f = this.functions[i]!;
        functionId[i] = functions.length + 1;
        functions.push({ id: BigInt(functions.length + 1), name: f.name, systemName: f.systemName, filename: f.filename, startLine: f.startLine });
      }
      return functionId[i]!;
    };
    const b = new LocationColumnsBuilder();
    for (let j = 0; j < order.length; j++) {
      const m = order[j]!;
      const t = this.tables[this.locSource[m]!]!;
      const srcLine = t.lineStart[this.locIndex[m]!]!;
      const i = b.begin();
      b.id.data[i] = j + 1;
      b.mappingId.data[i] = this.locMapping[m]! < 0 ? 0 : useMapping(this.locMapping[m]!);
      b.address.set(i, this.locAddress[m]!);
      b.folded(this.locFolded[m]!);
      for (let k = this.locLineStart[m]!, c = srcLine; k < this.locLineStart[m + 1]!; k++, c++) {
        const ln = b.beginLine();
        b.functionId.data[ln] = useFunction(this.lineFunction[k]!);
        b.line.data[ln] = this.lineNumber[k]!;
        // Go 1.19's pprof has no columns: the first location seen keeps its own.
        b.column.data[ln] = t.lineColumn[c]!;
      }
    }
    return { mappings, functions, locations: b.finish() };
  }
}

/** One source's view of the interning: its own mappings, functions and locations mapped once each. */
export class SourceParts {
  private readonly mappingOf = new Map<Mapping, MappedMapping>();
  /** fnMap[f] is the merged function of the table's function f, -1 until first use. */
  private readonly fnMap: Int32Array;
  private readonly fns: number[] = [];
  /** map[i] is the merged location of location i, -1 until first use. */
  readonly map: Int32Array;

  constructor(private readonly parts: MergedParts, private readonly source: number, private readonly table: LocationTable) {
    this.map = new Int32Array(table.count).fill(-1);
    this.fnMap = new Int32Array(table.functions.length).fill(-1);
  }

  /** The merged mapping of one of this source's mappings. */
  mapping(m: Mapping): MappedMapping {
    let mm = this.mappingOf.get(m);
    if (mm === undefined) this.mappingOf.set(m, mm = this.parts.internMapping(m));
    return mm;
  }

  /** The merged location of this source's location i (mapping first, then each line's function, as pprof maps them). */
  location(i: number): number {
    const known = this.map[i]!;
    if (known >= 0) return known;
    const t = this.table;
    const mapping = t.mappingOf(i);
    const mm = mapping === null ? NO_MAPPING : this.mapping(mapping);
    const fns = this.fns;
    fns.length = 0;
    for (let k = t.lineStart[i]!; k < t.lineStart[i + 1]!; k++) {
      const f = t.lineFunction[k]!;
      let m = this.fnMap[f]!;
      if (m < 0) this.fnMap[f] = m = this.parts.internFunction(t.functions[f]!);
      fns.push(m);
    }
    return this.map[i] = this.parts.internLocation(this.source, i, mm, fns);
  }
}
