/**
 * The two hot loops of a top table, over plain typed arrays and the samples
 * of a SampleRanges, so that the main thread and a worker can each run a
 * share of the samples (see parallel.ts) and add up their results:
 * - flat/cum: every node counts once per sample (cum), the innermost kept
 *   line of the leaf location gets flat;
 * - edges into inlined nodes: which call edges reach a node, with weights,
 *   counted once per sample.
 * They depend on nothing but their arguments (no model objects), which is
 * what lets them run in a worker.
 */

import { EdgeTable } from './edge-table.js';
import { forEachRange, type SampleRanges } from './sample-ranges.js';
import type { FrameArray } from '../model/sample-table.js';
import type { PackedStacks } from '../model/packed-stacks.js';

/**
 * Sample stacks: sample i's frames are `frames[offsets[i] .. offsets[i+1])`,
 * leaf first; or, when `packed` is set, the packed varints of the input
 * (model/packed-stacks.ts), and `offsets` / `frames` are unused.
 */
export interface StackArrays {
  readonly offsets: Uint32Array;
  /** Location index of each frame. */
  readonly frames: FrameArray;
  readonly packed: PackedStacks | null;
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

/*
 * Each kernel's per-sample work is its own small function, called from a
 * plain outer loop. V8 then optimises the inner function with complete type
 * feedback; one big loop gets optimised on stack (OSR) before its rarer
 * branches (inlined locations) ever ran, deoptimises on them, and measured
 * five times slower on a 100 MB profile.
 */

/**
 * What a flat/cum walk over packed stacks saw of their ids: whether each
 * named a location (as checkPacked demands), and the frames it counted.
 * With `walkAll`, it covers every sample of its ranges, so the shares of a
 * pass over all samples can stand in for the model's check of stacks not
 * yet checked (SampleTable.confirmStacks).
 */
export interface StackTally {
  readonly ok: boolean;
  readonly frames: number;
  readonly maxDepth: number;
}

/**
 * Adds the samples of `ranges` into flat and cum (arrays of nodeCount).
 * Over packed stacks it returns what it saw of the ids, and with `walkAll`
 * also reads the ids of samples it adds nothing for (zero weight, filtered
 * out); it gives up early (ok false, sums unusable) at an id that names no
 * location. Over index arrays, it returns null.
 */
export function flatCumKernel(
  st: StackArrays, ln: LocationNodes, single: Int32Array, w: Float64Array,
  ranges: SampleRanges, flat: Float64Array, cum: Float64Array, walkAll = false,
): StackTally | null {
  if (st.packed !== null) return flatCumPacked(st.packed, st.keep, ln, single, w, ranges, flat, cum, walkAll);
  const { offsets, frames, keep } = st;
  const { lo, locNodes } = ln;
  const seen = new Int32Array(ln.nodeCount);
  forEachRange(ranges, (from, to) => {
    for (let i = from; i < to; i++) {
      const wi = w[i]!;
      if (wi === 0 || (keep !== null && keep[i] === 0)) continue;
      const leaf = flatCumFrames(frames, offsets[i]!, offsets[i + 1]!, single, lo, locNodes, seen, cum, i + 1, wi);
      if (leaf >= 0) flat[leaf]! += wi;
    }
  });
  return null;
}

/** One sample of flatCumKernel, root first; returns the node that gets flat (-1 for none). */
function flatCumFrames(
  frames: FrameArray, first: number, end: number, single: Int32Array, lo: Uint32Array, locNodes: Int32Array,
  seen: Int32Array, cum: Float64Array, stamp: number, wi: number,
): number {
  let leaf = -1;
  for (let k = end - 1; k >= first; k--) {
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
  return leaf;
}

/**
 * flatCumKernel over packed stacks: the varints are decoded leaf first,
 * straight into a per-id code, without a copy of the stack. Cum does not
 * depend on the order of the walk, and flat goes to the innermost node of
 * the first location not hidden.
 *
 * The walk is bound by cache misses (30 million frames, random ids), so each
 * frame costs one load in `code` and one in `acc`:
 * - code[id] >= 0: the location's only node; -2: hidden; -1: no location
 *   (an invalid id); <= -3: the nodes of an inlined location are
 *   `runs[r+1 .. r+1+runs[r])` with r = -3 - code;
 * - acc[2n] is node n's cum and acc[2n+1] the last sample that counted it,
 *   side by side in one cache line.
 * The walk checks every id for nearly nothing: ids of one or two varint
 * bytes are below CODE_MIN, the least length of `code`, so only longer ones
 * need a bounds test, in their rarer branch.
 */
function flatCumPacked(
  ps: PackedStacks, keep: Uint8Array | null, ln: LocationNodes, single: Int32Array, w: Float64Array,
  ranges: SampleRanges, flat: Float64Array, cum: Float64Array, walkAll: boolean,
): StackTally {
  const { code, runs } = idCodes(ps.idToLoc, ln, single);
  const acc = new Float64Array(2 * ln.nodeCount);
  const { buf, start, end } = ps;
  const depthOf = new Int32Array(1);
  let ok = true;
  let frames = 0;
  let maxDepth = 0;
  forEachRange(ranges, (from, to) => {
    for (let i = from; ok && i < to; i++) {
      const wi = keep !== null && keep[i] === 0 ? 0 : w[i]!;
      if (wi === 0 && !walkAll) continue;
      const leaf = flatCumBytes(buf, start[i]!, end[i]!, code, runs, acc, i + 1, wi, depthOf);
      if (leaf === INVALID_ID) ok = false;
      else if (leaf >= 0) flat[leaf]! += wi;
      const depth = depthOf[0]!;
      frames += depth;
      if (depth > maxDepth) maxDepth = depth;
    }
  });
  for (let n = 0; n < ln.nodeCount; n++) cum[n]! += acc[2 * n]!;
  return { ok, frames, maxDepth };
}

/** Least length of flatCumPacked's code table: every id of at most two varint bytes is inside it. */
const CODE_MIN = 1 << 14;
/** flatCumBytes' answer for an id that names no location. */
const INVALID_ID = -2;

/** The per-id codes of flatCumPacked. */
function idCodes(idToLoc: Int32Array, ln: LocationNodes, single: Int32Array): { code: Int32Array; runs: Int32Array } {
  const { lo, locNodes } = ln;
  const code = new Int32Array(Math.max(idToLoc.length, CODE_MIN)).fill(-1);
  let size = 0;
  for (let id = 0; id < idToLoc.length; id++) {
    const loc = idToLoc[id]!;
    if (loc >= 0 && single[loc] === -1) size += 1 + lo[loc + 1]! - lo[loc]!;
  }
  const runs = new Int32Array(size);
  let r = 0;
  for (let id = 0; id < idToLoc.length; id++) {
    const loc = idToLoc[id]!;
    if (loc < 0) continue;
    const one = single[loc]!;
    if (one !== -1) {
      code[id] = one;
      continue;
    }
    code[id] = -3 - r;
    runs[r++] = lo[loc + 1]! - lo[loc]!;
    for (let q = lo[loc]!; q < lo[loc + 1]!; q++) runs[r++] = locNodes[q]!;
  }
  return { code, runs };
}

/**
 * One packed sample of flatCumPacked, leaf first; returns the node that gets
 * flat (-1 for none), or INVALID_ID at an id that names no location (or
 * takes more than four bytes). Writes the sample's frame count to depthOf[0].
 */
function flatCumBytes(
  buf: Uint8Array, p: number, e: number, code: Int32Array, runs: Int32Array, acc: Float64Array, stamp: number, wi: number,
  depthOf: Int32Array,
): number {
  let leaf = -1;
  let depth = 0;
  while (p < e) {
    let id = buf[p++]!;
    if (id >= 0x80) {
      let b = buf[p++]!;
      id = (id & 0x7f) | ((b & 0x7f) << 7);
      if (b >= 0x80) {
        b = buf[p++]!;
        id |= (b & 0x7f) << 14;
        // A fourth byte of 0x80 or more (a fifth follows) makes the id at least 2^28, past any table
        // whose check is left to this pass (model/packed-stacks.ts's MAX_DEFERRED_ID_TABLE).
        if (b >= 0x80) id |= buf[p++]! << 21;
        if (id >= code.length) return INVALID_ID;
      }
    }
    depth++;
    const c = code[id]!;
    if (c >= 0) {
      if (acc[2 * c + 1] !== stamp) {
        acc[2 * c + 1] = stamp;
        acc[2 * c]! += wi;
      }
      if (leaf < 0) leaf = c;
      continue;
    }
    if (c === -2) continue;
    if (c === -1) return INVALID_ID;
    const r = -3 - c;
    const last = r + runs[r]!;
    for (let q = r + 1; q <= last; q++) {
      const node = runs[q]!;
      if (acc[2 * node + 1] !== stamp) {
        acc[2 * node + 1] = stamp;
        acc[2 * node]! += wi;
      }
    }
    if (leaf < 0) leaf = runs[r + 1]!;
  }
  depthOf[0] = depth;
  return leaf;
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
 * Adds the edges of the samples of `ranges` into `edges`: the edge from the
 * caller into each location (only when its target can be inlined somewhere,
 * `cand`), and the location's own inline edges.
 */
export function edgeKernel(
  st: StackArrays, shapes: LocationShapes, cand: Uint8Array, w: Float64Array,
  ranges: SampleRanges, edges: EdgeTable,
): void {
  const { keep, packed } = st;
  if (packed !== null) {
    // One code per id: the simple node (>= 0), -3 - location for the full shape, -1 for no kept node.
    const { idToLoc, buf, start, end } = packed;
    const byId = new Int32Array(idToLoc.length);
    for (let id = 0; id < idToLoc.length; id++) {
      const loc = idToLoc[id]!;
      const c = loc < 0 ? -1 : shapes.simple[loc]!;
      byId[id] = c === -2 ? -3 - loc : c;
    }
    forEachRange(ranges, (from, to) => {
      for (let i = from; i < to; i++) {
        const wi = w[i]!;
        if (wi === 0 || (keep !== null && keep[i] === 0)) continue;
        edgesOfBytes(buf, start[i]!, end[i]!, byId, shapes, cand, edges, i + 1, wi);
      }
    });
    edges.settle();
    return;
  }
  const { offsets, frames } = st;
  forEachRange(ranges, (from, to) => {
    for (let i = from; i < to; i++) {
      const wi = w[i]!;
      if (wi === 0 || (keep !== null && keep[i] === 0)) continue;
      edgesOfStack(frames, offsets[i]!, offsets[i + 1]!, shapes, cand, edges, i + 1, wi);
    }
  });
}

/**
 * One packed sample of edgeKernel, walked as stored: leaf first, in one
 * loop without a copy of the stack. A location of full shape waits
 * (`pending`) until the next kept location toward the root names its parent;
 * every edge is added in exactly the reverse of pprof's root-first order,
 * which EdgeTable.addFromLeaf turns back into pprof's call flags.
 */
function edgesOfBytes(
  buf: Uint8Array, p: number, e: number, byId: Int32Array, shapes: LocationShapes, cand: Uint8Array,
  edges: EdgeTable, stamp: number, wi: number,
): void {
  const { top, topIsCall, bottom, intraOffsets, intra } = shapes;
  let pending = -1;
  while (p < e) {
    let id = buf[p++]!;
    if (id >= 0x80) {
      let b = buf[p++]!;
      id = (id & 0x7f) | ((b & 0x7f) << 7);
      if (b >= 0x80) {
        b = buf[p++]!;
        id |= (b & 0x7f) << 14;
        if (b >= 0x80) id |= buf[p++]! << 21;
      }
    }
    const c = byId[id]!;
    if (c >= -1) {
      // Most frames: a location of one kept node (or none), which only names the parent a pending location waits for.
      if (pending >= 0 && c >= 0) {
        const t = top[pending]!;
        if (t !== c && cand[t] === 1) edges.addFromLeaf(edges.idOf(c, t), stamp, wi, topIsCall[pending] === 1);
        pending = -1;
      }
      continue;
    }
    const loc = -3 - c;
    if (pending >= 0) {
      const parent = bottom[loc]!;
      const t = top[pending]!;
      if (t !== parent && cand[t] === 1) edges.addFromLeaf(edges.idOf(parent, t), stamp, wi, topIsCall[pending] === 1);
    }
    for (let j = intraOffsets[loc + 1]! - 1; j >= intraOffsets[loc]!; j--) edges.addFromLeaf(intra[j]!, stamp, wi, false);
    pending = loc;
  }
}

/** One sample of edgeKernel: frames[first .. end), walked root first. */
function edgesOfStack(
  frames: FrameArray, first: number, end: number, shapes: LocationShapes, cand: Uint8Array,
  edges: EdgeTable, stamp: number, wi: number,
): void {
  const { top, topIsCall, bottom, intraOffsets, intra, simple } = shapes;
  let parent = -1;
  for (let k = end - 1; k >= first; k--) {
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
