/**
 * Call edges into inlined nodes, for the `(inline)` / `(partial-inline)`
 * marks of top rows. pprof marks a row by the kind of its incoming edges in
 * the trimmed graph, after dropping edges lighter than the edge cutoff, and
 * updates an edge once per sample.
 *
 * This is the second walk over every stack frame, so it is built for speed:
 * what each location contributes (its outermost and innermost kept node and
 * the edges between its own inlined lines) is worked out once per location,
 * and only the edge from the caller into a location needs a lookup per frame,
 * in an open-addressing table over typed arrays.
 */

import type { Walk } from './aggregate.js';

/** Per node: whether it has inline and call (non-inline) incoming edges. */
export interface InlineMarks {
  readonly hasInlineEdge: Uint8Array;
  readonly hasCallEdge: Uint8Array;
}

/** (parent, child) -> edge id, with per-edge weight, call flag and last sample seen. */
class EdgeTable {
  private slots: Int32Array;
  private mask: number;
  count = 0;
  parent = new Int32Array(256);
  child = new Int32Array(256);
  weight = new Float64Array(256);
  call = new Uint8Array(256);
  stamp = new Int32Array(256);

  constructor() {
    this.slots = new Int32Array(1024).fill(-1);
    this.mask = 1023;
  }

  /** The id of edge parent -> child, created on first use. */
  idOf(parent: number, child: number): number {
    let h = (Math.imul(parent, 0x9e3779b1) ^ Math.imul(child, 0x85ebca6b)) & this.mask;
    for (;;) {
      const e = this.slots[h]!;
      if (e < 0) return this.insert(h, parent, child);
      if (this.parent[e] === parent && this.child[e] === child) return e;
      h = (h + 1) & this.mask;
    }
  }

  private insert(slot: number, parent: number, child: number): number {
    const e = this.count++;
    if (e === this.parent.length) this.growEdges();
    this.parent[e] = parent;
    this.child[e] = child;
    this.slots[slot] = e;
    if (this.count * 2 > this.mask) this.rehash();
    return e;
  }

  private growEdges(): void {
    const n = this.parent.length * 2;
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.parent = grow(this.parent, (k) => new Int32Array(k));
    this.child = grow(this.child, (k) => new Int32Array(k));
    this.weight = grow(this.weight, (k) => new Float64Array(k));
    this.call = grow(this.call, (k) => new Uint8Array(k));
    this.stamp = grow(this.stamp, (k) => new Int32Array(k));
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let e = 0; e < this.count; e++) {
      let h = (Math.imul(this.parent[e]!, 0x9e3779b1) ^ Math.imul(this.child[e]!, 0x85ebca6b)) & this.mask;
      while (this.slots[h]! >= 0) h = (h + 1) & this.mask;
      this.slots[h] = e;
    }
  }
}

/** What one location contributes to a stack walk, given the kept nodes. */
interface LocationShape {
  /** Outermost kept node, or -1 when the location has none. */
  top: Int32Array;
  /** 1 when `top` is the location's outermost line (so the edge into it is a call). */
  topIsCall: Uint8Array;
  /** Innermost kept node: the parent of whatever comes next. */
  bottom: Int32Array;
  /** Location L's internal edges are `intra[intraOffsets[L] .. intraOffsets[L+1])`. */
  intraOffsets: Uint32Array;
  intra: Int32Array;
}

function locationShapes(walk: Walk, kept: Uint8Array, edges: EdgeTable): LocationShape {
  const nLoc = walk.profile.locations.length;
  const lo = walk.nodes.locOffsets;
  const locNodes = walk.nodes.locNodes;
  const top = new Int32Array(nLoc).fill(-1);
  const topIsCall = new Uint8Array(nLoc);
  const bottom = new Int32Array(nLoc).fill(-1);
  const intraOffsets = new Uint32Array(nLoc + 1);
  const intra: number[] = [];
  const hidden = walk.view.hidden;
  for (let loc = 0; loc < nLoc; loc++) {
    // A hidden location is skipped like one with no kept node: top stays -1.
    if (hidden !== null && hidden[loc] === 1) {
      intraOffsets[loc + 1] = intra.length;
      continue;
    }
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
    intraOffsets[loc + 1] = intra.length;
  }
  return { top, topIsCall, bottom, intraOffsets, intra: Int32Array.from(intra) };
}

/**
 * Finds which kept nodes are reached through inline and through call edges,
 * ignoring edges whose |weight| is below `edgeCutoff`.
 */
export function inlineMarks(walk: Walk, weights: Float64Array, kept: Uint8Array, edgeCutoff: number): InlineMarks {
  const nNodes = walk.nodes.infos.length;
  const hasInlineEdge = new Uint8Array(nNodes);
  const hasCallEdge = new Uint8Array(nNodes);
  const cand = walk.nodes.isInlined;
  let any = false;
  for (let k = 0; k < nNodes; k++) if (kept[k] === 1 && cand[k] === 1) { any = true; break; }
  // Only a node that appears as an inlined line somewhere can get a mark.
  if (!any) return { hasInlineEdge, hasCallEdge };

  const edges = new EdgeTable();
  const { top, topIsCall, bottom, intraOffsets, intra } = locationShapes(walk, kept, edges);
  const s = walk.profile.samples;
  const offs = s.locationOffsets;
  const locIdx = s.locationIndices;
  const keep = walk.view.keep;
  for (let i = 0; i < s.count; i++) {
    const wi = weights[i]!;
    if (wi === 0 || (keep !== null && keep[i] === 0)) continue;
    const stamp = i + 1;
    let parent = -1;
    const first = offs[i]!;
    for (let k = offs[i + 1]! - 1; k >= first; k--) {
      const loc = locIdx[k]!;
      const t = top[loc]!;
      if (t < 0) continue;
      if (parent >= 0 && t !== parent && cand[t] === 1) {
        const e = edges.idOf(parent, t);
        if (edges.stamp[e] !== stamp) {
          edges.stamp[e] = stamp;
          edges.weight[e]! += wi;
          if (topIsCall[loc] === 1) edges.call[e] = 1;
        }
      }
      const intraEnd = intraOffsets[loc + 1]!;
      for (let j = intraOffsets[loc]!; j < intraEnd; j++) {
        const e = intra[j]!;
        if (edges.stamp[e] !== stamp) {
          edges.stamp[e] = stamp;
          edges.weight[e]! += wi;
        }
      }
      parent = bottom[loc]!;
    }
  }
  for (let e = 0; e < edges.count; e++) {
    if (Math.abs(edges.weight[e]!) < edgeCutoff) continue;
    if (edges.call[e] === 1) hasCallEdge[edges.child[e]!] = 1;
    else hasInlineEdge[edges.child[e]!] = 1;
  }
  return { hasInlineEdge, hasCallEdge };
}
