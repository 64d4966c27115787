/**
 * Sample-label transforms of the multi-profile path: pprof marks the samples
 * of a `-diff_base` profile with the string label `pprof::base=true`, and
 * reports take their totals from those samples only.
 */

import type { Profile } from '../model/profile.js';
import { rewriteSamples } from './copy.js';
import { negateProfile } from './scale.js';
import { diffBaseMask, DIFF_BASE_LABEL } from '../query/total.js';

export { diffBaseMask, DIFF_BASE_LABEL };

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

/** The two sides of a `-diff_base` comparison, each with its own (positive) values. */
export interface DiffSides {
  /** The base profile's samples, negated back, without the `pprof::base` label. */
  readonly base: Profile;
  /** The new profile's samples. */
  readonly current: Profile;
}

/**
 * Splits a profile made by `diffProfiles(…, { mode: 'diff-base' })` back into
 * its base and new sides (for the two-column folded form and the flame
 * page's comparison colours), or null when it has no base samples.
 */
export function splitDiffBase(p: Profile): DiffSides | null {
  const mask = diffBaseMask(p);
  if (mask === null) return null;
  const current = rewriteSamples(p, (values, labels, i) => (mask[i] === 1 ? null : { values, labels }));
  const base = rewriteSamples(p, (values, labels, i) => (mask[i] === 1
    ? { values, labels: labels.filter((l) => !(l.kind === 'string' && l.key === DIFF_BASE_LABEL)) } : null));
  return { base: negateProfile(base), current };
}
