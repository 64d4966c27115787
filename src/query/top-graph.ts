/**
 * The trimmed node list behind a `top` table, computed in the same order of
 * steps as pprof (graph/trim.ts): aggregate all nodes, drop those under the
 * node fraction, sort, keep the first N, then mark rows by their incoming
 * edges in the graph (ignoring edges under the edge fraction). Only the
 * edges into inlined nodes are built, by the fast kernels: no other edge
 * can change a mark.
 */

import type { Profile } from '../model/profile.js';
import type { ValueType } from '../model/types.js';
import { DEFAULT_EDGE_FRACTION, DEFAULT_NODE_COUNT, DEFAULT_NODE_FRACTION } from '../defaults.js';
import { digitsOf, nodeValues, type Walk } from './aggregate.js';
import { PassWorker, type ParallelMode } from './parallel.js';
import { edgesIntoInlined } from './edges.js';
import type { NodeInfo } from './nodes.js';
import type { QueryOptions } from './options.js';
import { prepareView, type QueryView } from './view.js';
import { checkFraction, checkNodeCount, cutoffOf, selectNodes, shownValues } from './graph/trim.js';
import { inlineMarkOf, type InlineMark } from './graph/marks.js';
import type { GraphEdge } from './graph/edges.js';

export type { InlineMark } from './graph/marks.js';

/** pprof's trimming knobs of a top table. */
export interface TopTrimOptions {
  /** Sort by cumulative instead of flat value (pprof -cum). */
  cum?: boolean;
  /** Show at most this many rows; 0 = all (pprof -nodecount). */
  nodeCount?: number;
  /** Drop nodes with |cum| below this fraction of the total (pprof -nodefraction, default 0.005). */
  nodeFraction?: number;
  /** Ignore edges below this fraction for inline marks (pprof -edgefraction, default 0.001). */
  edgeFraction?: number;
  /** Leave out nodes with a negative value (pprof -drop_negative). */
  dropNegative?: boolean;
  /** Use a second thread on big profiles ('auto', default), never ('off'), or always ('always'). */
  parallel?: ParallelMode;
}

/** Options of a top table: the query options plus pprof's trimming knobs. */
export interface TopOptions extends QueryOptions, TopTrimOptions {}

/** One node of the trimmed graph. */
export interface GraphNode {
  readonly info: NodeInfo;
  /** The row name as pprof prints it. */
  readonly name: string;
  readonly flat: bigint;
  readonly cum: bigint;
  readonly inline: InlineMark;
}

/** The nodes a top table shows, with what the header lines need. */
export interface TopGraph {
  readonly sampleIndex: number;
  readonly sampleType: ValueType;
  /** The report total (see total.ts): the 100% of percentages. */
  readonly total: bigint;
  /** Rows, sorted. */
  readonly nodes: readonly GraphNode[];
  /** Nodes left after the node-fraction cut, before -nodecount. */
  readonly origCount: number;
  /** Nodes removed by the node-fraction cut. */
  readonly droppedNodes: number;
  readonly nodeFraction: number;
  readonly activeFilters: readonly string[];
}

/** Computes the trimmed, sorted node list of a top table. Throws PprofError. */
export function topGraph(profile: Profile, options: TopOptions = {}): TopGraph {
  return topGraphOfView(prepareView(profile, options), options);
}

/** The top node list of a prepared view. Throws PprofError for bad options. */
export function topGraphOfView(view: QueryView, options: TopTrimOptions = {}): TopGraph {
  const nodeFraction = checkFraction('nodefraction', options.nodeFraction ?? DEFAULT_NODE_FRACTION);
  const edgeFraction = checkFraction('edgefraction', options.edgeFraction ?? DEFAULT_EDGE_FRACTION);
  const nodeCount = checkNodeCount(options.nodeCount ?? DEFAULT_NODE_COUNT);
  const { profile } = view;
  const helper = PassWorker.start(options.parallel ?? 'auto', profile.samples);
  const walk: Walk = { profile, view: view.filters, nodes: view.nodes, helper };
  const digits = digitsOf(profile, view.sampleIndex);
  const values = nodeValues(walk, digits);
  const shown = shownValues(view, { ...walk, helper: null }, values);
  const sel = selectNodes(view, values, {
    nodeFraction, edgeFraction, nodeCount, cum: options.cum === true, visual: false, dropNegative: options.dropNegative === true,
  }, options.cum === true ? 'cum' : 'flat', shown);

  // pprof builds its graph again from the listed nodes only when trimming removed some. Until then its
  // edges join every node of the stacks, listed or not (negative ones under -drop_negative, and those
  // whose values cancel out in a comparison), and a row's mark reads its edges from those too.
  const rebuilt = sel.droppedNodes > 0 || (nodeCount > 0 && nodeCount < sel.origCount);
  const listed = new Uint8Array(view.nodes.infos.length);
  for (const n of sel.nodes) listed[n] = 1;
  const kept = rebuilt ? listed : new Uint8Array(listed.length).fill(1);
  const edgeCutoff = cutoffOf(sel.flatSum, edgeFraction);
  const weights = digits.length === 1 ? digits[0]!.weights : profile.samples.numberColumn(view.sampleIndex).values;
  const into = new Map<number, GraphEdge[]>();
  for (const e of edgesIntoInlined(walk, weights, kept, edgeCutoff, listed)) {
    (into.get(e.dest) ?? into.set(e.dest, []).get(e.dest)!).push(e);
  }
  return {
    sampleIndex: view.sampleIndex,
    sampleType: view.sampleType,
    total: view.total,
    nodes: sel.nodes.map((n) => ({
      info: view.nodes.infos[n]!,
      name: sel.name(n),
      flat: shown.flatValue[n]!,
      cum: shown.cumValue[n]!,
      inline: inlineMarkOf(into.get(n) ?? []),
    })),
    origCount: sel.origCount,
    droppedNodes: sel.droppedNodes,
    nodeFraction,
    activeFilters: view.activeFilters,
  };
}
