/**
 * Frame codes made in two halves (query/split-halves.ts), one forwards and
 * one backwards, in either order or on the helper thread, are the codes one
 * thread makes (splitInput), and trees and flame pages built from them are
 * the same; where halves cannot meet (hidden frames, samples left out,
 * stacks in index arrays) there are none.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseProfile } from '../../../src/index.js';
import { prepareView } from '../../../src/query/view.js';
import { splitInput } from '../../../src/query/split-input.js';
import { checkHalves, codesHalves, fillHalf, halfFilled, waitForHalf } from '../../../src/query/split-halves.js';
import { buildCallTreeOfView, callTreeBuilder } from '../../../src/query/call-tree.js';
import { PassWorker } from '../../../src/query/parallel.js';
import { buildFlamePayload } from '../../../src/render/flame-data.js';
import { PROFILES } from '../../helpers/paths.js';
import { protobufFixtures } from '../../helpers/top-cases.js';

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
        checkHalves(h);
        const want = splitInput(view, minWidth);
        const what = `${name} minWidth ${minWidth} order ${order.join('')}`;
        assert.deepEqual([...h.input.offsets], [...want.offsets], `${what}: offsets`);
        assert.deepEqual([...h.input.codes.subarray(0, h.total)], [...want.codes.subarray(0, h.total)], `${what}: codes`);
        assert.equal(h.input.offsets[h.input.placed.length], h.total);
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
    const helper = PassWorker.start('always', p.samples);
    assert.ok(helper !== null, 'the helper can take the profile');
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
        checkHalves(h);
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
