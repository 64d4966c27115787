/**
 * Worker-thread side of parallel.ts: runs kernels on the chunks of samples it
 * claims (or builds a call tree) and replies with the partial result and
 * the job's id, then stores the id in the control array.
 * Errors are replied, never thrown, so the main thread can redo the work.
 */

import { workerData, type MessagePort } from 'node:worker_threads';
import { EdgeTable } from './edge-table.js';
import { edgeKernel, flatCumKernel, locationShapes, singleNodes } from './kernels.js';
import type { PassJob, PassReply, PassResult, PostedJob } from './parallel.js';
import type { SampleChunks, SampleRanges } from './sample-ranges.js';
import { compactTree, treeSplitter } from './tree-split.js';
import { ownerPart, type SharedSplit } from './tree-steal.js';
import type { SplitInput } from './split-input.js';
import { fillHalf, HALF_WAIT_MS, halvesValid, waitForHalf } from './split-halves.js';

const { port, ctrl } = workerData as { port: MessagePort; ctrl: Int32Array };

/** The chunks this thread claims; the main thread knows which it took itself. */
function claimed(chunks: SampleChunks): SampleRanges {
  return { kind: 'claim', chunks, taken: null };
}

/** The whole tree, or with shared memory this thread's part of a tree split with the main thread. */
function treeOf(input: SplitInput, orientation: 'callees' | 'callers', shared: SharedSplit | undefined): PassResult {
  if (shared !== undefined) return { kind: 'part', part: ownerPart(input, shared, orientation) };
  return { kind: 'tree', tree: compactTree(treeSplitter(input)(orientation)) };
}

function run(job: PassJob): PassResult {
  switch (job.kind) {
    case 'flatcum': {
      const flat = new Float64Array(job.ln.nodeCount);
      const cum = new Float64Array(job.ln.nodeCount);
      const tally = flatCumKernel(job.st, job.ln, singleNodes(job.ln), job.w, claimed(job.chunks), flat, cum, job.walkAll);
      return { kind: 'flatcum', flat, cum, tally };
    }
    case 'edges': {
      const edges = new EdgeTable(job.ln.lo.length - 1);
      const shapes = locationShapes(job.ln, job.kept, job.cand, edges);
      edgeKernel(job.st, shapes, job.cand, job.w, claimed(job.chunks), edges);
      return { kind: 'edges', table: edges.state() };
    }
    case 'halves-tree': {
      // The second half of the codes, then the tree once the main thread's first half is there too.
      fillHalf(job.halves, 1);
      if (!waitForHalf(job.halves, 0, HALF_WAIT_MS)) throw new Error('the first half of the frame codes never came');
      // A half stopped at an id: the main thread runs the profile's check of the stacks (see settleHalves).
      if (!halvesValid(job.halves)) throw new Error('the frame codes stopped at a stack id they could not read');
      return treeOf(job.halves.input, job.orientation, job.shared);
    }
    case 'tree':
      return treeOf(job.input, job.orientation, job.shared);
  }
}

/** The buffers a result hands over instead of copying (the edge table's arrays, megabytes on a big profile). */
function transferOf(result: PassResult): ArrayBuffer[] {
  if (result.kind !== 'edges') return [];
  const { slots, keys, weight } = result.table;
  return [slots.buffer, keys.buffer, weight.buffer];
}

port.on('message', ({ id, job }: PostedJob) => {
  try {
    const result = run(job);
    port.postMessage({ id, ok: true, result } satisfies PassReply, transferOf(result));
  } catch (e) {
    port.postMessage({ id, ok: false, error: e instanceof Error ? e.message : String(e) } satisfies PassReply);
  }
  // After the reply: the main thread, seeing the id, finds the reply on the port.
  Atomics.store(ctrl, 0, id);
  Atomics.notify(ctrl, 0);
});

Atomics.store(ctrl, 1, 1);
Atomics.notify(ctrl, 1);
