/**
 * The `tags` report as data: for every label key, the total sample value of
 * the samples carrying it and the share of each of its values, as
 * `go tool pprof -tags` computes them (numeric values are grouped by their
 * scaled text, e.g. `4kB`; keys by name; values by |value| descending, then
 * name). Runs on the profile after pprof's filters.
 */

import type { Profile } from '../../model/profile.js';
import { labelKind, numLabelUnits } from '../../query/labels.js';
import { int64Halves } from '../../model/int64-halves.js';
import { hasNameFilter, type QueryOptions } from '../../query/options.js';
import { compareGoStrings } from '../../query/strings.js';
import { applyProfileFilters } from '../../transform/apply.js';
import { canonicalProfile } from '../../transform/canonical.js';
import { labelSumShape } from '../../transform/label-sums.js';
import { formatFloat } from '../gofmt.js';
import { formatPercent, formatScaled, scaleValue } from '../units.js';
import { valueContext } from '../common-labels.js';

/** Options of the tags report. */
export interface TagsOptions extends QueryOptions {
  /** Output unit: a unit name, 'auto' or 'minimum' (default). */
  unit?: string;
}

/** One value of a label key. */
export interface TagValue {
  /** The label value (numeric labels: their scaled text, e.g. `4kB`). */
  readonly name: string;
  /** Sum of the sample values carrying it, exact, in the sample unit. */
  readonly value: bigint;
  /** `%.1f` of the scaled value with its unit, e.g. `1.5MB`. */
  readonly valueText: string;
  /** Share of the key's total as pprof prints it (e.g. `83.78%`), or '' when the total is not positive. */
  readonly percent: string;
}

/** One label key. */
export interface TagKey {
  readonly key: string;
  readonly total: bigint;
  readonly totalText: string;
  readonly values: readonly TagValue[];
}

/** The whole tags report. */
export interface TagsReport {
  readonly sampleType: string;
  readonly sampleUnit: string;
  readonly outputUnit: string;
  readonly keys: readonly TagKey[];
}

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

/** Builds the tags report. Throws PprofError for bad options. */
export function tagsReport(profile: Profile, options: TagsOptions = {}): TagsReport {
  // pprof's merged shape, or one that sums to the same (a no-op when the CLI made it already). With a name
  // filter it is the merged shape itself: whether that filter matched is read from its pruned locations.
  profile = hasNameFilter(options) ? canonicalProfile(profile) : labelSumShape(profile);
  const units = numLabelUnits(profile.filteredFrom ?? profile).units;
  ({ profile, options } = applyProfileFilters(profile, options, { materialize: true }));
  const ctx = valueContext(profile, options.sampleIndex, options.unit);
  const sampleUnit = ctx.sampleType.unit;
  const scaled = (v: bigint): string => {
    const s = scaleValue(Number(v), sampleUnit, ctx.outputUnit);
    return formatFloat(s.value, 'f', 1) + s.unit;
  };
  const sums = labelSums(profile, ctx.sampleIndex, (key, n) => formatScaled(n, units.get(key) ?? key, ctx.outputUnit));

  const keys: TagKey[] = sums.keys.sort((a, b) => compareGoStrings(a.key, b.key)).map(({ key, byName }) => {
    const names = [...byName.keys()];
    const slots = [...byName.values()];
    const value = (j: number): bigint => sums.value(slots[j]!);
    let total = 0n;
    for (let j = 0; j < slots.length; j++) total += value(j);
    // Largest magnitude first, then by name; magnitudes compared as numbers while the sums are exact ones.
    const mag = slots.map((slot) => sums.magnitude(slot));
    const order = names.map((_, j) => j).sort((a, b) => {
      const ma = mag[a]!;
      const mb = mag[b]!;
      if (ma !== mb) return ma > mb ? -1 : 1;
      return compareGoStrings(names[a]!, names[b]!);
    });
    const values = order.map((j): TagValue => {
      const v = value(j);
      return {
        name: names[j]!,
        value: v,
        valueText: scaled(v),
        percent: total > 0n ? formatPercent(Number(v), Number(total)) : '',
      };
    });
    return { key, total, totalText: scaled(total), values };
  });
  return { sampleType: ctx.sampleType.type, sampleUnit, outputUnit: ctx.outputUnit, keys };
}

/** One label key's values, each with the slot of its sum. */
interface KeySums {
  readonly key: string;
  readonly byName: Map<string, number>;
  /** Numeric labels: the slot of each number met (its name is its text, which several numbers can share). */
  readonly byNumber: Map<number, number>;
}

/** labelSums' answer: the keys met, in no particular order, and the sums by slot. */
interface LabelSums {
  readonly keys: KeySums[];
  value(slot: number): bigint;
  /** |sum| as a number (bigint when inexact), for ordering. */
  magnitude(slot: number): number | bigint;
}

/**
 * Per label key, per value, the sum of value column `index` over the
 * samples carrying it, as pprof's tags report adds them: every label entry
 * counts (a key with two values in a sample adds to both), numeric labels
 * under their text (`nameOf(key, value)`, called once per key and number).
 * Read straight from the label columns, without a grouping per sample. The
 * sums are float64 while that is exact (every value, and the sum of their
 * magnitudes, below 2^53), else BigInt.
 */
function labelSums(profile: Profile, index: number, nameOf: (key: string, n: number) => string): LabelSums {
  const s = profile.samples;
  const col = s.numberColumn(index);
  const exact = col.exact && col.absSum < 2 ** 53;
  const { labelOffsets, labelKeys, labelStrs } = s;
  const nums = int64Halves(s.labelNums);
  const keys: KeySums[] = [];
  let fsums = new Float64Array(256);
  const bsums: bigint[] = [];
  let count = 0;
  const keyOf = (key: string): KeySums => {
    // A handful of keys: a scan beats a hash lookup.
    for (let j = 0; j < keys.length; j++) if (keys[j]!.key === key) return keys[j]!;
    const ks: KeySums = { key, byName: new Map(), byNumber: new Map() };
    keys.push(ks);
    return ks;
  };
  const slotOf = (ks: KeySums, name: string): number => {
    let slot = ks.byName.get(name);
    if (slot === undefined) {
      ks.byName.set(name, (slot = count++));
      if (slot === fsums.length) {
        const grown = new Float64Array(2 * fsums.length);
        grown.set(fsums);
        fsums = grown;
      }
      if (!exact) bsums.push(0n);
    }
    return slot;
  };
  for (let i = 0; i < s.count; i++) {
    const to = labelOffsets[i + 1]!;
    for (let k = labelOffsets[i]!; k < to; k++) {
      const str = labelStrs[k]!;
      // Go's decoder has no such label, nor its key unless another entry has it.
      if (str === '' && labelKind(s, k) === 'none') continue;
      const ks = keyOf(labelKeys[k]!);
      let slot: number;
      if (str !== '') {
        slot = slotOf(ks, str);
      } else {
        // The number from its two words while they make an exact float64.
        const lo = nums[2 * k]!;
        const hi = nums[2 * k + 1]!;
        const n = hi === 0 ? lo : hi < 0x200000 || hi >= 0xffe00000 ? (hi | 0) * 2 ** 32 + lo : Number(s.labelNums[k]!);
        const known = ks.byNumber.get(n);
        if (known !== undefined) slot = known;
        else ks.byNumber.set(n, (slot = slotOf(ks, nameOf(ks.key, n))));
      }
      if (exact) fsums[slot]! += col.values[i]!;
      else bsums[slot]! += s.values[i * s.stride + index]!;
    }
  }
  return exact
    ? { keys, value: (slot) => BigInt(fsums[slot]!), magnitude: (slot) => Math.abs(fsums[slot]!) }
    : { keys, value: (slot) => bsums[slot]!, magnitude: (slot) => abs(bsums[slot]!) };
}
