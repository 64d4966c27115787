/**
 * Rebuilds a profile sample by sample through the builder: the shared
 * plumbing of the transforms that change values or labels but not frames
 * (scale, negate, relabel). Every mapping, function and location is carried
 * over in its original order, referenced or not, as pprof's in-place
 * transforms keep them.
 */

import { ProfileBuilder, type BuilderHeader, type LabelInput } from '../model/builder.js';
import { functionNamesOf, type Profile } from '../model/profile.js';
import type { SampleTable } from '../model/sample-table.js';

/** A sample's new values and labels, or null to drop it. */
export type SampleRewrite = (values: bigint[], labels: LabelInput[], index: number) => { values: bigint[]; labels: LabelInput[] } | null;

/** The labels of sample i, in stored order. */
export function sampleLabels(s: SampleTable, i: number): LabelInput[] {
  const out: LabelInput[] = [];
  const end = s.labelOffsets[i + 1]!;
  for (let k = s.labelOffsets[i]!; k < end; k++) {
    const str = s.labelStrs[k]!;
    out.push(str !== ''
      ? { key: s.labelKeys[k]!, kind: 'string', value: str }
      : { key: s.labelKeys[k]!, kind: 'number', value: s.labelNums[k]!, unit: s.labelNumUnits[k]! });
  }
  return out;
}

/** The values of sample i. */
export function sampleValues(s: SampleTable, i: number): bigint[] {
  const out: bigint[] = [];
  for (let t = 0; t < s.stride; t++) out.push(s.values[i * s.stride + t]!);
  return out;
}

/** The profile-level fields of `p` as a builder header, with overrides. */
export function headerOf(p: Profile, overrides: Partial<BuilderHeader> = {}): BuilderHeader {
  return {
    sampleTypes: p.sampleTypes, periodType: p.periodType, period: p.period, timeNanos: p.timeNanos,
    durationNanos: p.durationNanos, comments: p.comments, dropFrames: p.dropFrames, keepFrames: p.keepFrames,
    defaultSampleType: p.defaultSampleType, docUrl: p.docUrl, ...overrides,
  };
}

/** A copy of `p` with every sample passed through `rewrite` (frames unchanged). */
export function rewriteSamples(p: Profile, rewrite: SampleRewrite, header: Partial<BuilderHeader> = {}): Profile {
  const b = new ProfileBuilder(headerOf(p, header));
  const mappingIds = p.mappings.map((m) => b.mapping(m));
  const functionIds = p.functions.map((f) => b.function(f));
  const locationIds = p.locations.map((l) => b.location({
    mappingId: l.mapping === null ? null : mappingIds[l.mapping.index]!,
    address: l.address,
    isFolded: l.isFolded,
    lines: l.lines.map((ln) => ({ functionId: functionIds[ln.function.index]!, line: ln.line, column: ln.column })),
  }));
  const s = p.samples;
  for (let i = 0; i < s.count; i++) {
    const out = rewrite(sampleValues(s, i), sampleLabels(s, i), i);
    if (out === null) continue;
    const stack: bigint[] = [];
    for (let k = s.locationOffsets[i]!; k < s.locationOffsets[i + 1]!; k++) stack.push(locationIds[s.locationIndices[k]!]!);
    b.addSample(stack, out.values, out.labels);
  }
  return b.build(functionNamesOf(p));
}
