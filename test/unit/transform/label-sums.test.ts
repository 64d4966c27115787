/**
 * labelSumShape: the shape `tags` reads a profile in, which sums label by
 * label to what pprof's merged shape sums to (the goldens of
 * fixtures/synthetic/label-*.pb.gz hold it against go tool pprof).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labelSumShape } from '../../../src/transform/label-sums.js';
import { canonicalProfile } from '../../../src/transform/canonical.js';
import { isNormalized } from '../../../src/transform/rebuild.js';
import { tagsReport } from '../../../src/report/tags/data.js';
import { profile, rows, type TinyProfile } from '../../helpers/tiny-profile.js';

const TWO = { types: [['samples', 'count'], ['cpu', 'nanoseconds']] } as const;

test('a profile with no negative value and no all-zero sample is read as it is: no merge', () => {
  const p = profile({ ...TWO, samples: [[[1, 10], 'main', 'a'], [[1, 10], 'main', 'a'], [[0, 5], 'main', 'b']] });
  const shaped = labelSumShape(p);
  assert.equal(shaped, p);
  assert.equal(isNormalized(shaped), false);
});

test('samples whose values are all zero go, the others stay as they are, in order', () => {
  const p = profile({
    ...TWO,
    samples: [[[0, 0], 'main', 'ghost'], [[1, 10], 'main', 'a'], [[0, 0], 'main', 'a'], [[0, 5], 'main', 'b'], [[1, 10], 'main', 'a']],
    labels: { 0: { workload: 'ghost' }, 1: { workload: 'web' }, 2: { workload: 'web' }, 4: { workload: 'web' } },
    numLabels: { 0: { size: [3, 'kilobytes'] }, 1: { size: [512, 'bytes'] } },
  });
  const shaped = labelSumShape(p);
  assert.deepEqual(rows(shaped), ['1,10 main;a {workload=web,size=512}', '0,5 main;b', '1,10 main;a {workload=web}']);
  assert.equal(shaped.filteredFrom, undefined, 'not a report-time filter: the profile keeps its own 100%');
});

test('with a negative value, samples can cancel out: the merged shape itself', () => {
  const p = profile({
    ...TWO,
    samples: [[[5, 50], 'main', 'a'], [[-5, -50], 'main', 'a'], [[1, 10], 'main', 'b']],
    labels: { 0: { workload: 'gone' }, 1: { workload: 'gone' } },
  });
  const shaped = labelSumShape(p);
  assert.ok(isNormalized(shaped));
  assert.deepEqual(rows(shaped), ['1,10 main;b']);
  assert.deepEqual(tagsReport(p).keys.map((k) => k.key), []);
});

test('a profile already in the merged shape is returned as it is', () => {
  const c = canonicalProfile(profile({ samples: [[1, 'main'], [0, 'main']] }));
  assert.equal(labelSumShape(c), c);
});

test('tags adds the same sums with and without the merge, numeric labels by their text', () => {
  const spec: TinyProfile = {
    ...TWO,
    samples: [
      [[0, 0], 'main', 'ghost'], [[3, 30], 'main', 'a'], [[3, 30], 'main', 'a'], [[1, 10], 'main', 'b'], [[2, 20], 'main', 'a'],
      [[1, 10], 'main', 'a'],
    ],
    labels: { 0: { workload: 'ghost' }, 1: { workload: 'web' }, 2: { workload: 'web' }, 3: { workload: 'batch' }, 4: { workload: ['batch', 'web'] }, 5: { workload: 'web' } },
    numLabels: { 0: { size: [3, 'kilobytes'] }, 1: { size: [512, 'bytes'] }, 2: { size: [512, 'bytes'] }, 3: { size: [2048, 'bytes'] }, 5: { size: [500, 'bytes'] } },
  };
  const fast = tagsReport(profile(spec));
  const merged = tagsReport(canonicalProfile(profile(spec)));
  assert.deepEqual(fast, merged);
  const text = (r: typeof fast): string[] => r.keys.flatMap((k) => [`${k.key} ${k.totalText}`, ...k.values.map((v) => `${v.name} ${v.valueText} ${v.percent}`)]);
  assert.deepEqual(text(fast), [
    // The zero sample's kilobytes would make `size` a kilobytes key, and add `ghost`; a value's two labels both count.
    'size 80.0ns', '512B 60.0ns 75.00%', '2kB 10.0ns 12.50%', '500B 10.0ns 12.50%',
    'workload 120.0ns', 'web 90.0ns 75.00%', 'batch 30.0ns 25.00%',
  ]);
});
