/**
 * The two-thread call tree (query/tree-steal.ts) on the bench generator's
 * profiles, real-shaped (95k-location catalogue, label-heavy, depth 20-80)
 * and classic (deep shared stacks), 10 MB each: with the helper thread and
 * this one splitting together from the start, the joined tree is the tree
 * one thread builds, node ids included, for both orientations, cut and
 * whole; and flame pages made through the helper equal pages made on one
 * thread.
 */

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateProfile, type GenShape } from '../../bench/gen.js';
import { parseProfile } from '../../src/index.js';
import type { Profile } from '../../src/model/profile.js';
import { prepareView } from '../../src/query/view.js';
import { splitInput } from '../../src/query/split-input.js';
import { treeSplitter, type SplitTree } from '../../src/query/tree-split.js';
import { joinerPart, joinTrees, sharedSplit, type PartTree } from '../../src/query/tree-steal.js';
import type { PassResult } from '../../src/query/parallel.js';
import { startedHelper } from '../helpers/helper-thread.js';
import { buildFlamePayload } from '../../src/render/flame-data.js';

let dir = '';
const profiles = new Map<GenShape, Profile>();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pprof-ts-steal-'));
  for (const shape of ['real', 'classic'] as const) {
    const out = join(dir, `${shape}.pb.gz`);
    await generateProfile({ shape, out, targetBytes: 10_000_000 });
    // Decompressed on a worker into shared memory, as the CLI reads a big profile.
    profiles.set(shape, parseProfile(readFileSync(out), { overlap: 'always' }));
  }
});

after(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

/** The first difference between two trees, or null. */
function difference(got: SplitTree, want: SplitTree): string | null {
  if (got.size !== want.size) return `size ${got.size} != ${want.size}`;
  for (let i = 0; i < want.size; i++) {
    if (got.parent[i] !== want.parent[i] || got.frame[i] !== want.frame[i]) return `node ${i}`;
  }
  for (let i = 0; i < want.sampleEnd.length; i++) if (got.sampleEnd[i] !== want.sampleEnd[i]) return `sample ${i}`;
  if (JSON.stringify([...got.merged]) !== JSON.stringify([...want.merged])) return 'merged nodes';
  return null;
}

test('the helper and this thread splitting one tree together give the tree of one thread', () => {
  for (const [shape, p] of profiles) {
    const helper = startedHelper(p.samples);
    const view = prepareView(p, {});
    for (const minWidth of [0.0002, 0]) {
      const input = splitInput(view, minWidth);
      for (const orientation of ['callees', 'callers'] as const) {
        const want = treeSplitter(input)(orientation);
        const shared = sharedSplit(input);
        let mine: PartTree | null = null;
        // This thread joins at once: both split from the first segments on.
        const r: PassResult | null = helper.run({ kind: 'tree', input, orientation, shared }, (posted) => {
          assert.ok(posted);
          mine = joinerPart(input, shared, orientation, () => helper.answered());
        }, () => null);
        assert.ok(r !== null && r.kind === 'part', `${shape}: the helper answered with its part`);
        const what = `${shape} ${orientation} minWidth ${minWidth} (${want.size} nodes)`;
        assert.ok(mine !== null && (mine as PartTree).size > 1, `${what}: this thread took segments`);
        assert.equal(difference(joinTrees(r.part, mine), want), null, what);
      }
    }
  }
});

test('flame pages made through the helper equal pages made on one thread', () => {
  for (const [shape, p] of profiles) {
    for (const options of [{}, { hide: 'runtime\\.' }]) {
      const page = (parallel: 'always' | 'off'): unknown => buildFlamePayload(p, { ...options, minWidth: 0.0002, title: shape, parallel });
      assert.deepEqual(page('always'), page('off'), `${shape} ${JSON.stringify(options)}`);
    }
  }
});

test("a reply that comes after its job's wait ran out is dropped, not taken for the next job's", () => {
  const p = profiles.get('real')!;
  const helper = startedHelper(p.samples);
  const view = prepareView(p, {});
  const input = splitInput(view, 0);
  // Job 1: this thread gives up on the helper at once (no least wait, nothing to do meanwhile); the
  // helper, building a tree of a 10 MB profile, answers later, while job 2 waits.
  const first = helper.run({ kind: 'tree', input, orientation: 'callees' }, () => {}, () => 'timed out' as const, 0);
  assert.equal(first, 'timed out', 'the first job was still running when its wait ended');
  const r = helper.run({ kind: 'tree', input, orientation: 'callers' }, () => {}, () => null);
  assert.ok(r !== null && r.kind === 'tree', 'the second job got a reply');
  const want = treeSplitter(input)('callers');
  const callees = treeSplitter(input)('callees');
  assert.notEqual(difference(callees, want), null, 'the two trees differ, so a swapped reply shows');
  assert.equal(difference(r.tree, want), null, 'the second job got its own tree, not the first one\'s');
});
