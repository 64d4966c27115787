/**
 * Frame codes made in two halves (query/split-halves.ts), in either order or
 * on the helper thread, are per stack the codes one thread makes
 * (splitInput), and trees and flame pages built from them are the same;
 * where halves cannot be made (hidden frames, samples left out, stacks in
 * index arrays) there are none.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parseProfile } from '../../../src/index.js';
import { prepareView } from '../../../src/query/view.js';
import { splitInput } from '../../../src/query/split-input.js';
import { codesHalves, fillHalf, halfFilled, halvesValid, settleHalves, waitForHalf } from '../../../src/query/split-halves.js';
import type { SplitInput } from '../../../src/query/split-input.js';
import { buildCallTreeOfView, callTreeBuilder } from '../../../src/query/call-tree.js';
import { buildFlamePayload } from '../../../src/render/flame-data.js';
import { PROFILES } from '../../helpers/paths.js';
import { cat, ld, packed, str, Strings, varint, vint } from '../../helpers/proto.js';
import { PprofError } from '../../../src/errors.js';
import type { Profile } from '../../../src/model/profile.js';
import { protobufFixtures } from '../../helpers/top-cases.js';
import { startedHelper } from '../../helpers/helper-thread.js';
import { onFirstLoad } from '../../helpers/atomics-hook.js';

/** Each placed sample's codes, as one thread or the halves laid them out. */
function stacksOf(input: SplitInput): number[][] {
  return Array.from(input.placed, (_, j) => [...input.codes.subarray(input.offsets[j]!, input.ends[j]!)]);
}

/** Fixtures decompressed on a worker: packed stacks in shared memory, as a big profile's are. */
const fixtures = protobufFixtures().map((name) => [name, parseProfile(readFileSync(join(PROFILES, name)), { overlap: 'always' })] as const);

test('halves filled in either order give the codes of one thread', () => {
  let used = 0;
  for (const [name, p] of fixtures) {
    for (const minWidth of [0, 0.01]) {
      const view = prepareView(p, {});
      for (const order of [[0, 1], [1, 0]] as const) {
        const h = codesHalves(view, minWidth);
        if (h === null) continue;
        used++;
        assert.ok(!halfFilled(h, 0) && !halfFilled(h, 1));
        for (const which of order) fillHalf(h, which);
        assert.ok(halvesValid(h));
        settleHalves(h, p.samples);
        const want = splitInput(view, minWidth);
        const what = `${name} minWidth ${minWidth} order ${order.join('')}`;
        assert.deepEqual(stacksOf(h.input), stacksOf(want), `${what}: codes`);
        // The halves do not overlap, and each half's stacks follow each other.
        const { offsets, ends, placed } = h.input;
        for (let j = 0; j < placed.length; j++) {
          assert.ok(offsets[j]! <= ends[j]!, `${what}: stack ${j}`);
          if (j + 1 < placed.length && j + 1 !== h.half) assert.equal(ends[j], offsets[j + 1], `${what}: after stack ${j}`);
        }
        if (h.half > 0 && h.half < placed.length) assert.ok(ends[h.half - 1]! <= offsets[h.half]!, `${what}: the halves overlap`);
      }
    }
  }
  assert.ok(used >= 4, `halves were made for some fixtures (${used})`);
});

test('no halves where they cannot meet: hidden frames, samples left out, stacks in index arrays', () => {
  const [, cpu] = fixtures.find(([n]) => n === 'cpu.pb.gz')!;
  assert.ok(codesHalves(prepareView(cpu, {}), 0) !== null);
  assert.equal(codesHalves(prepareView(cpu, { hide: 'runtime\\.' }), 0), null, 'hidden frames');
  assert.equal(codesHalves(prepareView(cpu, { focus: 'main\\.' }), 0), null, 'samples left out');
  const copied = parseProfile(gunzipSync(readFileSync(join(PROFILES, 'cpu.pb.gz'))));
  assert.equal(copied.samples.packedStacks, null);
  assert.equal(codesHalves(prepareView(copied, {}), 0), null, 'stacks in index arrays');
  // A builder made its input first: no halves after that.
  const b = callTreeBuilder(prepareView(cpu, {}), { minWidth: 0 });
  void b.input;
  assert.equal(b.halves, null);
});

test('a builder\'s input is refused until both halves are made, then is the halves\' input', () => {
  const [, cpu] = fixtures.find(([n]) => n === 'cpu.pb.gz')!;
  const b = callTreeBuilder(prepareView(cpu, {}), { minWidth: 0 });
  const h = b.halves!;
  assert.ok(h !== null);
  fillHalf(h, 0);
  assert.throws(() => b.input, /before both halves/);
  fillHalf(h, 1);
  assert.equal(b.input, h.input);
});

test('waiting for a half stops when the other side gave up, and succeeds once it is filled', () => {
  const [, cpu] = fixtures.find(([n]) => n === 'cpu.pb.gz')!;
  const h = codesHalves(prepareView(cpu, {}), 0)!;
  const t0 = Date.now();
  assert.equal(waitForHalf(h, 1, 10_000, () => true), false);
  assert.ok(Date.now() - t0 < 1000, 'gave up at once');
  assert.equal(waitForHalf(h, 1, 50), false, 'times out');
  fillHalf(h, 1);
  assert.equal(waitForHalf(h, 1, 10_000), true);
});

test('the helper\'s half and tree (a halves-tree job) equal a tree built here', () => {
  let ran = 0;
  for (const [name, p] of fixtures) {
    const helper = startedHelper(p.samples);
    for (const minWidth of [0, 0.01]) {
      for (const orientation of ['callees', 'callers'] as const) {
        const view = prepareView(p, {});
        const b = callTreeBuilder(view, { minWidth });
        const h = b.halves;
        if (h === null) continue;
        const r = helper.run({ kind: 'halves-tree', halves: h, orientation }, (posted) => {
          assert.ok(posted);
          fillHalf(h, 0);
        }, () => null);
        assert.ok(r !== null && r.kind === 'tree', `${name}: the helper answered`);
        assert.ok(halfFilled(h, 1), 'the helper made its half');
        settleHalves(h, p.samples);
        const got = b.ofSplit(orientation, r.tree);
        const want = buildCallTreeOfView(view, orientation, { minWidth });
        assert.deepEqual([got.size, [...got.parent], [...got.frame], [...got.sampleEnd], [...got.merged]],
          [want.size, [...want.parent], [...want.frame], [...want.sampleEnd], [...want.merged]], `${name} ${orientation} ${minWidth}`);
        ran++;
      }
    }
  }
  assert.ok(ran >= 8);
});

test('flame pages made with the helper (codes in halves where they can be) equal pages made on one thread', () => {
  for (const [name, p] of fixtures) {
    for (const options of [{}, { hide: 'runtime\\.' }]) {
      const page = (parallel: 'always' | 'off'): unknown => buildFlamePayload(p, { ...options, minWidth: 0.005, title: name, parallel });
      assert.deepEqual(page('always'), page('off'), `${name} ${JSON.stringify(options)}`);
    }
  }
});

/**
 * A small CPU profile written byte by byte: 400 samples over 200 locations,
 * with `odd(i)` giving sample i's stack field instead of one packed run.
 */
function smallProfile(odd: (i: number, ids: number[]) => number[] | null = () => null): Uint8Array {
  const s = new Strings();
  const parts: number[][] = [ld(1, vint(1, s.x('samples')), vint(2, s.x('count'))), ld(1, vint(1, s.x('cpu')), vint(2, s.x('nanoseconds')))];
  for (let i = 0; i < 400; i++) {
    const ids: number[] = [];
    for (let d = 0; d < 4 + (i % 9); d++) ids.push(1 + ((i * 13 + d * 29) % 200));
    parts.push(ld(2, odd(i, ids) ?? packed(1, ids), packed(2, [1, 1_000_000 * (1 + (i % 4))])));
  }
  for (let k = 1; k <= 200; k++) parts.push(ld(4, vint(1, k), ld(4, vint(1, 1 + (k % 30)), vint(2, k))));
  for (let f = 1; f <= 30; f++) parts.push(ld(5, vint(1, f), vint(2, s.x(`pkg.f${f}`)), vint(4, s.x('/src/pkg/f.go'))));
  for (const t of s.table) parts.push(str(6, t));
  return Uint8Array.from(cat(...parts));
}

/** The profile with its stack ids left to the first pass, its bytes in shared memory (as the CLI parses a big one). */
function deferred(raw: Uint8Array): Profile {
  return parseProfile(new Uint8Array(gzipSync(raw)), { overlap: 'always', checkStacks: 'first-pass' });
}

test('a flame page whose halves stop at an id: the parse\'s error for a dangling one, the same page for an overlong one', () => {
  const page = (p: Profile, parallel: 'always' | 'off'): unknown => buildFlamePayload(p, { minWidth: 0, title: 't', parallel });
  const valid = smallProfile();
  assert.ok(codesHalves(prepareView(deferred(valid), {}), 0) !== null, 'the profile takes the halves');
  assert.deepEqual(page(deferred(valid), 'always'), page(parseProfile(valid), 'off'));
  // A dangling id in either half.
  for (const bad of [40, 300]) {
    const raw = smallProfile((i, ids) => (i === bad ? packed(1, [...ids, 999]) : null));
    assert.throws(() => parseProfile(raw), { message: `sample ${bad} references missing location 999` });
    for (const parallel of ['always', 'off'] as const) {
      assert.throws(() => page(deferred(raw), parallel), (e) => e instanceof PprofError
        && e.code === 'invalid-profile' && e.message === `sample ${bad} references missing location 999`, `${bad} ${parallel}`);
    }
    // The helper's reply to the refused page was taken: the next job gets its own.
    assert.deepEqual(page(deferred(valid), 'always'), page(parseProfile(valid), 'off'), `after ${bad}`);
  }
  // An id in five varint bytes: valid, but not read by the halves, so one thread makes the codes.
  for (const odd of [60, 333]) {
    const raw = smallProfile((i, ids) => (i === odd ? ld(1, [0x81, 0x80, 0x80, 0x80, 0x00], ...ids.map((v) => varint(v))) : null));
    const p = deferred(raw);
    assert.deepEqual(page(p, 'always'), page(parseProfile(raw), 'off'), `overlong id in sample ${odd}`);
    assert.equal(p.samples.stacksChecked, true);
  }
});

test('a reply that lands between the wait\'s look at the answered count and its look at the clock is taken', () => {
  const [, cpu] = fixtures.find(([n]) => n === 'cpu.pb.gz')!;
  const helper = startedHelper(cpu.samples);
  const view = prepareView(cpu, {});
  const b = callTreeBuilder(view, { minWidth: 0 });
  // Slot 0 of the helper's control words counts the jobs it has answered (query/parallel.ts).
  const ctrl = (helper as unknown as { ctrl: Int32Array }).ctrl;
  // The first look sees the count before the answer; the worker answers, and the wait (no least
  // wait, nothing done beside it) runs out, before this thread looks at the clock.
  const { ran: held, value: r } = onFirstLoad(ctrl, 0, (before) => {
    const until = Date.now() + 60_000;
    while (Atomics.load(ctrl, 0) === before && Date.now() < until) Atomics.wait(ctrl, 0, before, 10);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }, () => helper.run({ kind: 'tree', input: b.input, orientation: 'callers' }, () => {}, () => null, 0));
  assert.ok(held, 'the answer came between the two looks');
  assert.ok(r !== null && r.kind === 'tree', 'the reply that came is taken');
  assert.deepEqual([...b.ofSplit('callers', r.tree).frame], [...buildCallTreeOfView(view, 'callers', { minWidth: 0 }).frame]);
});

test('a job\'s reply is taken when the work beside it throws, so the next job gets its own', () => {
  const [, cpu] = fixtures.find(([n]) => n === 'cpu.pb.gz')!;
  const helper = startedHelper(cpu.samples);
  const view = prepareView(cpu, {});
  const b = callTreeBuilder(view, { minWidth: 0 });
  const input = b.input;
  assert.throws(() => helper.run({ kind: 'tree', input, orientation: 'callees' }, () => { throw new Error('boom'); }, () => null),
    /boom/);
  const r = helper.run({ kind: 'tree', input, orientation: 'callers' }, () => {}, () => null);
  assert.ok(r !== null && r.kind === 'tree');
  const want = buildCallTreeOfView(view, 'callers', { minWidth: 0 });
  assert.deepEqual([...b.ofSplit('callers', r.tree).frame], [...want.frame]);
  assert.notDeepEqual([...want.frame], [...buildCallTreeOfView(view, 'callees', { minWidth: 0 }).frame], 'the two trees differ');
});
