/**
 * The report total with pprof's rule (report.computeTotal): the sum of
 * |value| over all samples, except that when samples of a `-diff_base`
 * profile are present (label `pprof::base=true`) and their sum is positive,
 * the total is theirs alone, so that percentages in a comparison are
 * relative to the base profile.
 */

import type { Profile } from '../model/profile.js';
import { computeTotal } from '../query/total.js';

/** The report total of one sample type, exact (the profile before report-time filters counts). */
export function reportTotal(profile: Profile, typeIndex: number): bigint {
  return computeTotal(profile.filteredFrom ?? profile, typeIndex);
}
