/**
 * The multi-run regression gate (`pprof-ts diff --base-runs --new-runs`):
 * K captures of the base against M captures of the new build, per function.
 *
 * Method (see README "Regression gates"): each run is reduced to the metric's
 * share of that run's own total per function (0 when absent). Functions whose
 * mean share is below `minShare` in both sets are left out (noise floor); the
 * rest form the tested family. For each, a one-sided permutation test of the
 * difference of means (new - base) gives a p-value, Benjamini-Hochberg turns
 * the family's p-values into q-values (false discovery rate `alpha`), and a
 * seeded percentile bootstrap gives a confidence interval of the difference.
 * A function FAILs when q <= alpha AND its mean share grew by at least
 * `threshold` relative to the base mean (an effect size, so a tiny but
 * consistent shift does not fail a build). The verdict is FAIL if any
 * function fails; INCONCLUSIVE when the design cannot detect a lone
 * regression (fewer than 2 runs on a side, or the smallest attainable
 * p-value above alpha / family size); PASS otherwise.
 *
 * Assumptions: runs of a set are exchangeable (same workload, same machine,
 * independent captures); under "no change" base and new runs are
 * exchangeable too. Nothing is assumed about the distribution of shares.
 */

import type { Profile } from '../model/profile.js';
import { PprofError } from '../errors.js';
import { inspect, type Metric } from '../testing/inspect.js';
import { checkFraction } from './compare.js';
import {
  DEFAULT_DIFF_MIN_SHARE, DEFAULT_DIFF_THRESHOLD, DEFAULT_GATE_ALPHA, DEFAULT_GATE_CONFIDENCE,
} from './defaults.js';
import { benjaminiHochberg, bootstrapInterval, mean, minAttainableP, permutationPValue } from './stats.js';
import type { Verdict } from './format.js';

/** Options of {@link gateRuns}. */
export interface GateOptions {
  sampleType?: string | number;
  /** flat (default) or cum. */
  metric?: Metric;
  /** Minimum relative increase of the mean share to fail (default 0.1). */
  threshold?: number;
  /** Noise floor on the mean share (default 0.01). */
  minShare?: number;
  /** False discovery rate (default 0.05). */
  alpha?: number;
  /** Confidence of the bootstrap interval (default 0.95). */
  confidence?: number;
  focus?: string;
  ignore?: string;
}

/** One tested function. */
export interface FunctionVerdict {
  readonly name: string;
  /** The metric's share per run, in run order. */
  readonly baseShares: readonly number[];
  readonly newShares: readonly number[];
  readonly baseMean: number;
  readonly newMean: number;
  /** newMean - baseMean. */
  readonly delta: number;
  /** delta / baseMean (Infinity when absent from every base run). */
  readonly relative: number;
  /** One-sided permutation p-value (new larger). */
  readonly p: number;
  /** Benjamini-Hochberg adjusted p-value. */
  readonly q: number;
  /** Bootstrap confidence interval of delta. */
  readonly ci: readonly [number, number];
  readonly verdict: 'PASS' | 'FAIL';
}

/** The gate's result. */
export interface GateResult {
  readonly verdict: Verdict;
  readonly sampleType: string;
  readonly metric: Metric;
  readonly baseRuns: number;
  readonly newRuns: number;
  readonly alpha: number;
  readonly threshold: number;
  readonly minShare: number;
  readonly confidence: number;
  /** Smallest p-value the permutation test can give with these run counts. */
  readonly minP: number;
  /** Failures first (smallest q first), then by delta, then name. */
  readonly functions: readonly FunctionVerdict[];
  /** Why the verdict is INCONCLUSIVE, else ''. */
  readonly reason: string;
}

function shareMaps(runs: readonly Profile[], options: GateOptions, metric: Metric): { type: string; maps: Map<string, number>[] } {
  let type = '';
  const maps = runs.map((p, i) => {
    const ins = inspect(p, { sampleType: options.sampleType, focus: options.focus, ignore: options.ignore });
    const t = `${ins.sampleType.type}/${ins.unit}`;
    if (type === '') type = t;
    else if (t !== type) throw new PprofError('bad-option', `run ${i + 1} measures ${t}, earlier runs ${type}: pick one sample type with --sample-index`);
    return new Map(ins.functions().map((f) => [f.name, metric === 'flat' ? f.flatShare : f.cumShare]));
  });
  return { type, maps };
}

/** Compares K base runs with M new runs. Throws PprofError 'bad-option' for bad options or mixed sample types. */
export function gateRuns(baseRuns: readonly Profile[], newRuns: readonly Profile[], options: GateOptions = {}): GateResult {
  const metric = options.metric ?? 'flat';
  const threshold = checkFraction('threshold', options.threshold ?? DEFAULT_DIFF_THRESHOLD);
  const minShare = checkFraction('min-share', options.minShare ?? DEFAULT_DIFF_MIN_SHARE, 1);
  const alpha = checkFraction('alpha', options.alpha ?? DEFAULT_GATE_ALPHA, 1);
  const confidence = checkFraction('confidence', options.confidence ?? DEFAULT_GATE_CONFIDENCE, 1);
  if (baseRuns.length === 0 || newRuns.length === 0) throw new PprofError('bad-option', 'the gate needs at least one base run and one new run');
  const a = shareMaps(baseRuns, options, metric);
  const b = shareMaps(newRuns, options, metric);
  if (a.type !== b.type) throw new PprofError('bad-option', `base runs measure ${a.type}, new runs ${b.type}`);

  const names = new Set<string>();
  for (const m of [...a.maps, ...b.maps]) for (const n of m.keys()) names.add(n);
  const family: { name: string; x: number[]; y: number[] }[] = [];
  for (const name of names) {
    const x = a.maps.map((m) => m.get(name) ?? 0);
    const y = b.maps.map((m) => m.get(name) ?? 0);
    if (mean(x) >= minShare || mean(y) >= minShare) family.push({ name, x, y });
  }
  family.sort((p, r) => (p.name < r.name ? -1 : p.name > r.name ? 1 : 0)); // deterministic seeds
  const ps = family.map((f, i) => permutationPValue(f.x, f.y, i + 1));
  const qs = benjaminiHochberg(ps);
  const functions: FunctionVerdict[] = family.map((f, i) => {
    const baseMean = mean(f.x);
    const newMean = mean(f.y);
    const delta = newMean - baseMean;
    const relative = baseMean === 0 ? (newMean > 0 ? Infinity : 0) : delta / baseMean;
    const q = qs[i]!;
    return {
      name: f.name, baseShares: f.x, newShares: f.y, baseMean, newMean, delta, relative, p: ps[i]!, q,
      ci: bootstrapInterval(f.x, f.y, confidence, i + 1),
      verdict: q <= alpha && delta > 0 && relative >= threshold ? 'FAIL' : 'PASS',
    };
  });
  functions.sort((p, r) => (p.verdict === r.verdict ? 0 : p.verdict === 'FAIL' ? -1 : 1) ||
    (p.verdict === 'FAIL' ? p.q - r.q : 0) || r.delta - p.delta || (p.name < r.name ? -1 : p.name > r.name ? 1 : 0));

  const minP = minAttainableP(baseRuns.length, newRuns.length);
  let reason = '';
  if (baseRuns.length < 2 || newRuns.length < 2) {
    reason = `run-to-run noise needs at least 2 runs on each side (got ${baseRuns.length} base, ${newRuns.length} new)`;
  } else if (family.length > 0 && minP > alpha / family.length) {
    reason = `with ${baseRuns.length} base and ${newRuns.length} new runs the smallest possible p-value is ${minP.toPrecision(3)}, ` +
      `above alpha/${family.length} = ${(alpha / family.length).toPrecision(3)}: a single regression could never be detected; add runs`;
  }
  const failed = functions.some((f) => f.verdict === 'FAIL');
  const verdict: Verdict = failed ? 'FAIL' : reason !== '' ? 'INCONCLUSIVE' : 'PASS';
  return {
    verdict, sampleType: a.type, metric, baseRuns: baseRuns.length, newRuns: newRuns.length, alpha, threshold, minShare,
    confidence, minP, functions, reason,
  };
}
