/**
 * canonicalProfile: the shape go tool pprof gives a single loaded profile
 * (profile.Merge of one profile).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalProfile } from '../../../src/transform/canonical.js';
import { profile, stacksOf } from '../../helpers/tiny-profile.js';

/** cpu/nanoseconds, period 1, stacks written leaf first, lines from 10. */
const LEAF = { types: [['cpu', 'nanoseconds']], period: 1, leafFirst: true, line: 10 } as const;

test('samples with the same stack and labels merge, values summed, in order of first appearance', () => {
  const p = profile({
    ...LEAF,
    samples: [[1, 'a', 'main'], [2, 'b', 'main'], [3, 'a', 'main'], [4, 'a', 'main']],
    labels: { 0: { k: 'x' }, 2: { k: 'x' }, 3: { k: 'y' } },
  });
  assert.deepEqual(stacksOf(canonicalProfile(p)), ['a<main 4', 'b<main 2', 'a<main 4']);
});

test('all-zero samples go, and so do samples whose merged values cancel out', () => {
  const p = profile({ ...LEAF, samples: [[0, 'a'], [5, 'b'], [-5, 'b'], [1, 'c']] });
  assert.deepEqual(stacksOf(canonicalProfile(p)), ['c 1']);
});

test('locations and functions are renumbered 1..n in order of first use; unused ones go', () => {
  const p = profile({ ...LEAF, samples: [[0, 'unused'], [1, 'x', 'y']] });
  const n = canonicalProfile(p);
  assert.deepEqual(n.locations.map((l) => `${l.id}:${l.lines[0]!.function.name}`), ['1:x', '2:y']);
  assert.deepEqual(n.functions.map((f) => `${f.id}:${f.name}`), ['1:x', '2:y']);
});

test('normalizing twice changes nothing', () => {
  const n = canonicalProfile(profile({ ...LEAF, samples: [[1, 'a']] }));
  assert.equal(canonicalProfile(n), n);
});
