/**
 * A synthetic profile for top's `(inline)` marks under filters: `helper` is
 * called (its own location, under `caller`) in samples labelled
 * workload=web, and inlined into `other` (one location of two lines) only in
 * a workload=batch sample. With that sample filtered out (-tagfocus=web,
 * -tagignore=batch, -focus=caller) and no edge cut-off (-edgefraction=0,
 * -trim=false), pprof's graph has no inline edge into `helper`, so no mark;
 * an edge registered from the locations alone, which no kept sample walks,
 * must not add one. UPDATE_GOLDEN=1 writes
 * fixtures/synthetic/inline-edges.pb.gz (synthetic-write.ts).
 */

import { gzipSync } from 'node:zlib';
import { encodeProfile, Strings, type ProfileObj } from './proto.js';

const FUNCTIONS = ['main', 'caller', 'helper', 'other'] as const;

/** The uncompressed profile.proto bytes. */
export function inlineEdgesProfileProto(): Uint8Array {
  const st = new Strings();
  const s = (v: string): number => st.x(v);
  const fn = (name: (typeof FUNCTIONS)[number]): number => FUNCTIONS.indexOf(name) + 1;
  const workload = (v: string): { key: number; str: number }[] => [{ key: s('workload'), str: s(v) }];
  const profile: ProfileObj = {
    sampleType: [{ type: s('samples'), unit: s('count') }, { type: s('cpu'), unit: s('nanoseconds') }],
    sample: [
      { locationId: [4, 2, 1], value: [5, 50_000_000], label: workload('web') },
      { locationId: [3, 1], value: [3, 30_000_000], label: workload('batch') },
      { locationId: [2, 1], value: [2, 20_000_000], label: workload('web') },
    ],
    mapping: [{ id: 1, memoryStart: 0x400000, memoryLimit: 0x800000, filename: s('/usr/bin/app'), hasFunctions: true }],
    location: [
      { id: 1, mappingId: 1, address: 0x401000, line: [{ functionId: fn('main'), line: 10 }] },
      { id: 2, mappingId: 1, address: 0x401100, line: [{ functionId: fn('caller'), line: 20 }] },
      // helper inlined into other: lines innermost first.
      { id: 3, mappingId: 1, address: 0x401200, line: [{ functionId: fn('helper'), line: 30 }, { functionId: fn('other'), line: 40 }] },
      { id: 4, mappingId: 1, address: 0x401300, line: [{ functionId: fn('helper'), line: 31 }] },
    ],
    function: FUNCTIONS.map((name, i) => ({ id: i + 1, name: s(`main.${name}`), systemName: s(`main.${name}`), filename: s('app.go'), startLine: 0 })),
    stringTable: st.table,
    timeNanos: '1700000000000000000',
    durationNanos: 1_000_000_000,
    periodType: { type: s('cpu'), unit: s('nanoseconds') },
    period: 10_000_000,
  };
  return encodeProfile(profile);
}

/** The gzip bytes as committed. */
export function inlineEdgesProfileGz(): Uint8Array {
  return new Uint8Array(gzipSync(inlineEdgesProfileProto()));
}
