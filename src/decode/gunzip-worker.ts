/**
 * Worker-thread side of gunzip-stream.ts: inflates the gzip input into the
 * shared output buffer step by step, publishing how many bytes are ready,
 * so the main thread can decode while decompression continues here.
 */

import { workerData, type MessagePort } from 'node:worker_threads';
import { AVAIL, STATE, State } from './gunzip-stream-protocol.js';
import { inflateDirect } from './inflate-direct.js';
import { inflateStream } from './inflate-stream.js';

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
  const settle = (state: State): void => {
    Atomics.store(ctrl, STATE, state);
    Atomics.notify(ctrl, STATE);
    Atomics.notify(ctrl, AVAIL);
  };
  const direct = inflateDirect(input, out, publish);
  if (direct !== null) settle(direct);
  else inflateStream(input, out, publish, settle);
}

// The worker may be started before its job exists (to hide its start-up), so the job comes as a message.
const { port } = workerData as { port: MessagePort };
port.once('message', (job: Job) => {
  port.close();
  run(job);
});
