/**
 * Builds a Profile from parts: mappings, functions and locations are interned
 * by content (the same frame added twice becomes one location, as in Go's own
 * protobuf writer), samples are appended in order. `build()` goes through the
 * very `buildProfile` the decoder uses, so a built profile has the same
 * SampleTable layout and passes the same validation as a decoded one.
 *
 * Used by the text importers (decode/text/assemble.ts), by the transforms
 * (merge, scale, diff) and by tests that need small synthetic profiles.
 */

import type {
  DecodedFunction, DecodedLocation, DecodedMapping, DecodedProfile, DecodedValueType, LabelText,
} from '../decode/types.js';
import { locationColumns } from '../decode/locations.js';
import { buildProfile, type FunctionNames, type Profile } from './profile.js';

/** Profile-level fields of the profile being built; everything but the sample types is optional. */
export interface BuilderHeader {
  sampleTypes: readonly DecodedValueType[];
  periodType?: DecodedValueType | null;
  period?: bigint;
  timeNanos?: bigint;
  durationNanos?: bigint;
  comments?: readonly string[];
  dropFrames?: string;
  keepFrames?: string;
  defaultSampleType?: string;
  docUrl?: string;
}

/** A mapping's content (its id is assigned by the builder). */
export interface MappingInput {
  memoryStart?: bigint;
  memoryLimit?: bigint;
  fileOffset?: bigint;
  filename?: string;
  buildId?: string;
  hasFunctions?: boolean;
  hasFilenames?: boolean;
  hasLineNumbers?: boolean;
  hasInlineFrames?: boolean;
}

/** A function's content; `systemName` defaults to `name`. */
export interface FunctionInput {
  name: string;
  systemName?: string;
  filename?: string;
  startLine?: number;
}

/** One line of a location: a function id returned by `function()`. */
export interface LineInput {
  functionId: bigint;
  line?: number;
  column?: number;
}

/** A location's content: a mapping id from `mapping()` (or none), address and lines (innermost first). */
export interface LocationInput {
  mappingId?: bigint | null;
  address?: bigint;
  lines: readonly LineInput[];
  isFolded?: boolean;
}

/** A sample label: a string value, or a number with an optional unit. */
export type LabelInput =
  | { readonly key: string; readonly kind: 'string'; readonly value: string }
  | { readonly key: string; readonly kind: 'number'; readonly value: bigint; readonly unit: string };

// Content keys cannot collide: every part is a decimal number or a JSON-quoted string.
const q = JSON.stringify;

/** Interns profile parts by content and collects samples; `build()` validates and yields the Profile. */
export class ProfileBuilder {
  private readonly mappings: DecodedMapping[] = [];
  private readonly mappingIds = new Map<string, bigint>();
  private readonly functions: DecodedFunction[] = [];
  private readonly functionIds = new Map<string, bigint>();
  private readonly locations: DecodedLocation[] = [];
  private readonly locationIds = new Map<string, bigint>();
  private readonly locOffsets: number[] = [0];
  private readonly locIds: number[] = [];
  private readonly values: bigint[] = [];
  private readonly valueCounts: number[] = [];
  private readonly labelOffsets: number[] = [0];
  private readonly labels: LabelInput[] = [];
  private readonly comments: string[];

  constructor(private readonly header: BuilderHeader) {
    this.comments = [...(header.comments ?? [])];
  }

  /** Number of samples added so far. */
  get sampleCount(): number {
    return this.locOffsets.length - 1;
  }

  /** The id of a mapping with this content, added on first use (ids are 1, 2, … in order of first use). */
  mapping(m: MappingInput): bigint {
    const full: Omit<DecodedMapping, 'id'> = {
      memoryStart: m.memoryStart ?? 0n, memoryLimit: m.memoryLimit ?? 0n, fileOffset: m.fileOffset ?? 0n,
      filename: m.filename ?? '', buildId: m.buildId ?? '', hasFunctions: m.hasFunctions ?? false,
      hasFilenames: m.hasFilenames ?? false, hasLineNumbers: m.hasLineNumbers ?? false,
      hasInlineFrames: m.hasInlineFrames ?? false,
    };
    const key = [full.memoryStart, full.memoryLimit, full.fileOffset, q(full.filename), q(full.buildId),
      +full.hasFunctions, +full.hasFilenames, +full.hasLineNumbers, +full.hasInlineFrames].join(',');
    let id = this.mappingIds.get(key);
    if (id === undefined) {
      id = BigInt(this.mappings.length + 1);
      this.mappingIds.set(key, id);
      this.mappings.push({ id, ...full });
    }
    return id;
  }

  /** The id of a function with this content, added on first use. */
  function(f: FunctionInput): bigint {
    const systemName = f.systemName ?? f.name;
    const filename = f.filename ?? '';
    const startLine = f.startLine ?? 0;
    const key = `${q(f.name)},${q(systemName)},${q(filename)},${startLine}`;
    let id = this.functionIds.get(key);
    if (id === undefined) {
      id = BigInt(this.functions.length + 1);
      this.functionIds.set(key, id);
      this.functions.push({ id, name: f.name, systemName, filename, startLine });
    }
    return id;
  }

  /** The id of a location with this content, added on first use. Ids must come from this builder. */
  location(l: LocationInput): bigint {
    const mappingId = l.mappingId ?? 0n;
    const address = l.address ?? 0n;
    const isFolded = l.isFolded ?? false;
    const lines = l.lines.map((ln) => ({ functionId: ln.functionId, line: ln.line ?? 0, column: ln.column ?? 0 }));
    const key = `${mappingId},${address},${+isFolded},${lines.map((ln) => `${ln.functionId}:${ln.line}:${ln.column}`).join(';')}`;
    let id = this.locationIds.get(key);
    if (id === undefined) {
      id = BigInt(this.locations.length + 1);
      this.locationIds.set(key, id);
      this.locations.push({ id, mappingId, address, lines, isFolded });
    }
    return id;
  }

  /** Appends one sample: location ids leaf first, one value per sample type, labels in order. */
  addSample(locationIds: readonly bigint[], values: readonly bigint[], labels: readonly LabelInput[] = []): void {
    for (const id of locationIds) this.locIds.push(Number(id));
    this.locOffsets.push(this.locIds.length);
    // Element by element: a spread of a huge list overflows the call stack.
    for (const v of values) this.values.push(v);
    this.valueCounts.push(values.length);
    for (const l of labels) this.labels.push(l);
    this.labelOffsets.push(this.labels.length);
  }

  /** Appends a free-text profile comment. */
  addComment(comment: string): void {
    this.comments.push(comment);
  }

  /** The collected parts in the decoder's hand-off shape (what `buildProfile` takes). */
  decoded(): DecodedProfile {
    const count = this.sampleCount;
    // A sample with the wrong number of values keeps its true count here, so that
    // buildProfile rejects it exactly as it rejects such a decoded sample.
    const valueOffsets = new Uint32Array(count + 1);
    for (let i = 0; i < count; i++) valueOffsets[i + 1] = valueOffsets[i]! + this.valueCounts[i]!;
    const labels = this.labels;
    let text: LabelText | null = null;
    const labelText = (): LabelText => (text ??= {
      keys: labels.map((l) => l.key),
      strs: labels.map((l) => (l.kind === 'string' ? l.value : '')),
      numUnits: labels.map((l) => (l.kind === 'number' ? l.unit : '')),
    });
    const maxId = this.locations.length;
    return {
      sampleTypes: this.header.sampleTypes.map((t) => ({ type: t.type, unit: t.unit })),
      samples: {
        count,
        locOffsets: Uint32Array.from(this.locOffsets),
        locIds: maxId <= 0xffff ? Uint16Array.from(this.locIds) : Uint32Array.from(this.locIds),
        bigLocIds: null,
        valueOffsets,
        values: BigInt64Array.from(this.values),
        labelOffsets: Uint32Array.from(this.labelOffsets),
        labelNums: BigInt64Array.from(labels.map((l) => (l.kind === 'number' ? l.value : 0n))),
        labelText,
      },
      mappings: this.mappings.slice(),
      locations: locationColumns(this.locations),
      functions: this.functions.slice(),
      dropFrames: this.header.dropFrames ?? '',
      keepFrames: this.header.keepFrames ?? '',
      timeNanos: this.header.timeNanos ?? 0n,
      durationNanos: this.header.durationNanos ?? 0n,
      periodType: this.header.periodType ?? null,
      period: this.header.period ?? 0n,
      comments: this.comments.slice(),
      defaultSampleType: this.header.defaultSampleType ?? '',
      docUrl: this.header.docUrl ?? '',
    };
  }

  /**
   * Validates and returns the Profile, its functions showing `names` (see
   * FunctionNames; a copy of a profile passes that profile's). Throws
   * PprofError 'invalid-profile' as decoding would.
   */
  build(names: FunctionNames = 'shown'): Profile {
    return buildProfile(this.decoded(), names);
  }
}
