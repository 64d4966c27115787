/**
 * Synthetic profiles for what pprof's merge changes in the `tags` report,
 * which no captured fixture exercises (Go writes no all-zero sample in these
 * and no two samples that cancel). `tags` skips the merge when it cannot
 * change a sum (transform/label-sums.ts); these profiles pin down, against
 * go tool pprof, each way the merge shows:
 *
 * - label-sums.pb.gz, no negative value: an all-zero sample first, whose
 *   string label, numeric label unit (`kilobytes`, where every other sample
 *   says `bytes`) and location no other sample has; two samples with the
 *   same stack and labels (one with its labels in another order), which the
 *   merge makes one; a sample with one value zero, which stays; a sample
 *   with two label entries Go's decoder drops (an empty string value, and a
 *   zero with no unit), whose keys no report may show.
 * - label-cancel.pb.gz, signed values (a delta profile's shape): two samples
 *   with the same stack and label whose values cancel, which the merge drops
 *   with their label value, next to an all-zero sample and a negative one.
 * - label-units.pb.gz: numeric labels of one key in two units (`bytes`,
 *   then `megabytes`), which every report notes on stderr, after an all-zero
 *   sample whose `kilobytes` comes first in the file but not in the merged
 *   profile pprof takes the unit from (so `size=1kB:` means bytes).
 *
 * UPDATE_GOLDEN=1 writes them (synthetic-write.ts); a unit test checks the
 * committed files still decode to these bytes.
 */

import { gzipSync } from 'node:zlib';
import { encodeProfile, type LabelObj, type ProfileObj, type SampleObj } from './proto.js';

/** The profiles. */
export type LabelSumsVariant = 'unsigned' | 'signed' | 'units';

/** The uncompressed profile.proto bytes of a variant. */
export function labelSumsProfileProto(variant: LabelSumsVariant): Uint8Array {
  const strings = [''];
  const s = (v: string): number => {
    let i = strings.indexOf(v);
    if (i < 0) {
      i = strings.length;
      strings.push(v);
    }
    return i;
  };
  const names = ['main.main', 'main.work', 'main.idle', 'main.zeroonly'];
  const workload = (v: string): LabelObj => ({ key: s('workload'), str: s(v) });
  const size = (n: number, unit: string): LabelObj => ({ key: s('size'), num: n, numUnit: s(unit) });
  // Location i + 1 holds function i + 1; stacks leaf first.
  const [MAIN, WORK, IDLE, ZERO] = [1, 2, 3, 4];
  const sample = (stack: number[], value: [number, number], label: LabelObj[]): SampleObj => ({ locationId: stack, value, label });
  const samples: SampleObj[] = variant === 'units'
    ? [
      sample([ZERO, MAIN], [0, 0], [size(3, 'kilobytes')]),
      sample([WORK, MAIN], [3, 30_000_000], [workload('web'), size(512, 'bytes')]),
      sample([IDLE, MAIN], [1, 10_000_000], [workload('batch'), size(2048, 'bytes')]),
      sample([WORK, MAIN], [2, 20_000_000], [workload('batch'), size(2, 'megabytes')]),
      sample([IDLE, MAIN], [1, 5_000_000], [size(700, 'bytes')]),
    ]
    : variant === 'unsigned'
    ? [
      sample([ZERO, MAIN], [0, 0], [workload('ghost'), size(3, 'kilobytes')]),
      sample([WORK, MAIN], [3, 30_000_000], [workload('web'), size(512, 'bytes')]),
      sample([WORK, MAIN], [3, 30_000_000], [workload('web'), size(512, 'bytes')]),
      sample([IDLE, MAIN], [1, 10_000_000], [workload('batch'), size(2048, 'bytes')]),
      sample([WORK, MAIN], [2, 20_000_000], [workload('batch')]),
      sample([IDLE, MAIN], [0, 5_000_000], [workload('idle')]),
      sample([WORK, MAIN], [1, 10_000_000], [size(512, 'bytes'), workload('web')]),
      sample([IDLE, MAIN], [0, 0], [workload('web')]),
      // Labels Go's decoder drops: an empty string (pprof.Labels("tenant", "")) and a zero without a unit.
      sample([WORK, MAIN], [1, 10_000_000], [workload('web'), { key: s('tenant'), str: 0 }, { key: s('shard'), num: 0 }]),
    ]
    : [
      sample([WORK, MAIN], [5, 50_000_000], [workload('gone')]),
      sample([IDLE, MAIN], [2, 20_000_000], [workload('web'), size(512, 'bytes')]),
      sample([WORK, MAIN], [-5, -50_000_000], [workload('gone')]),
      sample([IDLE, MAIN], [-1, -10_000_000], [workload('batch'), size(2048, 'bytes')]),
      sample([ZERO, MAIN], [0, 0], [workload('ghost'), size(3, 'kilobytes')]),
      sample([WORK, MAIN], [1, 10_000_000], [size(512, 'bytes')]),
    ];
  const profile: ProfileObj = {
    sampleType: [{ type: s('samples'), unit: s('count') }, { type: s('cpu'), unit: s('nanoseconds') }],
    sample: samples,
    mapping: [{ id: 1, memoryStart: 0x400000, memoryLimit: 0x800000, filename: s('/usr/bin/app'), hasFunctions: true }],
    location: names.map((_, i) => ({ id: i + 1, mappingId: 1, address: 0x401000 + 0x10 * i, line: [{ functionId: i + 1, line: 10 + i }] })),
    function: names.map((n, i) => ({ id: i + 1, name: s(n), systemName: s(n), filename: s('main.go'), startLine: 10 + i })),
    stringTable: strings,
    timeNanos: '1700000000000000000',
    durationNanos: 1_000_000_000,
    periodType: { type: s('cpu'), unit: s('nanoseconds') },
    period: 10_000_000,
  };
  return encodeProfile(profile);
}

/** The gzip bytes of a variant as committed. */
export function labelSumsProfileGz(variant: LabelSumsVariant): Uint8Array {
  return new Uint8Array(gzipSync(labelSumsProfileProto(variant)));
}
