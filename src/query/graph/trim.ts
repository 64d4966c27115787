/**
 * The trimmed graph of a report, in pprof's order of steps: aggregate every
 * node, drop nodes whose |cum| is under the node fraction of the (signed)
 * flat sum, sort, keep the first -nodecount nodes, rebuild the edges between
 * the kept nodes, drop edges under the edge fraction and, for visual reports,
 * residual edges whose ends stay connected another way. Node values do not
 * change when other nodes are trimmed (a node counts once per sample, and
 * flat goes to the innermost frame), so they are computed once.
 */

import { PprofError } from '../../errors.js';
import { digitsOf, nodeValues, type Walk } from '../aggregate.js';
import { printableName } from '../nodes.js';
import type { QueryView } from '../view.js';
import { buildEdges, type GraphEdge } from './edges.js';
import { absBig, entropyScore, sortEdges, sortNodes, type NodeOrder, type OrderInput } from './order.js';

/** pprof's trimming knobs. */
export interface TrimOptions {
  /** Drop nodes with |cum| below this fraction of the flat sum (pprof -nodefraction). */
  readonly nodeFraction: number;
  /** Drop edges with |weight| below this fraction of the flat sum (pprof -edgefraction). */
  readonly edgeFraction: number;
  /** Keep at most this many nodes; 0 = all (pprof -nodecount). */
  readonly nodeCount: number;
  /** Sort by cum instead of flat. */
  readonly cum: boolean;
  /** Visual report (dot/svg): entropy order and redundant residual edges removed. */
  readonly visual: boolean;
  /** Leave out nodes with a negative value (pprof -drop_negative). */
  readonly dropNegative: boolean;
}

/** Node values as reports print them: the sums, or with -mean the sums divided by the sample counts. */
export interface ShownValues {
  readonly flatValue: readonly bigint[];
  readonly cumValue: readonly bigint[];
}

/**
 * The printed values of nodes: with -mean, each sum divided (truncating, as
 * pprof's int64 division) by the sum of the first value column over the same
 * samples; otherwise the sums themselves.
 */
export function shownValues(view: QueryView, walk: Walk, values: { flat: readonly bigint[]; cum: readonly bigint[] }): ShownValues {
  if (!view.mean) return { flatValue: values.flat, cumValue: values.cum };
  const div = nodeValues(walk, digitsOf(view.profile, 0));
  const q = (v: bigint, d: bigint): bigint => (d !== 0n ? v / d : v);
  return {
    flatValue: values.flat.map((v, n) => q(v, div.flat[n]!)),
    cumValue: values.cum.map((v, n) => q(v, div.cum[n]!)),
  };
}

/** The nodes a report keeps, before any edge is built. */
export interface NodeSelection extends OrderInput, ShownValues {
  /** Kept node ids, in report order. */
  readonly nodes: number[];
  /** Nodes left after the node-fraction cut, before -nodecount. */
  readonly origCount: number;
  /** Nodes removed by the node-fraction cut. */
  readonly droppedNodes: number;
  /** The signed flat sum of the untrimmed graph: what the cut-offs are fractions of. */
  readonly flatSum: bigint;
}

/** A trimmed graph: nodes in report order and the edges between them. */
export interface Graph extends NodeSelection {
  readonly view: QueryView;
  readonly edges: readonly GraphEdge[];
  /** Incoming / outgoing edges of a node, heaviest first (pprof's edge order). */
  inOf(n: number): readonly GraphEdge[];
  outOf(n: number): readonly GraphEdge[];
  /** Edges removed by the edge-fraction cut. */
  readonly droppedEdges: number;
}

/** Validates a fraction option. Throws PprofError 'bad-option'. */
export function checkFraction(name: string, v: number): number {
  if (!Number.isFinite(v) || v < 0) throw new PprofError('bad-option', `${name} must be a non-negative number, got ${v}`);
  return v;
}

/** Validates a node count option. Throws PprofError 'bad-option'. */
export function checkNodeCount(v: number): number {
  if (!Number.isInteger(v) || v < 0) throw new PprofError('bad-option', `nodecount must be a non-negative integer, got ${v}`);
  return v;
}

/** pprof's isNegative: a negative flat, or a zero flat with a negative cum. */
function isNegative(flat: bigint, cum: bigint): boolean {
  return flat < 0n || (flat === 0n && cum < 0n);
}

/** Cut-off of a fraction of the flat sum, as pprof truncates it. */
export function cutoffOf(flatSum: bigint, fraction: number): bigint {
  return absBig(BigInt(Math.trunc(Number(flatSum) * fraction)));
}

/**
 * Selects and orders the nodes of a non-visual report from node values
 * (the fast path `top` uses: no edges are needed to choose its rows).
 */
export function selectNodes(
  view: QueryView, values: { flat: readonly bigint[]; cum: readonly bigint[] }, o: TrimOptions, order: NodeOrder,
  shown: ShownValues = { flatValue: values.flat, cumValue: values.cum },
): NodeSelection {
  const { flat, cum } = values;
  const infos = view.nodes.infos;
  const names = new Map<number, string>();
  const name = (n: number): string => {
    let s = names.get(n);
    if (s === undefined) names.set(n, (s = printableName(infos[n]!)));
    return s;
  };
  let present: number[] = [];
  let flatSum = 0n;
  for (let n = 0; n < infos.length; n++) {
    if (flat[n] === 0n && cum[n] === 0n) continue;
    if (o.dropNegative && isNegative(flat[n]!, cum[n]!)) continue;
    present.push(n);
    flatSum += flat[n]!;
  }
  const nodeCutoff = cutoffOf(flatSum, o.nodeFraction);
  let droppedNodes = 0;
  if (nodeCutoff > 0n) {
    const kept = present.filter((n) => absBig(cum[n]!) >= nodeCutoff);
    droppedNodes = present.length - kept.length;
    present = kept;
  }
  const input: OrderInput = { infos, flat, cum, name };
  const origCount = present.length;
  if (order !== 'entropy') {
    sortNodes(present, order, input);
    if (o.nodeCount > 0 && o.nodeCount < present.length) present = present.slice(0, o.nodeCount);
  }
  return { ...input, ...shown, nodes: present, origCount, droppedNodes, flatSum };
}

function maskOf(size: number, ids: readonly number[]): Uint8Array {
  const m = new Uint8Array(size);
  for (const n of ids) m[n] = 1;
  return m;
}

/** Sorts by entropy, which needs the edges among the nodes. */
function entropySort(view: QueryView, sel: NodeSelection, ids: number[], mask: Uint8Array | null): GraphEdge[] {
  const edges = buildEdges(view, mask);
  const ins = new Map<number, GraphEdge[]>();
  const outs = new Map<number, GraphEdge[]>();
  for (const e of edges) {
    (ins.get(e.dest) ?? ins.set(e.dest, []).get(e.dest)!).push(e);
    (outs.get(e.src) ?? outs.set(e.src, []).get(e.src)!).push(e);
  }
  const score = new Map<number, bigint>();
  for (const n of ids) score.set(n, entropyScore(sel.flat[n]!, sel.cum[n]!, ins.get(n) ?? [], outs.get(n) ?? []));
  sortNodes(ids, 'entropy', sel, score);
  return edges;
}

/** The nodes of a non-visual report without its edges (e.g. to choose an output unit). Throws PprofError. */
export function reportNodes(view: QueryView, o: TrimOptions): NodeSelection {
  checkFraction('nodefraction', o.nodeFraction);
  checkNodeCount(o.nodeCount);
  const walk: Walk = { profile: view.profile, view: view.filters, nodes: view.nodes };
  const values = nodeValues(walk, digitsFor(view));
  return selectNodes(view, values, o, o.cum ? 'cum' : 'flat', shownValues(view, walk, values));
}

/**
 * Builds the trimmed graph of a view. For visual reports, `nodelets` is
 * asked once, with the nodes that -nodecount may keep (in order) and the
 * node cut-off, for a function saying how many tag boxes node n draws (they
 * count against -nodecount, as in pprof). With `incidentTo` (ignored by
 * visual reports, whose node order needs every edge), the graph keeps only
 * the edges with an end whose name passes it, each exactly as the whole
 * graph has it (`edges` and `droppedEdges` then count only those): peek's
 * callers and callees, without a hash lookup per stack frame for every
 * other edge. Throws PprofError for bad options.
 */
export function buildGraph(
  view: QueryView, o: TrimOptions, nodelets?: (candidates: readonly number[], nodeCutoff: bigint) => (n: number) => number,
  incidentTo?: (name: string) => boolean,
): Graph {
  checkFraction('nodefraction', o.nodeFraction);
  checkFraction('edgefraction', o.edgeFraction);
  checkNodeCount(o.nodeCount);
  const walk: Walk = { profile: view.profile, view: view.filters, nodes: view.nodes };
  const values = nodeValues(walk, digitsFor(view));
  const order: NodeOrder = o.visual ? 'entropy' : o.cum ? 'cum' : 'flat';
  const sel = selectNodes(view, values, o, order, shownValues(view, walk, values));
  let ids = sel.nodes;
  let edges: GraphEdge[] | null = null;
  // With -nodecount, pprof drops light edges before selecting; when the selection keeps every node the
  // graph is not rebuilt, and the final edge cut finds nothing left to drop.
  let edgesCutEarlier = o.nodeCount > 0 && o.nodeCount >= sel.origCount;
  // pprof rebuilds its graph from the kept nodes only when a step removed some; until then the graph
  // still has every node's edges, including those into nodes it does not list (e.g. negative ones
  // under -drop_negative).
  let rebuilt = sel.droppedNodes > 0 || (order !== 'entropy' && o.nodeCount > 0 && o.nodeCount < sel.origCount);
  const edgeMask = (): Uint8Array | null => (rebuilt ? maskOf(sel.infos.length, ids) : null);
  const nodeCutoff = cutoffOf(sel.flatSum, o.nodeFraction);
  if (order === 'entropy') {
    edges = entropySort(view, sel, ids, edgeMask());
    if (o.nodeCount > 0) {
      let max = o.nodeCount;
      let count = 0;
      // Each node counts at least once: only the first nodeCount nodes can be kept.
      const boxes = nodelets?.(ids.slice(0, max), nodeCutoff);
      for (let i = 0; i < ids.length; i++) {
        count += Math.min(boxes?.(ids[i]!) ?? 0, MAX_NODELETS) + 1;
        if (count >= max) { max = i + 1; break; }
      }
      if (max < ids.length) {
        ids = ids.slice(0, max);
        rebuilt = true;
        edges = entropySort(view, sel, ids, edgeMask());
        edgesCutEarlier = false;
      } else {
        edgesCutEarlier = true;
      }
    }
  }
  if (edges === null && incidentTo !== undefined) {
    const ends = new Uint8Array(sel.infos.length);
    for (let n = 0; n < ends.length; n++) if (incidentTo(sel.name(n))) ends[n] = 1;
    edges = buildEdges(view, edgeMask(), ends);
  }
  edges ??= buildEdges(view, edgeMask());
  const edgeCutoff = cutoffOf(sel.flatSum, o.edgeFraction);
  // pprof cuts light edges by walking the incoming edges of the nodes it lists: an edge into a node the
  // graph does not list (its raw flat and cum are zero, as under -mean a sample with a zero value but a
  // non-zero count, or negative under -drop_negative) is never cut, and reports still print it.
  const listed = maskOf(sel.infos.length, ids);
  const keptEdges = edges.filter((e) => listed[e.dest] === 0 || absBig(e.weight) >= edgeCutoff);
  const droppedEdges = edgesCutEarlier ? 0 : edges.length - keptEdges.length;
  const ins = new Map<number, GraphEdge[]>();
  const outs = new Map<number, GraphEdge[]>();
  for (const e of keptEdges) {
    (ins.get(e.dest) ?? ins.set(e.dest, []).get(e.dest)!).push(e);
    (outs.get(e.src) ?? outs.set(e.src, []).get(e.src)!).push(e);
  }
  for (const list of ins.values()) sortEdges(list, sel.name);
  for (const list of outs.values()) sortEdges(list, sel.name);
  let finalEdges = keptEdges;
  if (o.visual) finalEdges = removeRedundantEdges(ids, ins, outs, keptEdges);
  return {
    ...sel, nodes: ids, view, edges: finalEdges, droppedEdges,
    inOf: (n) => ins.get(n) ?? [],
    outOf: (n) => outs.get(n) ?? [],
  };
}

/** Tag boxes a node of a visual report draws at most (per kind). */
export const MAX_NODELETS = 4;

function digitsFor(view: QueryView): ReturnType<typeof digitsOf> {
  return digitsOf(view.profile, view.sampleIndex);
}

/**
 * pprof's RemoveRedundantEdges: from the last node up, drop the lightest
 * residual incoming edges when their source still reaches the node another
 * way (stopping at the first non-residual edge).
 */
function removeRedundantEdges(
  ids: readonly number[], ins: Map<number, GraphEdge[]>, outs: Map<number, GraphEdge[]>, edges: GraphEdge[],
): GraphEdge[] {
  const removed = new Set<GraphEdge>();
  for (let i = ids.length - 1; i >= 0; i--) {
    const list = ins.get(ids[i]!) ?? [];
    for (let j = list.length - 1; j >= 0; j--) {
      const e = list[j]!;
      if (!e.residual) break;
      if (reachableWithout(e, ins, removed)) {
        removed.add(e);
        list.splice(j, 1);
        const o = outs.get(e.src)!;
        o.splice(o.indexOf(e), 1);
      }
    }
  }
  return edges.filter((e) => !removed.has(e));
}

function reachableWithout(e: GraphEdge, ins: Map<number, GraphEdge[]>, removed: Set<GraphEdge>): boolean {
  const seen = new Set<number>([e.dest]);
  const queue = [e.dest];
  while (queue.length > 0) {
    const n = queue.shift()!;
    for (const ie of ins.get(n) ?? []) {
      if (ie === e || removed.has(ie) || seen.has(ie.src)) continue;
      if (ie.src === e.src) return true;
      seen.add(ie.src);
      queue.push(ie.src);
    }
  }
  return false;
}
