/**
 * The shape of a flame graph cut from a call tree: children in drawing order
 * (by name, as pprof sorts), children narrower than `minWidth` of the root
 * merged (with their subtrees) into one 'other' frame per parent, frames
 * with no value in the sample type left out. Walked in preorder and handed
 * to a sink, so the public flame graph (flame-graph.ts, d3 nodes over frame
 * objects) and the page's arrays (flame-data.ts, no object per frame) come
 * from one walk.
 */

import { MERGED_FRAME, treeValues, type CallTree, type TreeValues } from '../query/call-tree.js';
import { infoSortKey, printableName } from '../query/nodes.js';
import { compareGoStrings } from '../query/strings.js';
import type { QueryView } from '../query/view.js';

/** A call tree with one sample type's values: what the walk reads. */
export interface PruneInput {
  readonly tree: CallTree;
  readonly values: TreeValues;
  /** With --mean: the sample counts (values of the first column), else null. */
  readonly counts: TreeValues | null;
  /** When comparing with a diff base: each tree node's base value. */
  readonly base?: Float64Array | undefined;
}

/**
 * The walk's input for the view's value column (with --mean, the counts too).
 * `every`: the tree's values of every sample type, when already made
 * (treeValuesOfEveryType).
 */
export function pruneInput(view: QueryView, tree: CallTree, base?: Float64Array, every?: readonly TreeValues[]): PruneInput {
  const { profile, sampleIndex } = view;
  const of = (t: number): TreeValues => every?.[t] ?? treeValues(profile, tree, t);
  return { tree, values: of(sampleIndex), counts: view.mean ? of(0) : null, base };
}

/** The narrow children of one parent, merged. */
export interface OtherFrame {
  /** Sum of the merged children's totals, exact: an 'other' frame's self and total. */
  total: bigint;
  /** Sum of their widths. */
  weight: number;
  /** How many frames (with their subtrees) it stands for. */
  merged: number;
  /** Sum of their diff-base values (0 when not comparing). */
  base: number;
  /** With --mean: their sample count (0 otherwise). */
  count: bigint;
}

/** Receives the frames of a walk in preorder. */
export interface PruneSink {
  /** Call-tree node i is shown (node 0: the root) under the name `name`, with `kids` children to follow. */
  node(i: number, kids: number, name: string): void;
  /** A parent's 'other' frame (always its last child, without children). */
  other(o: OtherFrame): void;
}

/** pprof's -mean: a value divided by its sample count, truncating toward zero; the value itself for a zero count. */
export function meanOf(value: bigint, count: bigint): bigint {
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

/** Walks the cut tree in preorder into `sink`, without recursion (stacks can be very deep). */
export function walkPruned(input: PruneInput, minWidth: number, sink: PruneSink): void {
  const { tree, values: v, counts, base } = input;
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
  const others: OtherFrame[] = [];
  // Tree nodes to visit; -1 - k stands for others[k].
  const stack: number[] = [0];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x < 0) {
      sink.other(others[-1 - x]!);
      continue;
    }
    const wide: number[] = [];
    let other: OtherFrame | null = null;
    for (let k = start[x]!; k < start[x + 1]!; k++) {
      const c = list[k]!;
      const w = v.weight[c]!;
      if (w === 0) continue;
      const mergedAlready = tree.frame[c] === MERGED_FRAME;
      if (w >= cutoff && !mergedAlready) { wide.push(c); continue; }
      other ??= { total: 0n, weight: 0, merged: 0, base: 0, count: 0n };
      // An 'other' frame has no children, so everything under it is its own (self) value.
      other.total += v.totalOf(c);
      other.weight += w;
      other.merged += mergedAlready ? tree.merged.get(c)! : 1;
      if (base !== undefined) other.base += base[c]!;
      if (counts !== null) other.count += counts.totalOf(c);
    }
    wide.sort(byName);
    sink.node(x, wide.length + (other !== null ? 1 : 0), x === 0 ? 'root' : nameOf(tree.frame[x]!));
    if (other !== null) {
      others.push(other);
      stack.push(-others.length);
    }
    for (let j = wide.length - 1; j >= 0; j--) stack.push(wide[j]!);
  }
}
