/**
 * Synthetic profiles for rules no captured fixture exercises. Go's runtime
 * never sets drop_frames / keep_frames, so fixtures/synthetic/drop-frames.pb.gz
 * is made here (UPDATE_GOLDEN=1 writes it; a unit test checks the committed
 * file still decodes to these bytes) and compared against go tool pprof.
 *
 * The stacks cover pprof's Prune rules: a dropped frame is cut with
 * everything below it; frames above the first user frame are never cut;
 * keep_frames rescues a frame drop_frames matches; a dropped inlined line
 * removes only the lines below it in its location; names are matched after
 * simplification (`lib.helper(int)` -> `lib.helper`, `main.(*T).m` -> `main.`).
 */

import { gzipSync } from 'node:zlib';
import { encodeProfile, type ProfileObj } from './proto.js';

/** drop_frames of the synthetic profile. */
export const SYNTHETIC_DROP = 'runtime\\..*|lib\\.helper|main\\.';
/** keep_frames of the synthetic profile. */
export const SYNTHETIC_KEEP = 'runtime\\.keep.*';

/** The uncompressed profile.proto bytes of fixtures/synthetic/drop-frames.pb.gz. */
export function dropFramesProfileProto(): Uint8Array {
  const strings = [''];
  const s = (v: string): number => {
    let i = strings.indexOf(v);
    if (i < 0) { i = strings.length; strings.push(v); }
    return i;
  };
  const fnNames = [
    'main.main', 'main.worker', 'runtime.mallocgc', 'runtime.goexit', 'runtime.keepalive', 'main.leaf',
    'runtime.memmove', 'main.copyBuf', 'main.inner', 'runtime.outer', 'lib.helper(int)', 'main.(*cb).run',
    'runtime.call', 'app.(*Server).handle', 'app.serve', 'runtime.keepme',
  ];
  const functionIds = new Map<string, number>();
  const fns = fnNames.map((name, i) => {
    functionIds.set(name, i + 1);
    return { id: i + 1, name: s(name), systemName: s(name), filename: s(name.startsWith('runtime') ? 'runtime/x.go' : 'app/x.go'), startLine: 10 * (i + 1) };
  });
  // Each location: its lines innermost first.
  const locLines: string[][] = [
    ['main.main'], ['main.worker'], ['runtime.mallocgc'], ['runtime.goexit'], ['runtime.keepalive'], ['main.leaf'],
    ['runtime.memmove', 'app.serve'], // 7: dropped inner line, user outer line
    ['main.inner', 'runtime.outer'], // 8: dropped outermost line -> whole location pruned
    ['lib.helper(int)'], ['main.(*cb).run'], ['runtime.call'], ['app.(*Server).handle'], ['app.serve'], ['runtime.keepme'],
  ];
  const fid = (n: string): number => functionIds.get(n)!;
  const loc = (n: number): number => n;
  const profile: ProfileObj = {
    sampleType: [{ type: s('samples'), unit: s('count') }, { type: s('cpu'), unit: s('nanoseconds') }],
    mapping: [{ id: 1, memoryStart: 0x400000, memoryLimit: 0x800000, filename: s('/usr/bin/app'), hasFunctions: true, hasFilenames: true, hasLineNumbers: true }],
    location: locLines.map((lines, i) => ({
      id: i + 1, mappingId: 1, address: 0x401000 + 0x10 * i,
      line: lines.map((n, k) => ({ functionId: fid(n), line: 100 + 10 * i + k })),
    })),
    function: fns,
    sample: [
      // user frames app.serve -> app.handle -> lib.helper -> runtime.mallocgc: cut at lib.helper
      { locationId: [loc(3), loc(9), loc(12), loc(13)], value: [1, 10_000_000], label: [{ key: s('workload'), str: s('web') }] },
      // only runtime frames: nothing cut (no user frame above them)
      { locationId: [loc(3), loc(4)], value: [2, 20_000_000] },
      // keep_frames rescues runtime.keepme: nothing cut
      { locationId: [loc(14), loc(12), loc(13)], value: [3, 30_000_000], label: [{ key: s('workload'), str: s('batch') }] },
      // inline location 7 loses its dropped inner line only
      { locationId: [loc(7), loc(12), loc(13)], value: [4, 40_000_000] },
      // location 8's outermost line is dropped: cut there (location 8 and below go)
      { locationId: [loc(6), loc(8), loc(12), loc(13)], value: [5, 50_000_000], label: [{ key: s('bytes'), num: 4096, numUnit: s('bytes') }] },
      // a callback below a dropped runtime frame goes with it
      { locationId: [loc(10), loc(11), loc(12), loc(13)], value: [6, 60_000_000] },
      // main.(*cb).run simplifies to `main.`, which drop_frames matches
      { locationId: [loc(10), loc(12), loc(13)], value: [9, 90_000_000] },
      // main.worker simplifies to `main.worker` (no '('), not matched by `main\.` as a whole name
      { locationId: [loc(2), loc(1)], value: [7, 70_000_000] },
      // runtime.keepalive: dropped (keep_frames wants runtime.keep.* — it matches: kept)
      { locationId: [loc(5), loc(12), loc(13)], value: [8, 80_000_000] },
    ],
    stringTable: strings,
    dropFrames: s(SYNTHETIC_DROP),
    keepFrames: s(SYNTHETIC_KEEP),
    timeNanos: '1700000000000000000',
    durationNanos: 1_000_000_000,
    periodType: { type: s('cpu'), unit: s('nanoseconds') },
    period: 10_000_000,
  };
  return encodeProfile(profile);
}

/** The gzip bytes written to fixtures/synthetic/drop-frames.pb.gz. */
export function dropFramesProfileGz(): Uint8Array {
  return new Uint8Array(gzipSync(dropFramesProfileProto()));
}
