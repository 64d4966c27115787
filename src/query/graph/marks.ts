/**
 * The `(inline)` / `(partial-inline)` marks of report rows, read from a
 * node's incoming edges in the trimmed graph, as pprof's text report reads
 * them: reached only through inlined calls, through both kinds, or by calls.
 */

import type { GraphEdge } from './edges.js';

/** How a row was reached: only through inlining, both ways, or only by calls. */
export type InlineMark = 'inline' | 'partial-inline' | '';

/** The mark of a node from its incoming edges (already trimmed). */
export function inlineMarkOf(inEdges: Iterable<Pick<GraphEdge, 'inline'>>): InlineMark {
  let inline = false;
  let call = false;
  for (const e of inEdges) {
    if (e.inline) inline = true;
    else call = true;
  }
  return inline ? (call ? 'partial-inline' : 'inline') : '';
}
