/**
 * The call graph as data, the way `go tool pprof -dot` draws it: the
 * trimmed graph of a visual report (entropy order, redundant residual edges
 * removed), each node with its label, font size and colours, each edge with
 * its weight, thickness and style, and the legend. Text: ./text.ts.
 * Nodes with sample labels get pprof's nodelets: up to four boxes for the
 * label tags and up to four for the values of the numeric `bytes` label
 * (bucketed into ranges when there are more), see ./nodelets.ts; their tags
 * are counted only for the nodes that may be drawn (query/graph/tags.ts).
 */

import type { Profile } from '../../model/profile.js';
import { buildGraph, cutoffOf } from '../../query/graph/trim.js';
import { countTags, eachNodeTags, TAG_BATCH_ENTRIES, type NodeTags } from '../../query/graph/tags.js';
import { nodeletLines } from './nodelets.js';
import { sortEdges } from '../../query/graph/order.js';
import type { GraphEdge } from '../../query/graph/edges.js';
import { prepareView, type QueryView } from '../../query/view.js';
import { reportLabels, reportUnit } from '../common/labels.js';
import { graphTrim, unitOption, type GraphReportOptions } from '../common/graph-options.js';
import { divideByRatio, formatPercent } from '../units.js';
import { dotColor } from './color.js';
import { escapeForDot, multilinePrintableName } from './names.js';

/** One node box. */
export interface DotNode {
  /** 1-based id, in the graph's order (N1, N2, ...). */
  readonly id: number;
  readonly name: string;
  /** Flat and cum as drawn: the sums, or with --mean the means. */
  readonly flat: bigint;
  readonly cum: bigint;
  /** DOT label text (already escaped). */
  readonly label: string;
  readonly fontSize: number;
  /** Tooltip text (already escaped). */
  readonly tooltip: string;
  readonly color: string;
  readonly fillColor: string;
  /** DOT lines of the node's tag boxes and their arrows (empty when it has none). */
  readonly nodelets: readonly string[];
}

/** One edge arrow. */
export interface DotEdge {
  readonly from: number;
  readonly to: number;
  /** Weight as drawn: the sum, or with --mean the mean. */
  readonly weight: bigint;
  readonly inline: boolean;
  readonly residual: boolean;
  /** DOT attributes, in pprof's order, already formatted. */
  readonly attrs: string;
}

/** The whole graph. */
export interface DotGraph {
  readonly title: string;
  /** Legend lines (profile lines, filters, Showing / Dropped lines, the how-to-read line). */
  readonly legend: readonly string[];
  readonly sampleType: string;
  readonly sampleUnit: string;
  readonly outputUnit: string;
  readonly total: bigint;
  readonly nodes: readonly DotNode[];
  readonly edges: readonly DotEdge[];
}

/** The line pprof ends a graph legend with. */
export const DOT_HELP_LINE = '\nSee https://git.io/JfYMW for how to read the graph';

/** Builds the DOT graph of a profile. Throws PprofError for bad options. */
export function dotGraph(profile: Profile, options: GraphReportOptions = {}): DotGraph {
  return dotGraphOfView(prepareView(profile, options), options);
}

function baseName(p: string): string {
  const parts = p.split('/').filter((s) => s !== '');
  return parts.length === 0 ? (p.startsWith('/') ? '/' : '.') : parts[parts.length - 1]!;
}

/** {@link dotGraph} of a prepared view. */
export function dotGraphOfView(view: QueryView, options: GraphReportOptions = {}): DotGraph {
  // -divide_by shows in every value drawn; -compact_labels does not apply (pprof's graphs keep the full legend).
  const ratio = divideByRatio(options.divideBy);
  const trim = graphTrim(options, true);
  // Tags are counted only for the nodes that may be drawn, and only those that reach the node cut-off
  // (the only ones drawn or counted against -nodecount), in batches of nodes: the tags of every node
  // of a big profile outgrow memory. The candidates' tags are kept for drawing when they are few.
  const unit = unitOption(options);
  let kept: Map<number, NodeTags> | null = null;
  const g = buildGraph(view, trim, (candidates, cutoff) => {
    const counts = new Map<number, number>();
    let cache: Map<number, NodeTags> | null = new Map();
    let entries = 0;
    eachNodeTags(view, unit, candidates, Number(cutoff), (n, t) => {
      counts.set(n, countTags(t));
      if (cache === null || t === undefined) return;
      entries += tagEntries(t);
      if (entries > TAG_BATCH_ENTRIES) cache = null;
      else cache.set(n, t);
    });
    kept = cache;
    return (n) => counts.get(n) ?? 0;
  });
  const nodeCutoff = Number(cutoffOf(g.flatSum, trim.nodeFraction));
  // With --mean, what is drawn (node and edge labels, sizes, colours, tag boxes) is the mean; what is
  // trimmed and ordered (cut-offs, entropy, edge order, tag order) stays the sums, as in pprof.
  const { outputUnit, format } = reportUnit(view, g.nodes.map((n) => ({ flat: g.flatValue[n]!, cum: g.cumValue[n]! })),
    unitOption(options), ratio);
  const legend = reportLabels(view, {
    flats: g.nodes.map((n) => g.flatValue[n]!), origCount: g.origCount, droppedNodes: g.droppedNodes,
    droppedEdges: g.droppedEdges, nodeFraction: trim.nodeFraction, edgeFraction: trim.edgeFraction,
  }, format);
  legend.push(DOT_HELP_LINE);
  const m0 = view.profile.mappings[0];
  const title = m0 !== undefined && m0.filename !== '' ? baseName(m0.filename) : '';
  const total = view.total;
  const totalAbs = Math.abs(Number(total));

  const ids = new Map<number, number>();
  g.nodes.forEach((n, i) => ids.set(n, i + 1));
  let maxFlat = 0;
  for (const n of g.nodes) maxFlat = Math.max(maxFlat, Math.abs(Number(g.flatValue[n]!)));

  // Without -nodecount every listed node is drawn; with it, the drawn nodes are among the candidates.
  const nodelets = new Map<number, string[]>();
  const boxes = (n: number, t: NodeTags | undefined): void => {
    if (t !== undefined) nodelets.set(n, nodeletLines(t, ids.get(n)!, g.outOf(n).length > 0, format));
  };
  const cached = kept as Map<number, NodeTags> | null;
  if (cached !== null) for (const n of g.nodes) boxes(n, cached.get(n));
  else eachNodeTags(view, unit, g.nodes, nodeCutoff, boxes);

  const nodes = g.nodes.map((n, i): DotNode => {
    const flat = g.flatValue[n]!;
    const cum = g.cumValue[n]!;
    let label = multilinePrintableName(g.infos[n]!);
    const flatValue = format(Number(flat));
    label += flat !== 0n ? `${flatValue} (${formatPercent(Number(flat), Number(total)).trim()})` : '0';
    let cumValue = flatValue;
    if (cum !== flat) {
      label += flat !== 0n ? '\\n' : ' ';
      cumValue = format(Number(cum));
      label += `of ${cumValue} (${formatPercent(Number(cum), Number(total)).trim()})`;
    }
    // Font sizes from 8 to 24 by the square root of the flat share of the largest flat.
    const absFlat = Math.abs(Number(flat));
    let fontSize = 8;
    if (maxFlat !== 0 && flat !== 0n && absFlat <= maxFlat) fontSize += Math.ceil(16 * Math.sqrt(absFlat / maxFlat));
    const score = Number(cum) / totalAbs;
    return {
      id: i + 1, name: g.name(n), flat, cum, label, fontSize,
      tooltip: `${escapeForDot(g.name(n))} (${cumValue})`, color: dotColor(score, false), fillColor: dotColor(score, true),
      nodelets: nodelets.get(n) ?? [],
    };
  });

  const all: GraphEdge[] = [];
  for (const n of g.nodes) all.push(...g.outOf(n));
  const edges = sortEdges(all, g.name).map((e): DotEdge => {
    const value = e.value ?? e.weight;
    const w = format(Number(value));
    let attrs = `label=" ${w}${e.inline ? '\\n (inline)' : ''}"`;
    if (total !== 0n) {
      const weight = 1 + Number(min(absBig((value * 100n) / total), 100n));
      if (weight > 1) attrs += ` weight=${weight}`;
      const width = 1 + Number(min(absBig((value * 5n) / total), 5n));
      if (width > 1) attrs += ` penwidth=${width}`;
      attrs += ` color="${dotColor(Number(value) / totalAbs, false)}"`;
    }
    const tooltip = `"${escapeForDot(g.name(e.src))} ${e.residual ? '...' : '->'} ${escapeForDot(g.name(e.dest))} (${w})"`;
    attrs += ` tooltip=${tooltip} labeltooltip=${tooltip}`;
    if (e.residual) attrs += ' style="dotted"';
    // Children of a node with tag boxes sit further away.
    if ((nodes[(ids.get(e.src) ?? 0) - 1]?.nodelets.length ?? 0) > 0) attrs += ' minlen=2';
    // An edge into a node the graph does not list (pprof -drop_negative) points at N0, as in pprof.
    return { from: ids.get(e.src) ?? 0, to: ids.get(e.dest) ?? 0, weight: value, inline: e.inline, residual: e.residual, attrs };
  });
  return {
    title, legend, sampleType: view.sampleType.type, sampleUnit: view.sampleType.unit, outputUnit, total, nodes, edges,
  };
}

/** How many tags a node holds. */
function tagEntries(t: NodeTags): number {
  let c = t.labels.size;
  for (const m of t.numeric.values()) c += m.size;
  return c;
}

function absBig(v: bigint): bigint {
  return v < 0n ? -v : v;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
