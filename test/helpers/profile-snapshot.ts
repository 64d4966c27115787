/**
 * A profile as plain data, for deep equality between two Profiles (round
 * trips, transforms): every header field, every mapping, function and
 * location with its id, and every sample with its stack (location ids),
 * exact values and labels. bigints become decimal strings so that
 * `assert.deepEqual` shows readable diffs.
 */

import type { Profile } from '../../src/model/profile.js';

/** Plain-data snapshot of `p`. */
export function profileSnapshot(p: Profile): unknown {
  const b = (x: bigint): string => x.toString();
  return {
    sampleTypes: p.sampleTypes.map((t) => ({ ...t })),
    periodType: p.periodType === null ? null : { ...p.periodType },
    period: b(p.period), timeNanos: b(p.timeNanos), durationNanos: b(p.durationNanos),
    comments: [...p.comments], dropFrames: p.dropFrames, keepFrames: p.keepFrames,
    defaultSampleType: p.defaultSampleType, docUrl: p.docUrl,
    mappings: p.mappings.map((m) => ({
      ...m, id: b(m.id), memoryStart: b(m.memoryStart), memoryLimit: b(m.memoryLimit), fileOffset: b(m.fileOffset),
    })),
    functions: p.functions.map((f) => ({ ...f, id: b(f.id) })),
    locations: p.locations.map((l) => ({
      index: l.index, id: b(l.id), mapping: l.mapping === null ? null : b(l.mapping.id), address: b(l.address),
      isFolded: l.isFolded, lines: l.lines.map((ln) => ({ function: b(ln.function.id), line: ln.line, column: ln.column })),
    })),
    samples: [...p.samples].map((s) => ({
      stack: s.locations.map((l) => b(l.id)),
      values: s.values.map(b),
      labels: s.labels.map((l) => (l.kind === 'string' ? { ...l } : { ...l, value: b(l.value) })),
    })),
  };
}
