/**
 * Options of the reports drawn from the trimmed graph (tree, peek, dot,
 * svg), with the same names and meanings as `top`'s, and each report's
 * defaults as `go tool pprof` sets them: top and text keep every node that
 * passes -nodefraction, graph reports keep 80, peek trims nothing.
 */

import { DEFAULT_EDGE_FRACTION, DEFAULT_NODE_FRACTION, DEFAULT_UNIT } from '../../defaults.js';
import type { QueryOptions } from '../../query/options.js';
import type { TrimOptions } from '../../query/graph/trim.js';

/** Default -nodecount of graph reports (tree, dot, svg), as pprof's. */
export const DEFAULT_GRAPH_NODE_COUNT = 80;

/** Options of a graph report. */
export interface GraphReportOptions extends QueryOptions {
  /** Sort by cumulative instead of flat value (pprof -cum). */
  cum?: boolean;
  /** Keep at most this many nodes; 0 = all (pprof -nodecount; default 80). */
  nodeCount?: number;
  /** Drop nodes with |cum| below this fraction of the total (pprof -nodefraction, default 0.005). */
  nodeFraction?: number;
  /** Drop edges with |weight| below this fraction of the total (pprof -edgefraction, default 0.001). */
  edgeFraction?: number;
  /** Leave out nodes with a negative value (pprof -drop_negative). */
  dropNegative?: boolean;
  /** Output unit: a unit name, 'auto' or 'minimum' (default, as pprof). */
  unit?: string;
  /** Show every value divided by this (pprof -divide_by; percentages are unchanged). 0 is refused. */
  divideBy?: number;
  /** Leave the profile lines (File, Type, Time, Duration) out of the header: top, tree and peek (pprof -compact_labels). */
  compactLabels?: boolean;
}

/** The trimming of a graph report from its options; `trim: false` is pprof's peek (nothing is cut). */
export function graphTrim(o: GraphReportOptions, visual: boolean, trim = true): TrimOptions {
  return {
    nodeFraction: trim ? o.nodeFraction ?? DEFAULT_NODE_FRACTION : 0,
    edgeFraction: trim ? o.edgeFraction ?? DEFAULT_EDGE_FRACTION : 0,
    nodeCount: trim ? o.nodeCount ?? DEFAULT_GRAPH_NODE_COUNT : 0,
    cum: o.cum === true,
    visual,
    dropNegative: o.dropNegative === true,
  };
}

/** The output unit option with its default. */
export function unitOption(o: GraphReportOptions): string {
  return o.unit ?? DEFAULT_UNIT;
}
