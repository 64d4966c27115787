/**
 * The Profile: a validated, read-only view of one pprof profile. Built from
 * decoded messages by `buildProfile`, which resolves every id into an object
 * reference and rejects anything pprof's own validity check would (and more),
 * with messages that name the offending id.
 */

import { shownFunctionName } from './function-name.js';
import { PprofError } from '../errors.js';
import { BIG_ID, type DecodedProfile, type DecodedSamples, type Uint64Column } from '../decode/types.js';
import { uint64At } from '../decode/locations.js';
import { SampleTable, type FrameArray } from './sample-table.js';
import { sharedIfPossible } from '../shared-memory.js';
import type { Location, Mapping, ProfileFunction, ValueType } from './types.js';
import { IdIndex } from './id-index.js';
import { canDeferCheck, checkPacked, type DeferredStackCheck } from './packed-stacks.js';
import { locationObjects, registerLocationTable, tableOfColumns, type ResolvedLocationColumns } from './location-table.js';
import { SampleBuilder } from '../decode/samples.js';

/** A validated pprof profile. */
export interface Profile {
  /** What each sample value measures, in order. */
  readonly sampleTypes: readonly ValueType[];
  /** All samples, column-wise. */
  readonly samples: SampleTable;
  readonly mappings: readonly Mapping[];
  /**
   * Every location, as frozen objects. A built profile makes them on the
   * first read (reports work from the columns of model/location-table.ts),
   * so the first read of a big profile's locations takes a moment.
   */
  readonly locations: readonly Location[];
  readonly functions: readonly ProfileFunction[];
  /** Regex of frames to drop from the root side ('' when unset). */
  readonly dropFrames: string;
  /** Regex of frames kept despite dropFrames ('' when unset). */
  readonly keepFrames: string;
  /** Collection time, nanoseconds since the Unix epoch (0 when unset). */
  readonly timeNanos: bigint;
  /** Collection window in nanoseconds (0 when unset). */
  readonly durationNanos: bigint;
  /** Kind and unit of the sampling period, or null. */
  readonly periodType: ValueType | null;
  readonly period: bigint;
  readonly comments: readonly string[];
  /** Preferred sample type name ('' when unset). */
  readonly defaultSampleType: string;
  /** Documentation URL ('' when unset). */
  readonly docUrl: string;
  /**
   * Set on profiles made by report-time filters (src/transform: tagfocus,
   * show_from, ...): the profile before them. Reports take their total (the
   * 100% of percentages) from it, as pprof computes its total before filtering.
   */
  readonly filteredFrom?: Profile;
}

function invalid(message: string): never {
  throw new PprofError('invalid-profile', message);
}

/**
 * Which name a function shows: 'shown', the one pprof shows after its
 * default symbolization (demangler heuristics, see model/function-name.ts),
 * or 'stored', the name as the profile stores it, as pprof shows it with
 * -symbolize=none (it then runs no demangler at all).
 */
export type FunctionNames = 'shown' | 'stored';

/** Profiles built with 'stored' names, and profiles made from them without a rebuild (see carryFunctionNames). */
const STORED_NAMES = new WeakSet<Profile>();

/** The names `p`'s functions show, for a profile rebuilt from it (a merge, a copy) to show the same. */
export function functionNamesOf(p: Profile): FunctionNames {
  return STORED_NAMES.has(p) ? 'stored' : 'shown';
}

/** Records that `to`, made from `from` without a rebuild (its functions shared), shows the names `from` shows. */
export function carryFunctionNames(from: Profile, to: Profile): void {
  if (STORED_NAMES.has(from)) STORED_NAMES.add(to);
}

/** Resolves and validates a decoded profile. Throws PprofError 'invalid-profile'. */
export function buildProfile(d: DecodedProfile, names: FunctionNames = 'shown'): Profile {
  const nTypes = d.sampleTypes.length;
  if (nTypes === 0 && d.samples.count > 0) invalid('missing sample type information');

  const mappingIds = new IdIndex('mapping');
  const mappings: Mapping[] = d.mappings.map((m, index) => {
    mappingIds.add(m.id, index);
    return Object.freeze({
      index, id: m.id, memoryStart: m.memoryStart, memoryLimit: m.memoryLimit, fileOffset: m.fileOffset,
      filename: m.filename, buildId: m.buildId, hasFunctions: m.hasFunctions, hasFilenames: m.hasFilenames,
      hasLineNumbers: m.hasLineNumbers, hasInlineFrames: m.hasInlineFrames,
    });
  });

  const functionIds = new IdIndex('function');
  const functions: ProfileFunction[] = d.functions.map((f, index) => {
    functionIds.add(f.id, index);
    // Field by field, not `{ index, ...f }`: the spread cost 4 us a function (70 ms on 16k functions).
    return Object.freeze({
      index, id: f.id, name: names === 'stored' ? f.name : shownFunctionName(f.name, f.systemName), systemName: f.systemName,
      filename: f.filename,
      startLine: f.startLine,
    });
  });

  // Go numbers functions and mappings 1..N: a dense table answers the lookups of every line.
  const functionTable = functionIds.denseTable();
  const mappingTable = mappingIds.denseTable();
  // Lookups by the columns' numbers (-1 there: a uint64 past 2^53, never in a dense table).
  const functionAt = (col: Uint64Column, k: number): number => {
    const n = col.small[k]!;
    return functionTable !== null && n >= 0 && n < functionTable.length ? functionTable[n]! : functionIds.find(uint64At(col, k));
  };
  const mappingAt = (col: Uint64Column, k: number): number => {
    const n = col.small[k]!;
    return mappingTable !== null && n >= 0 && n < mappingTable.length ? mappingTable[n]! : mappingIds.find(uint64At(col, k));
  };
  const L = d.locations;
  const nLocations = L.count;
  const locationIds = new IdIndex('location');
  // Validation and resolution in plain loops over the decoder's columns (10^5 locations in big
  // profiles); the Location objects are made only if someone reads them (location-table.ts).
  const mappingIndex = new Int32Array(nLocations);
  const lineFunction = new Int32Array(L.functionId.small.length);
  for (let index = 0; index < nLocations; index++) {
    const idSmall = L.id.small[index]!;
    if (idSmall >= 0) locationIds.addSafe(idSmall, index);
    else locationIds.add(L.id.big!.get(index)!, index);
    mappingIndex[index] = -1;
    if (L.mappingId.small[index] !== 0) {
      const mi = mappingAt(L.mappingId, index);
      if (mi < 0) invalid(`location ${uint64At(L.id, index)} references missing mapping ${uint64At(L.mappingId, index)}`);
      mappingIndex[index] = mi;
    }
    const first = L.lineStart[index]!;
    const end = L.lineStart[index + 1]!;
    for (let k = first; k < end; k++) {
      if (L.functionId.small[k] === 0) invalid(`location ${uint64At(L.id, index)} line ${k - first} has no function (function id 0)`);
      const fi = functionAt(L.functionId, k);
      if (fi < 0) invalid(`location ${uint64At(L.id, index)} references missing function ${uint64At(L.functionId, k)}`);
      lineFunction[k] = fi;
    }
  }
  const columns: ResolvedLocationColumns = {
    count: nLocations, id: L.id, address: L.address, isFolded: L.isFolded, mapping: mappingIndex,
    lineStart: L.lineStart, lineFunction, lineNumber: L.line, lineColumn: L.column,
  };
  let locationList: readonly Location[] | null = null;
  const locations = (): readonly Location[] => (locationList ??= locationObjects(columns, functions, mappings));

  const s = d.samples;
  // Stacks kept as bytes are checked in place; if any id is off, decoding them the copying way names it.
  const ranges = s.packed;
  const idTable = locationIds.denseTable();
  // Stacks given as id arrays (decoded the copying way) as offsets and location indices.
  const indexed = (c: Pick<DecodedSamples, 'locOffsets' | 'locIds' | 'bigLocIds'>): { offsets: Uint32Array; indices: FrameArray } => (
    { offsets: c.locOffsets, indices: resolveSampleLocations(c.locIds, c.bigLocIds, c.locOffsets, locationIds, nLocations) });
  const copied = (r: NonNullable<typeof ranges>): { offsets: Uint32Array; indices: FrameArray } => indexed(SampleBuilder.idsOfRanges(r));
  let deferred: DeferredStackCheck | null = null;
  if (ranges !== undefined && ranges.checkInPass === true && idTable !== null && canDeferCheck(idTable.length)) {
    const { buf, start, end } = ranges;
    deferred = {
      unchecked: { buf, start, end, idToLoc: idTable, maxDepth: -1, frameCount: -1 },
      run: () => checkPacked(ranges, idTable) ?? copied(ranges),
    };
  }
  const packed = ranges === undefined || deferred !== null ? null : checkPacked(ranges, idTable);
  const stacks = packed !== null || deferred !== null ? null : ranges !== undefined ? copied(ranges) : indexed(s);
  for (let i = 0; i < s.count; i++) {
    const n = s.valueOffsets[i + 1]! - s.valueOffsets[i]!;
    if (n !== nTypes) invalid(`sample ${i} has ${n} values but the profile has ${nTypes} sample types`);
  }
  const samples = new SampleTable({
    count: s.count,
    stride: nTypes,
    ...(deferred !== null ? { deferredCheck: deferred }
      : packed !== null ? { packed } : { locationOffsets: stacks!.offsets, locationIndices: stacks!.indices }),
    values: s.values,
    labelOffsets: s.labelOffsets,
    labelNums: s.labelNums,
    labelText: s.labelText,
    hasLabelKey: s.hasLabelKey,
    mayMixUnits: s.mayMixUnits,
    locations,
    locationCount: nLocations,
  });

  const profile: Profile = Object.freeze({
    sampleTypes: Object.freeze(d.sampleTypes.map((t) => Object.freeze({ ...t }))),
    samples,
    mappings: Object.freeze(mappings),
    get locations() { return locations(); },
    functions: Object.freeze(functions),
    dropFrames: d.dropFrames,
    keepFrames: d.keepFrames,
    timeNanos: d.timeNanos,
    durationNanos: d.durationNanos,
    periodType: d.periodType === null ? null : Object.freeze({ ...d.periodType }),
    period: d.period,
    comments: Object.freeze([...d.comments]),
    defaultSampleType: d.defaultSampleType,
    docUrl: d.docUrl,
  });
  registerLocationTable(profile, tableOfColumns(columns, functions, mappings));
  if (names === 'stored') STORED_NAMES.add(profile);
  return profile;
}

/**
 * Maps every sample's location ids to location indices, in place (the id
 * array becomes the index array), naming the first dangling id.
 */
function resolveSampleLocations(
  ids: FrameArray, bigIds: Map<number, bigint> | null, offsets: Uint32Array, index: IdIndex, locationCount: number,
): FrameArray {
  // Indices reach locationCount - 1: widen 16-bit ids first if that does not fit.
  if (ids instanceof Uint16Array && locationCount > 0xffff) {
    const wide = new Uint32Array(sharedIfPossible(4 * ids.length));
    wide.set(ids);
    ids = wide;
  }
  const dense = index.denseTable();
  const n = ids.length;
  let k = 0;
  if (dense !== null && bigIds === null) {
    // Hot path (Go's ids are 1..N): a table lookup per id; an id past the table reads
    // undefined, and a missing one -1, both caught by the one sign test.
    for (; k < n; k++) {
      const li = dense[ids[k]!] ?? -1;
      if (li < 0) break;
      ids[k] = li;
    }
    if (k === n) return ids;
  }
  for (; k < n; k++) {
    const id = ids[k]!;
    let li: number;
    if (id === BIG_ID && bigIds !== null && bigIds.has(k)) li = index.find(bigIds.get(k)!);
    else if (dense !== null && id < dense.length) li = dense[id]!;
    else li = index.findNumber(id);
    if (li < 0) {
      let sample = 0;
      while (offsets[sample + 1]! <= k) sample++;
      const shown = id === BIG_ID && bigIds?.has(k) ? String(bigIds.get(k)) : String(id);
      invalid(`sample ${sample} references missing location ${shown}`);
    }
    ids[k] = li;
  }
  return ids;
}
