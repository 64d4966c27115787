/**
 * Sample labels the way pprof's reports see them: per sample, string labels
 * and numeric labels grouped by key (values in file order), numeric units
 * padded as Go's decoder pads them, and one display unit per numeric key
 * (Profile.NumLabelUnits). A label entry with neither a string, a number nor
 * a unit does not exist for Go's decoder, so it does not exist here either.
 */

import type { Profile } from '../model/profile.js';
import type { SampleTable } from '../model/sample-table.js';
import { int64Halves, isZeroRow } from '../model/int64-halves.js';

/** One sample's labels grouped by key. */
export interface SampleLabels {
  /** String labels: key -> values, in file order. */
  readonly str: Map<string, string[]>;
  /** Numeric labels: key -> values, in file order. */
  readonly num: Map<string, bigint[]>;
  /** Units of numeric labels, as Go pads them: may be shorter than the values ('' = no unit). */
  readonly numUnits: Map<string, string[]>;
}

/** Whether label entry `k` is a string label, a numeric one, or nothing at all (Go drops it). */
export function labelKind(t: SampleTable, k: number): 'string' | 'number' | 'none' {
  if (t.labelStrs[k] !== '') return 'string';
  if (t.labelNums[k] !== 0n || t.labelNumUnits[k] !== '') return 'number';
  return 'none';
}

/** Sample i's labels grouped by key. */
export function sampleLabels(t: SampleTable, i: number): SampleLabels {
  const str = new Map<string, string[]>();
  const num = new Map<string, bigint[]>();
  const numUnits = new Map<string, string[]>();
  for (let k = t.labelOffsets[i]!; k < t.labelOffsets[i + 1]!; k++) {
    const key = t.labelKeys[k]!;
    switch (labelKind(t, k)) {
      case 'string': {
        const v = str.get(key);
        if (v === undefined) str.set(key, [t.labelStrs[k]!]);
        else v.push(t.labelStrs[k]!);
        break;
      }
      case 'number': {
        const vals = num.get(key) ?? [];
        const unit = t.labelNumUnits[k]!;
        if (unit !== '') {
          const units = numUnits.get(key) ?? [];
          while (units.length < vals.length) units.push('');
          units.push(unit);
          numUnits.set(key, units);
        }
        vals.push(t.labelNums[k]!);
        num.set(key, vals);
        break;
      }
      case 'none': break;
    }
  }
  return { str, num, numUnits };
}

/** The unit pprof shows each numeric label key in, and the other units it ignored per key. */
export interface NumLabelUnits {
  readonly units: ReadonlyMap<string, string>;
  /** key -> other units seen (sorted), for pprof's "For tag ... also encountered unit(s)" note. */
  readonly ignored: ReadonlyMap<string, readonly string[]>;
}

/**
 * pprof's Profile.NumLabelUnits: the first unit seen per key; keys without
 * any unit get `bytes` for `alignment` and `request`, else the key itself.
 * pprof reads it from the merged profile, which has no all-zero sample: the
 * labels of those are skipped here, so that a profile as loaded gives the
 * same units unless it has negative values (transform/canonical.ts
 * labelUnitsAsMerged covers that case).
 */
export function numLabelUnits(profile: Profile): NumLabelUnits {
  const t = profile.samples;
  const units = new Map<string, string>();
  const ignored = new Map<string, Set<string>>();
  const keys = new Set<string>();
  const words = int64Halves(t.values);
  for (let i = 0; i < t.count; i++) {
    if (t.labelOffsets[i] === t.labelOffsets[i + 1] || isZeroRow(words, t.stride, i)) continue;
    for (let k = t.labelOffsets[i]!; k < t.labelOffsets[i + 1]!; k++) {
      if (labelKind(t, k) !== 'number') continue;
      const key = t.labelKeys[k]!;
      keys.add(key);
      const unit = t.labelNumUnits[k]!;
      if (unit === '') continue;
      const want = units.get(key);
      if (want === undefined) units.set(key, unit);
      else if (want !== unit) (ignored.get(key) ?? ignored.set(key, new Set()).get(key)!).add(unit);
    }
  }
  for (const key of keys) {
    if ((units.get(key) ?? '') === '') units.set(key, key === 'alignment' || key === 'request' ? 'bytes' : key);
  }
  const sortedIgnored = new Map<string, string[]>();
  for (const [k, v] of ignored) sortedIgnored.set(k, [...v].sort());
  return { units, ignored: sortedIgnored };
}

/** pprof's note for keys whose numeric labels carry more than one unit, one line each. */
export function unitConflictNotes(u: NumLabelUnits): string[] {
  return [...u.ignored].map(([k, others]) =>
    `For tag ${k} used unit ${u.units.get(k) ?? ''}, also encountered unit(s) ${others.join(', ')}`);
}
