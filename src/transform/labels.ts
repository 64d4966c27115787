/**
 * Sample-label transforms of the multi-profile path: pprof marks the samples
 * of a `-diff_base` profile with the string label `pprof::base=true`, and
 * reports take their totals from those samples only.
 */

import type { Profile } from '../model/profile.js';
import { rewriteSamples } from './copy.js';
import { negateProfile } from './scale.js';

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
 * Whether any sample value is negative. Base samples are stored negated, so a
 * profile without negative values has no base to find; this check spares
 * reading every label's text (built lazily, costly on big labelled profiles)
 * for ordinary profiles. The one case it misses, a base whose values were all
 * negative already (a delta profile) compared with a new profile without
 * negative values, then reports the total of all samples.
 */
function hasNegativeValue(p: Profile, typeIndex?: number): boolean {
  const types = typeIndex === undefined ? p.sampleTypes.map((_, t) => t) : [typeIndex];
  for (const t of types) {
    const col = p.samples.numberColumn(t).values;
    for (let i = 0; i < col.length; i++) if (col[i]! < 0) return true;
  }
  return false;
}

/**
 * base[i] = 1 when sample i carries `pprof::base=true` (a sample of a
 * `-diff_base` profile), or null when no sample does (or, with `typeIndex`,
 * when no value of that type is negative, so that no base sample counts).
 */
export function diffBaseMask(p: Profile, typeIndex?: number): Uint8Array | null {
  const s = p.samples;
  if (s.labelNums.length === 0 || !hasNegativeValue(p, typeIndex)) return null;
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
