/**
 * THE builder of tiny test profiles, frame by frame:
 *
 *   profile({ types: [['cpu', 'nanoseconds']],
 *             samples: [[10, 'main', 'foo', 'bar']],   // values, then frames from the root down
 *             inline: { bar: 'foo' } })                 // bar is inlined into its caller foo
 *
 * Frames are function names (system name the same; file `<name>.go`, or `<package>/x.go` with
 * `files: 'package'`; line 1 unless `line`). A frame inlined into its caller
 * shares the caller's location (lines innermost first), as Go writes inlined
 * calls; a frame written `a+b` is one location whose lines are `a` inlined into
 * `b`. `leafFirst: true` reads each sample's frames from the leaf up instead.
 * Labels per sample: `labels: { 0: { 'pprof::base': 'true' } }`, numeric ones
 * `numLabels: { 0: { bytes: [4096, 'bytes'] } }`. Header fields (duration,
 * time, period, comments, drop/keep frames) pass through.
 *
 * `profile()` encodes with protobufjs (test/helpers/proto.ts) and decodes with
 * the real decoder, so tests see exactly what a file would give;
 * `builtProfile()` builds the same spec with src/model/builder.ts instead, for
 * tests of transforms that want a built profile (no addresses, builder-interned
 * parts). `rows()` (root first) and `stacksOf()` (leaf first) print samples
 * back for comparisons.
 */

import { parseProfile } from '../../src/parse.js';
import { ProfileBuilder, type LabelInput } from '../../src/model/builder.js';
import type { Profile } from '../../src/model/profile.js';
import { encodeProfile, Strings, type LabelObj, type LocationObj, type SampleObj } from './proto.js';

/** One sample: a value (or one per type), then frames (outermost caller first unless `leafFirst`). */
export type TinySample = [number | bigint | ReadonlyArray<number | bigint>, ...string[]];

/** A numeric label: a value, or [value, unit] ('' = no unit). */
export type TinyNumLabel = number | bigint | readonly [number | bigint, string];

/** What a tiny profile is made of. */
export interface TinyProfile {
  /** [type, unit] per value column (default one `samples/count` column). */
  types?: ReadonlyArray<readonly [string, string]>;
  samples: readonly TinySample[];
  /** Frames of every sample are written leaf first (as profile.proto stores them). */
  leafFirst?: boolean;
  /** callee -> caller: the callee is inlined into that caller wherever it calls it. */
  inline?: Readonly<Record<string, string>>;
  /** String labels of sample i (several values of one key as an array). */
  labels?: Readonly<Record<number, Readonly<Record<string, string | readonly string[]>>>>;
  /** Numeric labels of sample i. */
  numLabels?: Readonly<Record<number, Readonly<Record<string, TinyNumLabel>>>>;
  /** File names: `<name>.go` (default) or `<package>/x.go`. */
  files?: 'name' | 'package';
  /** Line number of every frame (default 1); lines of an `a+b` location count up from it. */
  line?: number;
  durationNanos?: number | bigint;
  timeNanos?: number | bigint;
  period?: number | bigint;
  periodType?: readonly [string, string];
  comments?: readonly string[];
  dropFrames?: string;
  keepFrames?: string;
}

const fileOf = (spec: TinyProfile, name: string): string => {
  if (spec.files !== 'package') return `${name}.go`;
  const dot = name.indexOf('.', name.lastIndexOf('/') + 1);
  return `${dot < 0 ? name : name.slice(0, dot)}/x.go`;
};

/** Frames of a sample leaf first, grouped into locations (each: lines innermost first). */
function locationsOf(spec: TinyProfile, sample: TinySample): { values: (number | bigint)[]; locs: string[][] } {
  const [v, ...written] = sample;
  const values = Array.isArray(v) ? [...(v as ReadonlyArray<number | bigint>)] : [v as number | bigint];
  const frames = spec.leafFirst === true ? [...written].reverse() : written; // root first from here
  const locs: string[][] = [];
  let k = frames.length - 1;
  while (k >= 0) {
    const lines = frames[k]!.split('+');
    while (k > 0 && spec.inline?.[frames[k]!] === frames[k - 1]) lines.push(...frames[--k]!.split('+'));
    locs.push(lines);
    k--;
  }
  return { values, locs };
}

const numOf = (n: TinyNumLabel): [number | bigint, string] => (Array.isArray(n) ? [n[0], n[1]] : [n as number | bigint, '']);
const strsOf = (v: string | readonly string[]): readonly string[] => (typeof v === 'string' ? [v] : v);

/** Builds, encodes and decodes a tiny profile. */
export function profile(spec: TinyProfile): Profile {
  const st = new Strings();
  const types = spec.types ?? [['samples', 'count']];
  const line = spec.line ?? 1;
  const fnIds = new Map<string, number>();
  const functions: { id: number; name: number; systemName: number; filename: number }[] = [];
  const fnId = (name: string): number => {
    let id = fnIds.get(name);
    if (id === undefined) {
      id = functions.length + 1;
      fnIds.set(name, id);
      functions.push({ id, name: st.x(name), systemName: st.x(name), filename: st.x(fileOf(spec, name)) });
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
      locations.push({ id, address: 0x1000 + 0x10 * id, line: lines.map((f, j) => ({ functionId: fnId(f), line: line + j })) });
    }
    return id;
  };
  const samples: SampleObj[] = spec.samples.map((s, i) => {
    const { values, locs } = locationsOf(spec, s);
    const label: LabelObj[] = [];
    for (const [key, v] of Object.entries(spec.labels?.[i] ?? {})) for (const x of strsOf(v)) label.push({ key: st.x(key), str: st.x(x) });
    for (const [key, n] of Object.entries(spec.numLabels?.[i] ?? {})) {
      const [num, unit] = numOf(n);
      label.push({ key: st.x(key), num: typeof num === 'bigint' ? Number(num) : num, ...(unit !== '' ? { numUnit: st.x(unit) } : {}) });
    }
    return { locationId: locs.map(locId), value: values.map((x) => (typeof x === 'bigint' ? x.toString() : x)), label };
  });
  const big = (x: number | bigint | undefined): number | string | undefined => (typeof x === 'bigint' ? x.toString() : x);
  const obj = {
    sampleType: types.map(([t, u]) => ({ type: st.x(t), unit: st.x(u) })),
    sample: samples,
    location: locations,
    function: functions,
    durationNanos: big(spec.durationNanos),
    timeNanos: big(spec.timeNanos),
    period: big(spec.period),
    periodType: spec.periodType === undefined ? undefined : { type: st.x(spec.periodType[0]), unit: st.x(spec.periodType[1]) },
    comment: spec.comments?.map((c) => st.x(c)),
    dropFrames: spec.dropFrames === undefined ? undefined : st.x(spec.dropFrames),
    keepFrames: spec.keepFrames === undefined ? undefined : st.x(spec.keepFrames),
    stringTable: st.table,
  };
  return parseProfile(encodeProfile(obj as Parameters<typeof encodeProfile>[0]));
}

/** Builds the same spec with the model's ProfileBuilder (no encode/decode round trip, no addresses). */
export function builtProfile(spec: TinyProfile): Profile {
  const line = spec.line ?? 1;
  const b = new ProfileBuilder({
    sampleTypes: (spec.types ?? [['samples', 'count']]).map(([type, unit]) => ({ type, unit })),
    ...(spec.periodType !== undefined ? { periodType: { type: spec.periodType[0], unit: spec.periodType[1] } } : {}),
    ...(spec.period !== undefined ? { period: BigInt(spec.period) } : {}),
    ...(spec.timeNanos !== undefined ? { timeNanos: BigInt(spec.timeNanos) } : {}),
    ...(spec.durationNanos !== undefined ? { durationNanos: BigInt(spec.durationNanos) } : {}),
    ...(spec.comments !== undefined ? { comments: spec.comments } : {}),
    ...(spec.dropFrames !== undefined ? { dropFrames: spec.dropFrames } : {}),
    ...(spec.keepFrames !== undefined ? { keepFrames: spec.keepFrames } : {}),
  });
  spec.samples.forEach((s, i) => {
    const { values, locs } = locationsOf(spec, s);
    const ids = locs.map((lines) => b.location({
      lines: lines.map((name, j) => ({
        functionId: b.function({ name, ...(spec.files !== undefined || spec.line !== undefined ? { filename: fileOf(spec, name) } : {}) }),
        ...(spec.line !== undefined ? { line: line + j } : {}),
      })),
    }));
    const labels: LabelInput[] = [];
    for (const [key, v] of Object.entries(spec.labels?.[i] ?? {})) for (const value of strsOf(v)) labels.push({ key, kind: 'string', value });
    for (const [key, n] of Object.entries(spec.numLabels?.[i] ?? {})) {
      const [num, unit] = numOf(n);
      labels.push({ key, kind: 'number', value: BigInt(num), unit });
    }
    b.addSample(ids, values.map((x) => BigInt(x)), labels);
  });
  return b.build();
}

/** Samples as `values stack-outermost-first-joined-by-; {labels}` (lines of a location joined by `+`). */
export function rows(p: Profile): string[] {
  return [...p.samples].map((s) => {
    const stack = s.locations.map((l) => l.lines.map((ln) => ln.function.name).join('+')).reverse().join(';');
    const labels = s.labels.map((l) => `${l.key}=${String(l.value)}`).join(',');
    return `${s.values.join(',')} ${stack}${labels === '' ? '' : ` {${labels}}`}`;
  });
}

/** Sample stacks as `leaf<caller<root value` (lines of a location joined by `+`, innermost first). */
export function stacksOf(p: Profile, typeIndex = 0): string[] {
  return [...p.samples].map((s) =>
    `${s.locations.map((l) => l.lines.map((ln) => ln.function.name).join('+')).join('<')} ${s.values[typeIndex]}`);
}
