/**
 * Memory that a helper thread can read without a copy. The big columns of a
 * profile (stack frames, their offsets, value columns) are allocated here so
 * that the query's worker thread (query/parallel.ts) gets them for free.
 */

/**
 * A zeroed buffer of `bytes`, shared when the platform allows it (Node, or
 * a cross-origin-isolated page); a plain ArrayBuffer otherwise, which every
 * caller handles the same way.
 */
export function sharedIfPossible(bytes: number): ArrayBufferLike {
  if (typeof SharedArrayBuffer !== 'undefined') {
    try {
      return new SharedArrayBuffer(bytes);
    } catch {
      // Browsers without cross-origin isolation refuse.
    }
  }
  return new ArrayBuffer(bytes);
}
