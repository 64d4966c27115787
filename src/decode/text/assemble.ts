/**
 * Turns samples read from a text format into the decoder-to-model hand-off
 * shape (DecodedProfile), so text input goes through the same `buildProfile`
 * validation and the same queries as protobuf input. A thin adapter from
 * the text's frames to model/builder.ts, which interns functions and
 * locations (the same frame seen in many stacks becomes one location).
 */

import type { DecodedProfile, DecodedValueType } from '../types.js';
import { ProfileBuilder } from '../../model/builder.js';

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
  /**
   * Give every location with an address one file-less mapping spanning all
   * addresses, as pprof's reader of these formats does when no memory map
   * follows the records (Go's debug=1 text never has one): its raw output
   * and written profiles show that mapping.
   */
  catchAllMapping?: boolean;
}

/** Collects samples and interns their frames; `finish` yields the DecodedProfile. */
export class ProfileAssembler {
  private readonly builder: ProfileBuilder;
  private readonly catchAll: boolean;
  /** Id of the catch-all mapping, made with the first location that has an address. */
  private catchAllId: bigint | null = null;

  constructor(header: AssembleHeader) {
    this.builder = new ProfileBuilder(header);
    this.catchAll = header.catchAllMapping === true;
  }

  private mappingOf(address: bigint): bigint {
    if (!this.catchAll || address === 0n) return 0n;
    return this.catchAllId ??= this.builder.mapping({ memoryStart: 0n, memoryLimit: 0xffffffffffffffffn });
  }

  /** Adds one sample: stack leaf first, one value per sample type. */
  addSample(stack: readonly TextLocation[], values: readonly bigint[], labels: readonly TextLabel[] = []): void {
    const b = this.builder;
    const ids = stack.map((loc) => b.location({
      mappingId: this.mappingOf(loc.address),
      address: loc.address,
      lines: loc.lines.map((l) => ({ functionId: b.function({ name: l.name, filename: l.file }), line: l.line })),
    }));
    b.addSample(ids, values, labels);
  }

  /** Adds a free-text profile comment (kept in `Profile.comments`). */
  addComment(comment: string): void {
    this.builder.addComment(comment);
  }

  /** The assembled profile, ready for `buildProfile`. */
  finish(): DecodedProfile {
    return this.builder.decoded();
  }
}
