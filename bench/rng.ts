/**
 * Deterministic randomness for the benchmark generator: a seeded xorshift128
 * generator plus stateless 32-bit hashing (for the implicit call tree, where a
 * node's children must be the same every time the node is visited).
 * Math.random is never used, so every run produces byte-identical profiles.
 */

/** 32-bit integer finaliser (murmur3 fmix32): a well-mixed hash of `x`. */
export function hash32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Hash of the pair (h, v); used to derive a child node's id from its parent's. */
export function mix(h: number, v: number): number {
  return hash32((h ^ Math.imul((v + 0x9e3779b9) | 0, 0x27d4eb2d)) >>> 0);
}

/** Maps a 32-bit hash to [0, 1). */
export function unit(h: number): number {
  return h / 4294967296;
}

/** Seeded xorshift128 pseudo-random generator. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      return hash32(s);
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next() | 1; // never all-zero
  }

  /** Next uniformly distributed unsigned 32-bit integer. */
  u32(): number {
    let t = this.d;
    const s = this.a;
    this.d = this.c;
    this.c = this.b;
    this.b = s;
    t ^= t << 11;
    t ^= t >>> 8;
    this.a = (t ^ s ^ (s >>> 19)) >>> 0;
    return this.a;
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Picks an element uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

/** Zipf-like sampler over indices 0..n-1 with weight 1/(i+1)^s. */
export class Zipf {
  private readonly cum: Float64Array;

  constructor(n: number, s: number) {
    this.cum = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      total += 1 / Math.pow(i + 1, s);
      this.cum[i] = total;
    }
    for (let i = 0; i < n; i++) this.cum[i]! /= total;
  }

  /** Index for the uniform variate u in [0, 1). */
  sample(u: number): number {
    const cum = this.cum;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
