/**
 * Locations column-wise, resolved: what the query core reads instead of
 * Location objects. A big profile has 10^5 locations; making a frozen
 * object, a lines array, a Line object per line and a bigint address for
 * each cost more than the rest of building the model, and the garbage
 * collector paid again to copy them while they were young. The model builds
 * this table while it validates (model/profile.ts) and makes the objects of
 * `Profile.locations` only when someone reads them.
 *
 * The table of any profile, however it was made, comes from
 * `locationTableOf`; `tableOfLines` makes one for the lines a filter kept.
 */

import type { Uint64Column } from '../decode/types.js';
import { uint64At } from '../decode/locations.js';
import type { Profile } from './profile.js';
import type { Line, Location, Mapping, ProfileFunction } from './types.js';

/** Location i's lines are `lineStart[i] .. lineStart[i+1]` of the line columns, innermost first. */
export interface LocationTable {
  readonly count: number;
  readonly lineStart: Uint32Array;
  /** Index into `functions` of each line's function. */
  readonly lineFunction: Int32Array;
  /** Line number of each line (0 when unknown). */
  readonly lineNumber: Float64Array;
  /** Column of each line (0 when unknown). */
  readonly lineColumn: Float64Array;
  /** The functions `lineFunction` points at (the profile's own, in its order, for a built profile). */
  readonly functions: readonly ProfileFunction[];
  /** Mapping of each location, or null. */
  mappingOf(location: number): Mapping | null;
  /** Address of each location (0n when unknown). */
  addressOf(location: number): bigint;
  /** Whether each location's lines were folded into one address (is_folded). */
  foldedOf(location: number): boolean;
}

/** What a built profile registers: its table (see profile.ts). */
const tables = new WeakMap<Profile, LocationTable>();

/** @internal Records the table buildProfile made for `profile`. */
export function registerLocationTable(profile: Profile, table: LocationTable): void {
  tables.set(profile, table);
}

/**
 * The location table of a profile: the one it was built with, or one made
 * from its Location objects (profiles assembled by transforms), kept for
 * next time.
 */
export function locationTableOf(profile: Profile): LocationTable {
  let t = tables.get(profile);
  if (t === undefined) {
    const locations = profile.locations;
    t = tableOfLines(locations, locations.map((l) => l.lines));
    tables.set(profile, t);
  }
  return t;
}

/** A table of `lines[i]` as location i's lines (e.g. the lines a filter kept). */
export function tableOfLines(locations: readonly Location[], lines: readonly (readonly Line[])[]): LocationTable {
  const n = locations.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += lines[i]!.length;
  const lineStart = new Uint32Array(n + 1);
  const lineFunction = new Int32Array(total);
  const lineNumber = new Float64Array(total);
  const lineColumn = new Float64Array(total);
  // Functions are numbered by object: a transformed profile's function need not sit at its index.
  const fnIndex = new Map<ProfileFunction, number>();
  const functions: ProfileFunction[] = [];
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (const ln of lines[i]!) {
      let f = fnIndex.get(ln.function);
      if (f === undefined) {
        f = functions.length;
        fnIndex.set(ln.function, f);
        functions.push(ln.function);
      }
      lineFunction[k] = f;
      lineNumber[k] = ln.line;
      lineColumn[k] = ln.column;
      k++;
    }
    lineStart[i + 1] = k;
  }
  return {
    count: n, lineStart, lineFunction, lineNumber, lineColumn, functions,
    mappingOf: (i) => locations[i]!.mapping,
    addressOf: (i) => locations[i]!.address,
    foldedOf: (i) => locations[i]!.isFolded,
  };
}

/** The columns buildProfile resolves from the decoder's. */
export interface ResolvedLocationColumns {
  readonly count: number;
  readonly id: Uint64Column;
  readonly address: Uint64Column;
  readonly isFolded: Uint8Array;
  /** Index into the profile's mappings, -1 for none. */
  readonly mapping: Int32Array;
  readonly lineStart: Uint32Array;
  /** Index into the profile's functions. */
  readonly lineFunction: Int32Array;
  readonly lineNumber: Float64Array;
  readonly lineColumn: Float64Array;
}

/** The table of a built profile, over its resolved columns. */
export function tableOfColumns(c: ResolvedLocationColumns, functions: readonly ProfileFunction[], mappings: readonly Mapping[]): LocationTable {
  return {
    count: c.count, lineStart: c.lineStart, lineFunction: c.lineFunction, lineNumber: c.lineNumber, lineColumn: c.lineColumn,
    functions,
    mappingOf: (i) => (c.mapping[i]! < 0 ? null : mappings[c.mapping[i]!]!),
    addressOf: (i) => uint64At(c.address, i),
    foldedOf: (i) => c.isFolded[i] === 1,
  };
}

/** The frozen Location objects of resolved columns, made when `Profile.locations` is first read. */
export function locationObjects(c: ResolvedLocationColumns, functions: readonly ProfileFunction[], mappings: readonly Mapping[]): readonly Location[] {
  const out = new Array<Location>(c.count);
  for (let index = 0; index < c.count; index++) {
    const first = c.lineStart[index]!;
    const lines = new Array<Line>(c.lineStart[index + 1]! - first);
    for (let li = 0; li < lines.length; li++) {
      const k = first + li;
      lines[li] = Object.freeze({ function: functions[c.lineFunction[k]!]!, line: c.lineNumber[k]!, column: c.lineColumn[k]! });
    }
    const m = c.mapping[index]!;
    out[index] = Object.freeze({
      index, id: uint64At(c.id, index), mapping: m < 0 ? null : mappings[m]!, address: uint64At(c.address, index),
      lines: Object.freeze(lines), isFolded: c.isFolded[index] === 1,
    });
  }
  return Object.freeze(out);
}
