/**
 * The traces report as JSON: exact values (numbers, or decimal strings past
 * 2^53) beside the strings pprof prints.
 */

import { jsonInt } from '../json.js';
import type { TracesReport } from './data.js';

/** The traces report as a JSON document (pretty-printed, newline-terminated). */
export function renderTracesJson(r: TracesReport): string {
  const doc = {
    header: r.header,
    sampleType: r.sampleType,
    sampleUnit: r.sampleUnit,
    outputUnit: r.outputUnit,
    total: jsonInt(r.total),
    traces: r.traces.map((t) => ({
      value: jsonInt(t.value),
      valueText: t.valueText,
      labels: t.labels.map((l) => ({ key: l.key, kind: l.kind, unit: l.unit, values: l.values, texts: l.texts })),
      frames: t.frames.map((f) => ({ name: f.name, inline: f.inline })),
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
