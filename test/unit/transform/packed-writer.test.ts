/**
 * The merge writes its stacks packed (transform/packed-writer.ts): ids of
 * every varint width read back exactly through the model's own check and
 * decoder, the summary is what the model's two-comparison check trusts, and
 * merged profiles come out packed.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PackedStackWriter } from '../../../src/transform/packed-writer.js';
import { checkPacked, decodeStack } from '../../../src/model/packed-stacks.js';
import { mergeProfiles } from '../../../src/transform/merge.js';
import { parseProfile } from '../../../src/parse.js';
import { PROFILES } from '../../helpers/paths.js';

test('ids of one to four varint bytes read back exactly, and the summary is exact', () => {
  const max = (1 << 21) + 5;
  const stacks = [[1, 127, 128], [], [16383, 16384, (1 << 21) - 1, 1 << 21, max], [2, 2, 2]];
  const frames = stacks.reduce((n, s) => n + s.length, 0);
  const w = new PackedStackWriter(stacks.length, frames, max);
  for (const s of stacks) {
    for (const id of s) w.add(id);
    w.next();
  }
  const ranges = w.finish();
  assert.deepEqual(ranges.summary, { minId: 1, maxId: max, frames, maxDepth: 5, long: false });
  // Ids 1..max at locations 0..max-1, as Go numbers them.
  const idToLoc = new Int32Array(max + 1).map((_, id) => id - 1);
  const ps = checkPacked(ranges, idToLoc);
  assert.notEqual(ps, null);
  const out = new Int32Array(5);
  stacks.forEach((s, i) => {
    const n = decodeStack(ps!, i, out);
    assert.deepEqual([...out.subarray(0, n)], s.map((id) => id - 1), `sample ${i}`);
  });
});

test('a merged profile keeps its stacks packed and reads as its unpacked form', () => {
  const p = parseProfile(readFileSync(join(PROFILES, 'cpu.pb.gz')));
  const m = mergeProfiles([p, p]);
  assert.notEqual(m.samples.packedStacks, null);
  const s = m.samples;
  const offsets = s.locationOffsets; // unpacks
  assert.equal(s.packedStacks, null);
  assert.equal(offsets[s.count], s.locationIndices.length);
  assert.deepEqual([...s.locationIndices.subarray(0, 8)].every((i) => i < m.locations.length), true);
});
