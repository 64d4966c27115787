/**
 * The report total: the 100% that every percentage and cut-off is taken
 * against. As pprof's computeTotal: the sum of |value| over all samples,
 * before filters; when the profile carries samples of a diff base (label
 * `pprof::base` = `true`, written by `--diff-base` merges) and their sum is
 * positive, only those samples count. With relative percentages (pprof
 * -relative_percentages) only the samples the filters keep count.
 */

import type { Profile } from '../model/profile.js';
import { absTotal } from './aggregate.js';

/** Label key pprof puts on the samples of a `-diff_base` profile. */
export const DIFF_BASE_LABEL = 'pprof::base';

/** Marks the samples that come from a diff base (label `pprof::base=true`), or null when there are none. */
export function diffBaseMask(profile: Profile): Uint8Array | null {
  const s = profile.samples;
  // Most profiles have no such label: the label strings are then never built.
  if (!s.hasLabelKey(DIFF_BASE_LABEL)) return null;
  const mask = new Uint8Array(s.count);
  const keys = s.labelKeys;
  const strs = s.labelStrs;
  for (let i = 0; i < s.count; i++) {
    for (let k = s.labelOffsets[i]!; k < s.labelOffsets[i + 1]!; k++) {
      if (keys[k] === DIFF_BASE_LABEL && strs[k] === 'true') { mask[i] = 1; break; }
    }
  }
  return mask;
}

/**
 * The report total of one sample type, exact: sum of |value|, or only the
 * diff base's samples when `baseMask` marks some with a positive sum; only
 * over the samples `keep` marks when given (relative percentages).
 */
export function computeTotal(
  profile: Profile, sampleIndex: number, baseMask: Uint8Array | null = diffBaseMask(profile), keep: Uint8Array | null = null,
): bigint {
  return sumAbs(profile, sampleIndex, baseMask, keep, false);
}

/**
 * The report total with pprof -mean: the total divided by the sum of the
 * first value column (the sample count) over the same samples, truncated.
 */
export function computeMeanTotal(
  profile: Profile, sampleIndex: number, baseMask: Uint8Array | null, keep: Uint8Array | null,
): bigint {
  const baseTotal = sumAbs(profile, sampleIndex, baseMask, keep, true);
  const base = baseMask !== null && baseTotal > 0n;
  const total = base ? baseTotal : computeTotal(profile, sampleIndex, null, keep);
  const div = sumSigned(profile, 0, base ? baseMask : null, keep);
  return div !== 0n ? total / div : total;
}

function sumSigned(profile: Profile, index: number, mask: Uint8Array | null, keep: Uint8Array | null): bigint {
  const { values, stride, count } = profile.samples;
  let t = 0n;
  for (let i = 0; i < count; i++) {
    if ((mask !== null && mask[i] !== 1) || (keep !== null && keep[i] !== 1)) continue;
    t += values[i * stride + index]!;
  }
  return t;
}

/** Sum of |value|: over the base samples when `baseOnly`, else with pprof's base rule. */
function sumAbs(
  profile: Profile, sampleIndex: number, baseMask: Uint8Array | null, keep: Uint8Array | null, baseOnly: boolean,
): bigint {
  const { values, stride, count } = profile.samples;
  if (baseOnly) {
    if (baseMask === null) return 0n;
    let t = 0n;
    for (let i = 0; i < count; i++) {
      if (baseMask[i] !== 1 || (keep !== null && keep[i] !== 1)) continue;
      const v = values[i * stride + sampleIndex]!;
      t += v < 0n ? -v : v;
    }
    return t;
  }
  if (baseMask !== null) {
    let t = 0n;
    for (let i = 0; i < count; i++) {
      if (baseMask[i] !== 1 || (keep !== null && keep[i] !== 1)) continue;
      const v = values[i * stride + sampleIndex]!;
      t += v < 0n ? -v : v;
    }
    if (t > 0n) return t;
  }
  if (keep !== null) {
    let t = 0n;
    for (let i = 0; i < count; i++) {
      if (keep[i] !== 1) continue;
      const v = values[i * stride + sampleIndex]!;
      t += v < 0n ? -v : v;
    }
    return t;
  }
  return absTotal(profile, sampleIndex);
}
