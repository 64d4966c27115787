/**
 * `pprof-ts diff BASE NEW` as data: per-function flat and cum of two
 * profiles (whole profiles, nothing trimmed, via the assertion API), their
 * shares of each profile's own total, the changes, and which changes are
 * regressions: the chosen metric's share grew by at least `threshold`
 * (relative to the base share; a function absent from BASE counts as
 * growing without bound) and the function is above the `minShare` noise
 * floor in NEW. Shares, not raw values, are compared by default so that
 * captures of different lengths compare fairly.
 */

import type { Profile } from '../model/profile.js';
import { inspect, shareOf, type Metric } from '../testing/inspect.js';
import { PprofError } from '../errors.js';
import { DEFAULT_DIFF_MIN_SHARE, DEFAULT_DIFF_THRESHOLD } from './defaults.js';

/** Options of {@link compareProfiles}. */
export interface CompareOptions {
  /** Sample type name or index (default as pprof). */
  sampleType?: string | number;
  /** Compare flat (default) or cum. */
  metric?: Metric;
  /** Minimum relative increase of the metric's share that counts as a regression (default 0.1 = +10%). */
  threshold?: number;
  /** Noise floor: functions below this share in both profiles are left out (default 0.01). */
  minShare?: number;
  focus?: string;
  ignore?: string;
}

/** One function of a two-profile comparison. */
export interface FunctionChange {
  readonly name: string;
  readonly baseFlat: bigint;
  readonly newFlat: bigint;
  readonly baseCum: bigint;
  readonly newCum: bigint;
  /** The metric's share of each profile's total, in [0, 1]. */
  readonly baseShare: number;
  readonly newShare: number;
  /** newShare - baseShare. */
  readonly deltaShare: number;
  /** The metric's change in the sample unit, exact (new - base). */
  readonly deltaValue: bigint;
  /** deltaShare / baseShare (Infinity for a new function). */
  readonly relative: number;
  readonly regression: boolean;
}

/** The whole comparison. */
export interface ProfileComparison {
  readonly sampleType: string;
  readonly unit: string;
  readonly metric: Metric;
  readonly threshold: number;
  readonly minShare: number;
  readonly baseTotal: bigint;
  readonly newTotal: bigint;
  /** Regressions first (largest share increase first), then by |deltaShare|, then name. */
  readonly changes: readonly FunctionChange[];
  readonly regressions: number;
}

/** Checks a threshold / min-share option. Throws PprofError 'bad-option'. */
export function checkFraction(name: string, v: number, max = Infinity): number {
  if (!Number.isFinite(v) || v < 0 || v > max) throw new PprofError('bad-option', `${name} must be a number in [0, ${max}], got ${v}`);
  return v;
}

/** Compares two profiles function by function. Throws PprofError for bad options or mismatched sample types. */
export function compareProfiles(base: Profile, next: Profile, options: CompareOptions = {}): ProfileComparison {
  const metric = options.metric ?? 'flat';
  const threshold = checkFraction('threshold', options.threshold ?? DEFAULT_DIFF_THRESHOLD);
  const minShare = checkFraction('min-share', options.minShare ?? DEFAULT_DIFF_MIN_SHARE, 1);
  const q = { sampleType: options.sampleType, focus: options.focus, ignore: options.ignore };
  const a = inspect(base, q);
  const b = inspect(next, q);
  if (a.sampleType.type !== b.sampleType.type || a.unit !== b.unit) {
    throw new PprofError('bad-option', `cannot compare ${a.sampleType.type}/${a.unit} with ${b.sampleType.type}/${b.unit}: pick one sample type with --sample-index`);
  }
  const af = new Map(a.functions().map((f) => [f.name, f]));
  const bf = new Map(b.functions().map((f) => [f.name, f]));
  const changes: FunctionChange[] = [];
  for (const name of new Set([...af.keys(), ...bf.keys()])) {
    const x = af.get(name);
    const y = bf.get(name);
    const baseFlat = x?.flat ?? 0n;
    const newFlat = y?.flat ?? 0n;
    const baseCum = x?.cum ?? 0n;
    const newCum = y?.cum ?? 0n;
    const baseV = metric === 'flat' ? baseFlat : baseCum;
    const newV = metric === 'flat' ? newFlat : newCum;
    const baseShare = shareOf(baseV, a.total);
    const newShare = shareOf(newV, b.total);
    if (baseShare < minShare && newShare < minShare) continue;
    const deltaShare = newShare - baseShare;
    const relative = baseShare === 0 ? (newShare > 0 ? Infinity : 0) : deltaShare / baseShare;
    changes.push({
      name, baseFlat, newFlat, baseCum, newCum, baseShare, newShare, deltaShare, deltaValue: newV - baseV, relative,
      regression: deltaShare > 0 && relative >= threshold && newShare >= minShare,
    });
  }
  changes.sort((p, r) => Number(r.regression) - Number(p.regression) ||
    (p.regression ? r.deltaShare - p.deltaShare : Math.abs(r.deltaShare) - Math.abs(p.deltaShare)) ||
    (p.name < r.name ? -1 : p.name > r.name ? 1 : 0));
  return {
    sampleType: a.sampleType.type, unit: a.unit, metric, threshold, minShare, baseTotal: a.total, newTotal: b.total,
    changes, regressions: changes.filter((c) => c.regression).length,
  };
}
