/**
 * A frame-level builder for tiny test profiles:
 *
 *   profile({ types: [['cpu', 'nanoseconds']],
 *             samples: [[10, 'main', 'foo', 'bar']],   // values, then frames from the root down
 *             inline: { bar: 'foo' } })                 // bar is inlined into its caller foo
 *
 * Frames are function names (file `<name>.go`, line 1). A frame inlined into
 * its caller shares the caller's location (lines innermost first), as Go
 * writes inlined calls. Labels per sample: `labels: { 0: { 'pprof::base': 'true' } }`.
 * The profile is encoded with protobufjs (test/helpers/proto.ts) and decoded
 * by the real decoder, so tests see exactly what a file would give.
 */

import { parseProfile } from '../../src/parse.js';
import type { Profile } from '../../src/model/profile.js';
import { encodeProfile, Strings, type LabelObj, type LocationObj, type SampleObj } from './proto.js';

/** One sample: a value (or one per type), then frames from the outermost caller to the leaf. */
export type TinySample = [number | bigint | ReadonlyArray<number | bigint>, ...string[]];

/** What a tiny profile is made of. */
export interface TinyProfile {
  /** [type, unit] per value column (default one `samples/count` column). */
  types?: ReadonlyArray<readonly [string, string]>;
  samples: readonly TinySample[];
  /** callee -> caller: the callee is inlined into that caller wherever it calls it. */
  inline?: Readonly<Record<string, string>>;
  /** String labels of sample i. */
  labels?: Readonly<Record<number, Readonly<Record<string, string>>>>;
  /** Numeric labels of sample i. */
  numLabels?: Readonly<Record<number, Readonly<Record<string, number>>>>;
}

/** Builds and decodes a tiny profile. */
export function profile(spec: TinyProfile): Profile {
  const st = new Strings();
  const types = spec.types ?? [['samples', 'count']];
  const fnIds = new Map<string, number>();
  const functions: { id: number; name: number; filename: number }[] = [];
  const fnId = (name: string): number => {
    let id = fnIds.get(name);
    if (id === undefined) {
      id = functions.length + 1;
      fnIds.set(name, id);
      functions.push({ id, name: st.x(name), filename: st.x(`${name}.go`) });
    }
    return id;
  };
  const locIds = new Map<string, number>();
  const locations: LocationObj[] = [];
  const locId = (lines: readonly string[]): number => {
    const key = lines.join('\u0000');
    let id = locIds.get(key);
    if (id === undefined) {
      id = locations.length + 1;
      locIds.set(key, id);
      locations.push({ id, address: 0x1000 * id, line: lines.map((f) => ({ functionId: fnId(f), line: 1 })) });
    }
    return id;
  };
  const samples: SampleObj[] = spec.samples.map(([v, ...frames], i) => {
    const values = Array.isArray(v) ? [...(v as ReadonlyArray<number | bigint>)] : [v as number | bigint];
    // Leaf first; a frame inlined into the next one up joins that frame's location.
    const locs: number[] = [];
    let k = frames.length - 1;
    while (k >= 0) {
      const lines = [frames[k]!];
      while (k > 0 && spec.inline?.[frames[k]!] === frames[k - 1]) lines.push(frames[--k]!);
      locs.push(locId(lines));
      k--;
    }
    const label: LabelObj[] = [];
    for (const [key, s] of Object.entries(spec.labels?.[i] ?? {})) label.push({ key: st.x(key), str: st.x(s) });
    for (const [key, n] of Object.entries(spec.numLabels?.[i] ?? {})) label.push({ key: st.x(key), num: n });
    return { locationId: locs, value: values, label };
  });
  const obj = {
    sampleType: types.map(([t, u]) => ({ type: st.x(t), unit: st.x(u) })),
    sample: samples,
    location: locations,
    function: functions,
    stringTable: st.table,
  };
  return parseProfile(encodeProfile(obj));
}
