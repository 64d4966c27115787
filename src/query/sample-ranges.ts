/**
 * Which samples a kernel call walks. One thread walks one span; two threads
 * share a pass by claiming chunks of samples one at a time from a counter in
 * shared memory, so neither waits for the other at the end of the pass
 * however their speeds differ (a cold JIT in the worker, a busy core, work
 * done before the pass starts). A fixed half each left one thread idle for up
 * to 0.2 s of a 100 MB profile's pass.
 */

import type { StackArrays } from './kernels.js';

/** Samples cut into chunks of about equal bytes (or frames), and the counter the threads claim them from. */
export interface SampleChunks {
  /** Chunk k is samples [bounds[k], bounds[k + 1]). */
  readonly bounds: Uint32Array;
  /** next[0] is the next chunk to claim; shared memory when two threads use it. */
  readonly next: Int32Array;
}

/**
 * The samples of a kernel call:
 * - `span`: samples [from, to);
 * - `claim`: chunks claimed until none is left, recording each in `taken` when given;
 * - `others`: every chunk `taken` does not record (to redo what the other thread claimed).
 */
export type SampleRanges =
  | { readonly kind: 'span'; readonly from: number; readonly to: number }
  | { readonly kind: 'claim'; readonly chunks: SampleChunks; readonly taken: Uint8Array | null }
  | { readonly kind: 'others'; readonly chunks: SampleChunks; readonly taken: Uint8Array };

/** Chunks per pass: small enough that the threads finish within a few milliseconds of each other. */
export const PASS_CHUNKS = 64;

/** Samples [from, to). */
export function span(from: number, to: number): SampleRanges {
  return { kind: 'span', from, to };
}

/**
 * Cuts samples [0, count) into `n` chunks of about equal stack bytes (packed
 * stacks) or frames, with a counter in shared memory when there is any.
 */
export function sampleChunks(st: StackArrays, count: number, n = PASS_CHUNKS): SampleChunks {
  const pos = st.packed !== null ? st.packed.start : st.offsets;
  const bounds = new Uint32Array(n + 1);
  bounds[n] = count;
  if (count > 0) {
    const first = pos[0]!;
    const last = st.packed !== null ? st.packed.end[count - 1]! : st.offsets[count]!;
    let lo = 0;
    for (let k = 1; k < n; k++) {
      const target = first + ((last - first) * k) / n;
      let hi = count;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (pos[mid]! < target) lo = mid + 1;
        else hi = mid;
      }
      bounds[k] = lo;
    }
  }
  const shared = typeof SharedArrayBuffer === 'undefined' ? new ArrayBuffer(4) : new SharedArrayBuffer(4);
  return { bounds, next: new Int32Array(shared) };
}

/** Calls `walk(from, to)` for each non-empty range of `r`. */
export function forEachRange(r: SampleRanges, walk: (from: number, to: number) => void): void {
  switch (r.kind) {
    case 'span':
      if (r.from < r.to) walk(r.from, r.to);
      return;
    case 'claim': {
      const { bounds, next } = r.chunks;
      const n = bounds.length - 1;
      for (;;) {
        const k = Atomics.add(next, 0, 1);
        if (k >= n) return;
        if (r.taken !== null) r.taken[k] = 1;
        if (bounds[k]! < bounds[k + 1]!) walk(bounds[k]!, bounds[k + 1]!);
      }
    }
    case 'others': {
      const { bounds } = r.chunks;
      for (let k = 0; k + 1 < bounds.length; k++) {
        if (r.taken[k] !== 1 && bounds[k]! < bounds[k + 1]!) walk(bounds[k]!, bounds[k + 1]!);
      }
      return;
    }
  }
}

/** True when `r` holds no sample (so a fallback has nothing to redo). */
export function isEmpty(r: SampleRanges): boolean {
  // Claiming would take the chunks; a claim is never presumed empty.
  if (r.kind === 'claim') return false;
  let empty = true;
  forEachRange(r, () => { empty = false; });
  return empty;
}
