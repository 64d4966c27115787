/**
 * The two hot loops of a top table, over plain typed arrays and a range of
 * samples, so that the main thread and a worker can each run a share of the
 * samples (see parallel.ts) and add up their results:
 * - flat/cum: every node counts once per sample (cum), the innermost kept
 *   line of the leaf location gets flat;
 * - edges into inlined nodes: which call edges reach a node, with weights,
 *   counted once per sample.
 * They depend on nothing but their arguments (no model objects), which is
 * what lets them run in a worker.
 */

import { EdgeTable } from './edge-table.js';
import type { FrameArray } from '../model/sample-table.js';

/** Sample stacks: sample i's frames are `frames[offsets[i] .. offsets[i+1])`, leaf first. */
export interface StackArrays {
  readonly offsets: Uint32Array;
  /** Location index of each frame. */
  readonly frames: FrameArray;
  /** keep[i] = 0 drops sample i (filters), or null to keep all. */
  readonly keep: Uint8Array | null;
}

/** Node layout of locations: location L's nodes are `locNodes[lo[L] .. lo[L+1])`, innermost first. */
export interface LocationNodes {
  readonly lo: Uint32Array;
  readonly locNodes: Int32Array;
  /** hidden[L] = 1 removes location L from stacks, or null. */
  readonly hidden: Uint8Array | null;
  readonly nodeCount: number;
}

/**
 * Per location, its only node; -1 when it has several lines (inlining) and
 * -2 when a filter hides it. Most locations have one line, and the loop
 * takes a shortcut for them.
 */
export function singleNodes(ln: LocationNodes): Int32Array {
  const n = ln.lo.length - 1;
  const single = new Int32Array(n);
  for (let loc = 0; loc < n; loc++) {
    if (ln.hidden !== null && ln.hidden[loc] === 1) single[loc] = -2;
    else single[loc] = ln.lo[loc + 1]! - ln.lo[loc]! === 1 ? ln.locNodes[ln.lo[loc]!]! : -1;
  }
  return single;
}

/** Adds samples [from, to) into flat and cum (arrays of nodeCount). */
export function flatCumKernel(
  st: StackArrays, ln: LocationNodes, single: Int32Array, w: Float64Array,
  from: number, to: number, flat: Float64Array, cum: Float64Array,
): void {
  const { offsets, frames, keep } = st;
  const { lo, locNodes } = ln;
  const seen = new Int32Array(ln.nodeCount);
  for (let i = from; i < to; i++) {
    const wi = w[i]!;
    if (wi === 0 || (keep !== null && keep[i] === 0)) continue;
    const stamp = i + 1;
    let leaf = -1;
    const first = offsets[i]!;
    for (let k = offsets[i + 1]! - 1; k >= first; k--) {
      const loc = frames[k]!;
      const one = single[loc]!;
      if (one >= 0) {
        if (seen[one] !== stamp) {
          seen[one] = stamp;
          cum[one]! += wi;
        }
        leaf = one;
        continue;
      }
      if (one === -2) continue;
      for (let q = lo[loc + 1]! - 1; q >= lo[loc]!; q--) {
        const node = locNodes[q]!;
        if (seen[node] !== stamp) {
          seen[node] = stamp;
          cum[node]! += wi;
        }
        leaf = node;
      }
    }
    if (leaf >= 0) flat[leaf]! += wi;
  }
}

/** What each location contributes to a stack walk of the trimmed graph. */
export interface LocationShapes {
  /** Outermost kept node, or -1 when the location has none (or is hidden). */
  readonly top: Int32Array;
  /** 1 when `top` is the location's outermost line (so the edge into it is a call). */
  readonly topIsCall: Uint8Array;
  /** Innermost kept node: the parent of whatever comes next. */
  readonly bottom: Int32Array;
  /** Location L's own edges are `intra[intraOffsets[L] .. intraOffsets[L+1])` (edge ids). */
  readonly intraOffsets: Uint32Array;
  readonly intra: Int32Array;
  /**
   * The common case in one load: the node a location leaves as parent when
   * that is all it does (no tracked edge into it, none inside it); -1 when
   * it has no kept node; -2 when the full shape is needed.
   */
  readonly simple: Int32Array;
}

/**
 * Works out each location's shape for the kept nodes, registering the edges
 * between its own lines in `edges` (in location order, so two tables built
 * from the same input give the same ids).
 */
export function locationShapes(ln: LocationNodes, kept: Uint8Array, cand: Uint8Array, edges: EdgeTable): LocationShapes {
  const nLoc = ln.lo.length - 1;
  const { lo, locNodes, hidden } = ln;
  const top = new Int32Array(nLoc).fill(-1);
  const topIsCall = new Uint8Array(nLoc);
  const bottom = new Int32Array(nLoc).fill(-1);
  const intraOffsets = new Uint32Array(nLoc + 1);
  const intra: number[] = [];
  for (let loc = 0; loc < nLoc; loc++) {
    if (hidden === null || hidden[loc] !== 1) {
      const outermost = lo[loc + 1]! - 1;
      let prev = -1;
      for (let q = outermost; q >= lo[loc]!; q--) {
        const node = locNodes[q]!;
        if (kept[node] === 0) continue;
        if (prev < 0) {
          top[loc] = node;
          topIsCall[loc] = q === outermost ? 1 : 0;
        } else if (node !== prev) {
          // Lines inside one location are inlined calls: these edges are never call edges.
          intra.push(edges.idOf(prev, node));
        }
        prev = node;
      }
      bottom[loc] = prev;
    }
    intraOffsets[loc + 1] = intra.length;
  }
  const simple = new Int32Array(nLoc);
  for (let loc = 0; loc < nLoc; loc++) {
    const t = top[loc]!;
    if (t < 0) simple[loc] = -1;
    else simple[loc] = cand[t] === 0 && intraOffsets[loc] === intraOffsets[loc + 1] ? bottom[loc]! : -2;
  }
  return { top, topIsCall, bottom, intraOffsets, intra: Int32Array.from(intra), simple };
}

/**
 * Adds the edges of samples [from, to) into `edges`: the edge from the caller
 * into each location (only when its target can be inlined somewhere, `cand`),
 * and the location's own inline edges.
 */
export function edgeKernel(
  st: StackArrays, shapes: LocationShapes, cand: Uint8Array, w: Float64Array,
  from: number, to: number, edges: EdgeTable,
): void {
  const { offsets, frames, keep } = st;
  const { top, topIsCall, bottom, intraOffsets, intra, simple } = shapes;
  for (let i = from; i < to; i++) {
    const wi = w[i]!;
    if (wi === 0 || (keep !== null && keep[i] === 0)) continue;
    const stamp = i + 1;
    let parent = -1;
    const first = offsets[i]!;
    for (let k = offsets[i + 1]! - 1; k >= first; k--) {
      const loc = frames[k]!;
      const code = simple[loc]!;
      if (code >= 0) {
        parent = code;
        continue;
      }
      if (code === -1) continue;
      const t = top[loc]!;
      if (parent >= 0 && t !== parent && cand[t] === 1) {
        edges.add(edges.idOf(parent, t), stamp, wi, topIsCall[loc] === 1);
      }
      const intraEnd = intraOffsets[loc + 1]!;
      for (let j = intraOffsets[loc]!; j < intraEnd; j++) edges.add(intra[j]!, stamp, wi, false);
      parent = bottom[loc]!;
    }
  }
}
