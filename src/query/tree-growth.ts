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

/** Frame value of the root. */
export const ROOT_FRAME = -1;
/** Frame value of a node standing for narrow subtrees merged together. */
export const MERGED_FRAME = -2;
/** Frame value of a stand-in, in one builder's tree, for the other's node whose segment it took. */
export const STAND_IN_FRAME = -3;

/** A tree under construction: its nodes so far, and the segments still to split. */
export class TreeGrowth {
  parent: Int32Array = new Int32Array(1024);
  frame: Int32Array = new Int32Array(1024);
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

  /** A tree of a profile of `nSamples` samples; `sampleEnd` is given when another thread must read it (filled with -1 here). */
  constructor(nSamples: number, sampleEnd?: Int32Array) {
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
