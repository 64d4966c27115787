/**
 * Runs a share of a pass's samples on a second core. A top table of a big
 * profile walks tens of millions of stack frames twice; the samples are
 * independent, so a worker thread and the main thread claim chunks of them
 * from a shared counter until none is left (sample-ranges.ts), and the two
 * results are added up.
 *
 * The main thread stays synchronous (the API is): it posts the job, does its
 * own share, then blocks on an Atomics flag until the worker is done and
 * takes the result with receiveMessageOnPort. The frame array is shared
 * memory (the decoder allocates it in a SharedArrayBuffer), so nothing big
 * is copied. Any failure of the worker falls back to doing the work here.
 */

import { DEFAULT_PARALLEL_MIN_FRAMES } from '../defaults.js';
import type { EdgeTableState } from './edge-table.js';
import type { SampleTable } from '../model/sample-table.js';
import { stackBytes } from '../model/packed-stacks.js';
import type { LocationNodes, StackArrays, StackTally } from './kernels.js';
import type { SplitInput } from './split-input.js';
import type { CodesHalves } from './split-halves.js';
import type { SplitTree } from './tree-split.js';
import type { PartTree, SharedSplit } from './tree-steal.js';
import { sampleChunks, type SampleChunks, type SampleRanges } from './sample-ranges.js';
import { startHelper, threadsOff, type Port, type WorkerThreads } from '../node-builtin.js';

/** When to use a worker: for big profiles only (default), never, or always (tests). */
export type ParallelMode = 'auto' | 'off' | 'always';

/**
 * A job for the worker: one kernel over the chunks it claims; one call tree
 * of a flame page; or the second half of a split input's codes, then (once
 * the main thread has made the first half) a call tree from them. With
 * `shared`, the tree is started there and split with this thread once it
 * joins (query/tree-steal.ts): the reply is the worker's part of it.
 */
export type PassJob =
  | { kind: 'flatcum'; st: StackArrays; ln: LocationNodes; w: Float64Array; chunks: SampleChunks; walkAll: boolean }
  | { kind: 'edges'; st: StackArrays; ln: LocationNodes; kept: Uint8Array; cand: Uint8Array; w: Float64Array; chunks: SampleChunks }
  | { kind: 'tree'; input: SplitInput; orientation: 'callees' | 'callers'; shared?: SharedSplit }
  | { kind: 'halves-tree'; halves: CodesHalves; orientation: 'callees' | 'callers'; shared?: SharedSplit };

/** What the worker sends back for each kind of job. */
export type PassResult =
  | { kind: 'flatcum'; flat: Float64Array; cum: Float64Array; tally: StackTally | null }
  | { kind: 'edges'; table: EdgeTableState }
  | { kind: 'tree'; tree: SplitTree }
  | { kind: 'part'; part: PartTree };

/** Flag slots in the shared control array. */
const DONE = 0;
const READY = 1;
/** How long to wait for the worker to come up before doing everything here. */
const READY_WAIT_MS = 2000;
/**
 * The worker's share should end about when ours does (for a tree job, take
 * about as long); if it takes far longer (at least this long, or 20 times
 * our time) it is presumed dead and its work is redone here.
 */
const MIN_JOB_WAIT_MS = 30_000;

/** The process's helper thread: undefined until first asked for, null when unavailable. */
let shared: PassWorker | null | undefined;

/** The helper thread shared by all top tables of the process. */
export class PassWorker {
  private constructor(
    private readonly wt: WorkerThreads,
    private readonly port: Port,
    private readonly ctrl: Int32Array,
  ) {}

  /**
   * The process-wide helper when the mode and the profile size call for one
   * and the frames are in shared memory; null otherwise. The worker is
   * started once and kept (unreferenced, so it never keeps the process
   * alive); `prewarm` starts it early so its start-up overlaps other work.
   */
  static start(mode: ParallelMode, samples: SampleTable): PassWorker | null {
    if (mode === 'off' || (mode === 'auto' && threadsOff())) return null;
    // Stacks not checked yet (ParseOptions `checkStacks`) are not counted yet either: their bytes stand in.
    const packed = samples.uncheckedStacks();
    const frames = packed === null ? samples.locationIndices.length
      : packed.frameCount >= 0 ? packed.frameCount : stackBytes(packed) / 2;
    if (mode === 'auto' && frames < DEFAULT_PARALLEL_MIN_FRAMES) return null;
    const buffer = packed !== null ? packed.buf.buffer : samples.locationIndices.buffer;
    if (typeof SharedArrayBuffer === 'undefined' || !(buffer instanceof SharedArrayBuffer)) return null;
    return PassWorker.shared();
  }

  /** Starts the helper thread ahead of its first job, unless the environment turns threads off (see threadsOff). */
  static prewarm(): void {
    if (!threadsOff()) PassWorker.shared();
  }

  /** The shared helper thread, started on first use; null where threads are unavailable. */
  private static shared(): PassWorker | null {
    if (shared !== undefined) return shared;
    if (typeof SharedArrayBuffer === 'undefined') return (shared = null);
    const ctrl = new Int32Array(new SharedArrayBuffer(8));
    const helper = startHelper(new URL('./pass-worker.js', import.meta.url), { ctrl });
    shared = helper === null ? null : new PassWorker(helper.wt, helper.port, ctrl);
    return shared;
  }

  /**
   * Posts `job` to the worker, runs `local` here meanwhile (told whether the
   * job was posted), and returns the worker's result; if the worker is not
   * available or fails, it returns what `fallback` returns (the same result
   * computed here, or a marker telling the caller to compute it).
   */
  run<F>(job: PassJob, local: (posted: boolean) => void, fallback: () => F): PassResult | F {
    if (!this.ready()) {
      local(false);
      return fallback();
    }
    Atomics.store(this.ctrl, DONE, 0);
    this.port.postMessage(job);
    const started = Date.now();
    try {
      local(true);
    } catch (e) {
      // The job's reply is taken before the error goes on: left on the port, it would pass for the
      // reply of the next job.
      this.reply(Date.now() + MIN_JOB_WAIT_MS);
      throw e;
    }
    const reply = this.reply(Date.now() + Math.max(MIN_JOB_WAIT_MS, 20 * (Date.now() - started)));
    return reply !== null && reply.ok ? reply.result : fallback();
  }

  /**
   * Waits until the worker has answered the posted job (or `deadline`
   * passes) and takes its reply off the port; null when none came.
   */
  private reply(deadline: number): { ok: true; result: PassResult } | { ok: false; error: string } | null {
    while (Atomics.load(this.ctrl, DONE) === 0) {
      if (Date.now() > deadline) return null;
      Atomics.wait(this.ctrl, DONE, 0, 100);
    }
    for (let tries = 0; tries < 100; tries++) {
      const got = this.wt.receiveMessageOnPort(this.port);
      if (got !== undefined) return got.message as { ok: true; result: PassResult } | { ok: false; error: string };
      // The reply is posted before the flag is raised, so it is normally there at once; if not, sleep 1 ms.
      Atomics.wait(this.ctrl, READY, 1, 1);
    }
    return null;
  }

  /**
   * A pass over all `count` samples shared by chunks (sample-ranges.ts):
   * the worker runs `job(chunks)` over the chunks it claims while `here`
   * walks those this thread claims. If the worker fails, `redo` walks the
   * chunks this thread did not take (perhaps none) and returns what the
   * worker would have.
   */
  share(
    st: StackArrays, count: number, job: (chunks: SampleChunks) => PassJob,
    here: (mine: SampleRanges) => void, redo: (others: SampleRanges) => PassResult,
  ): PassResult {
    const chunks = sampleChunks(st, count);
    const taken = new Uint8Array(chunks.bounds.length - 1);
    return this.run(job(chunks), () => here({ kind: 'claim', chunks, taken }), () => redo({ kind: 'others', chunks, taken }));
  }

  /** Whether the worker has answered the job posted last (so it no longer works on it). */
  answered(): boolean {
    return Atomics.load(this.ctrl, DONE) === 1;
  }

  private ready(): boolean {
    if (Atomics.load(this.ctrl, READY) === 1) return true;
    Atomics.wait(this.ctrl, READY, 0, READY_WAIT_MS);
    return Atomics.load(this.ctrl, READY) === 1;
  }
}
