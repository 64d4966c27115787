/**
 * A call tree's split input (query/split-input.ts) whose frame codes are made
 * by two threads, one half of the placed samples each. On a flame page the
 * helper thread builds the callees tree from the codes, so it waited for
 * this thread to make all of them (about 0.4 s on a 100 MB profile): now it
 * makes the second half meanwhile and starts its tree once both are done.
 *
 * The first half's codes start at 0 and the second's where the first
 * half's stack bytes end (each id takes at least one byte, so the halves
 * cannot overlap), so each thread fills its half forwards without knowing
 * the other's count; the split input's `ends` mark where each stack ends,
 * as a gap lies between the halves. With hidden frames or samples left out
 * (filters, samples of no value), or stacks that are not packed, the input
 * is made by one thread as before.
 *
 * The halves read every id, so they also check them: stacks whose check
 * the parse left to the first pass (ParseOptions `checkStacks`) are checked
 * here, and confirmed or handed to the profile's own check by settleHalves.
 */

import type { QueryView } from './view.js';
import type { SampleTable } from '../model/sample-table.js';
import { stackBytes } from '../model/packed-stacks.js';
import { sharedIfPossible } from '../shared-memory.js';
import { codeArrays, idCodes, packedCodes, placedSamples, type SplitInput } from './split-input.js';

/** What filling a half reads and writes: plain arrays, in shared memory, so a helper thread can fill one. */
export interface CodesHalves {
  /** The split input; its `codes`, `offsets` and `ends` are complete once both halves are filled. */
  readonly input: SplitInput;
  /** The packed stacks (perhaps not checked yet: see settleHalves) and each id's code (see idCodes). */
  readonly buf: Uint8Array;
  readonly start: Uint32Array;
  readonly end: Uint32Array;
  readonly idCode: Int32Array;
  /** Placed samples [0, half) are the first half; the second half's codes start at `offsets[half]`. */
  readonly half: number;
  /** flags[h] = 1 once half h is filled (Atomics, so the other thread can wait on it). */
  readonly flags: Int32Array;
  /** What each half found, in shared memory, at the slots CODES, DEPTH and BAD (+ the half). */
  readonly stats: Int32Array;
}

/**
 * Slots of CodesHalves.stats, per half h: its codes, its deepest stack, and 1
 * when it stopped at an id it could not read (one of no location, or written
 * in five varint bytes or more).
 */
const CODES = 0;
const DEPTH = 2;
const BAD = 4;

/**
 * How long either thread waits for the other's half before giving up (the
 * worker fails its job, this thread makes the half itself).
 */
export const HALF_WAIT_MS = 60_000;

/** Which half: 0 for placed samples [0, half), 1 for the rest. */
export type Half = 0 | 1;

/**
 * The view's split input with its codes not yet made, ready to be filled in
 * halves; null where one thread must make it (hidden frames, samples left
 * out, stacks that are not packed, no shared memory). The stacks may still
 * await their check (ParseOptions `checkStacks`): the halves check every id.
 */
export function codesHalves(view: QueryView, minWidth: number): CodesHalves | null {
  const packed = view.profile.samples.uncheckedStacks();
  if (packed === null || view.filters.hidden !== null || typeof SharedArrayBuffer === 'undefined') return null;
  if (!(packed.buf.buffer instanceof SharedArrayBuffer)) return null;
  const samples = placedSamples(view, minWidth);
  const { placed } = samples;
  if (placed.length !== samples.nSamples) return null;
  const { buf, start, end } = packed;
  // Each id takes at least one byte: a half has at most as many codes as its stacks have bytes.
  // The second half starts after the first half's bytes, so neither half need know the other's
  // count, and the pages between the two ends are never touched.
  // Every sample is placed, so placed sample j is sample j.
  const half = placed.length >> 1;
  const firstBytes = stackBytes(packed, 0, half);
  const bytes = firstBytes + stackBytes(packed, half);
  let arrays: ReturnType<typeof codeArrays>;
  try {
    arrays = codeArrays(view, placed.length, bytes);
  } catch (e) {
    // Room for a code per byte is more than one thread needs (a code per frame): if the engine
    // refuses that much, one thread makes the codes.
    if (e instanceof RangeError) return null;
    throw e;
  }
  const { locCode, runStart, runNodes, codes, offsets } = arrays;
  const ends = new Uint32Array(sharedIfPossible(4 * placed.length));
  // The helper writes its half of all three: each must be memory it shares, not a copy.
  if (![codes, offsets, ends].every((a) => a.buffer instanceof SharedArrayBuffer)) return null;
  offsets[half] = firstBytes;
  return {
    input: { ...samples, offsets, ends, codes, runStart, runNodes },
    buf, start, end, idCode: idCodes(view, locCode), half,
    flags: new Int32Array(new SharedArrayBuffer(8)), stats: new Int32Array(new SharedArrayBuffer(24)),
  };
}

/**
 * Fills one half's codes, offsets and ends, then raises its flag: the first
 * half from code 0, the second from `offsets[half]`. It stops at an id it
 * cannot read (see settleHalves).
 */
export function fillHalf(h: CodesHalves, which: Half): void {
  const { buf, start, end, idCode, half } = h;
  const { placed, codes, offsets, ends } = h.input;
  const last = which === 0 ? half : placed.length;
  let j = which === 0 ? 0 : half;
  let n = offsets[j]!;
  let depth = 0;
  let bad = 0;
  for (; j < last; j++) {
    const i = placed[j]!;
    offsets[j] = n;
    const m = packedCodes(buf, start[i]!, end[i]!, idCode, codes, n);
    if (m < 0) {
      bad = 1;
      break;
    }
    if (m - n > depth) depth = m - n;
    ends[j] = n = m;
  }
  h.stats[CODES + which] = n - (which === 0 ? 0 : offsets[half]!);
  h.stats[DEPTH + which] = depth;
  h.stats[BAD + which] = bad;
  Atomics.store(h.flags, which, 1);
  Atomics.notify(h.flags, which);
}

/** Whether both filled halves read every id (see settleHalves). */
export function halvesValid(h: CodesHalves): boolean {
  return h.stats[BAD] === 0 && h.stats[BAD + 1] === 0;
}

/**
 * Once both halves are filled, on the thread that owns the profile: confirms
 * stacks that awaited their check (SampleTable `confirmStacks`) with the
 * frames the halves counted, and returns true. When a half stopped at an id,
 * runs the profile's own check of the stacks instead, which throws the
 * parse's PprofError for an id of no location; if it passes (the id was a
 * valid one written in five or more varint bytes, which the stacks' packed
 * form does not read), returns false: the codes must then be made from the
 * checked stacks (callTreeBuilder's `forgetHalves`).
 */
export function settleHalves(h: CodesHalves, samples: SampleTable): boolean {
  if (!halvesValid(h)) {
    void samples.packedStacks;
    return false;
  }
  const { stats } = h;
  samples.confirmStacks(stats[CODES]! + stats[CODES + 1]!, Math.max(stats[DEPTH]!, stats[DEPTH + 1]!));
  return true;
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
