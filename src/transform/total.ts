/**
 * The report total with pprof's rule (report.computeTotal): the sum of
 * |value| over all samples, except that when samples of a `-diff_base`
 * profile are present (label `pprof::base=true`) and their sum is positive,
 * the total is theirs alone, so that percentages in a comparison are
 * relative to the base profile.
 */

import type { Profile } from '../model/profile.js';
import { absTotal } from '../query/aggregate.js';
import { diffBaseMask } from './labels.js';

/** The report total of one sample type, exact. */
export function reportTotal(profile: Profile, typeIndex: number): bigint {
  // Report-time filters (tagfocus, show_from...) keep pprof's total: that of the profile before them.
  if (profile.filteredFrom !== undefined) profile = profile.filteredFrom;
  const mask = diffBaseMask(profile, typeIndex);
  if (mask === null) return absTotal(profile, typeIndex);
  const { values, stride, count } = profile.samples;
  let all = 0n;
  let base = 0n;
  for (let i = 0; i < count; i++) {
    const v = values[i * stride + typeIndex]!;
    const a = v < 0n ? -v : v;
    all += a;
    if (mask[i] === 1) base += a;
  }
  return base > 0n ? base : all;
}
