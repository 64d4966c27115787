/**
 * Turns samples read from a text format into the decoder-to-model hand-off
 * shape (DecodedProfile), so text input goes through the same `buildProfile`
 * validation and the same queries as protobuf input. Functions and locations
 * are interned: the same frame seen in many stacks becomes one location,
 * as in the runtime's own protobuf writer.
 */

import type { DecodedFunction, DecodedLocation, DecodedProfile, DecodedValueType } from '../types.js';

/** One source position of a frame as the text prints it. */
export interface TextLine {
  /** Function name, e.g. `main.(*conntrack).loop`. */
  name: string;
  file: string;
  line: number;
}

/**
 * One location: a program counter (0 when the format prints none) and its
 * source positions, innermost inlined function first, physical frame last.
 * No lines means the text printed a bare address.
 */
export interface TextLocation {
  address: bigint;
  lines: TextLine[];
}

/** A sample label as read from text. */
export type TextLabel =
  | { key: string; kind: 'string'; value: string }
  | { key: string; kind: 'number'; value: bigint; unit: string };

/** Profile-level fields of the profile being assembled. */
export interface AssembleHeader {
  sampleTypes: DecodedValueType[];
  periodType: DecodedValueType | null;
  period: bigint;
  defaultSampleType?: string;
}

/** Collects samples and interns their frames; `finish` yields the DecodedProfile. */
export class ProfileAssembler {
  private readonly functions: DecodedFunction[] = [];
  private readonly functionIds = new Map<string, bigint>();
  private readonly locations: DecodedLocation[] = [];
  private readonly locationIds = new Map<string, bigint>();
  private readonly locOffsets: number[] = [0];
  private readonly locIds: number[] = [];
  private readonly values: bigint[] = [];
  private readonly labelOffsets: number[] = [0];
  private readonly labels: TextLabel[] = [];
  private readonly comments: string[] = [];

  constructor(private readonly header: AssembleHeader) {}

  /** Adds one sample: stack leaf first, one value per sample type. */
  addSample(stack: readonly TextLocation[], values: readonly bigint[], labels: readonly TextLabel[] = []): void {
    for (const loc of stack) this.locIds.push(Number(this.locationId(loc)));
    this.locOffsets.push(this.locIds.length);
    // Element by element: a spread of a huge label list overflows the call stack.
    for (const v of values) this.values.push(v);
    for (const l of labels) this.labels.push(l);
    this.labelOffsets.push(this.labels.length);
  }

  /** Adds a free-text profile comment (kept in `Profile.comments`). */
  addComment(comment: string): void {
    this.comments.push(comment);
  }

  /** The assembled profile, ready for `buildProfile`. */
  finish(): DecodedProfile {
    const count = this.locOffsets.length - 1;
    const stride = this.header.sampleTypes.length;
    const valueOffsets = new Uint32Array(count + 1);
    for (let i = 0; i <= count; i++) valueOffsets[i] = i * stride;
    const labelText = {
      keys: this.labels.map((l) => l.key),
      strs: this.labels.map((l) => (l.kind === 'string' ? l.value : '')),
      numUnits: this.labels.map((l) => (l.kind === 'number' ? l.unit : '')),
    };
    return {
      sampleTypes: this.header.sampleTypes,
      samples: {
        count,
        locOffsets: Uint32Array.from(this.locOffsets),
        locIds: Uint32Array.from(this.locIds),
        bigLocIds: null,
        valueOffsets,
        values: BigInt64Array.from(this.values),
        labelOffsets: Uint32Array.from(this.labelOffsets),
        labelNums: BigInt64Array.from(this.labels.map((l) => (l.kind === 'number' ? l.value : 0n))),
        labelText: () => labelText,
      },
      mappings: [],
      locations: this.locations,
      functions: this.functions,
      dropFrames: '',
      keepFrames: '',
      timeNanos: 0n,
      durationNanos: 0n,
      periodType: this.header.periodType,
      period: this.header.period,
      comments: this.comments,
      defaultSampleType: this.header.defaultSampleType ?? '',
      docUrl: '',
    };
  }

  private functionId(name: string, file: string): bigint {
    // A NUL cannot occur in names or paths, so it separates key parts safely.
    const key = `${name}\u0000${file}`;
    let id = this.functionIds.get(key);
    if (id === undefined) {
      id = BigInt(this.functions.length + 1);
      this.functionIds.set(key, id);
      this.functions.push({ id, name, systemName: name, filename: file, startLine: 0 });
    }
    return id;
  }

  private locationId(loc: TextLocation): bigint {
    const key = `${loc.address}\u0000${loc.lines.map((l) => `${l.name}\u0000${l.file}\u0000${l.line}`).join('\u0001')}`;
    let id = this.locationIds.get(key);
    if (id === undefined) {
      id = BigInt(this.locations.length + 1);
      this.locationIds.set(key, id);
      this.locations.push({
        id,
        mappingId: 0n,
        address: loc.address,
        lines: loc.lines.map((l) => ({ functionId: this.functionId(l.name, l.file), line: l.line, column: 0 })),
        isFolded: false,
      });
    }
    return id;
  }
}
