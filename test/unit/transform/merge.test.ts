// Merging profiles with pprof's profile.Merge semantics; each test names the rule.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { mergeProfiles } from '../../../src/transform/merge.js';
import { ProfileBuilder } from '../../../src/model/builder.js';
import { PprofError } from '../../../src/errors.js';
import { builtProfile as tiny, rows } from '../../helpers/tiny-profile.js';

describe('merge', () => {
  test('rule: samples with equal stacks and equal labels are combined, values added', () => {
    const a = tiny({ samples: [[[1n], 'main', 'f'], [[2n], 'main', 'g']] });
    const b = tiny({ samples: [[[10n], 'main', 'g'], [[20n], 'main', 'h'], [[5n], 'main', 'f']] });
    assert.deepEqual(rows(mergeProfiles([a, b])), ['6 main;f', '12 main;g', '20 main;h']);
  });

  test('rule: label sets are compared regardless of key order; different labels keep samples apart', () => {
    const a = tiny({ samples: [[[1n], 'f']], labels: { 0: { a: '1', b: '2' } } });
    const b = tiny({
      samples: [[[2n], 'f'], [[4n], 'f'], [[8n], 'f']],
      labels: { 0: { b: '2', a: '1' }, 1: { a: '9' } },
      numLabels: { 2: { a: 1n } },
    });
    assert.deepEqual(rows(mergeProfiles([a, b])), ['3 f {a=1,b=2}', '4 f {a=9}', '8 f {a=1}']);
  });

  test('rule: durations are summed, the earliest nonzero time and the largest period win, comments are kept once', () => {
    const a = tiny({ samples: [[[1n], 'f']], durationNanos: 5_000_000_000n, timeNanos: 200n, period: 10n, comments: ['x', 'y'] });
    const b = tiny({ samples: [[[1n], 'f']], durationNanos: 3_000_000_000n, timeNanos: 100n, period: 20n, comments: ['y', 'z'] });
    const m = mergeProfiles([a, b]);
    assert.equal(m.durationNanos, 8_000_000_000n);
    assert.equal(m.timeNanos, 100n);
    assert.equal(m.period, 20n);
    assert.deepEqual(m.comments, ['x', 'y', 'z']);
  });

  test('rule: a profile with time 0 does not hide the others\' time only when it comes first', () => {
    // pprof: "if timeNanos == 0 || s.TimeNanos < timeNanos" - a later zero still wins as the smaller value.
    const a = tiny({ samples: [[[1n], 'f']], timeNanos: 0n });
    const b = tiny({ samples: [[[1n], 'f']], timeNanos: 100n });
    assert.equal(mergeProfiles([a, b]).timeNanos, 100n);
    assert.equal(mergeProfiles([b, a]).timeNanos, 0n);
  });

  test('rule: sample types and period types must match exactly', () => {
    const a = tiny({ samples: [] });
    const b = tiny({ samples: [], types: [['samples', 'bytes']] });
    const c = tiny({ samples: [], periodType: ['cpu', 'nanoseconds'] });
    assert.throws(() => mergeProfiles([a, b]), (e) => e instanceof PprofError && e.code === 'incompatible' &&
      /incompatible sample types/.test(e.message));
    assert.throws(() => mergeProfiles([a, c]), (e) => e instanceof PprofError && /incompatible period types/.test(e.message));
    assert.throws(() => mergeProfiles([]), (e) => e instanceof PprofError && e.code === 'bad-option');
  });

  test('rule: all-zero samples are dropped, with the frames only they used', () => {
    const a = tiny({ samples: [[[0n], 'main', 'gone'], [[3n], 'main', 'f'], [[-3n], 'main', 'h']] });
    const b = tiny({ samples: [[[3n], 'main', 'h']] });
    const m = mergeProfiles([a, b]);
    assert.deepEqual(rows(m), ['3 main;f']);
    assert.deepEqual(m.functions.map((f) => f.name).sort(), ['f', 'main']);
    assert.equal(m.locations.length, 2);
  });

  test('rule: mappings merge by size, offset and build id, and addresses move into the kept mapping\'s range', () => {
    const make = (start: bigint, addr: bigint, v: bigint) => {
      const b = new ProfileBuilder({ sampleTypes: [{ type: 'samples', unit: 'count' }] });
      const m = b.mapping({ memoryStart: start, memoryLimit: start + 0x5000n, buildId: 'B', filename: '/bin/x' });
      b.addSample([b.location({ mappingId: m, address: addr, lines: [{ functionId: b.function({ name: 'f' }) }] })], [v]);
      return b.build();
    };
    // Same build id, relocated by 0x10000 (ASLR): one mapping, one location, values added.
    const m = mergeProfiles([make(0x400000n, 0x401234n, 1n), make(0x410000n, 0x411234n, 2n)]);
    assert.equal(m.mappings.length, 1);
    assert.equal(m.locations.length, 1);
    assert.equal(m.locations[0]!.address, 0x401234n);
    assert.deepEqual(rows(m), ['3 f']);
  });

  test('rule: merging one profile compacts it (equal samples combined)', () => {
    const a = tiny({ samples: [[[1n], 'f'], [[2n], 'f'], [[0n], 'g']] });
    assert.deepEqual(rows(mergeProfiles([a])), ['3 f']);
  });
});
