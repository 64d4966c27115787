/**
 * The tags report as JSON: exact sums (numbers, or decimal strings past
 * 2^53) beside the strings pprof prints.
 */

import { jsonInt } from '../json.js';
import type { TagsReport } from './data.js';

/** The tags report as a JSON document (pretty-printed, newline-terminated). */
export function renderTagsJson(r: TagsReport): string {
  const doc = {
    sampleType: r.sampleType,
    sampleUnit: r.sampleUnit,
    outputUnit: r.outputUnit,
    keys: r.keys.map((k) => ({
      key: k.key,
      total: jsonInt(k.total),
      totalText: k.totalText,
      values: k.values.map((v) => ({
        name: v.name, value: jsonInt(v.value), valueText: v.valueText, percent: v.percent.trim(),
      })),
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
