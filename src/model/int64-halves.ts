/**
 * 64-bit integer columns read as 32-bit words. Reading an element of a
 * BigInt64Array makes a BigInt; loops over millions of values (number
 * columns, merged sums, label values) test, copy and hash the two words
 * instead.
 */

/**
 * The words of `a` as a view of the same memory: element i is words 2i and
 * 2i+1, low word first on the little-endian machines Node runs on.
 */
export function int64Halves(a: BigInt64Array): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, 2 * a.length);
}

/** Whether row `j` of a table of `stride` 64-bit values per row, read as its words (see int64Halves), is all zero. */
export function isZeroRow(words: Uint32Array, stride: number, j: number): boolean {
  for (let k = 2 * j * stride; k < 2 * (j + 1) * stride; k++) if (words[k] !== 0) return false;
  return true;
}
