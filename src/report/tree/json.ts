/**
 * Renders a tree (or peek) report as JSON: raw values in the sample unit
 * (exact integers, decimal strings beyond 2^53) beside the printed strings.
 */

import { jsonChunks, jsonText, lazyArray } from '../json-stream.js';
import { jsonInt } from '../json.js';
import type { TreeEdgeRow, TreeReport } from './data.js';

function edge(e: TreeEdgeRow): object {
  return { name: e.name, weight: jsonInt(e.weight), weightText: e.weightText, percent: e.percent.trim(), inline: e.inline };
}

/** The report's JSON document, its long arrays made as they are written. */
function jsonDoc(r: TreeReport): unknown {
  const doc = {
    header: r.header,
    sampleType: r.sampleType,
    sampleUnit: r.sampleUnit,
    outputUnit: r.outputUnit,
    total: jsonInt(r.total),
    entries: lazyArray(r.entries, (n) => ({
      name: n.name,
      flat: jsonInt(n.flat),
      flatPercent: n.flatPercent.trim(),
      sum: jsonInt(n.sum),
      sumPercent: n.sumPercent.trim(),
      cum: jsonInt(n.cum),
      cumPercent: n.cumPercent.trim(),
      flatText: n.flatText,
      cumText: n.cumText,
      callers: n.callers.map(edge),
      callees: n.callees.map(edge),
    })),
  };
  return doc;
}

/** The report as a JSON document (pretty-printed, newline-terminated). */
export function renderTreeJson(r: TreeReport): string {
  return jsonText(jsonDoc(r));
}

/** The same bytes as `renderTreeJson`, in pieces of about 64 KiB (written as they are made, for big profiles). */
export function treeJsonChunks(r: TreeReport, chunkChars?: number): Iterable<string> {
  return jsonChunks(jsonDoc(r), chunkChars);
}
