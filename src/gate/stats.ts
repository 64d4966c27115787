/**
 * The statistics of the multi-run regression gate, kept free of profiles:
 *
 * - a one-sided two-sample permutation test of the difference of means
 *   (new - base), exact (every split enumerated) when there are at most
 *   {@link EXACT_LIMIT} splits, else Monte Carlo with a seeded generator and
 *   the (b + 1) / (R + 1) estimate, so a p-value is never 0;
 * - Benjamini-Hochberg step-up adjustment across functions (false discovery
 *   rate control, valid under independence or positive dependence);
 * - a percentile bootstrap confidence interval of the difference of means
 *   (each sample resampled with replacement, seeded: results are repeatable).
 */

/** Splits enumerated exactly up to this many (C(16, 8) = 12870 fits). */
export const EXACT_LIMIT = 20_000;
/** Random splits drawn above {@link EXACT_LIMIT}. */
export const MONTE_CARLO_SPLITS = 19_999;
/** Bootstrap resamples of the confidence interval. */
export const BOOTSTRAP_RESAMPLES = 2_000;

/** A small, fast, seeded PRNG (mulberry32): deterministic results for the same input. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length === 0 ? 0 : s / xs.length;
}

/** n choose k as a float (exact for the sizes used here). */
export function choose(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** The smallest p-value a permutation test of k base and m new runs can give. */
export function minAttainableP(k: number, m: number): number {
  const splits = choose(k + m, k);
  return splits <= EXACT_LIMIT ? 1 / splits : 1 / (MONTE_CARLO_SPLITS + 1);
}

/**
 * One-sided permutation p-value for "new is larger than base": the share of
 * splits of the pooled runs whose difference of means is at least the
 * observed one (with a tolerance for float ties).
 */
export function permutationPValue(base: readonly number[], next: readonly number[], seed = 1): number {
  const k = base.length;
  const m = next.length;
  if (k === 0 || m === 0) return 1;
  const pooled = [...base, ...next];
  const n = pooled.length;
  const total = pooled.reduce((a, b) => a + b, 0);
  // With the pooled sum fixed, mean(new) - mean(base) grows with sum(new): compare sums of the "new" side.
  const observed = next.reduce((a, b) => a + b, 0);
  const eps = 1e-12 * Math.max(1, Math.abs(total));
  const splits = choose(n, m);
  if (splits <= EXACT_LIMIT) {
    let atLeast = 0;
    const idx = Array.from({ length: m }, (_, i) => i);
    for (;;) {
      let s = 0;
      for (const i of idx) s += pooled[i]!;
      if (s >= observed - eps) atLeast++;
      let j = m - 1;
      while (j >= 0 && idx[j] === n - m + j) j--;
      if (j < 0) break;
      idx[j]!++;
      for (let t = j + 1; t < m; t++) idx[t] = idx[t - 1]! + 1;
    }
    return atLeast / splits;
  }
  const rand = rng(seed);
  const work = [...pooled];
  let atLeast = 0;
  for (let r = 0; r < MONTE_CARLO_SPLITS; r++) {
    // Partial Fisher-Yates: the first m slots are a uniform random subset.
    let s = 0;
    for (let i = 0; i < m; i++) {
      const j = i + Math.floor(rand() * (n - i));
      const tmp = work[i]!; work[i] = work[j]!; work[j] = tmp;
      s += work[i]!;
    }
    if (s >= observed - eps) atLeast++;
  }
  return (atLeast + 1) / (MONTE_CARLO_SPLITS + 1);
}

/** Benjamini-Hochberg adjusted p-values (q-values), in the input order. */
export function benjaminiHochberg(ps: readonly number[]): number[] {
  const n = ps.length;
  const order = ps.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const out = new Array<number>(n);
  let running = 1;
  for (let r = n - 1; r >= 0; r--) {
    const { p, i } = order[r]!;
    running = Math.min(running, (p * n) / (r + 1));
    out[i] = Math.min(1, running);
  }
  return out;
}

/** Percentile bootstrap interval of mean(next) - mean(base) at the given confidence. */
export function bootstrapInterval(base: readonly number[], next: readonly number[], confidence = 0.95, seed = 1): [number, number] {
  if (base.length === 0 || next.length === 0) return [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  const rand = rng(seed);
  const diffs = new Float64Array(BOOTSTRAP_RESAMPLES);
  const resampleMean = (xs: readonly number[]): number => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += xs[Math.floor(rand() * xs.length)]!;
    return s / xs.length;
  };
  for (let r = 0; r < BOOTSTRAP_RESAMPLES; r++) diffs[r] = resampleMean(next) - resampleMean(base);
  diffs.sort();
  const lo = diffs[Math.floor(((1 - confidence) / 2) * (BOOTSTRAP_RESAMPLES - 1))]!;
  const hi = diffs[Math.ceil((1 - (1 - confidence) / 2) * (BOOTSTRAP_RESAMPLES - 1))]!;
  return [lo, hi];
}

export { mean };
