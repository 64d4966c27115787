/**
 * The resolved, read-only profile model: what every query, report and user
 * test sees. References are object links (a Line points at its Function),
 * never ids to look up; 64-bit quantities are bigint so they stay exact.
 */

/** What one column of sample values measures, e.g. `{ type: 'cpu', unit: 'nanoseconds' }`. */
export interface ValueType {
  readonly type: string;
  readonly unit: string;
}

/** A binary (or other object) mapped into the profiled process. */
export interface Mapping {
  /** Position in `Profile.mappings`. */
  readonly index: number;
  /** Nonzero unique id (uint64). */
  readonly id: bigint;
  readonly memoryStart: bigint;
  readonly memoryLimit: bigint;
  readonly fileOffset: bigint;
  readonly filename: string;
  readonly buildId: string;
  readonly hasFunctions: boolean;
  readonly hasFilenames: boolean;
  readonly hasLineNumbers: boolean;
  readonly hasInlineFrames: boolean;
}

/** A function (symbol) referenced by location lines. */
export interface ProfileFunction {
  /** Position in `Profile.functions`. */
  readonly index: number;
  /** Nonzero unique id (uint64). */
  readonly id: bigint;
  readonly name: string;
  readonly systemName: string;
  readonly filename: string;
  /** Line where the function starts, 0 when unknown. */
  readonly startLine: number;
}

/** One source position of a location; several per location mean inlining. */
export interface Line {
  readonly function: ProfileFunction;
  /** Line number, 0 when unknown. */
  readonly line: number;
  /** Column number, 0 when unknown. */
  readonly column: number;
}

/** A program counter and the source positions it stands for. */
export interface Location {
  /** Position in `Profile.locations`. */
  readonly index: number;
  /** Nonzero unique id (uint64). */
  readonly id: bigint;
  readonly mapping: Mapping | null;
  /** Instruction address, 0 when unknown. */
  readonly address: bigint;
  /** Innermost (inlined callee) first, the physical caller frame last. */
  readonly lines: readonly Line[];
  readonly isFolded: boolean;
}

/** A sample label: either a string value or a number with an optional unit. */
export type Label =
  | { readonly key: string; readonly kind: 'string'; readonly value: string }
  | { readonly key: string; readonly kind: 'number'; readonly value: bigint; readonly unit: string };

/** One sample, materialised from the column-wise SampleTable. */
export interface Sample {
  /** Position in the sample table. */
  readonly index: number;
  /** Stack, leaf first. */
  readonly locations: readonly Location[];
  /** One value per sample type, exact. */
  readonly values: readonly bigint[];
  readonly labels: readonly Label[];
}
