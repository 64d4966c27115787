/**
 * The tests' deterministic pseudo-random numbers (xorshift32), so that
 * generated samples and schedules are the same in every run.
 */

/** Numbers in [0, 1) from `seed` (0 counts as 1: xorshift never leaves 0). */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 2 ** 32;
  };
}
