/**
 * Worker-thread side of gunzip-stream.ts: inflates the gzip input into the
 * shared output buffer chunk by chunk, publishing how many bytes are ready,
 * so the main thread can decode while decompression continues here.
 */

import { workerData, type MessagePort } from 'node:worker_threads';
import { createGunzip } from 'node:zlib';
import { AVAIL, STATE, State } from './gunzip-stream-protocol.js';

/** One decompression job: the gzip input, where the output goes, and the shared counters. */
interface Job { input: SharedArrayBuffer; output: SharedArrayBuffer; ctrl: Int32Array }

function run({ input, output, ctrl }: Job): void {
  const out = new Uint8Array(output);
  let offset = 0;
  let finished = false;
  const settle = (state: State): void => {
    if (finished) return;
    finished = true;
    Atomics.store(ctrl, STATE, state);
    Atomics.notify(ctrl, STATE);
    Atomics.notify(ctrl, AVAIL);
  };
  const inflater = createGunzip({ chunkSize: 1 << 20 });
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
  Atomics.store(ctrl, STATE, State.Running);
  Atomics.notify(ctrl, STATE);
  inflater.end(new Uint8Array(input));
}

// The worker may be started before its job exists (to hide its start-up), so the job comes as a message.
const { port } = workerData as { port: MessagePort };
port.once('message', (job: Job) => {
  port.close();
  run(job);
});
