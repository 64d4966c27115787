/**
 * Decompression on a second core, overlapped with decoding. gzip's trailer
 * states the uncompressed size, so the output buffer is allocated once (in
 * shared memory); a worker inflates into it while the main thread decodes
 * every top-level field as soon as its bytes are ready, blocking on an
 * Atomics counter when it gets ahead. On a 100 MB profile this hides most of
 * the decompression time.
 *
 * The input is in memory (`start`), or a file that the worker reads piece
 * by piece as it inflates (`startFile`), which spares reading the whole
 * file into fresh memory before decompression can start.
 *
 * It is an optimisation only: whenever anything is off (no worker threads,
 * a size hint that does not match, corrupt data, a worker that does not
 * start), `StreamFallback` is thrown and the caller decompresses on the main
 * thread, which also produces the exact error for bad input.
 */

import { AVAIL, STATE, State } from './gunzip-stream-protocol.js';
import { startHelper, threadsOff, type Helper } from '../node-builtin.js';

/** Thrown when the overlapped path gives up; the caller takes the plain path. */
export class StreamFallback extends Error {
  constructor(why: string) {
    super(`overlapped gunzip not used: ${why}`);
  }
}

/** A worker started ahead of its job (see `GunzipStream.prewarm`). */
let idle: Helper | null = null;

function spawn(): Helper | null {
  return startHelper(new URL('./gunzip-worker.js', import.meta.url));
}

/** How long the main thread waits for a worker that makes no progress. */
const STALL_MS = 30_000;

/** Page size the output is touched by (Linux's and most systems' smallest). */
const PAGE = 4096;
/** Pages touched per step between checks of the worker's progress: 256 KB. */
const PREFAULT_STEP = 64 * PAGE;
/** Touching starts this far past the worker's output, so as not to fault pages it is filling. */
const PREFAULT_GAP = 256 * 1024;
/** And reaches at most this far past it. */
const PREFAULT_AHEAD = 16 * 1024 * 1024;

/** A decompression in progress: `data` fills up; `waitFor(n)` blocks until n bytes are there. */
export class GunzipStream {
  private avail = 0;
  /** Output bytes below this offset have had their pages touched by this thread (see prefault). */
  private touched = 0;

  private constructor(
    readonly data: Uint8Array,
    private readonly ctrl: Int32Array,
    private readonly worker: { terminate(): Promise<number> },
  ) {}

  /**
   * Starts decompressing `bytes` on a worker; the output size is `size`
   * (from the gzip trailer). Throws StreamFallback when not possible.
   */
  static start(bytes: Uint8Array, size: number): GunzipStream {
    const helper = GunzipStream.helper();
    // Input already in shared memory (readFileBytes reads big files there) goes to the worker as is; a copy
    // costs a page fault per 4 KB of fresh memory.
    let input = bytes;
    if (!(bytes.buffer instanceof SharedArrayBuffer)) {
      input = new Uint8Array(new SharedArrayBuffer(bytes.length));
      input.set(bytes);
    }
    return GunzipStream.post(helper, { input }, size);
  }

  /**
   * Starts decompressing the gzip file at `path` on a worker, which reads it
   * as it goes; the output size is `size` (from the file's gzip trailer).
   * Throws StreamFallback when not possible; a file the worker cannot read
   * makes the stream fail like corrupt input.
   */
  static startFile(path: string, size: number): GunzipStream {
    return GunzipStream.post(GunzipStream.helper(), { path }, size);
  }

  private static helper(): Helper {
    const helper = idle ?? spawn();
    idle = null;
    if (helper === null) throw new StreamFallback('no worker threads');
    return helper;
  }

  private static post(helper: Helper, input: { input: Uint8Array } | { path: string }, size: number): GunzipStream {
    const output = new SharedArrayBuffer(size);
    const ctrl = new Int32Array(new SharedArrayBuffer(8));
    helper.port.postMessage({ ...input, output, ctrl });
    return new GunzipStream(new Uint8Array(output), ctrl, helper.worker);
  }

  /**
   * Starts a worker now, for the next `start`, so that its start-up overlaps
   * reading the file (the CLI calls this before it reads a profile).
   */
  static prewarm(): void {
    if (idle === null && !threadsOff()) idle = spawn();
  }

  /** Blocks until at least `end` bytes (capped at the total) are ready. Throws StreamFallback. */
  waitFor(end: number): void {
    const target = Math.min(end, this.data.length);
    if (this.avail >= target) return;
    let last = this.avail;
    let since = Date.now();
    for (;;) {
      this.avail = Atomics.load(this.ctrl, AVAIL);
      if (this.avail >= target) return;
      const state = Atomics.load(this.ctrl, STATE);
      if (state === State.Failed || state === State.Mismatch) throw new StreamFallback(`worker state ${state}`);
      if (state === State.Done) {
        // The worker publishes its last bytes before it settles, possibly between the two loads above:
        // only the count read after Done is final.
        this.avail = Atomics.load(this.ctrl, AVAIL);
        if (this.avail >= target) return;
        throw new StreamFallback('worker finished short of the expected size');
      }
      if (this.avail !== last) {
        last = this.avail;
        since = Date.now();
      } else if (Date.now() - since > STALL_MS) {
        throw new StreamFallback('worker made no progress');
      }
      if (this.prefault()) continue;
      Atomics.wait(this.ctrl, AVAIL, this.avail, 50);
    }
  }

  /**
   * Touches the pages of the next stretch of output ahead of the worker, in
   * time this thread would spend waiting for it: the first write to each
   * 4 KB page of fresh memory costs a page fault (a quarter of the worker's
   * inflate time on a 100 MB profile), and taken here it is off the worker's
   * path. Each touch is an atomic exchange of a zero for a zero, which
   * changes no byte the worker may have written meanwhile. Returns false
   * when there is nothing left to touch within reach.
   */
  private prefault(): boolean {
    const data = this.data;
    let from = Math.max(this.touched, this.avail + PREFAULT_GAP);
    from -= from % PAGE;
    const to = Math.min(data.length, from + PREFAULT_STEP, this.avail + PREFAULT_AHEAD);
    if (from >= to) return false;
    for (let off = from; off < to; off += PAGE) Atomics.compareExchange(data, off, 0, 0);
    this.touched = to;
    return true;
  }

  /** Waits for the end of the stream and checks it ended cleanly (size and CRC). Throws StreamFallback. */
  finish(): void {
    this.waitFor(this.data.length);
    const since = Date.now();
    for (;;) {
      const state = Atomics.load(this.ctrl, STATE);
      if (state === State.Done) return;
      if (state === State.Failed || state === State.Mismatch) throw new StreamFallback(`worker state ${state}`);
      if (Date.now() - since > STALL_MS) throw new StreamFallback('worker did not finish');
      Atomics.wait(this.ctrl, STATE, state, 50);
    }
  }

  /** Stops the worker (it has usually finished already). */
  close(): void {
    void this.worker.terminate();
  }
}
