/**
 * canonicalProfile: the shape go tool pprof gives a single loaded profile
 * (profile.Merge of one profile).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalProfile } from '../../../src/transform/canonical.js';
import { labelledProfile, stacksOf } from '../../helpers/labelled-profile.js';

test('samples with the same stack and labels merge, values summed, in order of first appearance', () => {
  const p = labelledProfile([
    { stack: ['a', 'main'], value: 1, str: { k: 'x' } },
    { stack: ['b', 'main'], value: 2 },
    { stack: ['a', 'main'], value: 3, str: { k: 'x' } },
    { stack: ['a', 'main'], value: 4, str: { k: 'y' } },
  ]);
  assert.deepEqual(stacksOf(canonicalProfile(p)), ['a<main 4', 'b<main 2', 'a<main 4']);
});

test('all-zero samples go, and so do samples whose merged values cancel out', () => {
  const p = labelledProfile([
    { stack: ['a'], value: 0 },
    { stack: ['b'], value: 5 },
    { stack: ['b'], value: -5 },
    { stack: ['c'], value: 1 },
  ]);
  assert.deepEqual(stacksOf(canonicalProfile(p)), ['c 1']);
});

test('locations and functions are renumbered 1..n in order of first use; unused ones go', () => {
  const p = labelledProfile([{ stack: ['unused'], value: 0 }, { stack: ['x', 'y'], value: 1 }]);
  const n = canonicalProfile(p);
  assert.deepEqual(n.locations.map((l) => `${l.id}:${l.lines[0]!.function.name}`), ['1:x', '2:y']);
  assert.deepEqual(n.functions.map((f) => `${f.id}:${f.name}`), ['1:x', '2:y']);
});

test('normalizing twice changes nothing', () => {
  const n = canonicalProfile(labelledProfile([{ stack: ['a'], value: 1 }]));
  assert.equal(canonicalProfile(n), n);
});
