/**
 * Renders a DOT graph as JSON: nodes and edges with exact values (decimal
 * strings beyond 2^53) and the legend, for tools that lay out graphs themselves.
 */

import { jsonInt } from '../json.js';
import type { DotGraph } from './data.js';

/** The graph as a JSON document (pretty-printed, newline-terminated). */
export function renderDotJson(d: DotGraph): string {
  const doc = {
    title: d.title,
    legend: d.legend,
    sampleType: d.sampleType,
    sampleUnit: d.sampleUnit,
    outputUnit: d.outputUnit,
    total: jsonInt(d.total),
    nodes: d.nodes.map((n) => ({ id: n.id, name: n.name, flat: jsonInt(n.flat), cum: jsonInt(n.cum) })),
    edges: d.edges.map((e) => ({ from: e.from, to: e.to, weight: jsonInt(e.weight), inline: e.inline, residual: e.residual })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
