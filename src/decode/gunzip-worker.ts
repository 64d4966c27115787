/**
 * Worker-thread side of gunzip-stream.ts: inflates the gzip input into the
 * shared output buffer step by step, publishing how many bytes are ready,
 * so the main thread can decode while decompression continues here.
 */

import { workerData, type MessagePort } from 'node:worker_threads';
import { createGunzip } from 'node:zlib';
import { AVAIL, STATE, State } from './gunzip-stream-protocol.js';
import { inflateDirect } from './inflate-direct.js';

/** One decompression job: the gzip input, where the output goes, and the shared counters. */
interface Job { input: Uint8Array; output: SharedArrayBuffer; ctrl: Int32Array }

function run({ input, output, ctrl }: Job): void {
  const out = new Uint8Array(output);
  const publish = (avail: number): void => {
    Atomics.store(ctrl, AVAIL, avail);
    Atomics.notify(ctrl, AVAIL);
  };
  Atomics.store(ctrl, STATE, State.Running);
  Atomics.notify(ctrl, STATE);
  const direct = inflateDirect(input, out, publish);
  if (direct !== null) {
    Atomics.store(ctrl, STATE, direct);
    Atomics.notify(ctrl, STATE);
    Atomics.notify(ctrl, AVAIL);
    return;
  }
  inflateStream(input, out, ctrl);
}

/** The portable path: Node's gunzip stream, each chunk copied into the shared output as it comes. */
function inflateStream(input: Uint8Array, out: Uint8Array, ctrl: Int32Array): void {
  let offset = 0;
  let finished = false;
  const settle = (state: State): void => {
    if (finished) return;
    finished = true;
    Atomics.store(ctrl, STATE, state);
    Atomics.notify(ctrl, STATE);
    Atomics.notify(ctrl, AVAIL);
  };
  // Each output chunk is a fresh buffer, copied into the shared output at once: small chunks let the
  // allocator hand the same memory back (fresh 1 MB chunks cost a page fault per 4 KB each).
  const inflater = createGunzip({ chunkSize: 64 * 1024 });
  inflater.on('data', (chunk: Uint8Array) => {
    if (finished) return;
    // The size comes from the gzip trailer; more output means the hint was wrong.
    if (offset + chunk.length > out.length) {
      settle(State.Mismatch);
      inflater.destroy();
      return;
    }
    out.set(chunk, offset);
    offset += chunk.length;
    Atomics.store(ctrl, AVAIL, offset);
    Atomics.notify(ctrl, AVAIL);
  });
  inflater.on('end', () => settle(offset === out.length ? State.Done : State.Mismatch));
  inflater.on('error', () => settle(State.Failed));
  inflater.end(input);
}

// The worker may be started before its job exists (to hide its start-up), so the job comes as a message.
const { port } = workerData as { port: MessagePort };
port.once('message', (job: Job) => {
  port.close();
  run(job);
});
