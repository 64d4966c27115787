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

/**
 * Slots of the shared control array: the id of the job the worker answered
 * last (ids count up from 1), and whether the worker is up.
 */
const ANSWERED = 0;
const READY = 1;
/** How long to wait for the worker to come up before doing everything here. */
const READY_WAIT_MS = 2000;
/**
 * The worker's share should end about when ours does (for a tree job, take
 * about as long); if it takes far longer (at least this long, or 20 times
 * our time) it is presumed dead and its work is redone here.
 */
const MIN_JOB_WAIT_MS = 30_000;

/** A job as posted to the worker: the id its reply carries back. */
export interface PostedJob {
  readonly id: number;
  readonly job: PassJob;
}

/** The worker's reply to the job of that id. */
export type PassReply = { id: number; ok: true; result: PassResult } | { id: number; ok: false; error: string };

/** The process's helper thread: undefined until first asked for, null when unavailable. */
let shared: PassWorker | null | undefined;

/** The helper thread shared by all top tables of the process. */
export class PassWorker {
  /** The id of the job posted last. */
  private jobs = 0;

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
   * `minWaitMs` is the least time to wait for the worker once `local` is done
   * (tests shorten it).
   */
  run<F>(job: PassJob, local: (posted: boolean) => void, fallback: () => F, minWaitMs = MIN_JOB_WAIT_MS): PassResult | F {
    if (!this.ready()) {
      local(false);
      return fallback();
    }
    const id = ++this.jobs;
    this.port.postMessage({ id, job } satisfies PostedJob);
    const started = Date.now();
    try {
      local(true);
    } catch (e) {
      // The job's reply is taken before the error goes on, so that the worker is free for the next job.
      this.reply(id, Date.now() + minWaitMs);
      throw e;
    }
    const reply = this.reply(id, Date.now() + Math.max(minWaitMs, 20 * (Date.now() - started)));
    return reply !== null && reply.ok ? reply.result : fallback();
  }

  /**
   * Waits until the worker has answered job `id` (or `deadline` passes) and
   * takes its reply off the port; null when none came. Replies to earlier
   * jobs, whose wait ran out before the worker answered them, are still on
   * the port ahead of it: they are dropped, so no job takes another's result.
   */
  private reply(id: number, deadline: number): PassReply | null {
    for (;;) {
      const answered = Atomics.load(this.ctrl, ANSWERED);
      if (answered >= id) break;
      const left = deadline - Date.now();
      if (left < 0) {
        // The worker may have answered since the load above: a reply that came in time is not thrown away.
        if (Atomics.load(this.ctrl, ANSWERED) >= id) break;
        return null;
      }
      Atomics.wait(this.ctrl, ANSWERED, answered, Math.min(100, left + 1));
    }
    for (let tries = 0; tries < 100;) {
      const got = this.wt.receiveMessageOnPort(this.port);
      if (got === undefined) {
        // The reply is posted before its id is stored, so it is normally there at once; if not, sleep 1 ms.
        Atomics.wait(this.ctrl, READY, 1, 1);
        tries++;
        continue;
      }
      const reply = got.message as PassReply;
      if (reply.id === id) return reply;
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
    return Atomics.load(this.ctrl, ANSWERED) >= this.jobs;
  }

  /**
   * Whether the worker has started, waiting up to `waitMs` for it. A job
   * waits the default; tests that must see a job posted wait longer, since a
   * loaded machine can take seconds to start a thread.
   */
  ready(waitMs = READY_WAIT_MS): boolean {
    if (Atomics.load(this.ctrl, READY) === 1) return true;
    Atomics.wait(this.ctrl, READY, 0, waitMs);
    return Atomics.load(this.ctrl, READY) === 1;
  }
}
