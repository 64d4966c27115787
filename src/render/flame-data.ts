/**
 * The data embedded in a flame graph page: for every sample type of the
 * profile, the pruned call tree in both orientations, as compact parallel
 * arrays in preorder, plus the header lines and output unit `top` would use
 * for that type, so the page can switch types without being regenerated and
 * print the same totals as `top`.
 */

import type { Profile } from '../model/profile.js';
import { PprofError } from '../errors.js';
import { callTreeBuilder, type CallTree, type TreeOrientation } from '../query/call-tree.js';
import type { QueryOptions } from '../query/options.js';
import type { ParallelMode } from '../query/parallel.js';
import { prepareView, withValue } from '../query/view.js';
import type { NodeInfo } from '../query/nodes.js';
import { viewHeaderLines } from '../report/common/labels.js';
import { unitsOfEveryType, type PageWork } from './flame-units.js';
import { checkMinWidth, flameFramesOfTree, type FlameFrame } from './flame-graph.js';
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
  // Every tree node of a report node carries the same NodeInfo object: one lookup by that object
  // per tree node, the string key only once per report node (a page can have 10^5-10^6 tree nodes).
  const frameOfInfo = new Map<NodeInfo, number>();
  const colors: Record<number, string> = {};
  const frameId = (d: FlameFrame): number => {
    if (d.kind === 'root') return 0;
    if (d.kind === 'other') return 1;
    const known = d.info === null ? undefined : frameOfInfo.get(d.info);
    if (known !== undefined) return known;
    const key = `${d.name}\u0000${d.file}`;
    let id = frameIds.get(key);
    if (id === undefined) {
      id = frames.length / 3;
      frameIds.set(key, id);
      const pkg = str(packageOf(d.info?.name ?? '', d.file));
      colors[pkg] ??= packageColor(strings[pkg]!);
      frames.push(str(d.name), str(d.file), pkg);
    }
    if (d.info !== null) frameOfInfo.set(d.info, id);
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
  const treeWork = (o: TreeOrientation): PageWork => ({
    job: () => ({ kind: 'tree', input: build.input, orientation: o }),
    here: () => { built[o] = build.tree(o); },
    take: (r) => {
      if (r.kind !== 'tree') throw new Error('helper thread answered the wrong job');
      built[o] = build.ofSplit(o, r.tree);
    },
  });
  const units = unitsOfEveryType(view, [treeWork('callees'), treeWork('callers')], options.parallel ?? 'auto');
  const trees: Record<TreeOrientation, CallTree> = { callees: built.callees!, callers: built.callers! };
  const baseMask = view.baseMask;
  // One view for every sample type: the filters and nodes are shared, only the value column changes.
  const types: PayloadType[] = view.profile.sampleTypes.map((st, i) => {
    const v = withValue(view, i);
    const { outputUnit, format } = units[i]!;
    const encode = (o: TreeOrientation): PayloadTree => encodeTree(flameFramesOfTree(
      v, trees[o], options.minWidth, baseMask === null ? undefined : baseValues(v.profile, trees[o], i, baseMask)), frameId,
    view.mean);
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

/** Flattens a flame tree (its root frame) into preorder arrays. */
function encodeTree(root: FlameFrame, frameId: (d: FlameFrame) => number, mean: boolean): PayloadTree {
  const f: number[] = [];
  const c: number[] = [];
  const t: number[] = [];
  const s: number[] = [];
  const w: number[] = [];
  const m: number[] = [];
  const b: number[] = [];
  // With --mean the shown values are means, never the widths: the widths always go along.
  let signed = mean;
  // Preorder without recursion (stacks can be very deep): children pushed last first.
  const stack: FlameFrame[] = [root];
  while (stack.length > 0) {
    const d = stack.pop()!;
    const kids = d.children;
    if (kids !== undefined) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    if (d.kind === 'other') m.push(f.length, d.merged);
    f.push(frameId(d));
    c.push(kids?.length ?? 0);
    const total = Number(d.total);
    t.push(total);
    s.push(Number(d.self));
    w.push(d.weight);
    if (d.base !== undefined) b.push(d.base);
    if (d.weight !== total) signed = true;
  }
  const withBase = b.length === f.length ? { b } : {};
  return signed ? { f, c, t, s, w, ...withBase, m } : { f, c, t, s, ...withBase, m };
}
