/**
 * Worker-thread side of gunzip-stream.ts: inflates the gzip input into the
 * shared output buffer step by step, publishing how many bytes are ready,
 * so the main thread can decode while decompression continues here. The
 * input comes in memory, or as a file path that this thread reads piece by
 * piece as it inflates (file-input.ts).
 */

import { readFileSync } from 'node:fs';
import { workerData, type MessagePort } from 'node:worker_threads';
import { AVAIL, STATE, State } from './gunzip-stream-protocol.js';
import { FileInput } from './file-input.js';
import { inflateDirect } from './inflate-direct.js';
import { inflateStream } from './inflate-stream.js';

/** One decompression job: the gzip input (bytes or a file), where the output goes, and the shared counters. */
type Job = ({ input: Uint8Array } | { path: string }) & { output: SharedArrayBuffer; ctrl: Int32Array };

function run(job: Job): void {
  const { output, ctrl } = job;
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
  if ('input' in job) {
    const direct = inflateDirect(job.input, out, publish);
    if (direct !== null) settle(direct);
    else inflateStream(job.input, out, publish, settle);
    return;
  }
  // A file that cannot be read counts as failed: the main thread then reads it the plain way, which reports why.
  let file: FileInput | null = null;
  try {
    file = new FileInput(job.path);
    const direct = inflateDirect(file, out, publish);
    if (direct !== null) {
      settle(direct);
      return;
    }
  } catch {
    settle(State.Failed);
    return;
  } finally {
    try {
      file?.close();
    } catch {
      // every byte needed was read
    }
  }
  let whole: Uint8Array;
  try {
    whole = readFileSync(job.path);
  } catch {
    settle(State.Failed);
    return;
  }
  inflateStream(whole, out, publish, settle);
}

// The worker may be started before its job exists (to hide its start-up), so the job comes as a message.
const { port } = workerData as { port: MessagePort };
port.once('message', (job: Job) => {
  port.close();
  run(job);
});
