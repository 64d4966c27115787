/**
 * Renders a TopTable as JSON. Exact integers that fit 2^53 are JSON numbers;
 * larger ones are decimal strings so no consumer silently rounds them.
 */

import { jsonChunks, jsonText, lazyArray } from './json-stream.js';
import type { TopTable } from './top.js';

/** A bigint as a JSON-safe value: number when exact, else its decimal string. */
export function jsonInt(v: bigint): number | string {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}

/** The top table's JSON document, its long arrays made as they are written. */
function jsonDoc(t: TopTable): unknown {
  const doc = {
    header: t.header,
    sampleType: t.sampleType,
    sampleUnit: t.sampleUnit,
    outputUnit: t.outputUnit,
    total: jsonInt(t.total),
    rows: lazyArray(t.rows, (r) => ({
      name: r.name,
      inline: r.inline,
      flat: jsonInt(r.flat),
      flatPercent: r.flatPercent.trim(),
      sum: jsonInt(r.sum),
      sumPercent: r.sumPercent.trim(),
      cum: jsonInt(r.cum),
      cumPercent: r.cumPercent.trim(),
      flatText: r.flatText,
      cumText: r.cumText,
    })),
  };
  return doc;
}

/** The top table as a JSON document (pretty-printed, newline-terminated). */
export function renderTopJson(t: TopTable): string {
  return jsonText(jsonDoc(t));
}

/** The same bytes as `renderTopJson`, in pieces of about 64 KiB (written as they are made, for big profiles). */
export function topJsonChunks(t: TopTable, chunkChars?: number): Iterable<string> {
  return jsonChunks(jsonDoc(t), chunkChars);
}
