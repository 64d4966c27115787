/**
 * Sample-label transforms of the multi-profile path: pprof marks the samples
 * of a `-diff_base` profile with the string label `pprof::base=true`, and
 * reports take their totals from those samples only.
 */

import type { Profile } from '../model/profile.js';
import { rewriteSamples } from './copy.js';

/** The label pprof puts on every sample of a `-diff_base` profile. */
export const DIFF_BASE_LABEL = 'pprof::base';

/** A copy of `p` where every sample's string label `key` is replaced by `values` (pprof's SetLabel). */
export function setLabel(p: Profile, key: string, values: readonly string[]): Profile {
  return rewriteSamples(p, (v, labels) => ({
    values: v,
    labels: [
      ...labels.filter((l) => !(l.kind === 'string' && l.key === key)),
      ...values.map((value) => ({ key, kind: 'string' as const, value })),
    ],
  }));
}

/**
 * base[i] = 1 when sample i carries `pprof::base=true` (a sample of a
 * `-diff_base` profile), or null when no sample does.
 */
export function diffBaseMask(p: Profile): Uint8Array | null {
  const s = p.samples;
  if (s.labelNums.length === 0) return null;
  const keys = s.labelKeys;
  const strs = s.labelStrs;
  let mask: Uint8Array | null = null;
  for (let i = 0; i < s.count; i++) {
    for (let k = s.labelOffsets[i]!; k < s.labelOffsets[i + 1]!; k++) {
      if (keys[k] === DIFF_BASE_LABEL && strs[k] === 'true') {
        mask ??= new Uint8Array(s.count);
        mask[i] = 1;
        break;
      }
    }
  }
  return mask;
}
