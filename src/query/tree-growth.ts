/**
 * The tree that query/tree-split.ts grows: nodes as parent and frame arrays
 * that double as they fill, each merged node's count of frames, where each
 * sample ended, and the stack of segments still to split. One object per
 * tree, so that the split's methods share it through a field. When two
 * threads build a tree (query/tree-steal.ts), each grows its own with its
 * own ids, and the segments go to their shared deque.
 */

import { growInt32 } from './pair-table.js';
import { nodeRef, type Builder, type TaskDeque } from './tree-deque.js';
import type { SplitTree } from './tree-split.js';
import type { SplitInput } from './split-input.js';

/** Frame value of the root. */
export const ROOT_FRAME = -1;
/** Frame value of a node standing for narrow subtrees merged together. */
export const MERGED_FRAME = -2;
/** Frame value of a stand-in, in one builder's tree, for the other's node whose segment it took. */
export const STAND_IN_FRAME = -3;

/** Nodes a tree reserves at least, and at most (256 MB of address space per array) before it grows by doubling (see the constructor). */
const MIN_RESERVE = 1024;
const MAX_RESERVE = 1 << 26;

/** A tree under construction: its nodes so far, and the segments still to split. */
export class TreeGrowth {
  parent: Int32Array;
  frame: Int32Array;
  size = 1;
  readonly merged = new Map<number, number>();
  readonly sampleEnd: Int32Array;
  /** Segments still to split, as (start, end, node) triples: [start, end) of the state, whose samples have all reached node. */
  tasks: Int32Array = new Int32Array(3 * 64);
  nTasks = 0;
  /** Where segments go when two threads build the tree (then `tasks` stays empty). */
  private deque: TaskDeque | null = null;
  private thread: Builder = 0;
  /** Stand-ins (see STAND_IN_FRAME), as (local id, the other builder's node reference) pairs. */
  readonly standIns: number[] = [];

  /**
   * A tree of a profile of `nSamples` samples; `sampleEnd` is given when
   * another thread must read it (filled with -1 here). `expected` bounds the
   * node count when it is known (a whole tree has at most one node per
   * frame): that many are reserved at once, since zeroed memory takes no
   * page until written, while doubling copied every node into fresh pages
   * again (a whole tree of a 100 MB profile has 23 million nodes: 25 copies
   * and twice its size in fresh memory).
   */
  constructor(nSamples: number, sampleEnd?: Int32Array, expected = MIN_RESERVE) {
    const reserve = Math.min(MAX_RESERVE, Math.max(MIN_RESERVE, expected));
    this.parent = new Int32Array(reserve);
    this.frame = new Int32Array(reserve);
    this.parent[0] = -1;
    this.frame[0] = ROOT_FRAME;
    this.sampleEnd = sampleEnd === undefined ? new Int32Array(nSamples).fill(-1) : sampleEnd.fill(-1);
  }

  /** Sends this tree's segments to a deque shared with another builder. */
  shareTasks(deque: TaskDeque, thread: Builder): void {
    this.deque = deque;
    this.thread = thread;
  }

  /** The local node standing for node reference `ref` of a segment taken from the deque. */
  nodeOf(ref: number): number {
    if ((ref & 1) === this.thread) return ref >> 1;
    const local = this.addNode(-1, STAND_IN_FRAME);
    this.standIns.push(local, ref);
    return local;
  }

  /** Adds a child of p with frame f; returns its id. */
  addNode(p: number, f: number): number {
    if (this.size === this.parent.length) {
      this.parent = growInt32(this.parent);
      this.frame = growInt32(this.frame);
    }
    this.parent[this.size] = p;
    this.frame[this.size] = f;
    return this.size++;
  }

  /** Adds segment [start, end) of node's samples to the segments still to split. */
  push(start: number, end: number, node: number): void {
    if (this.deque !== null) {
      this.deque.push(start, end, nodeRef(node, this.thread));
      return;
    }
    if (3 * this.nTasks + 3 > this.tasks.length) this.tasks = growInt32(this.tasks);
    const t = 3 * this.nTasks++;
    this.tasks[t] = start;
    this.tasks[t + 1] = end;
    this.tasks[t + 2] = node;
  }

  /** The finished tree: views, not copies (a whole tree can have tens of millions of nodes). */
  tree(): SplitTree {
    const { size, merged, sampleEnd } = this;
    return { size, parent: this.parent.subarray(0, size), frame: this.frame.subarray(0, size), merged, sampleEnd };
  }
}

/**
 * An upper bound on the nodes of the whole tree of `input` (no part merged:
 * every cutoff 0), which has at most one node per frame; 0 when parts may be
 * merged, whose tree is far smaller than its frames.
 */
export function wholeTreeBound(input: SplitInput): number {
  const { cutoffs, codes, runStart } = input;
  for (let t = 0; t < cutoffs.length; t++) if (cutoffs[t] !== 0) return 0;
  let longestRun = 1;
  for (let r = 0; r + 1 < runStart.length; r++) longestRun = Math.max(longestRun, runStart[r + 1]! - runStart[r]!);
  // The code arrays hold every placed frame (and at most a gap more), each code at most a run of nodes.
  return 1 + codes.length * longestRun;
}
