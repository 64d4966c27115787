/**
 * Renders a TopTable as JSON. Exact integers that fit 2^53 are JSON numbers;
 * larger ones are decimal strings so no consumer silently rounds them.
 */

import type { TopTable } from './top.js';

/** A bigint as a JSON-safe value: number when exact, else its decimal string. */
export function jsonInt(v: bigint): number | string {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}

/** The top table as a JSON document (pretty-printed, newline-terminated). */
export function renderTopJson(t: TopTable): string {
  const doc = {
    header: t.header,
    sampleType: t.sampleType,
    sampleUnit: t.sampleUnit,
    outputUnit: t.outputUnit,
    total: jsonInt(t.total),
    rows: t.rows.map((r) => ({
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
  return JSON.stringify(doc, null, 2) + '\n';
}
