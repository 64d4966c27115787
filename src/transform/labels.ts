/**
 * Sample-label transforms of the multi-profile path: pprof marks the samples
 * of a `-diff_base` profile with the string label `pprof::base=true`, and
 * reports take their totals from those samples only.
 */

import type { Profile } from '../model/profile.js';
import { rewriteSamples } from './copy.js';
import { SampleTableWriter, withSamples } from './rebuild.js';
import { labelKind } from '../query/labels.js';
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
 * page's comparison colours), or null when it has no base samples. Both
 * sides share the profile's locations and keep packed stacks packed: only
 * the sample columns are new.
 */
export function splitDiffBase(p: Profile): DiffSides | null {
  const mask = diffBaseMask(p);
  if (mask === null) return null;
  const s = p.samples;
  const current = new SampleTableWriter(s);
  const base = new SampleTableWriter(s, { negate: true });
  const keep = (k: number): boolean => !(s.labelKeys[k] === DIFF_BASE_LABEL && labelKind(s, k) === 'string');
  for (let i = 0; i < s.count; i++) {
    if (mask[i] !== 1) {
      current.addUnchanged(i);
      continue;
    }
    // Negating drops a sample that is all zero, as pprof's Scale(-1) does.
    let zero = true;
    for (let t = 0; t < s.stride && zero; t++) zero = s.values[i * s.stride + t] === 0n;
    if (!zero) base.addUnchanged(i, keep);
  }
  return { base: withSamples(p, base.build(p), undefined, false), current: withSamples(p, current.build(p), undefined, false) };
}
