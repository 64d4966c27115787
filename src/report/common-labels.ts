/**
 * Shared pieces of the label-printing reports (traces, raw, tags): the total
 * pprof measures a report against and the sample-value formatter.
 */

import type { Profile } from '../model/profile.js';
import { computeMeanTotal, computeTotal, diffBaseMask } from '../query/total.js';
import { resolveSampleIndex } from '../query/sample-index.js';
import type { ValueType } from '../model/types.js';
import { DEFAULT_UNIT } from '../defaults.js';
import { profileHeaderLines } from './header.js';
import { makeValueFormatter, type ValueFormatter } from './units.js';

/** The resolved sample value and formatting of a report. */
export interface ValueContext {
  readonly sampleIndex: number;
  readonly sampleType: ValueType;
  /** The --unit as given ('minimum' by default: these reports never narrow it). */
  readonly outputUnit: string;
  /**
   * pprof's report total (query/total.ts), over the profile before report-time filters: sum of
   * |value|, or of the diff base's samples in a `--diff-base` comparison.
   */
  readonly total: bigint;
  readonly formatValue: ValueFormatter;
  /** pprof's profile labels (File, Type, Time, Duration lines). */
  readonly header: readonly string[];
}

/**
 * Resolves the sample value, total, formatter and header lines. With `mean`
 * (traces --mean, as pprof -traces -mean) the type is printed `mean_<type>`
 * and the total is divided by the sample count. `ratio` is -divide_by's
 * (units.ts divideByRatio), seen by every formatted value. With `relative`
 * (pprof -relative_percentages) the total is over the samples the filters
 * kept: `profile` itself, filtered. Throws PprofError.
 */
export function valueContext(
  profile: Profile, sampleIndexOption: string | number | undefined, unit: string | undefined, mean = false, ratio = 1,
  relative = false,
): ValueContext {
  const sampleIndex = resolveSampleIndex(profile, sampleIndexOption);
  const sampleType = profile.sampleTypes[sampleIndex]!;
  const outputUnit = unit ?? DEFAULT_UNIT;
  const formatValue = makeValueFormatter(sampleType.unit, outputUnit, ratio);
  // pprof takes the total before it applies the name and tag filters (after them with -relative_percentages),
  // with its rule for a diff base.
  const whole = relative ? profile : profile.filteredFrom ?? profile;
  const baseMask = diffBaseMask(whole);
  // Every sample of the filtered profile, counted as it is (a profile made by filters otherwise counts the one before them).
  const kept = relative ? new Uint8Array(whole.samples.count).fill(1) : null;
  const total = mean ? computeMeanTotal(whole, sampleIndex, baseMask, kept) : computeTotal(whole, sampleIndex, baseMask, kept);
  const header = profileHeaderLines({
    profile, sampleType: (mean ? 'mean_' : '') + sampleType.type, sampleUnit: sampleType.unit, total: Number(total), formatValue,
  });
  return { sampleIndex, sampleType, outputUnit, total, formatValue, header };
}
