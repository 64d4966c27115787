/**
 * Tiny synthetic profiles from frame names, for unit tests of the assertion
 * API: one location per frame, one function per distinct name (file
 * `<package>/x.go`), values exact (bigint accepted), optional string labels.
 */

import { parseProfile } from '../../src/parse.js';
import type { Profile } from '../../src/model/profile.js';
import { Strings, encodeProfile, type LabelObj, type SampleObj } from './proto.js';

/** One sample: values (one per type), stack leaf first, labels. */
export interface TinySample {
  values: (number | bigint)[];
  stack: string[];
  labels?: Record<string, string>;
}

/** Builds and parses a profile with the given sample types (`[type, unit]`) and samples. */
export function tinyProfile(types: [string, string][], samples: TinySample[], durationNanos = 0): Profile {
  const s = new Strings();
  const fnIds = new Map<string, number>();
  const fns: { id: number; name: number; filename: number }[] = [];
  const locs: { id: number; line: { functionId: number; line: number }[] }[] = [];
  const fnId = (name: string): number => {
    let id = fnIds.get(name);
    if (id === undefined) {
      id = fns.length + 1;
      fnIds.set(name, id);
      const dot = name.indexOf('.', name.lastIndexOf('/') + 1);
      fns.push({ id, name: s.x(name), filename: s.x(`${dot < 0 ? name : name.slice(0, dot)}/x.go`) });
      locs.push({ id, line: [{ functionId: id, line: 10 }] });
    }
    return id;
  };
  const sample: SampleObj[] = samples.map((x) => ({
    locationId: x.stack.map(fnId),
    value: x.values.map((v) => (typeof v === 'bigint' ? v.toString() : v)),
    label: Object.entries(x.labels ?? {}).map(([k, v]): LabelObj => ({ key: s.x(k), str: s.x(v) })),
  }));
  const sampleType = types.map(([t, u]) => ({ type: s.x(t), unit: s.x(u) }));
  return parseProfile(encodeProfile({
    sampleType, sample, location: locs, function: fns, stringTable: s.table, durationNanos,
  } as Parameters<typeof encodeProfile>[0]));
}
