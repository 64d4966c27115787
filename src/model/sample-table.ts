/**
 * All samples of a profile, stored column-wise in typed arrays: a 100 MB
 * profile holds millions of samples, and an object per sample would cost
 * more time and memory than decoding. `get(i)` materialises one Sample for
 * callers that want objects; the query layer reads the columns directly.
 */

import type { Label, Location, Sample } from './types.js';
import type { LabelText } from '../decode/types.js';
import { sharedIfPossible } from '../shared-memory.js';
import { int64Halves } from './int64-halves.js';
import { materializeStacks, type DeferredStackCheck, type PackedStacks } from './packed-stacks.js';

const TWO_32 = 4294967296;
const SAFE_HI = 0x1fffff;
/** numberColumn's bound for values summed as small integers (see there). */
const SMALL_VALUE = 2 ** 29;

/** Location indices of stack frames: 16-bit when every index fits, else 32-bit. */
export type FrameArray = Uint16Array | Uint32Array;

/** Numbers of one sample-value column, with whether they are all exact. */
export interface NumberColumn {
  /** values[i] is sample i's value for the chosen type. */
  readonly values: Float64Array;
  /** False when some value's magnitude is 2^53 or more (then `values` are rounded). */
  readonly exact: boolean;
  /**
   * Sum of |values[i]| as float64: exact when `exact` and it is below 2^53
   * (every partial sum is then an integer below 2^53); 2^53 or more exactly
   * when the exact sum is (partial sums of magnitudes never decrease).
   */
  readonly absSum: number;
}

/** Column-wise sample storage. Read-only by contract; do not mutate the arrays. */
export class SampleTable {
  /** Number of samples. */
  readonly count: number;
  /** Number of values per sample (= number of sample types). */
  readonly stride: number;
  private packed: PackedStacks | null;
  /** Packed stacks whose check has not run yet (then `packed` is null); see `uncheckedStacks`. */
  private deferred: DeferredStackCheck | null;
  private offsetsArray: Uint32Array | null;
  private indicesArray: FrameArray | null;
  /** Sample i's values are `values[i*stride .. (i+1)*stride)`, exact int64. */
  readonly values: BigInt64Array;
  /** Sample i's labels are entries `labelOffsets[i] .. labelOffsets[i+1]` of the label columns. */
  readonly labelOffsets: Uint32Array;
  private readonly labelText: () => LabelText;
  private readonly labelKeyTest: ((key: string) => boolean) | undefined;
  private readonly unitMixTest: (() => boolean) | undefined;
  /** Numeric value (0 for string labels). */
  readonly labelNums: BigInt64Array;

  private readonly locationsOf: () => readonly Location[];
  private readonly locationCount: number;
  private readonly columns = new Map<number, NumberColumn>();

  /** @internal Built by the model; not for direct use. */
  constructor(init: {
    count: number; stride: number;
    /** Required unless `packed` is given. */
    locationOffsets?: Uint32Array; locationIndices?: FrameArray; packed?: PackedStacks;
    /** Packed stacks to check on first use, instead of `packed`. */
    deferredCheck?: DeferredStackCheck;
    values: BigInt64Array; labelOffsets: Uint32Array; labelNums: BigInt64Array; labelText: () => LabelText;
    hasLabelKey?: (key: string) => boolean;
    /** See DecodedSamples.mayMixUnits. */
    mayMixUnits?: () => boolean;
    /** The profile's locations, or a function making them (read only by `get`). */
    locations: readonly Location[] | (() => readonly Location[]);
    /** Number of locations (given with a function). */
    locationCount?: number;
  }) {
    this.labelKeyTest = init.hasLabelKey;
    this.unitMixTest = init.mayMixUnits;
    this.count = init.count;
    this.stride = init.stride;
    this.packed = init.packed ?? null;
    this.deferred = init.deferredCheck ?? null;
    this.offsetsArray = init.locationOffsets ?? null;
    this.indicesArray = init.locationIndices ?? null;
    if (this.packed === null && this.deferred === null && (this.offsetsArray === null || this.indicesArray === null)) {
      throw new Error('SampleTable needs location offsets and indices, or packed stacks');
    }
    this.values = init.values;
    this.labelOffsets = init.labelOffsets;
    this.labelNums = init.labelNums;
    this.labelText = init.labelText;
    const locations = init.locations;
    this.locationsOf = typeof locations === 'function' ? locations : () => locations;
    this.locationCount = typeof locations === 'function' ? init.locationCount ?? locations().length : locations.length;
  }

  /** Sample i's stack is `locationIndices[locationOffsets[i] .. locationOffsets[i+1])`, leaf first. */
  get locationOffsets(): Uint32Array {
    if (this.offsetsArray === null) this.materialize();
    return this.offsetsArray!;
  }

  /** Indices into `Profile.locations` (built on first use when the stacks are packed). */
  get locationIndices(): FrameArray {
    if (this.indicesArray === null) this.materialize();
    return this.indicesArray!;
  }

  /**
   * The stacks as packed varints in the decompressed input, when the decoder
   * kept them there (model/packed-stacks.ts), else null. Passes over every
   * frame read these directly; `locationIndices` is made from them on first
   * use, and from then on this is null, so the input bytes can be freed.
   */
  get packedStacks(): PackedStacks | null {
    if (this.deferred !== null) this.runDeferredCheck();
    return this.packed;
  }

  /**
   * The packed stacks even before their check has run (see
   * DeferredStackCheck), for a pass that checks every id as it reads it and
   * then calls `confirmStacks`; null when the stacks are not packed.
   */
  uncheckedStacks(): PackedStacks | null {
    return this.deferred !== null ? this.deferred.unchecked : this.packed;
  }

  /** False while the stack ids await the check of their first pass (ParseOptions `checkStacks`). */
  get stacksChecked(): boolean {
    return this.deferred === null;
  }

  /**
   * Records that a pass has read every sample's ids and found each in the
   * location table, as checkPacked would, with the frames it counted. Only
   * a pass over `uncheckedStacks()` that covered every sample may call it.
   */
  confirmStacks(frameCount: number, maxDepth: number): void {
    if (this.deferred === null) return;
    this.packed = { ...this.deferred.unchecked, frameCount, maxDepth };
    this.deferred = null;
  }

  /** Runs the deferred check; throws PprofError (and stays unchecked) when an id is invalid. */
  private runDeferredCheck(): void {
    const checked = this.deferred!.run();
    this.deferred = null;
    if ('buf' in checked) {
      this.packed = checked;
    } else {
      this.offsetsArray = checked.offsets;
      this.indicesArray = checked.indices;
    }
  }

  /** Whether some value of some sample is below zero (a delta or diff profile), read from the words, no BigInt made. */
  hasNegativeValue(): boolean {
    if (this.negative !== undefined) return this.negative;
    const words = int64Halves(this.values);
    // A value's high word has its top bit set exactly when the value is negative.
    let k = 1;
    while (k < words.length && words[k]! < 0x80000000) k += 2;
    return (this.negative = k < words.length);
  }

  /** hasNegativeValue's answer once read: the CLI's loader and prepareView both ask (every value read each time). */
  private negative: boolean | undefined;

  /** True when sample i has no location, read without unpacking packed stacks. */
  isEmptyStack(i: number): boolean {
    const p = this.uncheckedStacks();
    return p !== null ? p.start[i] === p.end[i] : this.locationOffsets[i] === this.locationOffsets[i + 1];
  }

  private materialize(): void {
    if (this.deferred !== null) this.runDeferredCheck();
    if (this.offsetsArray !== null) return;
    const { offsets, indices } = materializeStacks(this.packed!, this.locationCount);
    this.offsetsArray = offsets;
    this.indicesArray = indices;
    this.packed = null;
  }

  /** Label keys, one per label entry (built on first use). */
  get labelKeys(): readonly string[] {
    return this.labelText().keys;
  }

  /**
   * Whether any sample has a label with this key. Answered from the string
   * table when the decoder can, without building every label's strings.
   */
  hasLabelKey(key: string): boolean {
    if (this.labelOffsets[this.count] === 0) return false;
    return this.labelKeyTest !== undefined ? this.labelKeyTest(key) : this.labelKeys.includes(key);
  }

  /**
   * False when no label key has numeric labels of two units (pprof notes
   * those keys); true when some key may have. Answered from the string
   * indices when the decoder can, without building every label's strings.
   */
  mayMixUnits(): boolean {
    if (this.labelOffsets[this.count] === 0) return false;
    if (this.unitMixTest !== undefined) return this.unitMixTest();
    const keys = this.labelKeys;
    const units = this.labelNumUnits;
    return entriesMixUnits(units.length, (k) => keys[k]!, (k) => units[k]!);
  }

  /** Label string values, or '' for numeric labels (built on first use). */
  get labelStrs(): readonly string[] {
    return this.labelText().strs;
  }

  /** Units of numeric labels, '' when unset (built on first use). */
  get labelNumUnits(): readonly string[] {
    return this.labelText().numUnits;
  }

  /**
   * One value column as float64 numbers, computed once and cached. Exact for
   * every value below 2^53 in magnitude; `exact` says whether all were.
   */
  numberColumn(typeIndex: number): NumberColumn {
    const cached = this.columns.get(typeIndex);
    if (cached) return cached;
    if (!Number.isInteger(typeIndex) || typeIndex < 0 || typeIndex >= this.stride) {
      throw new RangeError(`sample type index ${typeIndex} out of range [0, ${this.stride})`);
    }
    const { count, stride } = this;
    const halves = int64Halves(this.values);
    const out = new Float64Array(sharedIfPossible(8 * count));
    let exact = true;
    // Summed here, where every value is read anyway: reports and pages ask for it several times.
    let absSum = 0;
    // Small values (the common case) are summed in `small`, an integer kept below 2^30 and added
    // to absSum only when it would pass that. The loop runs once per column and mostly before
    // V8 has optimised it, and unoptimised code boxes every float result: summing into absSum
    // directly made a heap number per sample (12 MB of garbage on 750,000 samples).
    let small = 0;
    for (let i = 0, k = typeIndex * 2; i < count; i++, k += stride * 2) {
      const lo = halves[k]!;
      const hi = halves[k + 1]!;
      if (hi === 0 && lo < SMALL_VALUE) {
        out[i] = lo;
        small += lo;
        if (small >= SMALL_VALUE) {
          absSum += small;
          small = 0;
        }
        continue;
      }
      const shi = hi | 0;
      // Safe iff the value is within [-(2^53-1), 2^53-1]: hi within [-2^21, 2^21),
      // except -2^53 itself (hi = -2^21, lo = 0).
      if (shi > SAFE_HI || shi < -SAFE_HI - 1 || (shi === -SAFE_HI - 1 && lo === 0)) exact = false;
      const v = shi * TWO_32 + lo;
      out[i] = v;
      absSum += Math.abs(v);
    }
    absSum += small;
    const col: NumberColumn = { values: out, exact, absSum };
    this.columns.set(typeIndex, col);
    return col;
  }

  /** Sample i as an object (stack leaf first, exact values, labels). */
  get(i: number): Sample {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) {
      throw new RangeError(`sample index ${i} out of range [0, ${this.count})`);
    }
    const all = this.locationsOf();
    const locations: Location[] = [];
    for (let k = this.locationOffsets[i]!; k < this.locationOffsets[i + 1]!; k++) {
      locations.push(all[this.locationIndices[k]!]!);
    }
    const values: bigint[] = [];
    for (let t = 0; t < this.stride; t++) values.push(this.values[i * this.stride + t]!);
    const labels: Label[] = [];
    for (let k = this.labelOffsets[i]!; k < this.labelOffsets[i + 1]!; k++) {
      const str = this.labelStrs[k]!;
      labels.push(str !== ''
        ? { key: this.labelKeys[k]!, kind: 'string', value: str }
        : { key: this.labelKeys[k]!, kind: 'number', value: this.labelNums[k]!, unit: this.labelNumUnits[k]! });
    }
    return { index: i, locations, values, labels };
  }

  /** Iterates all samples as objects (convenient, not fast). */
  *[Symbol.iterator](): IterableIterator<Sample> {
    for (let i = 0; i < this.count; i++) yield this.get(i);
  }
}

/**
 * Whether some key has label entries (0 .. count) with two different
 * non-empty units: the test behind SampleTable.mayMixUnits for label entries
 * read by string (a decoder's own test reads its string indices instead).
 */
export function entriesMixUnits(count: number, keyOf: (k: number) => string, unitOf: (k: number) => string): boolean {
  const unitOfKey = new Map<string, string>();
  for (let k = 0; k < count; k++) {
    const unit = unitOf(k);
    if (unit === '') continue;
    const key = keyOf(k);
    const want = unitOfKey.get(key);
    if (want === undefined) unitOfKey.set(key, unit);
    else if (want !== unit) return true;
  }
  return false;
}
