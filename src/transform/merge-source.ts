/**
 * One input of a merge, read column-wise: its stacks (packed varints read in
 * place, or index arrays), its values after the optional scaling pprof applies
 * before merging (Normalize, Scale(-1) of a base), and its labels in the
 * order pprof's sample identity sees them, with the optional label pprof's
 * SetLabel puts on every sample of a -diff_base profile. Nothing is made per
 * sample on the heap: a 100 MB profile has a million samples.
 */

import type { Profile } from '../model/profile.js';
import { decodeStack, type PackedStacks } from '../model/packed-stacks.js';
import type { FrameArray, SampleTable } from '../model/sample-table.js';
import { labelKind } from '../query/labels.js';
import { bigintHash, mix, stringHash } from './hash.js';
import { roundHalfAway } from './scale.js';

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

/** Label kinds in pprof's identity order: string labels, then numeric ones; -1 for entries Go drops. */
const STRING = 0;
const NUMBER = 1;
const NONE = -1;

/**
 * A source's samples as the merge reads them. Label entries are numbered as
 * in the table; the SetLabel values follow as entries `entries + j`.
 */
export class SourceReader {
  readonly table: SampleTable;
  readonly stride: number;
  private readonly packed: PackedStacks | null;
  private readonly offsets: Uint32Array | null;
  private readonly indices: FrameArray | null;
  private readonly ratios: Float64Array | null;
  private readonly entries: number;
  private readonly keys: readonly string[];
  private readonly rank: Int8Array;
  private readonly extraKey: string | null;
  private readonly extraValues: readonly string[];
  /** The label strings, apart from the profile: what the merged profile keeps of this source. */
  readonly labels: LabelEntries;

  constructor(readonly source: MergeSource) {
    const s = source.profile.samples;
    this.table = s;
    this.stride = s.stride;
    this.packed = s.packedStacks;
    this.offsets = this.packed === null ? s.locationOffsets : null;
    this.indices = this.packed === null ? s.locationIndices : null;
    const r = source.ratios;
    this.ratios = r === undefined || r.every((x) => x === 1) ? null : Float64Array.from(r);
    this.entries = s.labelOffsets[s.count]!;
    const hasLabels = this.entries > 0;
    this.keys = hasLabels ? s.labelKeys : [];
    this.rank = new Int8Array(this.entries);
    for (let k = 0; k < this.entries; k++) {
      const kind = labelKind(s, k);
      this.rank[k] = kind === 'string' ? STRING : kind === 'number' ? NUMBER : NONE;
    }
    this.extraKey = source.label?.key ?? null;
    this.extraValues = source.label?.values ?? [];
    this.labels = new LabelEntries(this.entries, this.keys, hasLabels ? s.labelStrs : [], hasLabels ? s.labelNumUnits : [],
      this.extraKey, this.extraValues);
  }

  /** Most frames in one sample (the size of a stack buffer). */
  get maxDepth(): number {
    if (this.packed !== null) return this.packed.maxDepth;
    let most = 0;
    const o = this.offsets!;
    for (let i = 0; i < this.table.count; i++) most = Math.max(most, o[i + 1]! - o[i]!);
    return most;
  }

  /** Writes sample i's location indices (leaf first) into `out`; returns how many. */
  stack(i: number, out: Int32Array): number {
    if (this.packed !== null) return decodeStack(this.packed, i, out);
    const o = this.offsets!;
    const idx = this.indices!;
    const from = o[i]!;
    const n = o[i + 1]! - from;
    for (let q = 0; q < n; q++) out[q] = idx[from + q]!;
    return n;
  }

  /**
   * Writes sample i's values, scaled, into `out`; false when the sample does
   * not enter the merge (all zero, or all scaled values rounded to zero).
   */
  values(i: number, out: BigInt64Array): boolean {
    const v = this.table.values;
    const stride = this.stride;
    const r = this.ratios;
    let scaledNonZero = false;
    let nonZero = false;
    for (let t = 0; t < stride; t++) {
      let x = v[i * stride + t]!;
      if (r !== null && r[t] !== 1) {
        // -1 is exact on bigints (no rounding through float64 above 2^53).
        x = r[t] === -1 ? -x : roundHalfAway(Number(x) * r[t]!);
        scaledNonZero ||= x !== 0n;
      }
      out[t] = x;
      nonZero ||= x !== 0n;
    }
    return nonZero && (r === null || scaledNonZero);
  }

  /**
   * Sample i's label entries in identity order (kind, then key; stored order
   * within a key), into `out`: what pprof's sample key sorts.
   */
  identityOrder(i: number, out: number[]): void {
    out.length = 0;
    const s = this.table;
    const rank = this.rank;
    const keys = this.keys;
    const extra = this.extraKey;
    for (let k = s.labelOffsets[i]!; k < s.labelOffsets[i + 1]!; k++) {
      const rk = rank[k]!;
      if (rk === NONE || (extra !== null && rk === STRING && keys[k] === extra)) continue;
      let at = out.length;
      // Insertion sort, stable: a sample has few labels.
      while (at > 0) {
        const p = out[at - 1]!;
        if (this.rankOf(p) < rk || (this.rankOf(p) === rk && this.keyOf(p) <= keys[k]!)) break;
        out[at] = p;
        at--;
      }
      out[at] = k;
    }
    if (extra === null) return;
    for (let j = 0; j < this.extraValues.length; j++) {
      let at = out.length;
      while (at > 0) {
        const p = out[at - 1]!;
        if (this.rankOf(p) < STRING || (this.rankOf(p) === STRING && this.keyOf(p) <= extra)) break;
        out[at] = p;
        at--;
      }
      out[at] = this.entries + j;
    }
  }

  /** Sample i's label entries in stored order, as the merged sample keeps them (SetLabel's values last). */
  storedOrder(i: number, out: number[]): void {
    out.length = 0;
    const s = this.table;
    const extra = this.extraKey;
    for (let k = s.labelOffsets[i]!; k < s.labelOffsets[i + 1]!; k++) {
      const rk = this.rank[k]!;
      if (rk === NONE || (extra !== null && rk === STRING && this.keys[k] === extra)) continue;
      out.push(k);
    }
    if (extra !== null) for (let j = 0; j < this.extraValues.length; j++) out.push(this.entries + j);
  }

  /** `h` combined with the identity of the entries in `order`. */
  hashLabels(h: number, order: readonly number[]): number {
    for (const k of order) {
      const rk = this.rankOf(k);
      h = mix(h, rk);
      h = stringHash(h, this.keyOf(k));
      if (rk === STRING) {
        h = stringHash(h, this.strOf(k));
      } else {
        h = bigintHash(h, this.numOf(k));
        h = stringHash(h, this.unitOf(k));
      }
    }
    return h;
  }

  /** Kind rank of entry k. */
  rankOf(k: number): number {
    return k < this.entries ? this.rank[k]! : STRING;
  }

  /** Key of entry k. */
  keyOf(k: number): string {
    return k < this.entries ? this.keys[k]! : this.extraKey!;
  }

  /** String value of entry k ('' for a numeric label). */
  strOf(k: number): string {
    return this.labels.strOf(k);
  }

  /** Numeric value of entry k (0 for a string label). */
  numOf(k: number): bigint {
    return k < this.entries ? this.table.labelNums[k]! : 0n;
  }

  /** Unit of entry k ('' when unset or for a string label). */
  unitOf(k: number): string {
    return this.labels.unitOf(k);
  }
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

/** Whether label entries `a` of source `x` and `b` of source `y`, both in identity order, are the same labels. */
export function sameLabels(x: SourceReader, a: readonly number[], y: SourceReader, b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let q = 0; q < a.length; q++) {
    const i = a[q]!;
    const j = b[q]!;
    const rank = x.rankOf(i);
    if (rank !== y.rankOf(j) || x.keyOf(i) !== y.keyOf(j)) return false;
    if (rank === STRING ? x.strOf(i) !== y.strOf(j) : x.numOf(i) !== y.numOf(j) || x.unitOf(i) !== y.unitOf(j)) return false;
  }
  return true;
}
