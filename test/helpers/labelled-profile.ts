/**
 * Tiny labelled profiles for unit tests of filters and label reports:
 * `labelledProfile([{ stack: ['leaf', 'caller', 'main'], value: 5, str: { table: 'nat' }, num: { bytes: [4096, 'bytes'] } }])`.
 * A frame `a+b` is one location whose lines are `a` inlined into `b`.
 * One sample type `cpu/nanoseconds` (or `types`), encoded with protobufjs and decoded by the real parser.
 */

import { parseProfile } from '../../src/parse.js';
import type { Profile } from '../../src/model/profile.js';
import { encodeProfile, type LabelObj } from './proto.js';

/** One sample of a tiny profile. */
export interface TinySample {
  /** Frames leaf first; `a+b` is one location with `a` inlined into `b`. */
  readonly stack: readonly string[];
  /** One value, or one per sample type. */
  readonly value: number | readonly number[];
  /** String labels (one value per key; use `strs` for several). */
  readonly str?: Readonly<Record<string, string>>;
  /** String labels with several values per key. */
  readonly strs?: Readonly<Record<string, readonly string[]>>;
  /** Numeric labels: key -> [value, unit] ('' = no unit). */
  readonly num?: Readonly<Record<string, readonly [number, string]>>;
}

/** Options of a tiny profile. */
export interface TinyOptions {
  readonly types?: readonly (readonly [string, string])[];
  readonly dropFrames?: string;
  readonly keepFrames?: string;
}

/** Encodes and parses a tiny profile. */
export function labelledProfile(samples: readonly TinySample[], options: TinyOptions = {}): Profile {
  const strings = [''];
  const s = (v: string): number => {
    let i = strings.indexOf(v);
    if (i < 0) { i = strings.length; strings.push(v); }
    return i;
  };
  const fnIds = new Map<string, number>();
  const fid = (name: string): number => {
    let id = fnIds.get(name);
    if (id === undefined) { id = fnIds.size + 1; fnIds.set(name, id); }
    return id;
  };
  const locIds = new Map<string, number>();
  const lid = (frame: string): number => {
    let id = locIds.get(frame);
    if (id === undefined) { id = locIds.size + 1; locIds.set(frame, id); }
    return id;
  };
  const types = options.types ?? [['cpu', 'nanoseconds']];
  const sample = samples.map((x) => {
    const label: LabelObj[] = [];
    for (const [k, v] of Object.entries(x.str ?? {})) label.push({ key: s(k), str: s(v) });
    for (const [k, vs] of Object.entries(x.strs ?? {})) for (const v of vs) label.push({ key: s(k), str: s(v) });
    for (const [k, [n, unit]] of Object.entries(x.num ?? {})) label.push({ key: s(k), num: n, ...(unit !== '' ? { numUnit: s(unit) } : {}) });
    return {
      locationId: x.stack.map(lid),
      value: typeof x.value === 'number' ? [x.value] : [...x.value],
      label,
    };
  });
  const location = [...locIds].map(([frame, id]) => ({
    id, address: 0x1000 + id * 16,
    line: frame.split('+').map((name, k) => ({ functionId: fid(name), line: 10 + k })),
  }));
  const fn = [...fnIds].map(([name, id]) => ({ id, name: s(name), systemName: s(name), filename: s(`${name.split('.')[0]}.go`) }));
  const bytes = encodeProfile({
    sampleType: types.map(([t, u]) => ({ type: s(t), unit: s(u) })),
    sample,
    location,
    function: fn,
    dropFrames: options.dropFrames ? s(options.dropFrames) : 0,
    keepFrames: options.keepFrames ? s(options.keepFrames) : 0,
    period: 1,
    stringTable: strings,
  });
  return parseProfile(bytes);
}

/** Sample stacks of a profile as `leaf<caller<root` strings (lines of a location joined by `+`), with values. */
export function stacksOf(p: Profile, typeIndex = 0): string[] {
  const out: string[] = [];
  for (const smp of p.samples) {
    const frames = smp.locations.map((l) => l.lines.map((ln) => ln.function.name).join('+'));
    out.push(`${frames.join('<')} ${smp.values[typeIndex]}`);
  }
  return out;
}
