/**
 * The traces report as JSON: exact values (numbers, or decimal strings past
 * 2^53) beside the strings pprof prints.
 */

import { jsonChunks, jsonText, lazyArray } from '../json-stream.js';
import { jsonInt } from '../json.js';
import type { TracesStream } from './data.js';

/** The traces report's JSON document, its long arrays made as they are written. */
function jsonDoc(r: TracesStream): unknown {
  const doc = {
    header: r.header,
    sampleType: r.sampleType,
    sampleUnit: r.sampleUnit,
    outputUnit: r.outputUnit,
    total: jsonInt(r.total),
    traces: lazyArray(r.traces, (t) => ({
      value: jsonInt(t.value),
      valueText: t.valueText,
      labels: t.labels.map((l) => ({ key: l.key, kind: l.kind, unit: l.unit, values: l.values, texts: l.texts })),
      frames: t.frames.map((f) => ({ name: f.name, inline: f.inline })),
    })),
  };
  return doc;
}

/** The traces report as a JSON document (pretty-printed, newline-terminated). */
export function renderTracesJson(r: TracesStream): string {
  return jsonText(jsonDoc(r));
}

/** The same bytes as `renderTracesJson`, in pieces of about 64 KiB (written as they are made, for big profiles). */
export function tracesJsonChunks(r: TracesStream, chunkChars?: number): Iterable<string> {
  return jsonChunks(jsonDoc(r), chunkChars);
}
