/**
 * Builds the decoder hand-off shape (DecodedProfile) for the legacy
 * importers, following the order in which pprof's legacy reader numbers
 * things, so ids and the "File:" line agree with `go tool pprof`:
 * locations are interned by (adjusted) address while samples are read, then
 * renumbered in order of first use by a sample; the memory map is attached
 * afterwards (maps.ts); functions exist only where a format names frames
 * (the Java forms), numbered in order of first use.
 */

import type { DecodedLine, DecodedLocation, DecodedMapping, DecodedProfile, DecodedValueType } from '../types.js';
import { locationColumns } from '../locations.js';
import { assignMappings, massageMappings, type LegacyMapping } from './maps.js';
import { WARNING_PREFIX } from './warnings.js';

/** A named frame of the Java formats. */
export interface LegacyLine {
  name: string;
  file: string;
  line: number;
}

/** One location: an address, the mapping it falls in, and a name where the format gives one. */
export interface LegacyLocation {
  address: bigint;
  mapping: LegacyMapping | null;
  line: LegacyLine | null;
}

/** One sample: stack leaf first. */
export interface LegacySample {
  locations: LegacyLocation[];
  values: bigint[];
  /** Numeric labels (pprof's heap readers add `bytes`: the average object size). */
  numLabels: [string, bigint][];
}

/** Profile-level fields. */
export interface LegacyHeader {
  sampleTypes: DecodedValueType[];
  periodType: DecodedValueType | null;
  period: bigint;
  durationNanos?: bigint;
  dropFrames?: string;
  keepFrames?: string;
}

/** Collects samples and interns locations by address. */
export class LegacyBuilder {
  locations: LegacyLocation[] = [];
  readonly samples: LegacySample[] = [];
  private readonly byAddress = new Map<bigint, LegacyLocation>();
  private mappings: LegacyMapping[] = [];
  private readonly warnings: string[] = [];

  /** The location at an address, created on first use. */
  location(address: bigint): LegacyLocation {
    let loc = this.byAddress.get(address);
    if (loc === undefined) {
      loc = { address, mapping: null, line: null };
      this.byAddress.set(address, loc);
      this.locations.push(loc);
    }
    return loc;
  }

  /** The location of an address already seen, if any. */
  existing(address: bigint): LegacyLocation | undefined {
    return this.byAddress.get(address);
  }

  /** Adds a sample. */
  addSample(locations: LegacyLocation[], values: bigint[], numLabels: [string, bigint][] = []): void {
    this.samples.push({ locations, values, numLabels });
  }

  /** Records a warning about inconsistent input; it ends up as a profile comment (see warnings.ts). */
  warn(message: string): void {
    this.warnings.push(message);
  }

  /** Renumbers locations in order of first use by a sample, dropping unused ones (pprof's remapLocationIDs). */
  renumberLocations(): void {
    const seen = new Set<LegacyLocation>();
    const order: LegacyLocation[] = [];
    for (const s of this.samples) {
      for (const l of s.locations) {
        if (!seen.has(l)) { seen.add(l); order.push(l); }
      }
    }
    this.locations = order;
  }

  /** Attaches a parsed memory map the way pprof's ParseMemoryMap does. */
  applyMemoryMap(parsed: LegacyMapping[]): void {
    this.mappings = massageMappings([...this.mappings, ...parsed], (from, to) => {
      for (const l of this.locations) if (l.mapping === from) l.mapping = to;
    });
    this.renumberLocations();
    this.mappings = assignMappings(this.mappings, this.locations);
  }

  /** The DecodedProfile for `buildProfile`. */
  finish(header: LegacyHeader): DecodedProfile {
    const mappingIds = new Map<LegacyMapping, bigint>();
    const mappings: DecodedMapping[] = this.mappings.map((m, i) => {
      const id = BigInt(i + 1);
      mappingIds.set(m, id);
      return {
        id, memoryStart: m.start, memoryLimit: m.limit, fileOffset: m.offset, filename: m.file, buildId: m.buildId,
        hasFunctions: false, hasFilenames: false, hasLineNumbers: false, hasInlineFrames: false,
      };
    });
    const functionIds = new Map<string, bigint>();
    const functions: DecodedProfile['functions'] = [];
    const locationIds = new Map<LegacyLocation, number>();
    const locations: DecodedLocation[] = this.locations.map((l, i) => {
      locationIds.set(l, i + 1);
      let lines: DecodedLine[] = [];
      if (l.line !== null) {
        const key = l.line.name;
        let fid = functionIds.get(key);
        if (fid === undefined) {
          fid = BigInt(functions.length + 1);
          functionIds.set(key, fid);
          functions.push({ id: fid, name: l.line.name, systemName: l.line.name, filename: l.line.file, startLine: 0 });
        }
        lines = [{ functionId: fid, line: l.line.line, column: 0 }];
      }
      return {
        id: BigInt(i + 1), mappingId: l.mapping === null ? 0n : mappingIds.get(l.mapping)!, address: l.address, lines, isFolded: false,
      };
    });
    const stride = header.sampleTypes.length;
    const count = this.samples.length;
    const locOffsets = new Uint32Array(count + 1);
    const locIdList: number[] = [];
    const values = new BigInt64Array(count * stride);
    const labelOffsets = new Uint32Array(count + 1);
    const labelKeys: string[] = [];
    const labelNums: bigint[] = [];
    this.samples.forEach((s, i) => {
      for (const l of s.locations) locIdList.push(this.locationIdOf(l, locationIds, locations));
      locOffsets[i + 1] = locIdList.length;
      for (let k = 0; k < stride; k++) values[i * stride + k] = s.values[k] ?? 0n;
      for (const [key, v] of s.numLabels) { labelKeys.push(key); labelNums.push(v); }
      labelOffsets[i + 1] = labelKeys.length;
    });
    const valueOffsets = new Uint32Array(count + 1);
    for (let i = 0; i <= count; i++) valueOffsets[i] = i * stride;
    const labelText = { keys: labelKeys, strs: labelKeys.map(() => ''), numUnits: labelKeys.map(() => '') };
    return {
      sampleTypes: header.sampleTypes,
      samples: {
        count,
        locOffsets,
        locIds: Uint32Array.from(locIdList),
        bigLocIds: null,
        valueOffsets,
        values,
        labelOffsets,
        labelNums: BigInt64Array.from(labelNums),
        labelText: () => labelText,
      },
      mappings,
      locations: locationColumns(locations),
      functions,
      dropFrames: header.dropFrames ?? '',
      keepFrames: header.keepFrames ?? '',
      timeNanos: 0n,
      durationNanos: header.durationNanos ?? 0n,
      periodType: header.periodType,
      period: header.period,
      comments: this.warnings.map((w) => WARNING_PREFIX + w),
      defaultSampleType: '',
      docUrl: '',
    };
  }

  /** A location used by a sample but no longer listed (pprof keeps such ones too) is appended. */
  private locationIdOf(l: LegacyLocation, ids: Map<LegacyLocation, number>, out: DecodedLocation[]): number {
    let id = ids.get(l);
    if (id === undefined) {
      id = out.length + 1;
      ids.set(l, id);
      out.push({
        id: BigInt(id), mappingId: 0n, address: l.address, lines: [], isFolded: false,
      });
    }
    return id;
  }
}
