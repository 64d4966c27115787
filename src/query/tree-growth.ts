/**
 * The tree that query/tree-split.ts grows: nodes as parent and frame arrays
 * that double as they fill, each merged node's count of frames, where each
 * sample ended, and the stack of segments still to split. One object per
 * tree, so that the split's methods share it through a field.
 */

import { growInt32 } from './pair-table.js';
import type { SplitTree } from './tree-split.js';

/** Frame value of the root. */
export const ROOT_FRAME = -1;
/** Frame value of a node standing for narrow subtrees merged together. */
export const MERGED_FRAME = -2;

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

  constructor(nSamples: number) {
    this.parent[0] = -1;
    this.frame[0] = ROOT_FRAME;
    this.sampleEnd = new Int32Array(nSamples).fill(-1);
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
