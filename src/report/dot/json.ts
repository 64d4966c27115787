/**
 * Renders a DOT graph as JSON: nodes and edges with exact values (decimal
 * strings beyond 2^53) and the legend, for tools that lay out graphs themselves.
 */

import { jsonChunks, jsonText, lazyArray } from '../json-stream.js';
import { jsonInt } from '../json.js';
import type { DotGraph } from './data.js';

/** The graph's JSON document, its long arrays made as they are written. */
function jsonDoc(d: DotGraph): unknown {
  const doc = {
    title: d.title,
    legend: d.legend,
    sampleType: d.sampleType,
    sampleUnit: d.sampleUnit,
    outputUnit: d.outputUnit,
    total: jsonInt(d.total),
    nodes: lazyArray(d.nodes, (n) => ({ id: n.id, name: n.name, flat: jsonInt(n.flat), cum: jsonInt(n.cum) })),
    edges: lazyArray(d.edges, (e) => ({ from: e.from, to: e.to, weight: jsonInt(e.weight), inline: e.inline, residual: e.residual })),
  };
  return doc;
}

/** The graph as a JSON document (pretty-printed, newline-terminated). */
export function renderDotJson(d: DotGraph): string {
  return jsonText(jsonDoc(d));
}

/** The same bytes as `renderDotJson`, in pieces of about 64 KiB (written as they are made, for big profiles). */
export function dotJsonChunks(d: DotGraph, chunkChars?: number): Iterable<string> {
  return jsonChunks(jsonDoc(d), chunkChars);
}
