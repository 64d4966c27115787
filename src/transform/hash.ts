/**
 * 32-bit hashes for the merges' open-addressing tables (merge-parts.ts,
 * merge-samples.ts). A hash only picks a slot: every hit is confirmed field by
 * field, so a collision costs a comparison, never a wrong merge.
 */

/** A 32-bit integer finalizer (good avalanche, no allocation). */
export function hash32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) | 0;
}

/** `h` combined with the 32-bit integer `v`. */
export function mix(h: number, v: number): number {
  return hash32(h ^ Math.imul((v + 0x9e3779b9) | 0, 0x27d4eb2d));
}

/** `h` combined with a string's length and UTF-16 code units. */
export function stringHash(h: number, s: string): number {
  let x = h ^ s.length;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 0x01000193);
  return mix(h, x);
}

/** `h` combined with both 32-bit halves of an int64. */
export function bigintHash(h: number, v: bigint): number {
  return mix(mix(h, Number(BigInt.asUintN(32, v))), Number(BigInt.asUintN(32, v >> 32n)));
}
