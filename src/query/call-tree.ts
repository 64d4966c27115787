/**
 * The call tree of a profile: every kept sample's stack inserted into a trie
 * of report nodes (pprof's granularity, filters and inline expansion, as in
 * `top`), either from the outermost caller down (callees, the flame graph)
 * or from the leaf up (callers, the inverted view), optionally cut where
 * subtrees get too narrow to draw. The structure does not
 * depend on the sample index; values are added per sample type by
 * {@link treeValues}, exactly (see aggregate.ts's digits).
 */

import type { Profile } from '../model/profile.js';
import { digitsOf } from './aggregate.js';
import type { FilterView } from './filter.js';
import type { NodeTable } from './nodes.js';
import type { QueryOptions } from './options.js';
import { prepareView, type QueryView } from './view.js';
import { cleanPath } from './paths.js';
import { growInt32 } from './pair-table.js';

/** Which way stacks hang: callers above callees (flame graph), or the leaf first (inverted / callers view). */
export type TreeOrientation = 'callees' | 'callers';

/** A trie of stacks. Tree node 0 is the root; a child always has a larger index than its parent. */
export interface CallTree {
  readonly orientation: TreeOrientation;
  /** Report nodes (frames) at the chosen granularity. */
  readonly nodes: NodeTable;
  /** Source file of each report node ('' when unknown), whatever the granularity keeps in its identity. */
  readonly nodeFiles: readonly string[];
  /** Number of tree nodes, root included. */
  readonly size: number;
  /** parent[i] of tree node i; -1 for the root. */
  readonly parent: Int32Array;
  /** Report node (index into `nodes.infos`) of tree node i; ROOT_FRAME for the root, MERGED_FRAME for merged nodes. */
  readonly frame: Int32Array;
  /** For each merged node: how many frames (with their subtrees) it stands for. */
  readonly merged: ReadonlyMap<number, number>;
  /** Tree node where sample i ends (its leaf, or its root-most caller when inverted); -1 when filtered out. */
  readonly sampleEnd: Int32Array;
  /** The filters' result, with pprof's descriptions of them. */
  readonly view: FilterView;
}

/** Per tree node values of one sample type. */
export interface TreeValues {
  /** Index of the sample type. */
  readonly sampleIndex: number;
  /** Signed self value (samples whose stack ends here), as float64: exact when `exact` is true. */
  readonly self: Float64Array;
  /** Signed cumulative value (self plus all descendants), as float64: exact when `exact` is true. */
  readonly total: Float64Array;
  /** Sum of |value| of the samples under the node (self included): the width a flame graph gives it. */
  readonly weight: Float64Array;
  /** True when every float64 above is exact (sums stay below 2^53); otherwise use selfOf/totalOf. */
  readonly exact: boolean;
  /** Exact self value of tree node i. */
  selfOf(i: number): bigint;
  /** Exact cumulative value of tree node i. */
  totalOf(i: number): bigint;
}

/** pprof strips these prefixes from source paths (see nodes.ts). */
const TRIMMED_PREFIXES = ['/proc/self/cwd/./', '/proc/self/cwd/'];

function displayFile(path: string): string {
  for (const p of TRIMMED_PREFIXES) if (path.startsWith(p)) return cleanPath(path.slice(p.length));
  return path === '' ? '' : cleanPath(path);
}


/** How much of the tree to build. */
export interface CallTreeShape {
  /**
   * Stop growing the tree under nodes narrower than this fraction of the root
   * (for every sample type): their samples end in one 'merged' node per parent.
   * 0 (the default) builds the whole tree.
   */
  readonly minWidth?: number;
}

/** Frame value of the root. */
export const ROOT_FRAME = -1;
/** Frame value of a node standing for narrow subtrees merged together. */
export const MERGED_FRAME = -2;

/**
 * Builds the call tree of the filtered profile depth first: the samples that
 * reach a node sit in one contiguous segment of a sample list; their next
 * frames are read and the segment is split (stably) into one part per frame.
 * Each part wide enough becomes a child node whose segment is split in turn;
 * the narrow ones end in one 'merged' node per parent before anything below
 * them is built.
 *
 * Why it looks like this: reading one frame of every sample per depth jumps
 * through the stack arrays and misses the cache on every read (60 ns each on
 * a 100 MB profile; that was most of a flame graph's time). Here each
 * sample carries, by segment position, its next few frames (a window filled
 * by reading its stack in order) with the rest of its state, and the whole
 * state moves with it when a segment is split, so splits read and write
 * memory in order and a stack is read from memory once per window. A
 * segment that does not split (a chain) moves nothing. The work of a split
 * is proportional to its segment, never to the profile, so a single very
 * deep stack stays linear. Throws PprofError for bad regexes.
 */
export function buildCallTree(
  profile: Profile, options: QueryOptions = {}, orientation: TreeOrientation = 'callees', shape: CallTreeShape = {},
): CallTree {
  return buildCallTreeOfView(prepareView(profile, options), orientation, shape);
}

/** Frames a sample carries ahead (see buildCallTreeOfView). */
const WINDOW = 8;

/** The call tree of a prepared view (its filters and nodes; the tree serves every value column). */
export function buildCallTreeOfView(
  query: QueryView, orientation: TreeOrientation = 'callees', shape: CallTreeShape = {},
): CallTree {
  const { profile, noInlines, filters: view, nodes } = query;
  const nodeFiles = fileOfNodes(profile, view, nodes, noInlines);
  const s = profile.samples;
  const nSamples = s.count;
  const nTypes = profile.sampleTypes.length;
  const nFrames = nodes.infos.length;
  const cols = profile.sampleTypes.map((_, k) => s.numberColumn(k).values);

  // Samples to place: kept by the filters and not zero in every column.
  let count = 0;
  const cutoffs = new Float64Array(nTypes);
  const placed = new Uint8Array(nSamples);
  for (let i = 0; i < nSamples; i++) {
    if (view.keep !== null && view.keep[i] === 0) continue;
    let any = false;
    for (let k = 0; k < nTypes; k++) {
      const v = cols[k]![i]!;
      if (v !== 0) { any = true; cutoffs[k]! += Math.abs(v); }
    }
    if (any) { placed[i] = 1; count++; }
  }
  const minWidth = shape.minWidth ?? 0;
  for (let k = 0; k < nTypes; k++) cutoffs[k] = minWidth * cutoffs[k]!;

  const callees = orientation === 'callees';
  const seg = new SegmentState(count, nTypes);
  const moved = new SegmentState(count, nTypes);
  const { sample, loc, lines, stop, weight, win, winAt, winEnd } = seg;
  const offs = s.locationOffsets;
  let j0 = 0;
  for (let i = 0; i < nSamples; i++) {
    if (placed[i] === 0) continue;
    sample[j0] = i;
    // Stacks are stored leaf first: callees walk them backwards, callers forwards.
    loc[j0] = callees ? offs[i + 1]! : offs[i]! - 1;
    stop[j0] = callees ? offs[i]! : offs[i + 1]!;
    for (let k = 0; k < nTypes; k++) weight[j0 * nTypes + k] = Math.abs(cols[k]![i]!);
    j0++;
  }
  const locIndices = s.locationIndices;
  const { locOffsets: lo, locNodes } = nodes;
  const hidden = view.hidden;
  /** Fills position j's window with its next frames; returns how many (0 at the end of its stack). */
  const refill = (j: number): number => {
    let k = loc[j]!;
    let r = lines[j]!;
    const end = stop[j]!;
    const base = j * WINDOW;
    let n = 0;
    while (n < WINDOW) {
      if (r > 0) {
        // The next line of the current location: outermost first for callees, innermost first for callers.
        r--;
        const l = locIndices[k]!;
        win[base + n++] = locNodes[callees ? lo[l]! + r : lo[l + 1]! - 1 - r]!;
        continue;
      }
      if (callees ? --k < end : ++k >= end) { k = callees ? end : end - 1; break; }
      const l = locIndices[k]!;
      if (hidden !== null && hidden[l] === 1) continue;
      r = lo[l + 1]! - lo[l]!;
    }
    loc[j] = k;
    lines[j] = r;
    winAt[j] = 0;
    winEnd[j] = n;
    return n;
  };

  let parent: Int32Array = new Int32Array(1024);
  let frame: Int32Array = new Int32Array(1024);
  parent[0] = -1;
  frame[0] = ROOT_FRAME;
  let size = 1;
  const addNode = (p: number, f: number): number => {
    if (size === parent.length) { parent = growInt32(parent); frame = growInt32(frame); }
    parent[size] = p;
    frame[size] = f;
    return size++;
  };
  const merged = new Map<number, number>();
  const sampleEnd = new Int32Array(nSamples).fill(-1);

  // Scratch of one split, reused by every split: a segment has at most one part per frame.
  const partOfPos = new Int32Array(count); // part of each segment position (-1: the stack ended here)
  const partOf = new Int32Array(nFrames).fill(-1); // frame -> its part in the current split
  const partFrame = new Int32Array(nFrames);
  const partSize = new Int32Array(nFrames);
  const partEnd = new Int32Array(nFrames); // write position while moving, then the part's end
  const partNode = new Int32Array(nFrames); // child node of a wide part, -1 for a merged one
  const partWeight = new Float64Array(nFrames * nTypes);

  // Segments still to split: [start, end) of the state, whose samples have all reached `node`.
  let tasks: Int32Array = new Int32Array(3 * 64);
  let nTasks = 0;
  const push = (start: number, end: number, node: number): void => {
    if (3 * nTasks + 3 > tasks.length) tasks = growInt32(tasks);
    tasks[3 * nTasks] = start;
    tasks[3 * nTasks + 1] = end;
    tasks[3 * nTasks + 2] = node;
    nTasks++;
  };
  if (count > 0) push(0, count, 0);

  while (nTasks > 0) {
    nTasks--;
    const start = tasks[3 * nTasks]!;
    const end = tasks[3 * nTasks + 1]!;
    const node = tasks[3 * nTasks + 2]!;
    // 1. Each sample's next frame, grouped into parts in order of first appearance.
    let parts = 0;
    let ended = 0;
    for (let j = start; j < end; j++) {
      let a = winAt[j]!;
      if (a === winEnd[j]! && (a = 0, refill(j) === 0)) {
        sampleEnd[sample[j]!] = node;
        partOfPos[j] = -1;
        ended++;
        continue;
      }
      const f = win[j * WINDOW + a]!;
      winAt[j] = a + 1;
      let p = partOf[f]!;
      if (p < 0) {
        p = parts++;
        partOf[f] = p;
        partFrame[p] = f;
        partSize[p] = 0;
        for (let t = 0; t < nTypes; t++) partWeight[p * nTypes + t] = 0;
      }
      partSize[p]!++;
      for (let t = 0; t < nTypes; t++) partWeight[p * nTypes + t]! += weight[j * nTypes + t]!;
      partOfPos[j] = p;
    }
    if (parts === 0) continue;
    // 2. Wide parts become child nodes (ids in order of first appearance, so they are deterministic);
    // narrow ones end in this node's merged node.
    let mergedNode = -1;
    let at = start;
    for (let p = 0; p < parts; p++) {
      partOf[partFrame[p]!] = -1;
      let wide = false;
      for (let t = 0; t < nTypes && !wide; t++) {
        const w = partWeight[p * nTypes + t]!;
        wide = w >= cutoffs[t]! && w > 0;
      }
      if (wide) {
        partNode[p] = addNode(node, partFrame[p]!);
        partEnd[p] = at;
        at += partSize[p]!;
        continue;
      }
      if (mergedNode < 0) { mergedNode = addNode(node, MERGED_FRAME); merged.set(mergedNode, 0); }
      merged.set(mergedNode, merged.get(mergedNode)! + 1);
      partNode[p] = -1;
    }
    // A chain (every sample goes on to the same child) needs no move.
    if (parts === 1 && ended === 0 && partNode[0]! >= 0) {
      push(start, end, partNode[0]!);
      continue;
    }
    // 3. The samples of wide parts move, in order, into one range per part; the others end here.
    for (let j = start; j < end; j++) {
      const p = partOfPos[j]!;
      if (p < 0) continue;
      if (partNode[p]! < 0) { sampleEnd[sample[j]!] = mergedNode; continue; }
      moved.copyFrom(seg, j, partEnd[p]!++);
    }
    seg.copyRange(moved, start, at);
    // 4. Split the children next, the first one first.
    for (let p = parts - 1; p >= 0; p--) {
      if (partNode[p]! >= 0) push(partEnd[p]! - partSize[p]!, partEnd[p]!, partNode[p]!);
    }
  }
  return {
    orientation, nodes, nodeFiles, size,
    parent: parent.slice(0, size), frame: frame.slice(0, size), merged, sampleEnd, view,
  };
}

/**
 * What a split reads of each sample, by segment position: the sample; where
 * it stands in its stack (`loc`, the position of its current location in
 * the profile's location list, `lines`, how many of that location's lines
 * are still to come, and `stop`, where its stack ends); its window of next
 * frames (`win[j*WINDOW + winAt[j] .. winEnd[j])`); its |value| per type.
 */
class SegmentState {
  readonly sample: Int32Array;
  readonly loc: Int32Array;
  readonly lines: Int32Array;
  readonly stop: Int32Array;
  readonly winAt: Int32Array;
  readonly winEnd: Int32Array;
  readonly win: Int32Array;
  readonly weight: Float64Array;

  constructor(count: number, private readonly nTypes: number) {
    this.sample = new Int32Array(count);
    this.loc = new Int32Array(count);
    this.lines = new Int32Array(count);
    this.stop = new Int32Array(count);
    this.winAt = new Int32Array(count);
    this.winEnd = new Int32Array(count);
    this.win = new Int32Array(count * WINDOW);
    this.weight = new Float64Array(count * nTypes);
  }

  /** Copies position `from` of `src` to position `to` here. */
  copyFrom(src: SegmentState, from: number, to: number): void {
    this.sample[to] = src.sample[from]!;
    this.loc[to] = src.loc[from]!;
    this.lines[to] = src.lines[from]!;
    this.stop[to] = src.stop[from]!;
    // Only the frames still to come: they move to the start of the window.
    const a = src.winAt[from]!;
    const e = src.winEnd[from]!;
    this.winAt[to] = 0;
    this.winEnd[to] = e - a;
    for (let q = a; q < e; q++) this.win[to * WINDOW + q - a] = src.win[from * WINDOW + q]!;
    const n = this.nTypes;
    for (let t = 0; t < n; t++) this.weight[to * n + t] = src.weight[from * n + t]!;
  }

  /** Copies positions [start, end) of `src` here. */
  copyRange(src: SegmentState, start: number, end: number): void {
    this.sample.set(src.sample.subarray(start, end), start);
    this.loc.set(src.loc.subarray(start, end), start);
    this.lines.set(src.lines.subarray(start, end), start);
    this.stop.set(src.stop.subarray(start, end), start);
    this.winAt.set(src.winAt.subarray(start, end), start);
    this.winEnd.set(src.winEnd.subarray(start, end), start);
    this.win.set(src.win.subarray(start * WINDOW, end * WINDOW), start * WINDOW);
    this.weight.set(src.weight.subarray(start * this.nTypes, end * this.nTypes), start * this.nTypes);
  }
}

/** The source file behind each report node, taken from the first line that produced it. */
function fileOfNodes(profile: Profile, view: FilterView, nodes: NodeTable, noInlines: boolean): string[] {
  const files = new Array<string>(nodes.infos.length).fill('');
  const seen = new Uint8Array(nodes.infos.length);
  for (let li = 0; li < profile.locations.length; li++) {
    let lines = view.locationLines[li]!;
    // Mirrors buildNodes: with -noinlines a location keeps only its outermost line.
    if (noInlines && lines.length > 1) lines = lines.slice(lines.length - 1);
    const a = nodes.locOffsets[li]!;
    for (let k = 0; k < lines.length; k++) {
      const n = nodes.locNodes[a + k]!;
      if (seen[n] === 1) continue;
      seen[n] = 1;
      files[n] = displayFile(lines[k]!.function.filename);
    }
  }
  return files;
}

/** Self, cumulative and width values of every tree node for one sample type. */
export function treeValues(profile: Profile, tree: CallTree, sampleIndex: number): TreeValues {
  const n = tree.size;
  const ends = tree.sampleEnd;
  const parent = tree.parent;
  const digits = digitsOf(profile, sampleIndex);
  const selfParts: Float64Array[] = [];
  const totalParts: Float64Array[] = [];
  for (const d of digits) {
    const self = new Float64Array(n);
    for (let i = 0; i < ends.length; i++) {
      const e = ends[i]!;
      if (e >= 0) self[e]! += d.weights[i]!;
    }
    selfParts.push(self);
    totalParts.push(cumulate(self, parent));
  }
  const col = profile.samples.numberColumn(sampleIndex).values;
  const absSelf = new Float64Array(n);
  for (let i = 0; i < ends.length; i++) {
    const e = ends[i]!;
    if (e >= 0) absSelf[e]! += Math.abs(col[i]!);
  }
  const weight = cumulate(absSelf, parent);

  if (digits.length === 1) {
    const self = selfParts[0]!;
    const total = totalParts[0]!;
    return {
      sampleIndex, self, total, weight, exact: true,
      selfOf: (i) => BigInt(self[i]!), totalOf: (i) => BigInt(total[i]!),
    };
  }
  // Several digits: recombine exactly on demand, and approximately for the float views.
  const exactOf = (parts: Float64Array[]) => (i: number): bigint => {
    let v = 0n;
    parts.forEach((p, j) => { v += BigInt(p[i]!) << digits[j]!.shift; });
    return v;
  };
  const selfOf = exactOf(selfParts);
  const totalOf = exactOf(totalParts);
  const approx = (of: (i: number) => bigint): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = Number(of(i));
    return out;
  };
  return { sampleIndex, self: approx(selfOf), total: approx(totalOf), weight, exact: false, selfOf, totalOf };
}

/** Adds every node's value into its ancestors (children come after their parent). */
function cumulate(self: Float64Array, parent: Int32Array): Float64Array {
  const total = Float64Array.from(self);
  for (let i = total.length - 1; i > 0; i--) total[parent[i]!]! += total[i]!;
  return total;
}
