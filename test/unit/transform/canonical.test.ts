/**
 * canonicalProfile: the shape go tool pprof gives a single loaded profile
 * (profile.Merge of one profile).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalProfile } from '../../../src/transform/canonical.js';
import { profile, stacksOf } from '../../helpers/tiny-profile.js';
import { ProfileBuilder, type LabelInput } from '../../../src/model/builder.js';
import type { Profile } from '../../../src/model/profile.js';
import { sampleLabels } from '../../../src/query/labels.js';
import { mergeScaled } from '../../../src/transform/merge.js';

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

test('label identity: key order does not matter, value order within a key does, units and kinds count', () => {
  const p = profile({
    ...LEAF,
    samples: [[1, 'a'], [2, 'a'], [4, 'a'], [8, 'a'], [16, 'a'], [32, 'a'], [64, 'a']],
    labels: {
      0: { k: 'x', j: 'y' }, 1: { j: 'y', k: 'x' }, // same set, other entry order: merge
      2: { k: ['x', 'z'] }, 3: { k: ['z', 'x'] }, // values of one key in another order: distinct
    },
    numLabels: { 4: { n: [5, 'ms'] }, 5: { n: [5, 's'] }, 6: { n: 5 } },
  });
  assert.deepEqual(stacksOf(canonicalProfile(p)), ['a 3', 'a 4', 'a 8', 'a 16', 'a 32', 'a 64']);
});

/** The sample identity pprof uses, as a string (a slow reference for the hashed merge). */
function referenceKey(p: Profile, i: number): string {
  const s = p.samples;
  const stack: string[] = [];
  for (let k = s.locationOffsets[i]!; k < s.locationOffsets[i + 1]!; k++) stack.push(p.locations[s.locationIndices[k]!]!.lines[0]!.function.name);
  const g = sampleLabels(s, i);
  const str = [...g.str].map(([k, v]) => JSON.stringify([k, v])).sort();
  const num = [...g.num].map(([k, v]) => JSON.stringify([k, v.map(String), g.numUnits.get(k) ?? []])).sort();
  return `${stack.join(',')}#${str.join('')}#${num.join('')}`;
}

function randomProfile(samples: number): Profile {
  let seed = 7;
  const rnd = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const b = new ProfileBuilder({ sampleTypes: [{ type: 'cpu', unit: 'nanoseconds' }] });
  const fns = Array.from({ length: 50 }, (_, i) => b.location({ lines: [{ functionId: b.function({ name: `f${i}` }) }] }));
  for (let i = 0; i < samples; i++) {
    const depth = 1 + rnd(3);
    const ids = Array.from({ length: depth }, () => fns[rnd(50)]!);
    const labels: LabelInput[] = [];
    if (rnd(2) === 0) labels.push({ key: 'w', kind: 'string', value: `w${rnd(8)}` });
    if (rnd(3) === 0) labels.push({ key: 'bytes', kind: 'number', value: BigInt(rnd(4)), unit: rnd(2) === 0 ? 'bytes' : '' });
    if (rnd(4) === 0) labels.unshift({ key: 'a', kind: 'string', value: `${rnd(2)}` });
    b.addSample(ids, [BigInt(rnd(5))], labels);
  }
  return b.build();
}

/** Sums by reference identity; fails when one identity appears twice in a merged profile. */
function sumsByKey(p: Profile, merged: boolean): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (let i = 0; i < p.samples.count; i++) {
    const v = p.samples.values[i]!;
    if (v === 0n && !merged) continue;
    const key = referenceKey(p, i);
    if (merged) assert.equal(out.has(key), false, `merged twice: ${key}`);
    out.set(key, (out.get(key) ?? 0n) + v);
  }
  return out;
}

test('a big random profile merges exactly as a string key would', () => {
  const p = randomProfile(60_000);
  const expected = sumsByKey(p, false);
  assert.ok(expected.size > 20_000, `${expected.size} identities`);
  assert.deepEqual(sumsByKey(canonicalProfile(p), true), expected);
});

test('hash collisions are checked field by field, never trusted (hashes narrowed to 6 bits)', () => {
  const p = randomProfile(20_000);
  assert.deepEqual(sumsByKey(mergeScaled([{ profile: p }], { hashMask: 0x3f }), true), sumsByKey(p, false));
});
