/**
 * The data embedded in a flame graph page: for every sample type of the
 * profile, the pruned call tree in both orientations, as compact parallel
 * arrays in preorder, plus the header lines and output unit `top` would use
 * for that type, so the page can switch types without being regenerated and
 * print the same totals as `top`.
 */

import type { Profile } from '../model/profile.js';
import { PprofError } from '../errors.js';
import { callTreeBuilder, treeValuesOfEveryType, type CallTree, type TreeOrientation, type TreeValues } from '../query/call-tree.js';
import type { QueryOptions } from '../query/options.js';
import type { ParallelMode } from '../query/parallel.js';
import { prepareView, withValue } from '../query/view.js';
import { viewHeaderLines } from '../report/common/labels.js';
import { unitsOfEveryType, type PageWork } from './flame-units.js';
import { fillHalf, HALF_WAIT_MS, settleHalves, waitForHalf, type CodesHalves } from '../query/split-halves.js';
import type { SplitInput } from '../query/split-input.js';
import { canShareTree, joinerPart, joinTrees, sharedSplit, type PartTree, type SharedSplit } from '../query/tree-steal.js';
import { checkMinWidth } from './flame-graph.js';
import { meanOf, pruneInput, walkPruned, type PruneInput } from './flame-prune.js';
import { packageColor, packageOf } from './package-color.js';

/**
 * One tree in preorder: node i has frame `f[i]`, `c[i]` children (the next
 * subtrees), cumulative value `t[i]` and self value `s[i]`; `w[i]` is its
 * width (sum of |value|), present only when some value is negative (else
 * w = t) or with --mean (t and s are then means). `m` lists [node, merged frame count] pairs of 'other' frames.
 */
export interface PayloadTree {
  readonly f: number[];
  readonly c: number[];
  readonly t: number[];
  readonly s: number[];
  readonly w?: number[];
  /** With --diff-base: the base profile's value through node i (positive); the new value is t + b. */
  readonly b?: number[];
  readonly m: number[];
}

/** One sample type of the page. */
export interface PayloadType {
  readonly type: string;
  readonly unit: string;
  /** Unit values are printed in, chosen as `top` chooses it. */
  readonly outputUnit: string;
  /** Profile header lines as `top` prints them for this type (File, Type, Time, Duration, filters). */
  readonly header: string[];
  /** Report total (sum of |value| before filters) and its text as `top` prints it. */
  readonly total: number;
  readonly totalText: string;
  readonly trees: Record<TreeOrientation, PayloadTree>;
}

/** Everything the page script reads. */
export interface FlamePayload {
  readonly version: 1;
  readonly title: string;
  /** Deduplicated strings (frame names, files, packages). */
  readonly strings: string[];
  /** Frame table: [name, file, package] string indices per frame id; frame 0 is the root, 1 'other'. */
  readonly frames: number[];
  /**
   * Set when the profile is a comparison: the base profile's name(s) and
   * whether trees carry per-frame base values (`b`, with --diff-base).
   */
  readonly comparison?: { readonly base: string; readonly hasBaseValues: boolean };
  /**
   * Set with --mean: `t` and `s` are means (each sum divided by the sample
   * count of the same samples) and `w` always carries the widths (the sums).
   */
  readonly mean?: true;
  /** Colour of each package string index that appears in `frames` ("" for root/other). */
  readonly colors: Record<number, string>;
  /** Index of the sample type shown first. */
  readonly defaultType: number;
  readonly types: PayloadType[];
}

/** Options of the page data. */
export interface FlamePayloadOptions extends QueryOptions {
  /** Frames narrower than this fraction of the root are merged into 'other'. */
  readonly minWidth: number;
  /** Shown as the page title. */
  readonly title: string;
  /** Name of the base profile when the input is a comparison (--base / --diff-base), for the header. */
  readonly baseName?: string;
  /** Whether a helper thread may build one call tree while this thread builds the other (default 'auto': big profiles). */
  readonly parallel?: ParallelMode;
}

/** Builds the page data. Throws PprofError for bad options. */
export function buildFlamePayload(profile: Profile, options: FlamePayloadOptions): FlamePayload {
  const view = prepareView(profile, options);
  const defaultType = view.sampleIndex;
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const str = (s: string): number => {
    let i = stringIds.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      stringIds.set(s, i);
    }
    return i;
  };
  const empty = str('');
  const frames: number[] = [str('root'), empty, empty, str('other'), empty, empty];
  const frameIds = new Map<string, number>();
  const colors: Record<number, string> = {};
  // Frame id of each report node, made once per node (a page can have 10^5-10^6 tree nodes);
  // two report nodes with the same name and file share a frame.
  const idOfNode = new Int32Array(view.nodes.infos.length).fill(-1);
  const frameId = (tree: CallTree, node: number, name: string): number => {
    const known = idOfNode[node]!;
    if (known >= 0) return known;
    const file = tree.nodeFiles[node]!;
    const key = `${name}\u0000${file}`;
    let id = frameIds.get(key);
    if (id === undefined) {
      id = frames.length / 3;
      frameIds.set(key, id);
      const pkg = str(packageOf(view.nodes.infos[node]!.name, file));
      colors[pkg] ??= packageColor(strings[pkg]!);
      frames.push(str(name), str(file), pkg);
    }
    idOfNode[node] = id;
    return id;
  };

  const minWidth = checkMinWidth(options.minWidth);
  if (view.mean && view.baseMask !== null) {
    // A frame of a --diff-base page shows new - base; a mean of that mixes both sides' counts.
    throw new PprofError('bad-option', '--mean cannot be combined with --diff-base on a flame graph; '
      + 'compare the means with `folded --mean --diff-base` or `top --mean --diff-base`');
  }
  // Cut while building: a big profile's whole tree can have tens of millions of nodes.
  const build = callTreeBuilder(view, { minWidth });
  const built: Partial<Record<TreeOrientation, CallTree>> = {};
  // The two trees, and the unit `top` would choose for each type (from flat/cum passes): on a
  // profile big enough for the helper thread, it builds the callees tree (about three times the
  // work of the callers tree on deep stacks) while this thread builds the other and runs the passes.
  // The helper's tree (the callees) reads frame codes; where it can, the helper makes half of
  // them while this thread makes the other half (query/split-halves.ts).
  let halves: CodesHalves | null = null;
  // Once this thread's own work is done, it joins the helper's tree (query/tree-steal.ts).
  let shared: { input: SplitInput; memory: SharedSplit } | null = null;
  let joined: PartTree | null = null;
  // Every type's values of each tree, in one read of its sample ends: made once, for the units' bounds
  // (flame-unit-bounds.ts) and the encoding below.
  const values: Partial<Record<TreeOrientation, TreeValues[]>> = {};
  const valuesOf = (o: TreeOrientation, tree: CallTree): TreeValues[] => (values[o] ??= treeValuesOfEveryType(view.profile, tree));
  const treeWork = (o: TreeOrientation): PageWork => ({
    job: () => {
      halves = build.halves;
      const input = halves !== null ? halves.input : build.input;
      const memory = canShareTree() ? sharedSplit(input) : undefined;
      if (memory !== undefined) shared = { input, memory };
      return halves !== null ? { kind: 'halves-tree', halves, orientation: o, shared: memory } : { kind: 'tree', input, orientation: o, shared: memory };
    },
    started: (posted, answered) => {
      if (halves === null) return;
      fillHalf(halves, 0);
      // The helper's half, here when it was not posted, when the helper stopped before making it, or after a minute.
      if (!posted || !waitForHalf(halves, 1, HALF_WAIT_MS, answered)) fillHalf(halves, 1);
      // Throws the parse's error when an id names no location (the stacks' check may have been left to
      // here); an id the halves could not read leaves the codes to one thread, and the helper's tree to this one.
      if (!settleHalves(halves, view.profile.samples)) build.forgetHalves();
    },
    joined: (answered) => {
      if (shared !== null) joined = joinerPart(shared.input, shared.memory, o, answered);
    },
    here: () => { built[o] = build.tree(o); },
    built: () => {
      const tree = built[o];
      return tree === undefined ? undefined : { tree, values: valuesOf(o, tree) };
    },
    take: (r) => {
      if (r.kind === 'part') built[o] = build.ofSplit(o, joinTrees(r.part, joined));
      else if (r.kind === 'tree') built[o] = build.ofSplit(o, r.tree);
      else throw new Error('helper thread answered the wrong job');
    },
  });
  const units = unitsOfEveryType(view, [treeWork('callees'), treeWork('callers')], options.parallel ?? 'auto', () => build.input);
  const trees: Record<TreeOrientation, CallTree> = { callees: built.callees!, callers: built.callers! };
  const baseMask = view.baseMask;
  // One view for every sample type: the filters and nodes are shared, only the value column changes.
  const types: PayloadType[] = view.profile.sampleTypes.map((st, i) => {
    const v = withValue(view, i);
    const { outputUnit, format } = units[i]!;
    const encode = (o: TreeOrientation): PayloadTree => encodeTree(
      pruneInput(v, trees[o], baseMask === null ? undefined : baseValues(v.profile, trees[o], i, baseMask),
        valuesOf(o, trees[o])), minWidth, frameId);
    return {
      type: st.type,
      unit: st.unit,
      outputUnit,
      header: viewHeaderLines(v, format),
      total: Number(v.total),
      totalText: format(Number(v.total)),
      trees: { callees: encode('callees'), callers: encode('callers') },
    };
  });
  const mean = view.mean ? { mean: true as const } : {};
  const comparison = options.baseName !== undefined ? { comparison: { base: options.baseName, hasBaseValues: baseMask !== null } } : {};
  return { version: 1, title: options.title, strings, frames, ...comparison, ...mean, colors, defaultType, types };
}

/**
 * Per tree node, the (positive) value of the diff base's samples through it:
 * the base samples are stored negated, so their sign is flipped back.
 */
function baseValues(profile: Profile, tree: CallTree, typeIndex: number, mask: Uint8Array): Float64Array {
  const col = profile.samples.numberColumn(typeIndex).values;
  const out = new Float64Array(tree.size);
  for (let i = 0; i < tree.sampleEnd.length; i++) {
    const e = tree.sampleEnd[i]!;
    if (e >= 0 && mask[i] === 1) out[e]! -= col[i]!;
  }
  // Children come after their parents, so one backward pass adds every subtree into its root.
  for (let n = tree.size - 1; n > 0; n--) out[tree.parent[n]!]! += out[n]!;
  return out;
}

/**
 * The cut tree (flame-prune.ts) as the page's preorder arrays, straight from
 * the tree's values: no frame object per node.
 */
function encodeTree(input: PruneInput, minWidth: number, frameId: (tree: CallTree, node: number, name: string) => number): PayloadTree {
  const { tree, values: v, counts, base } = input;
  const f: number[] = [];
  const c: number[] = [];
  const t: number[] = [];
  const s: number[] = [];
  const w: number[] = [];
  const m: number[] = [];
  const b: number[] = [];
  // With --mean the shown values are means, never the widths: the widths always go along.
  let signed = counts !== null;
  // Self and total as shown: the float64 sums when exact, else the exact sums rounded; with --mean the means.
  const shown = (i: number, self: boolean): number => {
    if (counts !== null) return Number(self ? meanOf(v.selfOf(i), counts.selfOf(i)) : meanOf(v.totalOf(i), counts.totalOf(i)));
    if (v.exact) return self ? v.self[i]! : v.total[i]!;
    return Number(self ? v.selfOf(i) : v.totalOf(i));
  };
  walkPruned(input, minWidth, {
    node: (i, kids, name) => {
      f.push(i === 0 ? 0 : frameId(tree, tree.frame[i]!, name));
      c.push(kids);
      const total = shown(i, false);
      t.push(total);
      s.push(shown(i, true));
      w.push(v.weight[i]!);
      if (base !== undefined) b.push(base[i]!);
      if (v.weight[i] !== total) signed = true;
    },
    other: (o) => {
      m.push(f.length, o.merged);
      f.push(1);
      c.push(0);
      const total = Number(counts !== null ? meanOf(o.total, o.count) : o.total);
      t.push(total);
      s.push(total);
      w.push(o.weight);
      if (base !== undefined) b.push(o.base);
      if (o.weight !== total) signed = true;
    },
  });
  const withBase = base !== undefined ? { b } : {};
  return signed ? { f, c, t, s, w, ...withBase, m } : { f, c, t, s, ...withBase, m };
}
