/**
 * The data embedded in a flame graph page: for every sample type of the
 * profile, the pruned call tree in both orientations, as compact parallel
 * arrays in preorder, plus the header lines and output unit `top` would use
 * for that type, so the page can switch types without being regenerated and
 * print the same totals as `top`.
 */

import type { HierarchyNode } from 'd3-hierarchy';
import type { Profile } from '../model/profile.js';
import { DEFAULT_NODE_FRACTION } from '../defaults.js';
import { buildCallTreeOfView, type CallTree, type TreeOrientation } from '../query/call-tree.js';
import type { QueryOptions } from '../query/options.js';
import { reportNodes } from '../query/graph/trim.js';
import { prepareView, withValue } from '../query/view.js';
import { reportUnit, viewHeaderLines } from '../report/common/labels.js';
import { checkMinWidth, flameGraphOfTree, type FlameFrame } from './flame-graph.js';
import { packageColor, packageOf } from './package-color.js';

/**
 * One tree in preorder: node i has frame `f[i]`, `c[i]` children (the next
 * subtrees), cumulative value `t[i]` and self value `s[i]`; `w[i]` is its
 * width (sum of |value|), present only when some value is negative (else
 * w = t). `m` lists [node, merged frame count] pairs of 'other' frames.
 */
export interface PayloadTree {
  readonly f: number[];
  readonly c: number[];
  readonly t: number[];
  readonly s: number[];
  readonly w?: number[];
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
  const frameId = (d: FlameFrame): number => {
    if (d.kind === 'root') return 0;
    if (d.kind === 'other') return 1;
    const key = `${d.name}\u0000${d.file}`;
    let id = frameIds.get(key);
    if (id === undefined) {
      id = frames.length / 3;
      frameIds.set(key, id);
      const pkg = str(packageOf(d.info?.name ?? '', d.file));
      colors[pkg] ??= packageColor(strings[pkg]!);
      frames.push(str(d.name), str(d.file), pkg);
    }
    return id;
  };

  const minWidth = checkMinWidth(options.minWidth);
  // Cut while building: a big profile's whole tree can have tens of millions of nodes.
  const trees: Record<TreeOrientation, CallTree> = {
    callees: buildCallTreeOfView(view, 'callees', { minWidth }),
    callers: buildCallTreeOfView(view, 'callers', { minWidth }),
  };
  // One view for every sample type: the filters and nodes are shared, only the value column changes.
  const types: PayloadType[] = profile.sampleTypes.map((st, i) => {
    const v = withValue(view, i);
    // The unit `top` would choose: it depends on the nodes top shows (default trimming).
    const shown = reportNodes(v, {
      nodeFraction: DEFAULT_NODE_FRACTION, edgeFraction: 0, nodeCount: 0, cum: false, visual: false, dropNegative: false,
    });
    const { outputUnit, format } = reportUnit(v, shown.nodes.map((n) => ({ flat: shown.flat[n]!, cum: shown.cum[n]! })));
    const encode = (o: TreeOrientation): PayloadTree => encodeTree(flameGraphOfTree(v, trees[o], options.minWidth).root, frameId);
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
  return { version: 1, title: options.title, strings, frames, colors, defaultType, types };
}

/** Flattens a d3 tree into preorder arrays. */
function encodeTree(root: HierarchyNode<FlameFrame>, frameId: (d: FlameFrame) => number): PayloadTree {
  const f: number[] = [];
  const c: number[] = [];
  const t: number[] = [];
  const s: number[] = [];
  const w: number[] = [];
  const m: number[] = [];
  let signed = false;
  root.eachBefore((n) => {
    const d = n.data;
    if (d.kind === 'other') m.push(f.length, d.merged);
    f.push(frameId(d));
    c.push(n.children?.length ?? 0);
    const total = Number(d.total);
    t.push(total);
    s.push(Number(d.self));
    w.push(d.weight);
    if (d.weight !== total) signed = true;
  });
  return signed ? { f, c, t, s, w, m } : { f, c, t, s, m };
}
