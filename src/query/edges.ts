/**
 * Call edges into inlined nodes, for the `(inline)` / `(partial-inline)`
 * marks of top rows. pprof marks a row by the kind of its incoming edges in
 * the trimmed graph, after dropping edges lighter than the edge cutoff, and
 * updates an edge once per sample.
 *
 * This is the second walk over every stack frame (kernels.ts): what each
 * location contributes is worked out once per location, and a helper thread
 * may take half of the samples.
 */

import { locationNodes, stackArrays, type Walk } from './aggregate.js';
import { EdgeTable } from './edge-table.js';
import { edgeKernel, locationShapes } from './kernels.js';
import { splitSamples } from './parallel.js';

/** Per node: whether it has inline and call (non-inline) incoming edges. */
export interface InlineMarks {
  readonly hasInlineEdge: Uint8Array;
  readonly hasCallEdge: Uint8Array;
}

/**
 * Finds which kept nodes are reached through inline and through call edges,
 * ignoring edges whose |weight| is below `edgeCutoff`.
 */
export function inlineMarks(walk: Walk, weights: Float64Array, kept: Uint8Array, edgeCutoff: number): InlineMarks {
  const nNodes = walk.nodes.infos.length;
  const hasInlineEdge = new Uint8Array(nNodes);
  const hasCallEdge = new Uint8Array(nNodes);
  const cand = walk.nodes.isInlined;
  let any = false;
  for (let k = 0; k < nNodes; k++) if (kept[k] === 1 && cand[k] === 1) { any = true; break; }
  // Only a node that appears as an inlined line somewhere can get a mark.
  if (!any) return { hasInlineEdge, hasCallEdge };

  const st = stackArrays(walk);
  const ln = locationNodes(walk);
  const edges = new EdgeTable();
  const shapes = locationShapes(ln, kept, cand, edges);
  const count = walk.profile.samples.count;
  const helper = walk.helper;
  if (!helper) {
    edgeKernel(st, shapes, cand, weights, 0, count, edges);
  } else {
    const split = splitSamples(st.offsets, count);
    const rest = helper.run(
      { kind: 'edges', st, ln, kept, cand, w: weights, from: split, to: count },
      () => edgeKernel(st, shapes, cand, weights, 0, split, edges),
      () => {
        const other = new EdgeTable();
        edgeKernel(st, locationShapes(ln, kept, cand, other), cand, weights, split, count, other);
        return { kind: 'edges', edges: other.lists() };
      },
    );
    if (rest.kind !== 'edges') throw new Error('helper thread answered the wrong job');
    edges.merge(rest.edges);
  }
  for (let e = 0; e < edges.count; e++) {
    if (Math.abs(edges.weight[e]!) < edgeCutoff) continue;
    if (edges.call[e] === 1) hasCallEdge[edges.child[e]!] = 1;
    else hasInlineEdge[edges.child[e]!] = 1;
  }
  return { hasInlineEdge, hasCallEdge };
}
