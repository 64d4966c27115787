/**
 * Call edges into inlined nodes: the part of the graph's edges that `top`
 * needs for its `(inline)` / `(partial-inline)` marks (graph/marks.ts),
 * computed by a fast kernel. pprof marks a row by the kind of its incoming
 * edges in the trimmed graph, and updates an edge once per sample.
 *
 * This is the second walk over every stack frame (kernels.ts): what each
 * location contributes is worked out once per location, and a helper thread
 * may share the samples (parallel.ts).
 */

import { locationNodes, stackArrays, type Walk } from './aggregate.js';
import { EdgeTable } from './edge-table.js';
import { edgeKernel, locationShapes } from './kernels.js';
import { isEmpty, span } from './sample-ranges.js';
import type { GraphEdge } from './graph/edges.js';

/**
 * The graph's edges into listed nodes (by default the kept ones) that appear
 * as an inlined line somewhere (only those can get a mark), between kept
 * nodes, whose weight reaches
 * `minWeight` in magnitude (top's edge cut-off; lighter edges cannot change
 * a mark). Weights are float64 sums of `weights` rounded to an integer:
 * they only serve the cut-off. Residual flags are not tracked (no mark
 * depends on them).
 */
export function edgesIntoInlined(
  walk: Walk, weights: Float64Array, kept: Uint8Array, minWeight: bigint, listed: Uint8Array = kept,
): GraphEdge[] {
  const nNodes = walk.nodes.infos.length;
  // Only edges into listed rows can mark one (`listed` may be narrower than the nodes that are parents).
  const inlined = walk.nodes.isInlined;
  const cand = listed === kept ? inlined : inlined.map((c, k) => c & listed[k]!);
  let any = false;
  for (let k = 0; k < nNodes; k++) if (kept[k] === 1 && cand[k] === 1) { any = true; break; }
  if (!any) return [];

  const st = stackArrays(walk);
  const ln = locationNodes(walk);
  // About one edge per location: see EdgeTable.
  const edges = new EdgeTable(ln.lo.length - 1);
  const count = walk.profile.samples.count;
  const helper = walk.helper;
  let theirs: EdgeTable | null = null;
  if (!helper) {
    edgeKernel(st, locationShapes(ln, kept, cand, edges), cand, weights, span(0, count), edges);
  } else {
    const rest = helper.share(
      st, count,
      (chunks) => ({ kind: 'edges', st, ln, kept, cand, w: weights, chunks }),
      // The shapes are worked out after the job is posted, while the helper works out its own.
      (mine) => edgeKernel(st, locationShapes(ln, kept, cand, edges), cand, weights, mine, edges),
      (others) => {
        // The helper failed: redo here whatever it claimed.
        const other = new EdgeTable(ln.lo.length - 1);
        if (!isEmpty(others)) edgeKernel(st, locationShapes(ln, kept, cand, other), cand, weights, others, other);
        return { kind: 'edges', table: other.state() };
      },
    );
    if (rest.kind !== 'edges') throw new Error('helper thread answered the wrong job');
    theirs = EdgeTable.of(rest.table);
  }
  const { parent, child, weight, call } = edges.heavy(theirs, minWeight);
  const out: GraphEdge[] = [];
  for (let e = 0; e < parent.length; e++) {
    out.push({
      src: parent[e]!, dest: child[e]!, weight: BigInt(Math.round(weight[e]!)),
      inline: call[e] !== 1, residual: false,
    });
  }
  return out;
}
