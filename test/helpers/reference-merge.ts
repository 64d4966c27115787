/**
 * A reference for the merge's tests: pprof's profile.Merge written the plain
 * way, with a string key per mapping, function, location and sample and the
 * ProfileBuilder numbering the result (what src/transform/merge.ts did before
 * it went column-wise). Slow and memory-hungry on big profiles, simple to
 * read: the column-wise merge must give the very same profile.
 */

import { mergedHeader } from '../../src/transform/merge.js';
import { ProfileBuilder, type LabelInput } from '../../src/model/builder.js';
import type { Profile } from '../../src/model/profile.js';
import type { Mapping, ProfileFunction } from '../../src/model/types.js';
import { sampleLabels } from '../../src/transform/copy.js';

const q = JSON.stringify;
const U64 = (x: bigint): bigint => BigInt.asUintN(64, x);
const I64 = (x: bigint): bigint => BigInt.asIntN(64, x);
const MAP_SIZE_ROUNDING = 0x1000n;

function mappingKey(m: Mapping): string {
  let size = U64(m.memoryLimit - m.memoryStart);
  size = U64(size + MAP_SIZE_ROUNDING - 1n);
  size -= size % MAP_SIZE_ROUNDING;
  return `${size},${m.fileOffset},${q(m.buildId !== '' ? m.buildId : m.filename)}`;
}

function functionKey(f: ProfileFunction): string {
  return `${f.startLine},${q(f.name)},${q(f.systemName)},${q(f.filename)}`;
}

/** A merged location, before it gets an id in the result. */
interface MergedLocation {
  mapping: number; // index into the merger's mappings, -1 for none
  address: bigint;
  isFolded: boolean;
  lines: { fn: number; line: number; column: number }[];
}

/** A merged sample: merged location indices, summed values, the first-seen labels. */
interface MergedSample {
  locations: number[];
  values: bigint[];
  labels: LabelInput[];
}

/** The canonical key of a label set: keys sorted, values in order (pprof's sampleKey). */
function labelKey(labels: readonly LabelInput[]): string {
  const strs = new Map<string, string[]>();
  const nums = new Map<string, string[]>();
  for (const l of labels) {
    const m = l.kind === 'string' ? strs : nums;
    let list = m.get(l.key);
    if (list === undefined) m.set(l.key, list = []);
    list.push(l.kind === 'string' ? q(l.value) : `${l.value}:${q(l.unit)}`);
  }
  const part = (m: Map<string, string[]>): string => [...m].map(([k, v]) => `${q(k)}=${v.join(',')}`).sort().join(';');
  return `${part(strs)}|${part(nums)}`;
}

/** The merge of `srcs`, the plain way. */
export function referenceMerge(srcs: readonly Profile[]): Profile {
  const header = mergedHeader(srcs);

  const mappings: Mapping[] = [];
  const mappingByKey = new Map<string, number>();
  const functions: ProfileFunction[] = [];
  const functionByKey = new Map<string, number>();
  const locations: MergedLocation[] = [];
  const locationByKey = new Map<string, number>();
  const samples = new Map<string, MergedSample>();

  for (const src of srcs) {
    const mapInfo = new Map<number, { index: number; offset: bigint }>();
    const mapMapping = (m: Mapping): { index: number; offset: bigint } => {
      let mi = mapInfo.get(m.index);
      if (mi !== undefined) return mi;
      const key = mappingKey(m);
      const existing = mappingByKey.get(key);
      if (existing !== undefined) {
        mi = { index: existing, offset: I64(mappings[existing]!.memoryStart - m.memoryStart) };
      } else {
        mappingByKey.set(key, mappings.length);
        mi = { index: mappings.length, offset: 0n };
        mappings.push(m);
      }
      mapInfo.set(m.index, mi);
      return mi;
    };
    const fnIndex = new Int32Array(src.functions.length).fill(-1);
    const mapFunction = (f: ProfileFunction): number => {
      if (fnIndex[f.index]! >= 0) return fnIndex[f.index]!;
      const key = functionKey(f);
      let i = functionByKey.get(key);
      if (i === undefined) {
        functionByKey.set(key, i = functions.length);
        functions.push(f);
      }
      fnIndex[f.index] = i;
      return i;
    };
    const locIndex = new Int32Array(src.locations.length).fill(-1);
    const mapLocation = (li: number): number => {
      if (locIndex[li]! >= 0) return locIndex[li]!;
      const l = src.locations[li]!;
      const mi = l.mapping === null ? null : mapMapping(l.mapping);
      const address = U64(l.address + (mi?.offset ?? 0n));
      const lines = l.lines.map((ln) => ({ fn: mapFunction(ln.function), line: ln.line, column: ln.column }));
      const rel = mi === null ? address : U64(address - mappings[mi.index]!.memoryStart);
      const key = `${rel},${mi?.index ?? -1},${+l.isFolded},${lines.map((ln) => `${ln.fn}:${ln.line}`).join(';')}`;
      let i = locationByKey.get(key);
      if (i === undefined) {
        locationByKey.set(key, i = locations.length);
        locations.push({ mapping: mi?.index ?? -1, address, isFolded: l.isFolded, lines });
      }
      locIndex[li] = i;
      return i;
    };

    if (mappings.length === 0 && src.mappings.length > 0) mapMapping(src.mappings[0]!);
    const s = src.samples;
    const stride = s.stride;
    for (let i = 0; i < s.count; i++) {
      let zero = true;
      for (let t = 0; t < stride; t++) if (s.values[i * stride + t] !== 0n) { zero = false; break; }
      if (zero) continue;
      const locs: number[] = [];
      for (let k = s.locationOffsets[i]!; k < s.locationOffsets[i + 1]!; k++) locs.push(mapLocation(s.locationIndices[k]!));
      // Labels with neither a string nor a number nor a unit do not exist for pprof (its decoder drops them).
      const labels = sampleLabels(s, i).filter((l) => l.kind === 'string' || l.value !== 0n || l.unit !== '');
      const key = `${locs.join(',')}|${labelKey(labels)}`;
      const existing = samples.get(key);
      if (existing !== undefined) {
        for (let t = 0; t < stride; t++) existing.values[t] = I64(existing.values[t]! + s.values[i * stride + t]!);
      } else {
        const values: bigint[] = [];
        for (let t = 0; t < stride; t++) values.push(s.values[i * stride + t]!);
        samples.set(key, { locations: locs, values, labels });
      }
    }
  }

  // Build from the surviving samples: ids come out in pprof's order of first reference.
  const b = new ProfileBuilder(header);
  const mappingIds = new Map<number, bigint>();
  const mappingId = (i: number): bigint => {
    let id = mappingIds.get(i);
    if (id === undefined) mappingIds.set(i, id = b.mapping(mappings[i]!));
    return id;
  };
  if (mappings.length > 0) mappingId(0);
  const functionIds = new Map<number, bigint>();
  const functionId = (i: number): bigint => {
    let id = functionIds.get(i);
    if (id === undefined) functionIds.set(i, id = b.function(functions[i]!));
    return id;
  };
  const locationIds = new Map<number, bigint>();
  const locationId = (i: number): bigint => {
    let id = locationIds.get(i);
    if (id === undefined) {
      const l = locations[i]!;
      id = b.location({
        mappingId: l.mapping < 0 ? null : mappingId(l.mapping),
        address: l.address,
        isFolded: l.isFolded,
        lines: l.lines.map((ln) => ({ functionId: functionId(ln.fn), line: ln.line, column: ln.column })),
      });
      locationIds.set(i, id);
    }
    return id;
  };
  for (const m of samples.values()) {
    if (m.values.every((v) => v === 0n)) continue;
    b.addSample(m.locations.map(locationId), m.values, m.labels);
  }
  return b.build();
}
