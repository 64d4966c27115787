/**
 * The one way transforms make a new Profile from an old one: a fresh
 * SampleTable (kept samples, possibly shorter stacks, possibly fewer labels)
 * over a location list that shares every unchanged Location, Function and
 * Mapping object with the source. Everything else (types, period, comments,
 * drop/keep frames) is carried over as is.
 */

import { carryFunctionNames, type Profile } from '../model/profile.js';
import { SampleTable, type FrameArray } from '../model/sample-table.js';
import type { PackedStacks } from '../model/packed-stacks.js';
import { locationTableOf, registerLocationTable } from '../model/location-table.js';
import { sharedIfPossible } from '../shared-memory.js';
import type { Line, Location } from '../model/types.js';

/**
 * Appends samples copied from a source table, with a new stack and an
 * optional label selection. While every sample comes with its own stack
 * unchanged from a source whose stacks are packed (tag filters, dropping
 * empty stacks), the new table keeps them packed too: it points at the same
 * bytes through the kept samples' ranges, and no frame is copied (a 100 MB
 * profile has 3*10^7 of them).
 */
export class SampleTableWriter {
  private readonly src: SampleTable;
  private count = 0;
  private readonly locOffsets: number[] = [0];
  private readonly locIndices: number[] = [];
  private readonly values: bigint[] = [];
  private readonly labelOffsets: number[] = [0];
  private readonly labelSources: number[] = [];
  /** Source samples taken with their packed stacks, or null once some sample needs its own stack. */
  private picked: number[] | null;
  /** The source's packed stacks (kept: the source drops them if someone unpacks it meanwhile). */
  private readonly packed: PackedStacks | null;
  /** Whether values are negated on the way (the base side of a -diff_base profile). */
  private readonly negate: boolean;

  constructor(src: SampleTable, options: { negate?: boolean } = {}) {
    this.src = src;
    this.negate = options.negate === true;
    this.packed = src.packedStacks;
    this.picked = this.packed !== null ? [] : null;
  }

  /**
   * Adds a copy of source sample `i` with the stack `stack[from..to)` (location
   * indices, leaf first), keeping the label entries `keepLabel` accepts.
   */
  add(i: number, stack: ArrayLike<number>, from: number, to: number, keepLabel?: (entry: number) => boolean): void {
    this.unpick();
    this.push(i, stack, from, to, keepLabel);
  }

  private push(i: number, stack: ArrayLike<number> | null, from: number, to: number, keepLabel?: (entry: number) => boolean): void {
    const s = this.src;
    if (stack !== null) {
      for (let k = from; k < to; k++) this.locIndices.push(stack[k]!);
      this.locOffsets.push(this.locIndices.length);
    } else {
      this.picked!.push(i);
    }
    for (let t = 0; t < s.stride; t++) this.values.push(this.negate ? -s.values[i * s.stride + t]! : s.values[i * s.stride + t]!);
    for (let k = s.labelOffsets[i]!; k < s.labelOffsets[i + 1]!; k++) {
      if (keepLabel === undefined || keepLabel(k)) this.labelSources.push(k);
    }
    this.labelOffsets.push(this.labelSources.length);
    this.count++;
  }

  /** Leaves packed mode: the samples picked so far get their stacks copied as location indices. */
  private unpick(): void {
    const picked = this.picked;
    if (picked === null) return;
    this.picked = null;
    const { locationOffsets: offs, locationIndices: idx } = this.src;
    for (const i of picked) {
      for (let k = offs[i]!; k < offs[i + 1]!; k++) this.locIndices.push(idx[k]!);
      this.locOffsets.push(this.locIndices.length);
    }
  }

  /** Adds a sample made of a stack, values and source label entries (for merges). */
  addRaw(stack: readonly number[], values: readonly bigint[], labelEntries: readonly number[]): void {
    this.unpick();
    for (const li of stack) this.locIndices.push(li);
    this.locOffsets.push(this.locIndices.length);
    for (const v of values) this.values.push(v);
    for (const k of labelEntries) this.labelSources.push(k);
    this.labelOffsets.push(this.labelSources.length);
    this.count++;
  }

  /** Adds source sample `i` with its own stack. */
  addUnchanged(i: number, keepLabel?: (entry: number) => boolean): void {
    if (this.picked !== null) {
      this.push(i, null, 0, 0, keepLabel);
      return;
    }
    const s = this.src;
    this.push(i, s.locationIndices, s.locationOffsets[i]!, s.locationOffsets[i + 1]!, keepLabel);
  }

  /**
   * The new table over `locations` (which must index like the source's), or
   * over `p`'s locations, read only if someone asks the table for them.
   */
  build(locations: readonly Location[] | Profile): SampleTable {
    const s = this.src;
    const count = isLocationList(locations) ? locations.length : locationTableOf(locations).count;
    const stacks = this.picked !== null
      ? { packed: pickStacks(this.packed!, this.picked) }
      : { locationOffsets: Uint32Array.from(this.locOffsets), locationIndices: this.indexArray(count) };
    const picks = this.labelSources;
    const labelNums = new BigInt64Array(picks.length);
    picks.forEach((k, j) => { labelNums[j] = s.labelNums[k]!; });
    let text: { keys: string[]; strs: string[]; numUnits: string[] } | null = null;
    return new SampleTable({
      count: this.count,
      stride: s.stride,
      ...stacks,
      values: BigInt64Array.from(this.values),
      labelOffsets: Uint32Array.from(this.labelOffsets),
      labelNums,
      labelText: () => (text ??= {
        keys: picks.map((k) => s.labelKeys[k]!),
        strs: picks.map((k) => s.labelStrs[k]!),
        numUnits: picks.map((k) => s.labelNumUnits[k]!),
      }),
      locations: isLocationList(locations) ? locations : () => locations.locations,
      locationCount: count,
    });
  }

  /** The copied stacks as 16-bit indices when they all fit, else 32-bit. */
  private indexArray(locationCount: number): FrameArray {
    const wide = locationCount > 0xffff || this.locIndices.some((v) => v > 0xffff);
    return wide ? Uint32Array.from(this.locIndices) : Uint16Array.from(this.locIndices);
  }
}

/**
 * The packed stacks of samples `picked` of `ps`: the same bytes and id
 * table, the picked ranges. Frames are counted without decoding: every
 * varint ends in exactly one byte below 0x80.
 */
function pickStacks(ps: PackedStacks, picked: readonly number[]): PackedStacks {
  const n = picked.length;
  const start = new Uint32Array(sharedIfPossible(4 * n));
  const end = new Uint32Array(sharedIfPossible(4 * n));
  const { buf } = ps;
  let frames = 0;
  let maxDepth = 0;
  for (let j = 0; j < n; j++) {
    const i = picked[j]!;
    const a = ps.start[i]!;
    const b = ps.end[i]!;
    start[j] = a;
    end[j] = b;
    let depth = 0;
    for (let p = a; p < b; p++) if (buf[p]! < 0x80) depth++;
    frames += depth;
    if (depth > maxDepth) maxDepth = depth;
  }
  return { buf, start, end, idToLoc: ps.idToLoc, maxDepth, frameCount: frames };
}

/** A copy of `loc` with other lines (same index, id, mapping and address). */
export function withLines(loc: Location, lines: readonly Line[]): Location {
  return Object.freeze({ ...loc, lines: Object.freeze([...lines]) });
}

/**
 * The profile `p` with new samples (and, when given, a new location list).
 * `filteredFrom` points at the profile before the first report-time filter,
 * so reports keep taking their 100% from it, as pprof does.
 */
export function withSamples(
  p: Profile, samples: SampleTable, locations?: readonly Location[], reportFilter = true,
): Profile {
  // Copied by descriptor: a built profile makes its Location objects on first read, and the new
  // profile shares them, and the location table, without reading them here.
  const props: PropertyDescriptorMap = Object.getOwnPropertyDescriptors(p);
  const value = <T>(v: T): PropertyDescriptor => ({ value: v, enumerable: true });
  props.samples = value(samples);
  if (locations !== undefined) props.locations = value(locations);
  props.filteredFrom = value(reportFilter ? (p.filteredFrom ?? p) : p.filteredFrom);
  const out = Object.freeze(Object.defineProperties({}, props) as Profile);
  if (locations === undefined) registerLocationTable(out, locationTableOf(p));
  return carryNormalized(p, out);
}

function isLocationList(x: readonly Location[] | Profile): x is readonly Location[] {
  return Array.isArray(x);
}

/** Profiles that went through canonicalProfile, and every profile transformed from one. */
const NORMALIZED = new WeakSet<Profile>();

/** Records that `p` has pprof's merged shape (see normalize.ts). */
export function markNormalized(p: Profile): Profile {
  NORMALIZED.add(p);
  return p;
}

/** Whether `p` (or the profile it was transformed from) went through canonicalProfile. */
export function isNormalized(p: Profile): boolean {
  return NORMALIZED.has(p);
}

/**
 * Profiles whose samples cannot cancel in pprof's merge on load: no two
 * samples of one identity have values of opposite signs (a merge's output,
 * and every profile transformed from one). See canonical.ts mayCancelOnMerge.
 */
const SIGN_SAFE = new WeakSet<Profile>();

/** Records that no two samples of `p` with one identity have values of opposite signs. */
export function markSignSafe(p: Profile): Profile {
  SIGN_SAFE.add(p);
  return p;
}

/** Whether `p` (or the profile it was transformed from) was marked by {@link markSignSafe} or went through canonicalProfile. */
export function isSignSafe(p: Profile): boolean {
  return SIGN_SAFE.has(p) || NORMALIZED.has(p);
}

function carryNormalized(from: Profile, to: Profile): Profile {
  if (NORMALIZED.has(from)) NORMALIZED.add(to);
  if (SIGN_SAFE.has(from)) SIGN_SAFE.add(to);
  carryFunctionNames(from, to);
  return to;
}
