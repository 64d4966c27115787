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
import { digitsOf, sumsExactly } from './aggregate.js';
import type { FilterView } from './filter.js';
import type { NodeTable } from './nodes.js';
import type { QueryOptions } from './options.js';
import { prepareView, type QueryView } from './view.js';
import { cleanPath } from './paths.js';
import { splitInput, type SplitInput } from './split-input.js';
import { codesHalves, halfFilled, type CodesHalves } from './split-halves.js';
import { treeSplitter, type SplitTree } from './tree-split.js';

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

export { ROOT_FRAME, MERGED_FRAME } from './tree-split.js';

/**
 * Builds the call tree of the filtered profile, cutting it where subtrees get
 * narrower than `shape.minWidth` of the root (see tree-split.ts for how).
 * Throws PprofError for bad regexes.
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
  return buildCallTreesOfView(query, [orientation], shape)[0]!;
}

/**
 * The call trees of a view in several orientations, built in one go: they
 * share the per-sample working memory, which on a big profile costs more to
 * allocate than to use.
 */
export function buildCallTreesOfView(
  query: QueryView, orientations: readonly TreeOrientation[], shape: CallTreeShape = {},
): CallTree[] {
  const builder = callTreeBuilder(query, shape);
  return orientations.map((o) => builder.tree(o));
}

/** Builds a view's call trees one orientation at a time (see callTreeBuilder). */
export interface CallTreeBuilder {
  /** Builds the tree in one orientation on this thread. */
  tree(orientation: TreeOrientation): CallTree;
  /** What a split reads: what a helper thread needs to build a tree instead (query/parallel.ts). */
  readonly input: SplitInput;
  /**
   * The same input with its frame codes to be made in halves by two threads
   * (query/split-halves.ts): made on first use, before `input`, which is it
   * once both halves are filled (and throws before); null where one thread
   * makes the input, or when `input` was made first.
   */
  readonly halves: CodesHalves | null;
  /** The call tree of a split built elsewhere from `input`. */
  ofSplit(orientation: TreeOrientation, split: SplitTree): CallTree;
  /** Drops halves whose codes could not be made (split-halves.ts's settleHalves): `input` is then made by one thread. */
  forgetHalves(): void;
}

/**
 * A function building the view's call tree in one orientation per call; the
 * calls share the per-sample working memory (see buildCallTreesOfView), and
 * can be interleaved with other work.
 */
export function callTreeBuilder(query: QueryView, shape: CallTreeShape = {}): CallTreeBuilder {
  const { noInlines, filters: view, nodes } = query;
  const nodeFiles = fileOfNodes(view, nodes, noInlines);
  // Made on first use, once for all the builder's trees (built here or on the helper thread).
  let input: SplitInput | null = null;
  let halves: CodesHalves | null | undefined;
  let split: ReturnType<typeof treeSplitter> | null = null;
  const ofSplit = (orientation: TreeOrientation, t: SplitTree): CallTree => ({ orientation, nodes, nodeFiles, view, ...t });
  return {
    tree: (orientation) => ofSplit(orientation, (split ??= treeSplitter(inputOf()))(orientation)),
    get input() { return inputOf(); },
    get halves() {
      if (halves === undefined) {
        halves = input === null ? codesHalves(query, shape.minWidth ?? 0) : null;
        if (halves !== null) input = halves.input;
      }
      return halves;
    },
    ofSplit,
    forgetHalves: () => {
      if (split !== null) throw new Error('call tree: halves dropped after a tree was built from them');
      halves = null;
      input = null;
    },
  };
  function inputOf(): SplitInput {
    if (halves && !(halfFilled(halves, 0) && halfFilled(halves, 1))) {
      throw new Error('call tree: the split input was used before both halves of its codes were made');
    }
    return (input ??= splitInput(query, shape.minWidth ?? 0));
  }
}

/** The source file behind each report node, taken from the first line that produced it. */
function fileOfNodes(view: FilterView, nodes: NodeTable, noInlines: boolean): string[] {
  const files = new Array<string>(nodes.infos.length).fill('');
  const seen = new Uint8Array(nodes.infos.length);
  // Functions share files: each path is cleaned once (a big profile has 10^4-10^5 nodes).
  const shown = new Map<string, string>();
  const t = view.table;
  for (let li = 0; li < t.count; li++) {
    let first = t.lineStart[li]!;
    const end = t.lineStart[li + 1]!;
    // Mirrors buildNodes: with -noinlines a location keeps only its outermost line.
    if (noInlines && end - first > 1) first = end - 1;
    const a = nodes.locOffsets[li]!;
    for (let k = first; k < end; k++) {
      const n = nodes.locNodes[a + k - first]!;
      if (seen[n] === 1) continue;
      seen[n] = 1;
      const path = t.functions[t.lineFunction[k]!]!.filename;
      let file = shown.get(path);
      if (file === undefined) shown.set(path, (file = displayFile(path)));
      files[n] = file;
    }
  }
  return files;
}

/** Self values of every tree node for one sample type: the part of {@link TreeValues} a folded listing needs. */
export interface TreeSelfValues {
  /** Signed self value as float64 (exact when `exact` is true; nonzero whenever the exact value is). */
  readonly self: Float64Array;
  readonly exact: boolean;
  /** Exact self value of tree node i. */
  selfOf(i: number): bigint;
}

/**
 * Only the self values of every tree node for one sample type: a whole
 * (uncut) tree of a big profile has tens of millions of nodes, and the
 * cumulative and width columns of {@link treeValues} would triple its memory.
 */
export function treeSelfValues(profile: Profile, tree: CallTree, sampleIndex: number): TreeSelfValues {
  const n = tree.size;
  const ends = tree.sampleEnd;
  const digits = digitsOf(profile, sampleIndex);
  const parts = digits.map((d) => {
    const self = new Float64Array(n);
    for (let i = 0; i < ends.length; i++) {
      const e = ends[i]!;
      if (e >= 0) self[e]! += d.weights[i]!;
    }
    return self;
  });
  if (parts.length === 1) {
    const self = parts[0]!;
    return { self, exact: true, selfOf: (i) => BigInt(self[i]!) };
  }
  const selfOf = (i: number): bigint => {
    let v = 0n;
    parts.forEach((p, j) => { v += BigInt(p[i]!) << digits[j]!.shift; });
    return v;
  };
  const approx = new Float64Array(n);
  for (let i = 0; i < n; i++) approx[i] = Number(selfOf(i));
  return { self: approx, exact: false, selfOf };
}

/** Self, cumulative and width values of every tree node for one sample type. */
export function treeValues(profile: Profile, tree: CallTree, sampleIndex: number): TreeValues {
  const digits = digitsOf(profile, sampleIndex);
  // One digit is the value column itself.
  if (digits.length === 1) return exactTreeValues(tree, [digits[0]!.weights], [sampleIndex])[0]!;
  const n = tree.size;
  const ends = tree.sampleEnd;
  const parent = tree.parent;
  const selfParts: Float64Array[] = [];
  const totalParts: Float64Array[] = [];
  for (const d of digits) {
    const w = d.weights;
    const self = new Float64Array(n);
    for (let i = 0; i < ends.length; i++) {
      const e = ends[i]!;
      if (e >= 0) self[e]! += w[i]!;
    }
    selfParts.push(self);
    totalParts.push(cumulate(self, parent));
  }
  const absSelf = new Float64Array(n);
  const col = profile.samples.numberColumn(sampleIndex).values;
  for (let i = 0; i < ends.length; i++) {
    const e = ends[i]!;
    if (e >= 0) absSelf[e]! += Math.abs(col[i]!);
  }
  const weight = cumulate(absSelf, parent);
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

/**
 * {@link treeValues} of every sample type, equal to calling it per type,
 * with one read of the samples' ends for all types when every column sums
 * exactly in float64 (a flame page encodes each type's two trees; each read
 * goes over every sample).
 */
export function treeValuesOfEveryType(profile: Profile, tree: CallTree): TreeValues[] {
  const types = profile.sampleTypes.map((_, t) => t);
  const cols = types.map((t) => profile.samples.numberColumn(t));
  if (types.length < 2 || !cols.every(sumsExactly)) return types.map((t) => treeValues(profile, tree, t));
  return exactTreeValues(tree, cols.map((c) => c.values), types);
}

/**
 * The values of columns whose sums are exact in float64 (`cols[k]` is sample
 * type `types[k]`), all in one read of the samples' ends; each array adds its
 * samples in sample order.
 */
function exactTreeValues(tree: CallTree, cols: readonly Float64Array[], types: readonly number[]): TreeValues[] {
  const n = tree.size;
  const ends = tree.sampleEnd;
  const self = cols.map(() => new Float64Array(n));
  const absSelf = cols.map(() => new Float64Array(n));
  for (let i = 0; i < ends.length; i++) {
    const e = ends[i]!;
    if (e < 0) continue;
    for (let k = 0; k < cols.length; k++) {
      const v = cols[k]![i]!;
      self[k]![e]! += v;
      absSelf[k]![e]! += Math.abs(v);
    }
  }
  return self.map((s, k) => {
    const total = cumulate(s, tree.parent);
    return {
      sampleIndex: types[k]!, self: s, total, weight: cumulate(absSelf[k]!, tree.parent), exact: true,
      selfOf: (i) => BigInt(s[i]!), totalOf: (i) => BigInt(total[i]!),
    };
  });
}

/** Adds every node's value into its ancestors (children come after their parent). */
function cumulate(self: Float64Array, parent: Int32Array): Float64Array {
  const total = Float64Array.from(self);
  for (let i = total.length - 1; i > 0; i--) total[parent[i]!]! += total[i]!;
  return total;
}
