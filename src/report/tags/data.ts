/**
 * The `tags` report as data: for every label key, the total sample value of
 * the samples carrying it and the share of each of its values, as
 * `go tool pprof -tags` computes them (numeric values are grouped by their
 * scaled text, e.g. `4kB`; keys by name; values by |value| descending, then
 * name). Runs on the profile after pprof's filters.
 */

import type { Profile } from '../../model/profile.js';
import { numLabelUnits, sampleLabels } from '../../query/labels.js';
import type { QueryOptions } from '../../query/options.js';
import { compareGoStrings } from '../../query/strings.js';
import { applyProfileFilters } from '../../transform/apply.js';
import { canonicalProfile } from '../../transform/canonical.js';
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
  profile = canonicalProfile(profile); // a no-op when the CLI already did it
  const units = numLabelUnits(profile.filteredFrom ?? profile).units;
  ({ profile, options } = applyProfileFilters(profile, options, { materialize: true }));
  const ctx = valueContext(profile, options.sampleIndex, options.unit);
  const sampleUnit = ctx.sampleType.unit;
  const scaled = (v: bigint): string => {
    const s = scaleValue(Number(v), sampleUnit, ctx.outputUnit);
    return formatFloat(s.value, 'f', 1) + s.unit;
  };

  const byKey = new Map<string, Map<string, bigint>>();
  const add = (key: string, name: string, v: bigint): void => {
    let m = byKey.get(key);
    if (m === undefined) byKey.set(key, (m = new Map()));
    m.set(name, (m.get(name) ?? 0n) + v);
  };
  const s = profile.samples;
  for (let i = 0; i < s.count; i++) {
    const v = s.values[i * s.stride + ctx.sampleIndex]!;
    const g = sampleLabels(s, i);
    for (const [key, vals] of g.str) for (const val of vals) add(key, val, v);
    for (const [key, vals] of g.num) {
      const unit = units.get(key) ?? key;
      for (const n of vals) add(key, formatScaled(Number(n), unit, ctx.outputUnit), v);
    }
  }

  const keys: TagKey[] = [...byKey.keys()].sort(compareGoStrings).map((key) => {
    const m = byKey.get(key)!;
    let total = 0n;
    for (const v of m.values()) total += v;
    const values = [...m].sort(([an, av], [bn, bv]) => {
      if (av !== bv && abs(av) !== abs(bv)) return abs(av) > abs(bv) ? -1 : 1;
      return compareGoStrings(an, bn);
    }).map(([name, value]): TagValue => ({
      name,
      value,
      valueText: scaled(value),
      percent: total > 0n ? formatPercent(Number(value), Number(total)) : '',
    }));
    return { key, total, totalText: scaled(total), values };
  });
  return { sampleType: ctx.sampleType.type, sampleUnit, outputUnit: ctx.outputUnit, keys };
}
