/**
 * The tags report as JSON: exact sums (numbers, or decimal strings past
 * 2^53) beside the strings pprof prints.
 */

import { jsonChunks, jsonText, lazyArray } from '../json-stream.js';
import { jsonInt } from '../json.js';
import type { TagsReport } from './data.js';

/** The tags report's JSON document, its long arrays made as they are written. */
function jsonDoc(r: TagsReport): unknown {
  const doc = {
    sampleType: r.sampleType,
    sampleUnit: r.sampleUnit,
    outputUnit: r.outputUnit,
    keys: lazyArray(r.keys, (k) => ({
      key: k.key,
      total: jsonInt(k.total),
      totalText: k.totalText,
      values: lazyArray(k.values, (v) => ({
        name: v.name, value: jsonInt(v.value), valueText: v.valueText, percent: v.percent.trim(),
      })),
    })),
  };
  return doc;
}

/** The tags report as a JSON document (pretty-printed, newline-terminated). */
export function renderTagsJson(r: TagsReport): string {
  return jsonText(jsonDoc(r));
}

/** The same bytes as `renderTagsJson`, in pieces of about 64 KiB (written as they are made, for big profiles). */
export function tagsJsonChunks(r: TagsReport, chunkChars?: number): Iterable<string> {
  return jsonChunks(jsonDoc(r), chunkChars);
}
