/**
 * The trimmed node list behind a `top` table, computed in the same order of
 * steps as pprof: aggregate all nodes, drop those under the node fraction,
 * sort, keep the first N, then mark rows reached through inline edges
 * (ignoring edges under the edge fraction).
 */

import type { Profile } from '../model/profile.js';
import type { ValueType } from '../model/types.js';
import { DEFAULT_EDGE_FRACTION, DEFAULT_GRANULARITY, DEFAULT_NODE_COUNT, DEFAULT_NODE_FRACTION } from '../defaults.js';
import { PprofError } from '../errors.js';
import { digitsOf, nodeValues, type Walk } from './aggregate.js';
import { reportTotal } from '../transform/total.js';
import { PassWorker, type ParallelMode } from './parallel.js';
import { inlineMarks } from './edges.js';
import { applyFilters } from './filter.js';
import { applyProfileFilters } from '../transform/apply.js';
import { buildNodes, infoSortKey, printableName, type NodeInfo } from './nodes.js';
import type { Granularity, QueryOptions } from './options.js';
import { resolveSampleIndex } from './sample-index.js';
import { compareGoStrings } from './strings.js';

/** Options of a top table: the query options plus pprof's trimming knobs. */
export interface TopOptions extends QueryOptions {
  /** Sort by cumulative instead of flat value (pprof -cum). */
  cum?: boolean;
  /** Show at most this many rows; 0 = all (pprof -nodecount). */
  nodeCount?: number;
  /** Drop nodes with |cum| below this fraction of the total (pprof -nodefraction, default 0.005). */
  nodeFraction?: number;
  /** Ignore edges below this fraction for inline marks (pprof -edgefraction, default 0.001). */
  edgeFraction?: number;
  /** Use a second thread on big profiles ('auto', default), never ('off'), or always ('always'). */
  parallel?: ParallelMode;
}

/** How a row was reached: only through inlining, both ways, or only by calls. */
export type InlineMark = 'inline' | 'partial-inline' | '';

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
  /** Sum of |value| over all samples (before filters): the 100% of percentages. */
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

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

function checkFraction(name: string, v: number): number {
  if (!Number.isFinite(v) || v < 0) throw new PprofError('bad-option', `${name} must be a non-negative number, got ${v}`);
  return v;
}

/** Computes the trimmed, sorted node list of a top table. Throws PprofError. */
export function topGraph(profile: Profile, options: TopOptions = {}): TopGraph {
  // Label filters, show_from, prune_from: a new profile (a no-op when the CLI already applied them).
  ({ profile, options } = applyProfileFilters(profile, options));
  const sampleIndex = resolveSampleIndex(profile, options.sampleIndex);
  const granularity: Granularity = options.granularity ?? DEFAULT_GRANULARITY;
  const nodeFraction = checkFraction('nodefraction', options.nodeFraction ?? DEFAULT_NODE_FRACTION);
  const edgeFraction = checkFraction('edgefraction', options.edgeFraction ?? DEFAULT_EDGE_FRACTION);
  const nodeCount = options.nodeCount ?? DEFAULT_NODE_COUNT;
  if (!Number.isInteger(nodeCount) || nodeCount < 0) {
    throw new PprofError('bad-option', `nodecount must be a non-negative integer, got ${nodeCount}`);
  }

  const view = applyFilters(profile, options);
  const nodes = buildNodes(profile, view, granularity, options.noInlines === true);
  const helper = PassWorker.start(options.parallel ?? 'auto', profile.samples.locationIndices);
  return trimmedGraph({ profile, view, nodes, helper }, sampleIndex, nodeFraction, edgeFraction, nodeCount, options.cum === true);
}

function trimmedGraph(
  walk: Walk, sampleIndex: number, nodeFraction: number, edgeFraction: number, nodeCount: number, cumSort: boolean,
): TopGraph {
  const { profile, view, nodes } = walk;
  const digits = digitsOf(profile, sampleIndex);
  const { flat, cum } = nodeValues(walk, digits);
  const total = reportTotal(profile, sampleIndex); // honours -diff_base (pprof::base samples)

  let present: number[] = [];
  let flatSum = 0n; // of the untrimmed graph
  for (let n = 0; n < nodes.infos.length; n++) {
    if (flat[n] !== 0n || cum[n] !== 0n) {
      present.push(n);
      flatSum += flat[n]!;
    }
  }
  // pprof cuts against the (signed) sum of flat values, truncated to an integer.
  const nodeCutoff = abs(BigInt(Math.trunc(Number(flatSum) * nodeFraction)));
  let droppedNodes = 0;
  if (nodeCutoff > 0n) {
    const kept = present.filter((n) => abs(cum[n]!) >= nodeCutoff);
    droppedNodes = present.length - kept.length;
    present = kept;
  }
  const origCount = present.length;

  const names = new Map<number, string>();
  for (const n of present) names.set(n, printableName(nodes.infos[n]!));
  const byName = (a: number, b: number): number => compareGoStrings(names.get(a)!, names.get(b)!);
  const byAbs = (x: readonly bigint[]) => (a: number, b: number): number => {
    const va = abs(x[a]!);
    const vb = abs(x[b]!);
    return va === vb ? 0 : va > vb ? -1 : 1;
  };
  const [primary, secondary] = cumSort ? [byAbs(cum), byAbs(flat)] : [byAbs(flat), byAbs(cum)];
  present.sort((a, b) => primary(a, b) || byName(a, b) || secondary(a, b) ||
    compareGoStrings(infoSortKey(nodes.infos[a]!), infoSortKey(nodes.infos[b]!)));
  if (nodeCount > 0 && nodeCount < present.length) present = present.slice(0, nodeCount);

  const keptMask = new Uint8Array(nodes.infos.length);
  for (const n of present) keptMask[n] = 1;
  // Like the node cut, the edge cut is taken against the signed flat sum of the untrimmed graph.
  const edgeCutoff = Math.abs(Math.trunc(Number(flatSum) * edgeFraction));
  const marks = inlineMarks(walk, digits.length === 1 ? digits[0]!.weights : profile.samples.numberColumn(sampleIndex).values,
    keptMask, edgeCutoff);

  return {
    sampleIndex,
    sampleType: profile.sampleTypes[sampleIndex]!,
    total,
    nodes: present.map((n) => ({
      info: nodes.infos[n]!,
      name: names.get(n)!,
      flat: flat[n]!,
      cum: cum[n]!,
      inline: marks.hasInlineEdge[n] === 1 ? (marks.hasCallEdge[n] === 1 ? 'partial-inline' : 'inline') : '',
    })),
    origCount,
    droppedNodes,
    nodeFraction,
    activeFilters: view.activeFilters,
  };
}
