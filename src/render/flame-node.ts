/**
 * The public shape of a flame graph's tree: plain data (no dependency's
 * types), so consumers type-check with only pprof-ts installed. The tree is
 * built with d3-hierarchy, whose nodes have exactly these fields.
 */

import type { FlameFrame } from './flame-graph.js';

/** One node of a flame graph's tree. */
export interface FlameNode {
  /** The frame: name, file, exact self and total values, width. */
  readonly data: FlameFrame;
  /** Cumulative value as a number (self plus the children's values). */
  readonly value?: number;
  /** 0 for the root. */
  readonly depth: number;
  /** Longest distance to a leaf (0 for leaves). */
  readonly height: number;
  /** The caller's node (null for the root). */
  readonly parent: FlameNode | null;
  /** Child nodes in drawing order; absent for leaves. */
  readonly children?: readonly FlameNode[];
}

/** Every node of the tree under `root` (root included) in preorder, without recursion. */
export function flameNodes(root: FlameNode): FlameNode[] {
  const out: FlameNode[] = [];
  const stack: FlameNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(n);
    const kids = n.children;
    if (kids !== undefined) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}
