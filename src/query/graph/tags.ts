/**
 * Node tags, as pprof's graph keeps them for its visual reports: per node,
 * the sample labels that reach it (all string labels of a sample joined into
 * one `key:value` tag) and the values of the numeric `bytes` label, each
 * with flat and cum weights counted like the node's own (cum once per
 * sample, flat at the innermost frame). The `pprof::base` marker of diff
 * profiles is not a tag. Weights are float64 sums: tags are drawn, not
 * totalled. With -mean, each tag also sums the sample counts (the first
 * value column) of the samples it saw, and a sample with a zero value but a
 * non-zero count still adds its tags, as pprof's graph does.
 *
 * Bounded memory: every node of a big profile can carry tens of thousands
 * of tags (one per label set and scaled `bytes` value), so tags are counted
 * only for the nodes a report may draw, only when they can reach its node
 * cut-off (a tag whose samples weigh less in total cannot reach it at any
 * node), and in batches of nodes when even those are many.
 */

import { formatScaled } from '../../report/units.js';
import { DIFF_BASE_LABEL } from '../total.js';
import type { QueryView } from '../view.js';

/** One tag of a node. */
export interface Tag {
  /** Label text ('table:filter\nworkload:sync'), or the scaled value of a numeric tag ('4MB'). */
  readonly name: string;
  /** Unit of a numeric tag, '' for label tags. */
  readonly unit: string;
  /** Value of a numeric tag, 0 for label tags. */
  readonly value: number;
  flat: number;
  cum: number;
  /** With -mean: the summed sample counts of `flat` and `cum` (0 without -mean). */
  flatDiv: number;
  cumDiv: number;
}

/** The flat weight a report draws: with -mean divided (truncating, as int64 division) by the sample count. */
export function tagFlatValue(t: Tag): number {
  return t.flatDiv === 0 ? t.flat : Math.trunc(t.flat / t.flatDiv);
}

/** The cum weight a report draws (see {@link tagFlatValue}). */
export function tagCumValue(t: Tag): number {
  return t.cumDiv === 0 ? t.cum : Math.trunc(t.cum / t.cumDiv);
}

/** The tags of one node: label tags, and numeric tags grouped by the label tag of their samples ('' = none). */
export interface NodeTags {
  readonly labels: Map<string, Tag>;
  readonly numeric: Map<string, Map<string, Tag>>;
}

/** The only numeric label pprof's graph keeps. */
const NUMERIC_KEY = 'bytes';

function addTag(m: Map<string, Tag>, name: string, unit: string, value: number, w: number, dw: number, flat: boolean): void {
  let t = m.get(name);
  if (t === undefined) m.set(name, (t = { name, unit, value, flat: 0, cum: 0, flatDiv: 0, cumDiv: 0 }));
  if (flat) { t.flat += w; t.flatDiv += dw; } else { t.cum += w; t.cumDiv += dw; }
}

/** The unit of the numeric `bytes` label: the first one given, else 'bytes'. */
function bytesUnit(view: QueryView): string {
  const s = view.profile.samples;
  const keys = s.labelKeys;
  const units = s.labelNumUnits;
  for (let k = 0; k < keys.length; k++) if (keys[k] === NUMERIC_KEY && units[k] !== '') return units[k]!;
  return NUMERIC_KEY;
}

/** Which nodes {@link nodeTags} counts tags for, and which tags it keeps. */
export interface NodeTagsOptions {
  /** Only these nodes get tags (default: every node). A visual report passes the nodes it may draw. */
  readonly nodes?: readonly number[];
  /**
   * Keep only the tags whose |flat| or |cum| reaches this weight (pprof's
   * TrimLowFrequencyTags, see {@link trimTags}); 0 (default) keeps all.
   */
  readonly cutoff?: number;
}

/**
 * The tag identity of every sample, interned: its label set (the joined
 * string labels) and the names of its numeric tags, with the summed |weight|
 * of each, an upper bound of what any one node can count for that tag.
 */
interface SampleTagKeys {
  /** Label set id per sample, -1 for samples that add no tag. */
  readonly setOf: Int32Array;
  /** Numeric tag name id per label entry, -1 for entries that are not a numeric tag. */
  readonly nameOf: Int32Array;
  readonly setNames: string[];
  readonly names: string[];
  /** Summed |weight| per label set, and per (name id * set count + set id). */
  readonly setWeight: number[];
  readonly pairWeight: Map<number, number>;
}

function sampleTagKeys(view: QueryView, unit: string, outputUnit: string, w: ArrayLike<number>, div: ArrayLike<number> | null): SampleTagKeys {
  const s = view.profile.samples;
  const keys = s.labelKeys;
  const strs = s.labelStrs;
  const nums = s.labelNums;
  const { keep } = view.filters;
  const setOf = new Int32Array(s.count).fill(-1);
  const nameOf = new Int32Array(s.labelOffsets[s.count]!).fill(-1);
  const setIds = new Map<string, number>();
  const setNames: string[] = [];
  const nameIds = new Map<string, number>();
  const names: string[] = [];
  const setWeight: number[] = [];
  for (let i = 0; i < s.count; i++) {
    const wi = w[i]!;
    const dw = div === null ? 0 : div[i]!;
    if ((wi === 0 && dw === 0) || (keep !== null && keep[i] === 0)) continue;
    const strLabels: string[] = [];
    let numeric = false;
    for (let k = s.labelOffsets[i]!; k < s.labelOffsets[i + 1]!; k++) {
      if (strs[k] !== '') {
        if (keys[k] !== DIFF_BASE_LABEL) strLabels.push(`${keys[k]}:${strs[k]}`);
      } else if (keys[k] === NUMERIC_KEY) {
        const name = formatScaled(Number(nums[k]!), unit, outputUnit);
        let id = nameIds.get(name);
        if (id === undefined) nameIds.set(name, (id = names.push(name) - 1));
        nameOf[k] = id;
        numeric = true;
      }
    }
    if (strLabels.length === 0 && !numeric) continue;
    strLabels.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const labels = strLabels.join('\\n');
    let set = setIds.get(labels);
    if (set === undefined) {
      setIds.set(labels, (set = setNames.push(labels) - 1));
      setWeight.push(0);
    }
    setOf[i] = set;
    setWeight[set]! += Math.abs(wi);
  }
  // Second step, once the number of label sets is known: the weight of each (label set, numeric name).
  const pairWeight = new Map<number, number>();
  const sets = setNames.length;
  for (let i = 0; i < s.count; i++) {
    const set = setOf[i]!;
    if (set < 0) continue;
    const wi = Math.abs(w[i]!);
    for (let k = s.labelOffsets[i]!; k < s.labelOffsets[i + 1]!; k++) {
      const name = nameOf[k]!;
      if (name < 0) continue;
      const key = name * sets + set;
      pairWeight.set(key, (pairWeight.get(key) ?? 0) + wi);
    }
  }
  return { setOf, nameOf, setNames, names, setWeight, pairWeight };
}

/** What every counting pass over the samples shares: the interned tag keys and the cut-off. */
interface TagPass {
  readonly view: QueryView;
  readonly keys: SampleTagKeys;
  readonly unit: string;
  readonly w: ArrayLike<number>;
  readonly div: ArrayLike<number> | null;
  readonly cutoff: number;
  /** Float sums of a subset in another order may round a hair above the bound: compare with some slack. */
  readonly floor: number;
  /** Label sets and (label set, numeric name) pairs that can reach the cut-off somewhere. */
  readonly keptKeys: number;
}

function tagPass(view: QueryView, outputUnit: string, cutoff: number): TagPass | null {
  const s = view.profile.samples;
  if (s.labelOffsets[s.count] === 0) return null;
  const unit = bytesUnit(view);
  const w = s.numberColumn(view.sampleIndex).values;
  const div = view.mean ? s.numberColumn(0).values : null;
  const keys = sampleTagKeys(view, unit, outputUnit, w, div);
  const floor = cutoff * (1 - 1e-9);
  let keptKeys = 0;
  for (const x of keys.setWeight) if (x >= floor) keptKeys++;
  for (const x of keys.pairWeight.values()) if (x >= floor) keptKeys++;
  return { view, keys, unit, w, div, cutoff, floor, keptKeys };
}

/**
 * Walks the samples that add a tag that can reach the cut-off: `visit(i,
 * labels, labelTag, numeric, names)` with the sample's label set, whether it
 * is a kept label tag, and its kept numeric values and their tag names.
 */
function eachTaggedSample(
  t: TagPass, visit: (i: number, labels: string, labelTag: boolean, numeric: number[], names: string[]) => void,
): void {
  const s = t.view.profile.samples;
  const { keys, floor } = t;
  const sets = keys.setNames.length;
  const nums = s.labelNums;
  const numeric: number[] = [];
  const names: string[] = [];
  for (let i = 0; i < s.count; i++) {
    const set = keys.setOf[i]!;
    if (set < 0) continue;
    const labels = keys.setNames[set]!;
    const labelTag = labels !== '' && keys.setWeight[set]! >= floor;
    numeric.length = 0;
    names.length = 0;
    for (let k = s.labelOffsets[i]!; k < s.labelOffsets[i + 1]!; k++) {
      const name = keys.nameOf[k]!;
      if (name < 0 || keys.pairWeight.get(name * sets + set)! < floor) continue;
      numeric.push(Number(nums[k]!));
      names.push(keys.names[name]!);
    }
    if (labelTag || numeric.length > 0) visit(i, labels, labelTag, numeric, names);
  }
}

/** Calls `visit(n, leaf)` once per node of sample i's stack (leaf: its innermost frame), hidden frames left out. */
function eachNodeOf(view: QueryView, i: number, seen: Int32Array, visit: (n: number) => void): number {
  const s = view.profile.samples;
  const { hidden } = view.filters;
  const { locOffsets: lo, locNodes } = view.nodes;
  let leaf = -1;
  for (let k = s.locationOffsets[i + 1]! - 1; k >= s.locationOffsets[i]!; k--) {
    const loc = s.locationIndices[k]!;
    if (hidden !== null && hidden[loc] === 1) continue;
    for (let q = lo[loc + 1]! - 1; q >= lo[loc]!; q--) {
      const n = locNodes[q]!;
      if (seen[n] !== i) {
        seen[n] = i;
        visit(n);
      }
      leaf = n;
    }
  }
  return leaf;
}

/** One counting pass: the tags of the nodes `wanted` marks (all when null). */
function countTagsOf(t: TagPass, wanted: Uint8Array | null): Map<number, NodeTags> {
  const out = new Map<number, NodeTags>();
  const { unit, w, div } = t;
  const seen = new Int32Array(t.view.nodes.infos.length).fill(-1);
  eachTaggedSample(t, (i, labels, labelTag, numeric, names) => {
    const wi = w[i]!;
    const dw = div === null ? 0 : div[i]!;
    const add = (n: number, flat: boolean): void => {
      if (wanted !== null && wanted[n] !== 1) return;
      let tags = out.get(n);
      if (tags === undefined) out.set(n, (tags = { labels: new Map(), numeric: new Map() }));
      if (labelTag) addTag(tags.labels, labels, '', 0, wi, dw, flat);
      let m = tags.numeric.get(labels);
      if (m === undefined) tags.numeric.set(labels, (m = new Map()));
      for (let j = 0; j < numeric.length; j++) addTag(m, names[j]!, unit, numeric[j]!, wi, dw, flat);
    };
    const leaf = eachNodeOf(t.view, i, seen, (n) => add(n, false));
    if (leaf >= 0) add(leaf, true);
  });
  if (t.cutoff > 0) for (const [n, tags] of out) out.set(n, trimTags(tags, t.cutoff));
  return out;
}

/**
 * Tags of the nodes with any (nodes of samples without labels have none).
 * `outputUnit` is pprof's -unit option. Memory stays bounded on big
 * profiles: a tag whose samples weigh less than the cut-off in total can
 * reach it at no node, so it is never counted per node; and only the
 * nodes asked for are counted. (With no cut-off and every node, see
 * {@link eachNodeTags}.)
 */
export function nodeTags(view: QueryView, outputUnit: string, options: NodeTagsOptions = {}): Map<number, NodeTags> {
  const t = tagPass(view, outputUnit, options.cutoff ?? 0);
  if (t === null) return new Map();
  const wanted = options.nodes === undefined ? null : new Uint8Array(view.nodes.infos.length);
  if (wanted !== null) for (const n of options.nodes!) wanted[n] = 1;
  return countTagsOf(t, wanted);
}

/** Tags {@link eachNodeTags} holds at once at most, about (plus one node's, when a node alone has more). */
export const TAG_BATCH_ENTRIES = 250_000;

/**
 * Calls `visit(n, tags)` for every node of `nodes` (tags undefined for a
 * node without any), with the tags {@link nodeTags} would give, counting
 * them in batches of nodes so that only about {@link TAG_BATCH_ENTRIES}
 * tags exist at once: without a cut-off, the tags of every node of a big
 * profile outgrow memory. One pass over the samples when the tags that can
 * reach the cut-off are few (the usual case); else one pass to bound each
 * node's tags, then one per batch. `batchEntries` sets the batch size (tests).
 */
export function eachNodeTags(
  view: QueryView, outputUnit: string, nodes: readonly number[], cutoff: number,
  visit: (n: number, tags: NodeTags | undefined) => void, batchEntries = TAG_BATCH_ENTRIES,
): void {
  const t = tagPass(view, outputUnit, cutoff);
  if (t === null) {
    for (const n of nodes) visit(n, undefined);
    return;
  }
  const size = view.nodes.infos.length;
  let bound: Float64Array | null = null;
  if (t.keptKeys * nodes.length > batchEntries) {
    // A node holds at most one tag per kept key, and at most as many as its tagged samples add.
    const b = new Float64Array(size);
    const seen = new Int32Array(size).fill(-1);
    eachTaggedSample(t, (i, _labels, labelTag, numeric) => {
      const m = (labelTag ? 1 : 0) + numeric.length;
      eachNodeOf(view, i, seen, (n) => { b[n] += m; });
    });
    bound = b;
  }
  for (let from = 0; from < nodes.length;) {
    let to = from;
    let sum = 0;
    while (to < nodes.length && (to === from || bound === null || sum + Math.min(bound[nodes[to]!]!, t.keptKeys) <= batchEntries)) {
      sum += bound === null ? 0 : Math.min(bound[nodes[to]!]!, t.keptKeys);
      to++;
    }
    const wanted = new Uint8Array(size);
    for (let q = from; q < to; q++) wanted[nodes[q]!] = 1;
    const tags = countTagsOf(t, wanted);
    for (let q = from; q < to; q++) visit(nodes[q]!, tags.get(nodes[q]!));
    from = to;
  }
}

/** Keeps the tags whose |flat| or |cum| reaches the cut-off (pprof's TrimLowFrequencyTags). */
export function trimTags(tags: NodeTags, cutoff: number): NodeTags {
  const keep = (m: Map<string, Tag>): Map<string, Tag> =>
    new Map([...m].filter(([, t]) => Math.abs(t.flat) >= cutoff || Math.abs(t.cum) >= cutoff));
  return { labels: keep(tags.labels), numeric: new Map([...tags.numeric].map(([k, m]) => [k, keep(m)])) };
}

/** Tags with a flat weight: what a node's nodelets count for against -nodecount. */
export function countTags(tags: NodeTags | undefined): number {
  if (tags === undefined) return 0;
  let c = 0;
  for (const t of tags.labels.values()) if (t.flat !== 0) c++;
  for (const m of tags.numeric.values()) for (const t of m.values()) if (t.flat !== 0) c++;
  return c;
}

/** pprof's tag order: by |cum| unless `flat`, then |flat|, then name. Sorts in place. */
export function sortTags(ts: Tag[], flat: boolean): Tag[] {
  return ts.sort((a, b) => {
    if (!flat && a.cum !== b.cum) {
      const c = Math.abs(b.cum) - Math.abs(a.cum);
      if (c !== 0) return c;
    }
    if (a.flat !== b.flat) {
      const c = Math.abs(b.flat) - Math.abs(a.flat);
      if (c !== 0) return c;
    }
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}
