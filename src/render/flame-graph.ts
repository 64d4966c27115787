/**
 * Flame graph data: the call tree of one sample type as a d3-hierarchy tree,
 * with children in a fixed order and frames too narrow to see merged into
 * one "other" frame per parent, so a huge profile becomes a tree of bounded
 * size. Values stay exact (bigint); widths use the sum of |value| so delta
 * and diff profiles with negative values still draw. With --mean (pprof's
 * -mean) a frame's self and total are means, each sum divided by the sample
 * count of the same samples (the first value column, truncated as Go's
 * integer division, as `top --mean` divides a node's flat and cum); widths
 * stay the summed values, so children still fit inside their parents.
 */

import { hierarchy, type HierarchyNode } from 'd3-hierarchy';
import type { FlameNode } from './flame-node.js';
import type { Profile } from '../model/profile.js';
import type { ValueType } from '../model/types.js';
import { PprofError } from '../errors.js';
import { buildCallTreeOfView, MERGED_FRAME, treeValues, type CallTree, type TreeOrientation, type TreeValues } from '../query/call-tree.js';
import { infoSortKey, printableName, type NodeInfo } from '../query/nodes.js';
import type { QueryOptions } from '../query/options.js';
import { prepareView, type QueryView } from '../query/view.js';
import { compareGoStrings } from '../query/strings.js';

/** What a flame graph frame stands for: the root, a report node, or narrow frames merged together. */
export type FlameFrameKind = 'root' | 'frame' | 'other';

/** The data of one frame (a d3 node's `data`). */
export interface FlameFrame {
  readonly kind: FlameFrameKind;
  /** The report node's name as `top` prints it; 'root' and 'other' for the synthetic frames. */
  readonly name: string;
  /** Source file of the function ('' when unknown or for synthetic frames). */
  readonly file: string;
  /** The report node's identity (null for root and other). */
  readonly info: NodeInfo | null;
  /** Signed value of the samples whose stack ends here (flat), exact; with --mean, their mean. */
  readonly self: bigint;
  /** Signed value of the samples through this frame (cumulative), exact; with --mean, their mean. */
  readonly total: bigint;
  /** With --mean: the summed self and total values that `self` and `total` are the means of. Absent otherwise. */
  readonly sums?: { readonly self: bigint; readonly total: bigint };
  /** Sum of |value| through this frame: the frame's width. Equals `total` when no value is negative. */
  readonly weight: number;
  /** Number of frames merged into an 'other' frame (0 for the other kinds). */
  readonly merged: number;
  /**
   * When comparing with a diff base: the base profile's value through this frame
   * (positive; `total` is then new - base). Absent otherwise.
   */
  readonly base?: number;
  /** Child frames in drawing order (d3-hierarchy reads them from here). */
  readonly children?: readonly FlameFrame[];
}

/** Options of {@link flameGraph}: the query options of `top` plus the tree's shape. */
export interface FlameGraphOptions extends QueryOptions {
  /** 'callees' (default): callers above callees, as in a flame graph; 'callers': inverted, leaf functions first. */
  orientation?: TreeOrientation;
  /**
   * Children narrower than this fraction of the root's width are merged into one
   * 'other' frame per parent (default 0: keep every frame).
   */
  minWidth?: number;
}

/** A flame graph of one sample type. */
export interface FlameGraph {
  readonly sampleIndex: number;
  readonly sampleType: ValueType;
  /** The report total (query/total.ts), before filters: the 100% of percentages, as in `top`. */
  readonly total: bigint;
  readonly orientation: TreeOrientation;
  /** The tree: `value` is the cumulative value (as a number), `data` the exact frame. */
  readonly root: FlameNode;
  /** "focus=RE"-style descriptions of the active filters. */
  readonly activeFilters: readonly string[];
}

/** Builds the flame graph of a profile. Throws PprofError for bad options. */
export function flameGraph(profile: Profile, options: FlameGraphOptions = {}): FlameGraph {
  const view = prepareView(profile, options);
  const orientation = options.orientation ?? 'callees';
  const minWidth = checkMinWidth(options.minWidth ?? 0);
  const tree = buildCallTreeOfView(view, orientation, { minWidth });
  return flameGraphOfTree(view, tree, minWidth);
}

/**
 * The flame graph of a view's value column from an already built call tree
 * (one tree serves every column: swap it with `withValue`).
 */
export function flameGraphOfTree(view: QueryView, tree: CallTree, minWidth: number, base?: Float64Array): FlameGraph {
  const { sampleIndex } = view;
  const rootFrame = flameFramesOfTree(view, tree, minWidth, base);
  // d3 sums self values up the tree: value = self + children's values = the cumulative value (of sums, with --mean).
  const root = linearHierarchy(rootFrame).sum((d) => Number(d.sums?.self ?? d.self));
  return {
    sampleIndex,
    sampleType: view.sampleType,
    total: view.total,
    orientation: tree.orientation,
    root,
    activeFilters: tree.view.activeFilters,
  };
}

/**
 * The frames of a flame graph (its root frame; children in drawing order),
 * without d3's tree around them: what the flame page encodes (one d3 node
 * per frame would only be read back and collected).
 */
export function flameFramesOfTree(view: QueryView, tree: CallTree, minWidth: number, base?: Float64Array): FlameFrame {
  checkMinWidth(minWidth);
  const { profile, sampleIndex } = view;
  const values = treeValues(profile, tree, sampleIndex);
  const counts = view.mean ? treeValues(profile, tree, 0) : null;
  return pruneTree(tree, values, minWidth, base, counts);
}

/**
 * d3's `hierarchy(data)`, built in linear time. d3 computes heights by walking
 * from every node up to the root until the height stops growing, which is
 * quadratic in stack depth on a deep chain (one sample with 10^5 frames took
 * 36 s); here heights are filled bottom-up in one pass. The nodes are d3's own
 * (made with its Node constructor), so every d3 method works on them.
 */
function linearHierarchy(rootFrame: FlameFrame): HierarchyNode<FlameFrame> {
  const NodeOf = hierarchy.prototype.constructor as new (data: FlameFrame) => HierarchyNode<FlameFrame>;
  type MutableNode = { -readonly [K in keyof HierarchyNode<FlameFrame>]: HierarchyNode<FlameFrame>[K] };
  const root = new NodeOf(rootFrame) as MutableNode;
  const order: MutableNode[] = [root];
  for (let k = 0; k < order.length; k++) {
    const node = order[k]!;
    const kids = node.data.children;
    if (kids === undefined || kids.length === 0) continue;
    node.children = kids.map((d) => {
      const child = new NodeOf(d) as MutableNode;
      child.parent = node as HierarchyNode<FlameFrame>;
      child.depth = node.depth + 1;
      order.push(child);
      return child as HierarchyNode<FlameFrame>;
    });
  }
  // Breadth-first order puts every child after its parent: walk it backwards for heights.
  for (let k = order.length - 1; k > 0; k--) {
    const node = order[k]!;
    const parent = node.parent as MutableNode;
    if (parent.height < node.height + 1) parent.height = node.height + 1;
  }
  return root as HierarchyNode<FlameFrame>;
}

/** Validates a merge threshold. Throws PprofError 'bad-option'. */
export function checkMinWidth(minWidth: number): number {
  if (!Number.isFinite(minWidth) || minWidth < 0 || minWidth > 1) {
    throw new PprofError('bad-option', `min width must be a fraction between 0 and 1, got ${minWidth}`);
  }
  return minWidth;
}

/** A frame under construction (children are filled in after the parent is created). */
interface Draft {
  kind: FlameFrameKind;
  name: string;
  file: string;
  info: NodeInfo | null;
  self: bigint;
  total: bigint;
  sums?: { self: bigint; total: bigint };
  /** With --mean, an 'other' frame's sample count (its mean is taken when the frame is complete). */
  count?: bigint;
  weight: number;
  merged: number;
  base?: number;
  children?: Draft[];
}

/** pprof's -mean: a value divided by its sample count, truncating toward zero; the value itself for a zero count. */
function meanOf(value: bigint, count: bigint): bigint {
  return count !== 0n ? value / count : value;
}

/** Children of every tree node, as index ranges into one array (CSR). */
function childLists(tree: CallTree): { start: Uint32Array; list: Uint32Array } {
  const n = tree.size;
  const start = new Uint32Array(n + 1);
  for (let i = 1; i < n; i++) start[tree.parent[i]! + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const list = new Uint32Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) list[fill[tree.parent[i]!]!++] = i;
  return { start, list };
}

/**
 * Copies the tree, keeping children at least `minWidth` of the root's width
 * and merging the others (with their subtrees) into one 'other' frame per
 * parent. Frames with no value at all in this sample type are left out.
 */
function pruneTree(tree: CallTree, v: TreeValues, minWidth: number, base?: Float64Array, counts: TreeValues | null = null): Draft {
  const { start, list } = childLists(tree);
  const infos = tree.nodes.infos;
  const names = new Map<number, string>();
  const nameOf = (f: number): string => {
    let s = names.get(f);
    if (s === undefined) names.set(f, (s = printableName(infos[f]!)));
    return s;
  };
  const byName = (a: number, b: number): number => {
    const fa = tree.frame[a]!;
    const fb = tree.frame[b]!;
    return compareGoStrings(nameOf(fa), nameOf(fb)) || compareGoStrings(infoSortKey(infos[fa]!), infoSortKey(infos[fb]!));
  };
  const cutoff = minWidth * v.weight[0]!;
  // Self and total as shown: the sums, or with --mean the sums divided by the sample counts.
  // Set on the draft field by field: object spreads cost microseconds each, on 10^5-10^6 frames.
  const draftOf = (kind: 'frame' | 'root', i: number, name: string, file: string, info: NodeInfo | null): Draft => {
    const self = v.selfOf(i);
    const total = v.totalOf(i);
    const d: Draft = { kind, name, file, info, self, total, weight: v.weight[i]!, merged: 0 };
    if (counts !== null) {
      d.self = meanOf(self, counts.selfOf(i));
      d.total = meanOf(total, counts.totalOf(i));
      d.sums = { self, total };
    }
    if (base !== undefined) d.base = base[i]!;
    return d;
  };
  const frameOf = (i: number): Draft => {
    const f = tree.frame[i]!;
    return draftOf('frame', i, nameOf(f), tree.nodeFiles[f]!, infos[f]!);
  };
  const root = draftOf('root', 0, 'root', '', null);
  const others: Draft[] = [];
  // Iterative, so pathologically deep stacks cannot overflow the call stack.
  const work: Array<[number, Draft]> = [[0, root]];
  while (work.length > 0) {
    const [i, draft] = work.pop()!;
    const wide: number[] = [];
    let other: Draft | null = null;
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      const c = list[k]!;
      const w = v.weight[c]!;
      if (w === 0) continue;
      const mergedAlready = tree.frame[c] === MERGED_FRAME;
      if (w >= cutoff && !mergedAlready) { wide.push(c); continue; }
      if (other === null) {
        other = { kind: 'other', name: 'other', file: '', info: null, self: 0n, total: 0n, weight: 0, merged: 0,
          ...(base !== undefined ? { base: 0 } : {}), ...(counts !== null ? { count: 0n } : {}) };
        if (counts !== null) others.push(other);
      }
      const t = v.totalOf(c);
      if (base !== undefined) other.base! += base[c]!;
      if (counts !== null) other.count! += counts.totalOf(c);
      // An 'other' frame has no children, so everything under it is its own (self) value.
      other.self += t;
      other.total += t;
      other.weight += w;
      other.merged += mergedAlready ? tree.merged.get(c)! : 1;
    }
    if (wide.length === 0 && other === null) continue;
    wide.sort(byName);
    const kids = wide.map(frameOf);
    if (other !== null) kids.push(other);
    draft.children = kids;
    wide.forEach((c, j) => work.push([c, kids[j]!]));
  }
  // With --mean, an 'other' frame's value is the mean over all the samples merged into it.
  for (const o of others) {
    const sum = o.total;
    o.sums = { self: sum, total: sum };
    o.self = o.total = meanOf(sum, o.count!);
    delete o.count;
  }
  return root;
}
