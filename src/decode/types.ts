/**
 * Shapes the decoder hands to the model: every string already looked up in
 * the string table, every 64-bit integer exact (bigint, or a typed array
 * whose element type is documented). Ids are still ids; resolving them into
 * references and checking them is the model's job.
 */

/** Marker in `DecodedSamples.locIds` for ids that do not fit 32 bits (see `bigLocIds`). */
export const BIG_ID = 0xffffffff;

/** A (type, unit) pair, strings resolved. */
export interface DecodedValueType {
  type: string;
  unit: string;
}

/** A mapping as decoded. */
export interface DecodedMapping {
  id: bigint;
  memoryStart: bigint;
  memoryLimit: bigint;
  fileOffset: bigint;
  filename: string;
  buildId: string;
  hasFunctions: boolean;
  hasFilenames: boolean;
  hasLineNumbers: boolean;
  hasInlineFrames: boolean;
}

/** One Line of a location as the builders make it (model/builder.ts, legacy formats). */
export interface DecodedLine {
  functionId: bigint;
  line: number;
  column: number;
}

/** A location as the builders make it; locationColumns() turns a list of them into DecodedLocations. */
export interface DecodedLocation {
  id: bigint;
  mappingId: bigint;
  address: bigint;
  lines: DecodedLine[];
  isFolded: boolean;
}

/**
 * uint64 values: `small[i]` when below 2^53 (exact as a float64), else -1
 * there and the exact value in `big` under i.
 */
export interface Uint64Column {
  readonly small: Float64Array;
  readonly big: ReadonlyMap<number, bigint> | null;
}

/**
 * All locations, column-wise (decode/locations.ts): location i's fields at
 * index i, its lines at `lineStart[i] .. lineStart[i+1]` of the line columns
 * (innermost first).
 */
export interface DecodedLocations {
  readonly count: number;
  readonly id: Uint64Column;
  readonly mappingId: Uint64Column;
  readonly address: Uint64Column;
  readonly isFolded: Uint8Array;
  readonly lineStart: Uint32Array;
  readonly functionId: Uint64Column;
  readonly line: Float64Array;
  readonly column: Float64Array;
}

/** A function as decoded. */
export interface DecodedFunction {
  id: bigint;
  name: string;
  systemName: string;
  filename: string;
  startLine: number;
}

/**
 * All samples, column-wise. Sample i's location ids are
 * `locIds[locOffsets[i] .. locOffsets[i+1])` (leaf first), its values
 * `values[valueOffsets[i] .. valueOffsets[i+1])`, its labels likewise.
 */
export interface DecodedSamples {
  count: number;
  /**
   * When set, location ids were not copied: sample i's ids are the packed
   * varints in `buf[start[i] .. end[i])`, still unchecked, and `locOffsets`
   * / `locIds` are empty. The model checks them (model/packed-stacks.ts).
   */
  packed?: PackedLocRanges;
  locOffsets: Uint32Array;
  /**
   * Location ids: 16-bit while every id fits, else 32-bit, where an id of
   * 2^32 - 1 or more is stored as {@link BIG_ID} and its exact value is in
   * `bigLocIds` under its position in this array. The model resolves ids to
   * location indices in place, reusing this array.
   */
  locIds: Uint16Array | Uint32Array;
  bigLocIds: Map<number, bigint> | null;
  valueOffsets: Uint32Array;
  /** Sample values, exact int64. */
  values: BigInt64Array;
  labelOffsets: Uint32Array;
  /** Numeric value (0 for string labels). */
  labelNums: BigInt64Array;
  /**
   * The label strings (keys, string values with '' for numeric labels, and
   * units with '' when unset), built on first call: millions of labels are
   * common and most reports never look at them. Indices are checked when
   * decoding, so this cannot fail.
   */
  labelText: () => LabelText;
  /** Whether some label has this key, answered without building the label strings. */
  hasLabelKey?: (key: string) => boolean;
  /**
   * False when no label key has numeric labels of two units, answered
   * without building the label strings; true when some key may have (a
   * string label with a unit counts too, so true is only a maybe).
   */
  mayMixUnits?: () => boolean;
}

/**
 * Each sample's packed location-id run as a byte range of the decompressed
 * input, which the profile then keeps (see decode/samples.ts). Every range
 * ends with a complete varint.
 */
export interface PackedLocRanges {
  readonly buf: Uint8Array;
  readonly start: Uint32Array;
  readonly end: Uint32Array;
  /** What the decoder saw of the ids while it recorded the ranges, or undefined when it did not look. */
  readonly summary?: PackedIdSummary;
  /**
   * True when the decoder was asked not to look (`checkStacks: 'first-pass'`):
   * the model then leaves the check to the first pass over the stacks.
   */
  readonly checkInPass?: boolean;
}

/**
 * A summary of every id in the ranges, taken while decoding: with it the
 * model checks Go's 1..N ids with two comparisons instead of a walk over
 * the stacks (model/packed-stacks.ts).
 */
export interface PackedIdSummary {
  /** Smallest and largest id (minId 0 is a fault; both 0 when there is no id). */
  readonly minId: number;
  readonly maxId: number;
  /** Frames in all samples, and most in one. */
  readonly frames: number;
  readonly maxDepth: number;
  /** True when some id takes more than four varint bytes (the summary then says nothing). */
  readonly long: boolean;
}

/** Label strings, column-wise. */
export interface LabelText {
  readonly keys: readonly string[];
  readonly strs: readonly string[];
  readonly numUnits: readonly string[];
}

/** A whole profile as decoded from profile.proto bytes. */
export interface DecodedProfile {
  sampleTypes: DecodedValueType[];
  samples: DecodedSamples;
  mappings: DecodedMapping[];
  locations: DecodedLocations;
  functions: DecodedFunction[];
  dropFrames: string;
  keepFrames: string;
  timeNanos: bigint;
  durationNanos: bigint;
  periodType: DecodedValueType | null;
  period: bigint;
  comments: string[];
  defaultSampleType: string;
  docUrl: string;
}
