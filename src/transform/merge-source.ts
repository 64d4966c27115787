/**
 * One input of a merge, read column-wise: its stacks (packed varints read in
 * place, or index arrays), its values after the optional scaling pprof applies
 * before merging (Normalize, Scale(-1) of a base), and its labels in the
 * order pprof's sample identity sees them, with the optional label pprof's
 * SetLabel puts on every sample of a -diff_base profile. Nothing is made per
 * sample on the heap: a 100 MB profile has a million samples.
 */

import type { Profile } from '../model/profile.js';
import { locationTableOf, type LocationTable } from '../model/location-table.js';
import type { Mapping } from '../model/types.js';
import { decodeStack, type PackedStacks } from '../model/packed-stacks.js';
import type { FrameArray, SampleTable } from '../model/sample-table.js';
import { labelKind } from '../query/labels.js';
import { mix } from './hash.js';
import { int64Halves } from '../model/int64-halves.js';
import { scaledValue } from './scale.js';

/** One input of {@link mergeSources}: a profile, scaled and relabelled on the way in when asked. */
export interface MergeSource {
  readonly profile: Profile;
  /**
   * One ratio per sample type, applied as pprof's ScaleN applies them before
   * the merge: rounded half away from zero, -1 exact, 1 leaving its column
   * alone; a sample whose scaled values all become 0 is dropped.
   */
  readonly ratios?: readonly number[];
  /** A string label set on every sample, replacing that key's string labels (pprof's SetLabel). */
  readonly label?: { readonly key: string; readonly values: readonly string[] };
}

/**
 * The result of merging one profile, read as the source of another merge
 * without being built: its samples are the profile's first sample of each
 * identity that survived (`reps`, in order) with the summed values, their
 * stacks mapped to the merged locations (`locMap`) of `table`.
 */
export interface MergedView {
  readonly profile: Profile;
  readonly reps: Int32Array;
  /** Frames of each merged sample. */
  readonly frames: Int32Array;
  /** Summed values, a sample-type stride per merged sample. */
  readonly sums: BigInt64Array;
  readonly locMap: Int32Array;
  readonly table: LocationTable;
  /** The mapping the merge kept first, or null. */
  readonly firstMapping: Mapping | null;
}

/**
 * A merge input: a profile (optionally read through another location table
 * and first mapping, as canonical.ts reads a profile through pprof's mapping
 * fix-ups), or a one-profile merge's result; each optionally scaled and
 * relabelled.
 */
export type ReaderInput =
  | (MergeSource & { readonly table?: LocationTable; readonly firstMapping?: Mapping | null })
  | (Omit<MergeSource, 'profile'> & { readonly view: MergedView });

/** Label kinds in pprof's identity order: string labels, then numeric ones; -1 for entries left out. */
const STRING = 0;
const NUMBER = 1;
const NONE = -1;

/**
 * Numbers for the label strings of one merge, shared by its sources: equal
 * strings get equal numbers, so labels are hashed and compared as integers
 * (a big profile has millions of label entries, but few distinct strings,
 * each a string object whose hash the engine keeps).
 */
export type StringIds = Map<string, number>;

/**
 * A source's samples as the merge reads them. Label entries are numbered as
 * in the table; the SetLabel values follow as entries `entries + j`.
 */
export class SourceReader {
  readonly table: SampleTable;
  readonly stride: number;
  /** Number of samples read (the view's merged samples, or the table's). */
  readonly count: number;
  private readonly view: MergedView | null;
  private readonly profile: Profile;
  private readonly tableOverride: { readonly table: LocationTable; readonly firstMapping: Mapping | null } | null;
  private readonly packed: PackedStacks | null;
  private readonly offsets: Uint32Array | null;
  private readonly indices: FrameArray | null;
  private readonly ratios: Float64Array | null;
  private readonly entries: number;
  /** Per entry (SetLabel's values included): kind rank (NONE for entries Go drops and those SetLabel replaces), key and value. */
  private readonly rank: Int8Array;
  private readonly keyId: Int32Array;
  /** The string value's number, or the unit's for a numeric label. */
  private readonly valueId: Int32Array;
  private readonly extraCount: number;
  /** The numeric labels' values as 32-bit halves (lo, hi), to hash without making BigInts. */
  private readonly numHalves: Uint32Array;
  /** The label strings, apart from the profile: what the merged profile keeps of this source. */
  readonly labels: LabelEntries;

  constructor(source: ReaderInput, ids: StringIds) {
    this.view = 'view' in source ? source.view : null;
    this.profile = 'view' in source ? source.view.profile : source.profile;
    this.tableOverride = !('view' in source) && source.table !== undefined
      ? { table: source.table, firstMapping: source.firstMapping ?? null } : null;
    const s = this.profile.samples;
    this.table = s;
    this.stride = s.stride;
    this.count = this.view !== null ? this.view.reps.length : s.count;
    this.packed = s.packedStacks;
    this.offsets = this.packed === null ? s.locationOffsets : null;
    this.indices = this.packed === null ? s.locationIndices : null;
    const r = source.ratios;
    this.ratios = r === undefined || r.every((x) => x === 1) ? null : Float64Array.from(r);
    const n = this.entries = s.labelOffsets[s.count]!;
    this.numHalves = int64Halves(s.labelNums);
    const keys = n > 0 ? s.labelKeys : [];
    const strs = n > 0 ? s.labelStrs : [];
    const units = n > 0 ? s.labelNumUnits : [];
    const extraKey = source.label?.key ?? null;
    const extraValues = source.label?.values ?? [];
    this.extraCount = extraKey === null ? 0 : extraValues.length;
    this.labels = new LabelEntries(n, keys, strs, units, extraKey, extraValues);
    const id = (x: string): number => {
      let v = ids.get(x);
      if (v === undefined) ids.set(x, v = ids.size);
      return v;
    };
    const total = n + this.extraCount;
    this.rank = new Int8Array(total);
    this.keyId = new Int32Array(total);
    this.valueId = new Int32Array(total);
    for (let k = 0; k < n; k++) {
      const kind = labelKind(s, k);
      const rk = kind === 'string' ? (keys[k] === extraKey ? NONE : STRING) : kind === 'number' ? NUMBER : NONE;
      this.rank[k] = rk;
      if (rk === NONE) continue;
      this.keyId[k] = id(keys[k]!);
      this.valueId[k] = id(rk === STRING ? strs[k]! : units[k]!);
    }
    for (let j = 0; j < this.extraCount; j++) {
      this.rank[n + j] = STRING;
      this.keyId[n + j] = id(extraKey!);
      this.valueId[n + j] = id(extraValues[j]!);
    }
  }

  /** Most frames in one sample (the size of a stack buffer). */
  get maxDepth(): number {
    if (this.packed !== null) return this.packed.maxDepth;
    let most = 0;
    const o = this.offsets!;
    for (let i = 0; i < this.table.count; i++) most = Math.max(most, o[i + 1]! - o[i]!);
    return most;
  }

  /** Sample i's number of frames (`buf` is scratch for sources that must decode to count). */
  frameCount(i: number, buf: Int32Array): number {
    return this.view !== null ? this.view.frames[i]! : this.rawStack(i, buf);
  }

  /** The table of the locations that {@link indexOfKey} gives indices of. */
  locationTable(): LocationTable {
    return this.view !== null ? this.view.table : this.tableOverride?.table ?? locationTableOf(this.profile);
  }

  /** The source's first mapping (pprof keeps the first profile's first). */
  firstMapping(): Mapping | null {
    if (this.view !== null) return this.view.firstMapping;
    return this.tableOverride !== null ? this.tableOverride.firstMapping : this.profile.mappings[0] ?? null;
  }

  /**
   * Writes sample i's frames as raw keys (leaf first) into `out`; returns
   * how many. A key is what the stack stores: the packed id, or the location
   * index; {@link indexOfKey} turns it into a location index. Callers keep
   * a table per key (there are only so many) instead of translating every
   * frame through the id, view and merge maps again: a big merge reads tens
   * of millions of frames.
   */
  rawStack(i: number, out: Int32Array): number {
    const si = this.view !== null ? this.view.reps[i]! : i;
    const ps = this.packed;
    if (ps === null) {
      const o = this.offsets!;
      const idx = this.indices!;
      const from = o[si]!;
      const n = o[si + 1]! - from;
      for (let q = 0; q < n; q++) out[q] = idx[from + q]!;
      return n;
    }
    return decodeStack(ps, si, out, true);
  }

  /** How many distinct keys {@link rawStack} can write (each is below this). */
  get keyCount(): number {
    return this.packed !== null ? this.packed.idToLoc.length : this.profile.locations.length;
  }

  /** The location index (in {@link locationTable}) of a raw key. */
  indexOfKey(key: number): number {
    const li = this.packed !== null ? this.packed.idToLoc[key]! : key;
    return this.view !== null ? this.view.locMap[li]! : li;
  }

  /**
   * Writes sample i's values, scaled, into `out`; false when the sample does
   * not enter the merge (all zero, or all scaled values rounded to zero).
   */
  values(i: number, out: BigInt64Array): boolean {
    const v = this.view !== null ? this.view.sums : this.table.values;
    const stride = this.stride;
    const r = this.ratios;
    let scaledNonZero = false;
    let nonZero = false;
    for (let t = 0; t < stride; t++) {
      let x = v[i * stride + t]!;
      if (r !== null && r[t] !== 1) {
        x = scaledValue(x, r[t]!);
        scaledNonZero ||= x !== 0n;
      }
      out[t] = x;
      nonZero ||= x !== 0n;
    }
    return nonZero && (r === null || scaledNonZero);
  }

  /**
   * Sample i's label entries in a canonical order (kind, then key number;
   * stored order within a key), into `out`: pprof's sample key sorts its
   * labels by key, and any fixed order of the keys identifies the same sets.
   */
  identityOrder(sample: number, out: number[]): void {
    out.length = 0;
    const s = this.table;
    const i = this.view !== null ? this.view.reps[sample]! : sample;
    for (let k = s.labelOffsets[i]!; k < s.labelOffsets[i + 1]!; k++) if (this.rank[k]! !== NONE) this.insert(out, k);
    for (let j = 0; j < this.extraCount; j++) this.insert(out, this.entries + j);
  }

  /** Inserts entry k into `out` after every entry that does not come later (insertion sort, stable: few labels). */
  private insert(out: number[], k: number): void {
    const rk = this.rank[k]!;
    const key = this.keyId[k]!;
    let at = out.length;
    while (at > 0) {
      const p = out[at - 1]!;
      if (this.rank[p]! < rk || (this.rank[p] === rk && this.keyId[p]! <= key)) break;
      out[at] = p;
      at--;
    }
    out[at] = k;
  }

  /** Sample i's label entries in stored order, as the merged sample keeps them (SetLabel's values last). */
  storedOrder(sample: number, out: number[]): void {
    out.length = 0;
    const s = this.table;
    const i = this.view !== null ? this.view.reps[sample]! : sample;
    for (let k = s.labelOffsets[i]!; k < s.labelOffsets[i + 1]!; k++) if (this.rank[k]! !== NONE) out.push(k);
    for (let j = 0; j < this.extraCount; j++) out.push(this.entries + j);
  }

  /** `h` combined with the identity of the entries in `order`. */
  hashLabels(h: number, order: readonly number[]): number {
    for (const k of order) {
      h = mix(mix(mix(h, this.rank[k]!), this.keyId[k]!), this.valueId[k]!);
      // The value's two 32-bit words mixed in (bigintHash's number on little-endian machines) without making
      // a BigInt; SetLabel's entries are strings, never NUMBER.
      if (this.rank[k] === NUMBER) h = mix(mix(h, this.numHalves[2 * k]!), this.numHalves[2 * k + 1]!);
    }
    return h;
  }

  /** Writes entry k's numeric value (0 for a string label) as int64 halves at `out[at]`, `out[at + 1]`. */
  numHalvesInto(k: number, out: Uint32Array, at: number): void {
    const inTable = k < this.entries;
    out[at] = inTable ? this.numHalves[2 * k]! : 0;
    out[at + 1] = inTable ? this.numHalves[2 * k + 1]! : 0;
  }

  /** Numeric value of entry k (0 for a string label). */
  numOf(k: number): bigint {
    return k < this.entries ? this.table.labelNums[k]! : 0n;
  }

  /** Whether entry `a` here and entry `b` of `y` are the same label (sources of one merge). */
  sameLabel(a: number, y: SourceReader, b: number): boolean {
    return this.rank[a] === y.rank[b] && this.keyId[a] === y.keyId[b] && this.valueId[a] === y.valueId[b] &&
      (this.rank[a] !== NUMBER || this.numOf(a) === y.numOf(b));
  }
}

/** Whether label entries `a` of source `x` and `b` of source `y`, both in identity order, are the same labels. */
export function sameLabels(x: SourceReader, a: readonly number[], y: SourceReader, b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let q = 0; q < a.length; q++) if (!x.sameLabel(a[q]!, y, b[q]!)) return false;
  return true;
}

/**
 * A source's label strings by entry, SetLabel's values after the table's
 * entries. It holds the string columns only, so a merged profile that reads
 * its labels through it does not keep the source's samples (or input bytes)
 * alive.
 */
export class LabelEntries {
  constructor(
    private readonly entries: number, private readonly keys: readonly string[], private readonly strs: readonly string[],
    private readonly units: readonly string[], private readonly extraKey: string | null, private readonly extraValues: readonly string[],
  ) {}

  /** Key of entry k. */
  keyOf(k: number): string {
    return k < this.entries ? this.keys[k]! : this.extraKey!;
  }

  /** String value of entry k ('' for a numeric label). */
  strOf(k: number): string {
    return k < this.entries ? this.strs[k]! : this.extraValues[k - this.entries]!;
  }

  /** Unit of entry k ('' when unset or for a string label). */
  unitOf(k: number): string {
    return k < this.entries ? this.units[k]! : '';
  }
}
