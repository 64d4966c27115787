/**
 * Renders a DOT graph as the text `go tool pprof -dot` writes, byte for byte.
 */

import type { DotGraph } from './data.js';
import { escapeForDot } from './names.js';

/** The graph in the DOT language, newline-terminated. */
export function renderDotText(d: DotGraph): string {
  const out: string[] = [];
  out.push(`digraph "${d.title === '' ? 'unnamed' : d.title}" {`);
  out.push('node [style=filled fillcolor="#f8f8f8"]');
  if (d.legend.length > 0) {
    let legend = `subgraph cluster_L { "${escapeForDot(d.legend[0]!)}" [shape=box fontsize=16`;
    legend += ` label="${d.legend.map(escapeForDot).join('\\l')}\\l"`;
    if (d.title !== '') legend += ` tooltip="${d.title}"`;
    out.push(`${legend}] }`);
  }
  for (const n of d.nodes) {
    out.push(`N${n.id} [label="${n.label}" id="node${n.id}" fontsize=${n.fontSize} shape=box tooltip="${n.tooltip}" ` +
      `color="${n.color}" fillcolor="${n.fillColor}"]`);
    out.push(...n.nodelets);
  }
  for (const e of d.edges) out.push(`N${e.from} -> N${e.to} [${e.attrs}]`);
  out.push('}');
  return out.join('\n') + '\n';
}
