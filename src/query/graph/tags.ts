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

/** Tags of every node with any (nodes of samples without labels have none). `outputUnit` is pprof's -unit option. */
export function nodeTags(view: QueryView, outputUnit: string): Map<number, NodeTags> {
  const out = new Map<number, NodeTags>();
  const s = view.profile.samples;
  if (s.labelOffsets[s.count] === 0) return out;
  const keys = s.labelKeys;
  const strs = s.labelStrs;
  const nums = s.labelNums;
  const unit = bytesUnit(view);
  const w = s.numberColumn(view.sampleIndex).values;
  const div = view.mean ? s.numberColumn(0).values : null;
  const { keep, hidden } = view.filters;
  const { locOffsets: lo, locNodes } = view.nodes;
  const seen = new Int32Array(view.nodes.infos.length).fill(-1);
  const tagsOf = (n: number): NodeTags => {
    let t = out.get(n);
    if (t === undefined) out.set(n, (t = { labels: new Map(), numeric: new Map() }));
    return t;
  };
  const add = (n: number, labels: string, numeric: readonly number[], wi: number, dw: number, flat: boolean): void => {
    const t = tagsOf(n);
    if (labels !== '') addTag(t.labels, labels, '', 0, wi, dw, flat);
    let m = t.numeric.get(labels);
    if (m === undefined) t.numeric.set(labels, (m = new Map()));
    for (const v of numeric) addTag(m, formatScaled(v, unit, outputUnit), unit, v, wi, dw, flat);
  };
  for (let i = 0; i < s.count; i++) {
    const wi = w[i]!;
    const dw = div === null ? 0 : div[i]!;
    if ((wi === 0 && dw === 0) || (keep !== null && keep[i] === 0)) continue;
    const strLabels: string[] = [];
    const numeric: number[] = [];
    for (let k = s.labelOffsets[i]!; k < s.labelOffsets[i + 1]!; k++) {
      if (strs[k] !== '') {
        if (keys[k] !== DIFF_BASE_LABEL) strLabels.push(`${keys[k]}:${strs[k]}`);
      } else if (keys[k] === NUMERIC_KEY) {
        numeric.push(Number(nums[k]!));
      }
    }
    if (strLabels.length === 0 && numeric.length === 0) continue;
    strLabels.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const labels = strLabels.join('\\n');
    let leaf = -1;
    for (let k = s.locationOffsets[i + 1]! - 1; k >= s.locationOffsets[i]!; k--) {
      const loc = s.locationIndices[k]!;
      if (hidden !== null && hidden[loc] === 1) continue;
      for (let q = lo[loc + 1]! - 1; q >= lo[loc]!; q--) {
        const n = locNodes[q]!;
        if (seen[n] !== i) {
          seen[n] = i;
          add(n, labels, numeric, wi, dw, false);
        }
        leaf = n;
      }
    }
    if (leaf >= 0) add(leaf, labels, numeric, wi, dw, true);
  }
  return out;
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
