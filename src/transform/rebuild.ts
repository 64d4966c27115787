/**
 * The one way transforms make a new Profile from an old one: a fresh
 * SampleTable (kept samples, possibly shorter stacks, possibly fewer labels)
 * over a location list that shares every unchanged Location, Function and
 * Mapping object with the source. Everything else (types, period, comments,
 * drop/keep frames) is carried over as is.
 */

import type { Profile } from '../model/profile.js';
import { SampleTable, type FrameArray } from '../model/sample-table.js';
import type { Line, Location } from '../model/types.js';

/** Appends samples copied from a source table, with a new stack and an optional label selection. */
export class SampleTableWriter {
  private readonly src: SampleTable;
  private count = 0;
  private readonly locOffsets: number[] = [0];
  private readonly locIndices: number[] = [];
  private readonly values: bigint[] = [];
  private readonly labelOffsets: number[] = [0];
  private readonly labelSources: number[] = [];

  constructor(src: SampleTable) {
    this.src = src;
  }

  /**
   * Adds a copy of source sample `i` with the stack `stack[from..to)` (location
   * indices, leaf first), keeping the label entries `keepLabel` accepts.
   */
  add(i: number, stack: ArrayLike<number>, from: number, to: number, keepLabel?: (entry: number) => boolean): void {
    const s = this.src;
    for (let k = from; k < to; k++) this.locIndices.push(stack[k]!);
    this.locOffsets.push(this.locIndices.length);
    for (let t = 0; t < s.stride; t++) this.values.push(s.values[i * s.stride + t]!);
    for (let k = s.labelOffsets[i]!; k < s.labelOffsets[i + 1]!; k++) {
      if (keepLabel === undefined || keepLabel(k)) this.labelSources.push(k);
    }
    this.labelOffsets.push(this.labelSources.length);
    this.count++;
  }

  /** Adds a sample made of a stack, values and source label entries (for merges). */
  addRaw(stack: readonly number[], values: readonly bigint[], labelEntries: readonly number[]): void {
    for (const li of stack) this.locIndices.push(li);
    this.locOffsets.push(this.locIndices.length);
    for (const v of values) this.values.push(v);
    for (const k of labelEntries) this.labelSources.push(k);
    this.labelOffsets.push(this.labelSources.length);
    this.count++;
  }

  /** Adds source sample `i` with its own stack. */
  addUnchanged(i: number, keepLabel?: (entry: number) => boolean): void {
    const s = this.src;
    this.add(i, s.locationIndices, s.locationOffsets[i]!, s.locationOffsets[i + 1]!, keepLabel);
  }

  /** The new table over `locations` (which must index like the source's). */
  build(locations: readonly Location[]): SampleTable {
    const s = this.src;
    const wide = locations.length > 0xffff || this.locIndices.some((v) => v > 0xffff);
    const locationIndices: FrameArray = wide ? Uint32Array.from(this.locIndices) : Uint16Array.from(this.locIndices);
    const picks = this.labelSources;
    const labelNums = new BigInt64Array(picks.length);
    picks.forEach((k, j) => { labelNums[j] = s.labelNums[k]!; });
    let text: { keys: string[]; strs: string[]; numUnits: string[] } | null = null;
    return new SampleTable({
      count: this.count,
      stride: s.stride,
      locationOffsets: Uint32Array.from(this.locOffsets),
      locationIndices,
      values: BigInt64Array.from(this.values),
      labelOffsets: Uint32Array.from(this.labelOffsets),
      labelNums,
      labelText: () => (text ??= {
        keys: picks.map((k) => s.labelKeys[k]!),
        strs: picks.map((k) => s.labelStrs[k]!),
        numUnits: picks.map((k) => s.labelNumUnits[k]!),
      }),
      locations,
    });
  }
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
  p: Profile, samples: SampleTable, locations: readonly Location[] = p.locations, reportFilter = true,
): Profile {
  return carryNormalized(p, Object.freeze({
    ...p,
    samples,
    locations,
    filteredFrom: reportFilter ? (p.filteredFrom ?? p) : p.filteredFrom,
  }));
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

function carryNormalized(from: Profile, to: Profile): Profile {
  if (NORMALIZED.has(from)) NORMALIZED.add(to);
  return to;
}
