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
import { buildCallTreeOfView, type CallTree, type TreeOrientation } from '../query/call-tree.js';
import type { NodeInfo } from '../query/nodes.js';
import type { QueryOptions } from '../query/options.js';
import { prepareView, type QueryView } from '../query/view.js';
import { meanOf, pruneInput, walkPruned, type PruneInput } from './flame-prune.js';

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
  checkMinWidth(minWidth);
  const rootFrame = pruneTree(pruneInput(view, tree, base), minWidth);
  // d3 sums self values up the tree: value = self + children's values = the cumulative value (of sums, with --mean).
  const root = linearHierarchy(rootFrame).sum((d) => Number(d.sums?.self ?? d.self));
  return {
    sampleIndex: view.sampleIndex,
    sampleType: view.sampleType,
    total: view.total,
    orientation: tree.orientation,
    root,
    activeFilters: tree.view.activeFilters,
  };
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
  weight: number;
  merged: number;
  base?: number;
  children?: Draft[];
}

/** The cut tree (flame-prune.ts) as frame objects, each child in its parent's `children`. */
function pruneTree(input: PruneInput, minWidth: number): Draft {
  const { tree, values: v, counts, base } = input;
  const infos = tree.nodes.infos;
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
  let root: Draft | null = null;
  // Frames still taking children (preorder), and how many each still takes.
  const open: Draft[] = [];
  const left: number[] = [];
  const attach = (d: Draft, kids: number): void => {
    if (open.length === 0) root = d;
    else {
      open[open.length - 1]!.children!.push(d);
      if (--left[left.length - 1]! === 0) { open.pop(); left.pop(); }
    }
    if (kids > 0) { d.children = []; open.push(d); left.push(kids); }
  };
  walkPruned(input, minWidth, {
    node: (i, kids, name) => {
      const f = tree.frame[i]!;
      attach(i === 0 ? draftOf('root', 0, 'root', '', null) : draftOf('frame', i, name, tree.nodeFiles[f]!, infos[f]!), kids);
    },
    other: (o) => {
      const d: Draft = { kind: 'other', name: 'other', file: '', info: null, self: o.total, total: o.total, weight: o.weight, merged: o.merged };
      if (base !== undefined) d.base = o.base;
      // With --mean, an 'other' frame's value is the mean over all the samples merged into it.
      if (counts !== null) {
        d.sums = { self: o.total, total: o.total };
        d.self = d.total = meanOf(o.total, o.count);
      }
      attach(d, 0);
    },
  });
  return root!;
}
