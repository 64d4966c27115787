/**
 * Gunzip into a caller's buffer through Node's public gunzip stream: the
 * gunzip worker's portable path (gunzip-worker.ts), taken where the zlib
 * internals of inflate-direct.ts are missing; kept apart so that tests can
 * run it on the main thread.
 */

import { createGunzip } from 'node:zlib';
import { State } from './gunzip-stream-protocol.js';

/**
 * Inflates `input`, one gzip stream, into `out` (the size its trailer gives)
 * as the stream's chunks come, telling `publish` how many bytes are ready
 * after each, then `settle` the end state once: Done; Failed for corrupt
 * input; Mismatch when the output is not exactly `out.length` bytes.
 * Asynchronous: it returns at once, and the stream's events do the work.
 */
export function inflateStream(input: Uint8Array, out: Uint8Array, publish: (avail: number) => void, settle: (state: State) => void): void {
  let offset = 0;
  let finished = false;
  const end = (state: State): void => {
    if (finished) return;
    finished = true;
    settle(state);
  };
  // Each output chunk is a fresh buffer, copied into the output at once: small chunks let the
  // allocator hand the same memory back (fresh 1 MB chunks cost a page fault per 4 KB each).
  const inflater = createGunzip({ chunkSize: 64 * 1024 });
  inflater.on('data', (chunk: Uint8Array) => {
    if (finished) return;
    // The size comes from the gzip trailer; more output means the hint was wrong.
    if (offset + chunk.length > out.length) {
      end(State.Mismatch);
      inflater.destroy();
      return;
    }
    out.set(chunk, offset);
    offset += chunk.length;
    publish(offset);
  });
  inflater.on('end', () => end(offset === out.length ? State.Done : State.Mismatch));
  inflater.on('error', () => end(State.Failed));
  inflater.end(input);
}
