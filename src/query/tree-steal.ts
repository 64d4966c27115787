/**
 * One call tree built by two threads. A flame page's helper thread builds
 * the callees tree while this thread builds the callers tree and runs the
 * page's passes; this thread is done first, and rather than wait it joins
 * the helper's tree. The split state and the segments still to split are
 * in shared memory
 * (query/tree-deque.ts): the helper (builder 0) starts the tree and splits
 * from the tail of the deque, and this thread (builder 1), once free, takes
 * segments from its head. Each grows its own part of the tree with its own
 * node ids; a segment of the other's node gets a stand-in node.
 *
 * The parts are then joined and renumbered as one thread numbers the tree:
 * when a node is split, its children get the next ids in the order the
 * split made them, and the first child's subtree is numbered before the
 * second child's. That order depends only on the tree, not on who split
 * what, so a page is byte for byte the page one thread makes.
 */

import { ROOT_FRAME, type TreeGrowth } from './tree-growth.js';
import { nodeRef, TaskDeque, type Builder } from './tree-deque.js';
import { compactTree, TreePart, type SplitTree } from './tree-split.js';
import { sharedSegments, type SharedSegments } from './segment-state.js';
import type { SplitInput } from './split-input.js';

/** The shared memory of a tree built by two threads: posted to the helper with its job, never copied. */
export interface SharedSplit extends SharedSegments {
  /** The deque of segments (TaskDeque's memory). */
  readonly deque: Int32Array;
  /** Where each sample ends in builder 0's part (its local ids; -1: not there). */
  readonly sampleEnd: Int32Array;
}

/** One builder's part of a tree: local ids, and its stand-ins as (local id, the other's node reference) pairs. */
export interface PartTree extends SplitTree {
  readonly standIns: Int32Array;
}

/** Allocates the shared memory of the input's tree (pages are touched by the builders, not here). */
export function sharedSplit(input: Pick<SplitInput, 'placed' | 'nTypes' | 'nFrames' | 'nSamples'>): SharedSplit {
  return {
    ...sharedSegments(input),
    deque: TaskDeque.memory(input.placed.length),
    sampleEnd: new Int32Array(new SharedArrayBuffer(4 * input.nSamples)),
  };
}

/** Whether two threads can share a tree here (shared memory exists). */
export function canShareTree(): boolean {
  return typeof SharedArrayBuffer !== 'undefined';
}

/** The part of builder 0, which starts the tree; throws when the other builder abandoned it. */
export function ownerPart(input: SplitInput, shared: SharedSplit, orientation: 'callees' | 'callers'): PartTree {
  const g = buildPart(input, shared, orientation, 0, () => false);
  if (g === null) throw new Error('call tree: the other thread gave up the tree');
  return partTreeOf(g);
}

/**
 * The part of builder 1, which joins a tree builder 0 started (waiting for
 * the start); null when it took no segment: all was split when it came, or
 * `stop` told it to give up while it waited (builder 0 failed).
 */
export function joinerPart(
  input: SplitInput, shared: SharedSplit, orientation: 'callees' | 'callers', stop: () => boolean,
): PartTree | null {
  const g = buildPart(input, shared, orientation, 1, stop);
  return g === null ? null : partTreeOf(g);
}

/** Builds one builder's part to the end; null when it was given up, or for a joiner that came too late to take part. */
function buildPart(
  input: SplitInput, shared: SharedSplit, orientation: 'callees' | 'callers', thread: Builder, stop: () => boolean,
): TreeGrowth | null {
  const deque = new TaskDeque(shared.deque);
  // A joiner that comes when all is split has no part (its per-sample array would cost more than the check).
  if (thread === 1 && (!deque.waitStarted(stop) || deque.idle())) return null;
  const part = new TreePart(input, shared, deque, orientation, thread, thread === 0 ? shared.sampleEnd : undefined);
  for (;;) {
    const got = part.step(stop);
    if (got === 'done') return part.growth;
    if (got === 'gave-up') return null;
  }
}

/** A finished part: its nodes cut to size (see compactTree), and its stand-ins. */
export function partTreeOf(g: TreeGrowth): PartTree {
  return { ...compactTree(g.tree()), standIns: Int32Array.from(g.standIns) };
}

/**
 * The tree of both parts, numbered as one thread numbers it (see the file
 * header). `owner.sampleEnd` is rewritten in place and returned as the
 * tree's. Throws when the parts do not make one tree.
 */
export function joinTrees(owner: PartTree, joiner: PartTree | null): SplitTree {
  if (joiner === null || (joiner.size === 1 && owner.standIns.length === 0)) {
    if (owner.standIns.length > 0) throw new Error('call tree: a part names segments of a part that is missing');
    // Builder 0 split everything, in one thread's order.
    return owner;
  }
  const parts = [owner, joiner] as const;
  // A split adds all of a node's children at once, so they have consecutive local ids.
  const first = parts.map((p) => new Int32Array(p.size));
  const count = parts.map((p) => new Int32Array(p.size));
  parts.forEach((p, t) => {
    for (let x = 1; x < p.size; x++) {
      const up = p.parent[x]!;
      if (up < 0) continue;
      if (count[t]![up] === 0) first[t]![up] = x;
      else if (first[t]![up]! + count[t]![up]! !== x) throw new Error('call tree: a node\'s children are not together');
      count[t]![up]!++;
    }
  });
  // A node whose segment the other builder split has its children under a stand-in there.
  const splitBy = parts.map((p) => new Int32Array(p.size).fill(-1));
  let standIns = 0;
  parts.forEach((p, t) => {
    for (let k = 0; k < p.standIns.length; k += 2) {
      const ref = p.standIns[k + 1]!;
      splitBy[ref & 1]![ref >> 1] = nodeRef(p.standIns[k]!, t as 0 | 1);
      standIns++;
    }
  });
  // Builder 1's root stands for nothing.
  const size = owner.size + joiner.size - 1 - standIns;
  const id = parts.map((p) => new Int32Array(p.size).fill(-1));
  const parent = new Int32Array(size);
  const frame = new Int32Array(size);
  const merged = new Map<number, number>();
  parent[0] = -1;
  frame[0] = ROOT_FRAME;
  id[0]![0] = 0;
  let next = 1;
  const stack = new Int32Array(size);
  let depth = 0;
  stack[depth++] = nodeRef(0, 0);
  while (depth > 0) {
    const ref = stack[--depth]!;
    let t = ref & 1;
    let x = ref >> 1;
    const g = id[t]![x]!;
    if (count[t]![x] === 0 && splitBy[t]![x]! >= 0) {
      const s = splitBy[t]![x]!;
      t = s & 1;
      x = s >> 1;
    }
    const k = count[t]![x]!;
    if (k === 0) continue;
    const f = first[t]![x]!;
    const p = parts[t]!;
    for (let c = f; c < f + k; c++) {
      if (next === size) throw new Error('call tree: the parts have more nodes than they should');
      id[t]![c] = next;
      parent[next] = g;
      frame[next] = p.frame[c]!;
      const m = p.merged.get(c);
      if (m !== undefined) merged.set(next, m);
      next++;
    }
    // The first child's subtree next, as one thread's stack of segments has it.
    for (let c = f + k - 1; c >= f; c--) stack[depth++] = nodeRef(c, t as 0 | 1);
  }
  if (next !== size) throw new Error('call tree: the parts have fewer nodes than they should');
  // Samples that ended at a stand-in ended at the node it stands for.
  parts.forEach((p, t) => {
    for (let k = 0; k < p.standIns.length; k += 2) {
      const ref = p.standIns[k + 1]!;
      id[t]![p.standIns[k]!] = id[ref & 1]![ref >> 1]!;
    }
  });
  const ends = owner.sampleEnd;
  const [id0, id1] = id as [Int32Array, Int32Array];
  const ends1 = joiner.sampleEnd;
  for (let i = 0; i < ends.length; i++) {
    const e = ends[i]!;
    if (e >= 0) ends[i] = id0[e]!;
    else {
      const e1 = ends1[i]!;
      if (e1 >= 0) ends[i] = id1[e1]!;
    }
  }
  return { size, parent, frame, merged, sampleEnd: ends };
}
