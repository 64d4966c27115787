/**
 * The raw report as JSON: the filtered profile's samples, locations and
 * mappings with ids as in the file; 64-bit integers are numbers when exact,
 * else decimal strings.
 */

import { jsonChunks, jsonText, lazyArray } from '../json-stream.js';
import { jsonInt } from '../json.js';
import type { RawStream } from './data.js';

/** The raw report's JSON document, its long arrays made as they are written. */
function jsonDoc(r: RawStream): unknown {
  const p = r.profile;
  const doc = {
    comments: r.comments,
    periodType: p.periodType,
    period: jsonInt(p.period),
    timeNanos: jsonInt(p.timeNanos),
    durationNanos: jsonInt(p.durationNanos),
    sampleTypes: p.sampleTypes.map((t) => ({ type: t.type, unit: t.unit, default: t.type === p.defaultSampleType })),
    samples: lazyArray(r.samples, (s) => ({
      values: s.values.map(jsonInt),
      locationIds: s.locationIds.map(jsonInt),
      labels: Object.fromEntries(s.labels),
      numLabels: Object.fromEntries([...s.numLabels].map(([k, v]) => [k, v.map(jsonInt)])),
      numUnits: Object.fromEntries(s.numUnits),
    })),
    locations: lazyArray(r.locations, (l) => ({
      id: jsonInt(l.id),
      address: jsonInt(l.address),
      mappingId: l.mapping === null ? null : jsonInt(l.mapping.id),
      isFolded: l.isFolded,
      lines: l.lines.map((ln) => ({
        function: ln.function.name,
        systemName: ln.function.systemName,
        filename: ln.function.filename,
        line: ln.line,
        startLine: ln.function.startLine,
      })),
    })),
    mappings: lazyArray(r.mappings, (m) => ({
      id: jsonInt(m.id),
      memoryStart: jsonInt(m.memoryStart),
      memoryLimit: jsonInt(m.memoryLimit),
      fileOffset: jsonInt(m.fileOffset),
      filename: m.filename,
      buildId: m.buildId,
      hasFunctions: m.hasFunctions,
      hasFilenames: m.hasFilenames,
      hasLineNumbers: m.hasLineNumbers,
      hasInlineFrames: m.hasInlineFrames,
    })),
  };
  return doc;
}

/** The raw report as a JSON document (pretty-printed, newline-terminated). */
export function renderRawJson(r: RawStream): string {
  return jsonText(jsonDoc(r));
}

/** The same bytes as `renderRawJson`, in pieces of about 64 KiB (written as they are made, for big profiles). */
export function rawJsonChunks(r: RawStream, chunkChars?: number): Iterable<string> {
  return jsonChunks(jsonDoc(r), chunkChars);
}
