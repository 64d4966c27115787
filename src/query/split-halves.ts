/**
 * A call tree's split input (query/split-input.ts) whose frame codes are made
 * by two threads, one half of the placed samples each. On a flame page the
 * helper thread builds the callees tree from the codes, so it waited for
 * this thread to make all of them (about 0.4 s on a 100 MB profile): now it
 * makes the second half meanwhile and starts its tree once both are done.
 *
 * A code array is one run, so the halves must meet: without hidden frames
 * every location id gives one code, and when every sample is placed the
 * codes number the profile's frames. The first half is made forwards from
 * the start and the second backwards from that end, each stack decoded
 * into a scratch array and then put in place. With hidden frames or samples left out (filters, samples of
 * no value), or stacks that are not packed, the input is made by one
 * thread as before.
 */

import type { QueryView } from './view.js';
import { codeArrays, idCodes, packedCodes, placedSamples, type SplitInput } from './split-input.js';

/** What filling a half reads and writes: plain arrays, in shared memory, so a helper thread can fill one. */
export interface CodesHalves {
  /** The split input; its `codes` and `offsets` are complete once both halves are filled. */
  readonly input: SplitInput;
  /** The packed stacks and each id's code. */
  readonly buf: Uint8Array;
  readonly start: Uint32Array;
  readonly end: Uint32Array;
  readonly idCode: Int32Array;
  /** Placed samples [0, half) are the first half. */
  readonly half: number;
  /** Codes in all (the profile's frames), and the most in one stack. */
  readonly total: number;
  readonly maxDepth: number;
  /** flags[h] = 1 once half h is filled (Atomics, so the other thread can wait on it). */
  readonly flags: Int32Array;
  /** Where the first half's codes ended (shared, for checkHalves). */
  readonly firstEnd: Int32Array;
}

/**
 * How long either thread waits for the other's half before giving up (the
 * worker fails its job, this thread makes the half itself).
 */
export const HALF_WAIT_MS = 60_000;

/** Which half: 0 for placed samples [0, half), 1 for the rest. */
export type Half = 0 | 1;

/**
 * The view's split input with its codes not yet made, ready to be filled in
 * halves; null where one thread must make it (hidden frames, stacks that
 * are not packed, no shared memory).
 */
export function codesHalves(view: QueryView, minWidth: number): CodesHalves | null {
  const packed = view.profile.samples.packedStacks;
  if (packed === null || view.filters.hidden !== null || typeof SharedArrayBuffer === 'undefined') return null;
  if (!(packed.buf.buffer instanceof SharedArrayBuffer)) return null;
  const samples = placedSamples(view, minWidth);
  if (samples.placed.length !== samples.nSamples) return null;
  const { locCode, runStart, runNodes, codes, offsets } = codeArrays(view, samples.placed.length);
  if (!(codes.buffer instanceof SharedArrayBuffer)) return null;
  const { buf, start, end, frameCount, maxDepth } = packed;
  return {
    input: { ...samples, offsets, codes, runStart, runNodes },
    buf, start, end, idCode: idCodes(view, locCode), half: samples.placed.length >> 1, total: frameCount, maxDepth,
    flags: new Int32Array(new SharedArrayBuffer(8)), firstEnd: new Int32Array(new SharedArrayBuffer(4)),
  };
}

/**
 * Fills one half's codes and offsets, then raises its flag: the first half
 * forwards from code 0 (offsets[1 .. half - 1]), the second backwards from
 * `total` (offsets[half .. end]). Once both are filled, `checkHalves` tells
 * whether they met.
 */
export function fillHalf(h: CodesHalves, which: Half): void {
  const { buf, start, end, idCode, half } = h;
  const { placed, codes, offsets } = h.input;
  if (which === 0) {
    let n = 0;
    // offsets[half] is the second half's to write: where its first stack starts.
    for (let j = 0; j < half; j++) {
      n = packedCodes(buf, start[placed[j]!]!, end[placed[j]!]!, idCode, codes, n);
      if (j + 1 < half) offsets[j + 1] = n;
    }
    h.firstEnd[0] = n;
  } else {
    // Each stack decoded into a scratch array first (its length is known only then), then copied
    // to where it ends at the previous stack's start.
    const scratch = codes instanceof Uint16Array ? new Uint16Array(h.maxDepth) : new Uint32Array(h.maxDepth);
    let n = h.total;
    offsets[placed.length] = n;
    for (let j = placed.length - 1; j >= half; j--) {
      const i = placed[j]!;
      const k = packedCodes(buf, start[i]!, end[i]!, idCode, scratch, 0);
      n -= k;
      codes.set(k === scratch.length ? scratch : scratch.subarray(0, k), n);
      offsets[j] = n;
    }
  }
  Atomics.store(h.flags, which, 1);
  Atomics.notify(h.flags, which);
}

/**
 * Checks, once both halves are filled, that the first ended where the second
 * began. Without hidden frames each id gives one code, so a gap would be a
 * bug here, not bad input: it throws.
 */
export function checkHalves(h: CodesHalves): void {
  if (h.firstEnd[0] !== h.input.offsets[h.half]) throw new Error(`split halves: the first half ends at ${h.firstEnd[0]}, the second starts at ${h.input.offsets[h.half]}`);
}

/** Whether half `which` is filled. */
export function halfFilled(h: CodesHalves, which: Half): boolean {
  return Atomics.load(h.flags, which) === 1;
}

/**
 * Waits until half `which` is filled, up to `timeoutMs`, checking `gaveUp`
 * between short waits; returns whether it was filled.
 */
export function waitForHalf(h: CodesHalves, which: Half, timeoutMs: number, gaveUp: () => boolean = () => false): boolean {
  const deadline = Date.now() + timeoutMs;
  while (!halfFilled(h, which)) {
    if (gaveUp() || Date.now() > deadline) return halfFilled(h, which);
    Atomics.wait(h.flags, which, 0, 20);
  }
  return true;
}
