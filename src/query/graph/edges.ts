/**
 * The weighted call edges of a graph, built from the samples the way
 * pprof's graph builder does: walking each stack from the root, every pair
 * of consecutive kept nodes is an edge, counted once per sample; an edge is
 * `inline` when every use of it enters a non-outermost line of a location
 * (an inlined call), and `residual` when some use skipped over nodes that
 * were trimmed away. Weights are exact (see aggregate.ts's digits).
 *
 * This walk is for the graph reports (tree, peek, dot). `top` needs only the
 * edges into inlined nodes and takes the specialised kernels of
 * ../edges.ts, which fill the same {@link GraphEdge} shape.
 */

import { digitsOf } from '../aggregate.js';
import { decodeStack } from '../../model/packed-stacks.js';
import { EdgeTable } from '../edge-table.js';
import type { QueryView } from '../view.js';

/** One edge of the graph. */
export interface GraphEdge {
  /** Caller node id (index into the view's node infos). */
  readonly src: number;
  /** Callee node id. */
  readonly dest: number;
  /** Sum of the values of the samples through this edge, exact. */
  readonly weight: bigint;
  /** True when every use of the edge was an inlined call. */
  readonly inline: boolean;
  /** True when some use skipped over nodes that are not in the graph. */
  readonly residual: boolean;
  /** With -mean: the weight divided by the summed sample counts of the edge (what reports print). */
  readonly value?: bigint;
}

/**
 * Builds the edges between kept nodes (`kept` null: all nodes); with `ends`,
 * only those from or to a node n with ends[n] = 1, the others walked over
 * as before but not recorded (each recorded edge is as in the whole graph,
 * in the same order).
 */
export function buildEdges(view: QueryView, kept: Uint8Array | null, ends: Uint8Array | null = null): GraphEdge[] {
  const { profile, filters, nodes } = view;
  const s = profile.samples;
  const { lo, list } = { lo: nodes.locOffsets, list: nodes.locNodes };
  const hidden = filters.hidden;
  const keep = filters.keep;
  // Edge ids by (caller, callee), numbered in order of first use: a Map keyed by caller * nodes +
  // callee cost most of `dot` on a 100 MB profile (keys past 2^31 are heap numbers to hash).
  const ids = new EdgeTable();
  const src: number[] = [];
  const dest: number[] = [];
  const call: boolean[] = [];
  const residualFlag: boolean[] = [];
  const sums: bigint[] = [];
  const digits = digitsOf(profile, view.sampleIndex);
  const col = profile.samples.numberColumn(view.sampleIndex).values;
  // With -mean, a sample counts when its value or its count is not zero (pprof walks both).
  const divCol = view.mean ? profile.samples.numberColumn(0).values : null;
  const divs: number[] = [];
  // With `ends` (peek), stacks kept packed are decoded one at a time: the walk then records few
  // edges, and a location-index copy of all stacks (30 million indices on a 100 MB profile) was most
  // of its time and memory. The other graph reports walk the stacks several times (dot: up to three)
  // and spend most per frame on edges: they decode once, into the copy, and reuse it.
  const packed = ends === null ? null : s.packedStacks;
  const stack = new Int32Array(packed === null ? 0 : Math.max(1, packed.maxDepth));
  const indices = packed === null ? s.locationIndices : stack;
  for (const d of digits) {
    const w = d.weights;
    const part: number[] = new Array<number>(src.length).fill(0);
    const stamp: number[] = new Array<number>(src.length).fill(-1);
    for (let i = 0; i < s.count; i++) {
      // Every digit pass walks every sample with a non-zero value, so that edges and flags agree across passes.
      if ((col[i] === 0 && (divCol === null || divCol[i] === 0)) || (keep !== null && keep[i] === 0)) continue;
      const wi = w[i]!;
      let parent = -1;
      let residual = false;
      const first = packed === null ? s.locationOffsets[i]! : 0;
      const end = packed === null ? s.locationOffsets[i + 1]! : decodeStack(packed, i, stack);
      for (let k = end - 1; k >= first; k--) {
        const loc = indices[k]!;
        if (hidden !== null && hidden[loc] === 1) continue;
        const outermost = lo[loc + 1]! - 1;
        for (let q = outermost; q >= lo[loc]!; q--) {
          const n = list[q]!;
          if (kept !== null && kept[n] === 0) { residual = true; continue; }
          if (parent >= 0 && n !== parent && (ends === null || ends[parent] === 1 || ends[n] === 1)) {
            const e = ids.idOf(parent, n);
            if (e === src.length) {
              src.push(parent); dest.push(n); call.push(false); residualFlag.push(false); sums.push(0n); divs.push(0);
              part.push(0); stamp.push(-1);
            }
            if (stamp[e] !== i) {
              stamp[e] = i;
              part[e]! += wi;
              if (divCol !== null && d === digits[0]) divs[e]! += divCol[i]!;
              if (residual) residualFlag[e] = true;
              if (q === outermost) call[e] = true;
            }
          }
          parent = n;
          residual = false;
        }
      }
    }
    for (let e = 0; e < src.length; e++) if (part[e] !== 0) sums[e]! += BigInt(part[e]!) << d.shift;
  }
  const out: GraphEdge[] = [];
  for (let e = 0; e < src.length; e++) {
    const edge: GraphEdge = { src: src[e]!, dest: dest[e]!, weight: sums[e]!, inline: !call[e]!, residual: residualFlag[e]! };
    const div = BigInt(divs[e] ?? 0);
    out.push(divCol === null ? edge : { ...edge, value: div !== 0n ? edge.weight / div : edge.weight });
  }
  return out;
}
