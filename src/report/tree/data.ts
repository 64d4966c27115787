/**
 * The `tree` report as data (`go tool pprof -tree`): every node of the
 * trimmed graph with its callers above and its callees below, each edge's
 * weight and its share of the node's cum. `peek` is the same report, not
 * trimmed, restricted to the nodes whose name matches a regex.
 */

import type { Profile } from '../../model/profile.js';
import { PprofError } from '../../errors.js';
import { buildGraph, type Graph } from '../../query/graph/trim.js';
import type { GraphEdge } from '../../query/graph/edges.js';
import { compileRegex } from '../../query/regex.js';
import { prepareView, type QueryView } from '../../query/view.js';
import { reportLabels, reportUnit } from '../common/labels.js';
import { graphTrim, unitOption, type GraphReportOptions } from '../common/graph-options.js';
import { divideByRatio, formatPercent } from '../units.js';

/** One caller or callee line of a tree entry. */
export interface TreeEdgeRow {
  /** The other end's name. */
  readonly name: string;
  /** Edge weight in the sample unit, exact. */
  readonly weight: bigint;
  readonly weightText: string;
  /** Share of the entry's cum, as pprof prints it. */
  readonly percent: string;
  /** True when every call along the edge was inlined. */
  readonly inline: boolean;
}

/** One node of the tree report. */
export interface TreeEntry {
  readonly name: string;
  readonly flat: bigint;
  readonly cum: bigint;
  /** Running sum of flat over the entries shown, exact. */
  readonly sum: bigint;
  readonly flatText: string;
  readonly flatPercent: string;
  readonly sumPercent: string;
  readonly cumText: string;
  readonly cumPercent: string;
  /** Callers, heaviest first. */
  readonly callers: readonly TreeEdgeRow[];
  /** Callees, heaviest first. */
  readonly callees: readonly TreeEdgeRow[];
}

/** A whole tree (or peek) report. */
export interface TreeReport {
  readonly header: readonly string[];
  readonly sampleType: string;
  readonly sampleUnit: string;
  readonly outputUnit: string;
  /** The report total (query/total.ts), exact. */
  readonly total: bigint;
  readonly entries: readonly TreeEntry[];
}

/** Builds the tree report of a profile. Throws PprofError for bad options. */
export function treeReport(profile: Profile, options: GraphReportOptions = {}): TreeReport {
  return treeReportOfView(prepareView(profile, options), options);
}

/**
 * Builds the peek report: callers and callees of the nodes whose name matches
 * `regex`, on the untrimmed graph. Throws PprofError 'bad-option' for a bad
 * regex, and also when no node matches.
 */
export function peekReport(profile: Profile, regex: string, options: GraphReportOptions = {}): TreeReport {
  return peekReportOfView(prepareView(profile, options), regex, options);
}

/** {@link treeReport} of a prepared view. */
export function treeReportOfView(view: QueryView, options: GraphReportOptions = {}): TreeReport {
  divideByRatio(options.divideBy); // a bad divisor is refused before any work, as in pprof
  return fromGraph(view, buildGraph(view, graphTrim(options, false)), options, null);
}

/** {@link peekReport} of a prepared view. */
export function peekReportOfView(view: QueryView, regex: string, options: GraphReportOptions = {}): TreeReport {
  const re = compileRegex(regex, 'argument');
  divideByRatio(options.divideBy); // a bad divisor is refused before any work, as in pprof
  // Only the matching nodes' edges are printed: the graph records no other.
  const report = fromGraph(view, buildGraph(view, graphTrim(options, false, false), undefined, (name) => re.test(name)), options, re);
  if (report.entries.length === 0) throw new PprofError('bad-option', `no matches found for regexp: ${regex}`);
  return report;
}

function fromGraph(view: QueryView, g: Graph, options: GraphReportOptions, symbol: RegExp | null): TreeReport {
  const { outputUnit, format } = reportUnit(view, g.nodes.map((n) => ({ flat: g.flatValue[n]!, cum: g.cumValue[n]! })),
    unitOption(options), divideByRatio(options.divideBy));
  const total = Number(view.total);
  const shown = symbol === null ? g.nodes : g.nodes.filter((n) => symbol.test(g.name(n)));
  let sum = 0n;
  const entries = shown.map((n): TreeEntry => {
    const flat = g.flatValue[n]!;
    const cum = g.cumValue[n]!;
    sum += flat;
    const row = (e: GraphEdge, other: number): TreeEdgeRow => {
      // pprof prints the edge sums here even with -mean (only its graph drawing divides them).
      const w = e.weight;
      return { name: g.name(other), weight: w, weightText: format(Number(w)), percent: formatPercent(Number(w), Number(cum)), inline: e.inline };
    };
    return {
      name: g.name(n), flat, cum, sum,
      flatText: format(Number(flat)), flatPercent: formatPercent(Number(flat), total),
      sumPercent: formatPercent(Number(sum), total),
      cumText: format(Number(cum)), cumPercent: formatPercent(Number(cum), total),
      callers: g.inOf(n).map((e) => row(e, e.src)),
      callees: g.outOf(n).map((e) => row(e, e.dest)),
    };
  });
  // pprof's Showing line sums the whole trimmed graph; peek trims nothing, so its graph is every node.
  const header = reportLabels(view, {
    flats: g.nodes.map((n) => g.flatValue[n]!), origCount: g.origCount, droppedNodes: g.droppedNodes, droppedEdges: 0,
    nodeFraction: graphTrim(options, false, symbol === null).nodeFraction, edgeFraction: 0,
  }, format, options.compactLabels === true);
  return {
    header, sampleType: view.sampleType.type, sampleUnit: view.sampleType.unit, outputUnit, total: view.total, entries,
  };
}
