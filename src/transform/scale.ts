/**
 * Scaling sample values with pprof's rules (profile.ScaleN): each value
 * times its type's ratio, rounded half away from zero (Go's math.Round);
 * a ratio of exactly 1 leaves its column alone; a sample is dropped when
 * every value that was scaled became 0. `negate` is scale by -1, what pprof
 * does to a base profile before merging it in.
 */

import { PprofError } from '../errors.js';
import type { Profile } from '../model/profile.js';
import { rewriteSamples } from './copy.js';

/** Go's math.Round then int64 conversion: half away from zero. */
export function roundHalfAway(x: number): bigint {
  if (!Number.isFinite(x)) throw new PprofError('out-of-range', `scaled value ${x} is not a finite number`);
  return BigInt(Math.sign(x) * Math.round(Math.abs(x)));
}

/**
 * One value times a ratio other than 1, as pprof's ScaleN computes it: -1
 * exactly on the bigint (no rounding through float64 above 2^53), any other
 * ratio through float64 and rounded half away from zero.
 */
export function scaledValue(v: bigint, ratio: number): bigint {
  return ratio === -1 ? -v : roundHalfAway(Number(v) * ratio);
}

/**
 * Multiplies every value by `ratios` (one per sample type, or one for all).
 * Returns `p` itself when every ratio is 1. Throws PprofError 'bad-option' on
 * a ratio count that does not match the sample types.
 */
export function scaleProfile(p: Profile, ratios: number | readonly number[]): Profile {
  const r = typeof ratios === 'number' ? p.sampleTypes.map(() => ratios) : [...ratios];
  if (r.length !== p.sampleTypes.length) {
    throw new PprofError('bad-option', `mismatched scale ratios, got ${r.length}, want ${p.sampleTypes.length}`);
  }
  if (r.every((x) => x === 1)) return p;
  return rewriteSamples(p, (values, labels) => {
    let keep = false;
    for (let t = 0; t < values.length; t++) {
      if (r[t] === 1) continue;
      const v = scaledValue(values[t]!, r[t]!);
      values[t] = v;
      keep ||= v !== 0n;
    }
    return keep ? { values, labels } : null;
  });
}

/** Every value negated (pprof's Scale(-1)); all-zero samples are dropped. */
export function negateProfile(p: Profile): Profile {
  return scaleProfile(p, -1);
}
