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
import type { FrameArray } from '../model/sample-table.js';
import { digitsOf } from './aggregate.js';
import type { FilterView } from './filter.js';
import type { NodeTable } from './nodes.js';
import type { QueryOptions } from './options.js';
import { prepareView, type QueryView } from './view.js';
import { cleanPath } from './paths.js';
import { PairTable, growInt32 } from './pair-table.js';

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
 * Builds the call tree of the filtered profile, one level (stack depth) at a
 * time: at each level the samples still being placed are grouped by
 * (node, next frame), so groups narrower than the cut can be merged before
 * anything below them is built. Throws PprofError for bad regexes.
 */
export function buildCallTree(
  profile: Profile, options: QueryOptions = {}, orientation: TreeOrientation = 'callees', shape: CallTreeShape = {},
): CallTree {
  return buildCallTreeOfView(prepareView(profile, options), orientation, shape);
}

/** The call tree of a prepared view (its filters and nodes; the tree serves every value column). */
export function buildCallTreeOfView(
  query: QueryView, orientation: TreeOrientation = 'callees', shape: CallTreeShape = {},
): CallTree {
  const { profile, noInlines, filters: view, nodes } = query;
  const nodeFiles = fileOfNodes(profile, view, nodes, noInlines);
  const cursor = new StackCursor(profile, view, nodes, orientation);
  const nSamples = profile.samples.count;
  const nTypes = profile.sampleTypes.length;
  const cols = profile.sampleTypes.map((_, k) => profile.samples.numberColumn(k).values);

  // Samples to place: kept by the filters and not zero in every column.
  let active = new Int32Array(nSamples);
  let count = 0;
  const cutoffs = new Float64Array(nTypes);
  for (let i = 0; i < nSamples; i++) {
    if (view.keep !== null && view.keep[i] === 0) continue;
    let any = false;
    for (let k = 0; k < nTypes; k++) {
      const v = cols[k]![i]!;
      if (v !== 0) { any = true; cutoffs[k]! += Math.abs(v); }
    }
    if (any) active[count++] = i;
  }
  const minWidth = shape.minWidth ?? 0;
  for (let k = 0; k < nTypes; k++) cutoffs[k] = minWidth * cutoffs[k]!;

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
  const at = new Int32Array(nSamples); // tree node each active sample has reached (root: 0)
  const groups = new PairTable(1024);
  let groupOf = new Int32Array(count);
  let weights: Float64Array[] = profile.sampleTypes.map(() => new Float64Array(1024));

  while (count > 0) {
    groups.reset(count);
    for (const w of weights) w.fill(0);
    for (let j = 0; j < count; j++) {
      const i = active[j]!;
      const f = cursor.next(i);
      if (f < 0) { sampleEnd[i] = at[i]!; groupOf[j] = -1; continue; }
      const g = groups.idOf(at[i]!, f);
      if (g >= weights[0]!.length) weights = weights.map(growFloat64);
      for (let k = 0; k < nTypes; k++) weights[k]![g]! += Math.abs(cols[k]![i]!);
      groupOf[j] = g;
    }
    // Groups become nodes in order of first appearance, so the ids are deterministic.
    const nodeOf = new Int32Array(groups.size);
    const mergedOf = new Map<number, number>(); // parent -> its merged node at this level
    for (let g = 0; g < groups.size; g++) {
      let wide = false;
      for (let k = 0; k < nTypes && !wide; k++) wide = weights[k]![g]! >= cutoffs[k]! && weights[k]![g]! > 0;
      const p = groups.a(g);
      if (wide) { nodeOf[g] = addNode(p, groups.b(g)); continue; }
      let m = mergedOf.get(p);
      if (m === undefined) { m = addNode(p, MERGED_FRAME); mergedOf.set(p, m); merged.set(m, 0); }
      merged.set(m, merged.get(m)! + 1);
      nodeOf[g] = -1 - m; // negative: the samples end in merged node m
    }
    let kept = 0;
    for (let j = 0; j < count; j++) {
      const g = groupOf[j]!;
      if (g < 0) continue;
      const i = active[j]!;
      const n = nodeOf[g]!;
      if (n < 0) { sampleEnd[i] = -1 - n; continue; }
      at[i] = n;
      active[kept++] = i;
    }
    count = kept;
    if (groupOf.length > 4 * count) { groupOf = new Int32Array(count); active = active.slice(0, count); }
  }
  return {
    orientation, nodes, nodeFiles, size,
    parent: parent.slice(0, size), frame: frame.slice(0, size), merged, sampleEnd, view,
  };
}

/**
 * Walks each sample's stack one frame at a time in the tree's orientation.
 * Locations are stored leaf first and a location's lines innermost first, so
 * for callees the walk goes backwards through both.
 */
class StackCursor {
  private readonly loc: Int32Array; // next location position to load
  private readonly line: Int32Array; // next line position in nodes.locNodes
  private readonly lineStop: Int32Array; // where the current location's lines end
  private readonly offs: Uint32Array;
  private readonly locIdx: FrameArray;
  private readonly hidden: Uint8Array | null;
  private readonly lo: Uint32Array;
  private readonly locNodes: Int32Array;
  private readonly callees: boolean;

  constructor(profile: Profile, view: FilterView, nodes: NodeTable, orientation: TreeOrientation) {
    const s = profile.samples;
    this.offs = s.locationOffsets;
    this.locIdx = s.locationIndices;
    this.hidden = view.hidden;
    this.lo = nodes.locOffsets;
    this.locNodes = nodes.locNodes;
    this.callees = orientation === 'callees';
    this.loc = new Int32Array(s.count);
    this.line = new Int32Array(s.count);
    this.lineStop = new Int32Array(s.count);
    for (let i = 0; i < s.count; i++) {
      this.loc[i] = this.callees ? this.offs[i + 1]! - 1 : this.offs[i]!;
      // An empty line range, so the first call loads a location.
      this.line[i] = 0;
      this.lineStop[i] = this.callees ? 1 : 0;
    }
  }

  /** The next frame (report node) of sample i, or -1 at the end of its stack. */
  next(i: number): number {
    for (;;) {
      const q = this.line[i]!;
      if (this.callees ? q >= this.lineStop[i]! : q < this.lineStop[i]!) {
        this.line[i] = this.callees ? q - 1 : q + 1;
        return this.locNodes[q]!;
      }
      const k = this.loc[i]!;
      if (this.callees ? k < this.offs[i]! : k >= this.offs[i + 1]!) return -1;
      this.loc[i] = this.callees ? k - 1 : k + 1;
      const l = this.locIdx[k]!;
      if (this.hidden !== null && this.hidden[l] === 1) continue;
      if (this.callees) { this.line[i] = this.lo[l + 1]! - 1; this.lineStop[i] = this.lo[l]!; }
      else { this.line[i] = this.lo[l]!; this.lineStop[i] = this.lo[l + 1]!; }
    }
  }
}

/** A copy of `a` with twice the room. */
function growFloat64(a: Float64Array): Float64Array {
  const out = new Float64Array(a.length * 2);
  out.set(a);
  return out;
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
