/**
 * pprof's nodelets: the small boxes under a DOT node for its tags. A node
 * with callees shows flat tag weights, a leaf its cum weights; at most four
 * label tags, each followed by the numeric tags of its samples, then the
 * numeric tags of unlabelled samples; more than four numeric values are
 * bucketed around the four heaviest into `min..max` ranges. With --mean the
 * boxes draw mean weights (a bucket divides its summed weights by its summed
 * sample counts); tags are chosen and ordered by their sums, buckets by their
 * means, as in pprof.
 */

import { MAX_NODELETS } from '../../query/graph/trim.js';
import { sortTags, tagCumValue, tagFlatValue, type NodeTags, type Tag } from '../../query/graph/tags.js';
import { formatLabel, scaleValue, type ValueFormatter } from '../units.js';

function scaled(t: Tag, unit: string): number {
  return scaleValue(t.value, t.unit, unit).value;
}

function distance(t: Tag, seed: Tag): number {
  return Math.abs(scaled(seed, t.unit) - t.value);
}

/** Groups numeric tags into at most `count` buckets (pprof's collapsedTags). */
function collapsed(ts: Tag[], count: number, flat: boolean): Tag[] {
  sortTags(ts, flat);
  if (ts.length <= count) return ts;
  const groups: Tag[][] = ts.slice(0, count).map((t) => [t]);
  for (const t of ts.slice(count)) {
    let g = 0;
    let d = distance(t, groups[0]![0]!);
    for (let i = 1; i < count; i++) {
      const nd = distance(t, groups[i]![0]!);
      if (nd < d) { g = i; d = nd; }
    }
    groups[g]!.push(t);
  }
  const out = groups.map((g): Tag => {
    if (g.length === 1) {
      const t = g[0]!;
      // A bucket carries the weights it draws (means under -mean), and is ordered by them below.
      return { name: formatLabel(t.value, t.unit), unit: t.unit, value: t.value, flat: tagFlatValue(t), cum: tagCumValue(t), flatDiv: 0, cumDiv: 0 };
    }
    let min = g[0]!;
    let max = g[0]!;
    let f = min.flat;
    let c = min.cum;
    let df = min.flatDiv;
    let dc = min.cumDiv;
    for (const t of g.slice(1)) {
      if (Math.trunc(scaled(t, min.unit)) < min.value) min = t;
      if (Math.trunc(scaled(t, max.unit)) > max.value) max = t;
      f += t.flat;
      c += t.cum;
      df += t.flatDiv;
      dc += t.cumDiv;
    }
    const name = `${formatLabel(min.value, min.unit)}..${formatLabel(max.value, max.unit)}`;
    return { name, unit: '', value: 0, flat: df === 0 ? f : Math.trunc(f / df), cum: dc === 0 ? c : Math.trunc(c / dc), flatDiv: 0, cumDiv: 0 };
  });
  return sortTags(out, flat);
}

function numericLines(nts: Tag[], flat: boolean, source: string, format: ValueFormatter): string[] {
  const lines: string[] = [];
  collapsed(nts, MAX_NODELETS, flat).forEach((t, j) => {
    let w = tagCumValue(t);
    let attr = ' style="dotted"';
    if (flat || tagFlatValue(t) === w) { w = tagFlatValue(t); attr = ''; }
    if (w === 0) return;
    const weight = format(w);
    lines.push(`N${source}_${j} [label = "${t.name}" id="N${source}_${j}" fontsize=8 shape=box3d tooltip="${weight}"]`);
    lines.push(`${source} -> N${source}_${j} [label=" ${weight}" weight=100 tooltip="${weight}" labeltooltip="${weight}"${attr}]`);
  });
  return lines;
}

/** The DOT lines of node `id`'s nodelets; `hasCallees` selects flat weights. */
export function nodeletLines(tags: NodeTags, id: number, hasCallees: boolean, format: ValueFormatter): string[] {
  const lines: string[] = [];
  const labelTags = sortTags([...tags.labels.values()], hasCallees).slice(0, MAX_NODELETS);
  labelTags.forEach((t, i) => {
    const w = hasCallees ? tagFlatValue(t) : tagCumValue(t);
    if (w === 0) return;
    const weight = format(w);
    lines.push(`N${id}_${i} [label = "${t.name}" id="N${id}_${i}" fontsize=8 shape=box3d tooltip="${weight}"]`);
    lines.push(`N${id} -> N${id}_${i} [label=" ${weight}" weight=100 tooltip="${weight}" labeltooltip="${weight}"]`);
    const nts = tags.numeric.get(t.name);
    if (nts !== undefined && nts.size > 0) lines.push(...numericLines([...nts.values()], hasCallees, `N${id}_${i}`, format));
  });
  const plain = tags.numeric.get('');
  if (plain !== undefined && plain.size > 0) lines.push(...numericLines([...plain.values()], hasCallees, `N${id}`, format));
  return lines;
}
