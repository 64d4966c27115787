/**
 * Transforms that only drop samples (tag filters, empty stacks) keep a
 * packed source's stacks packed: the new table points at the kept samples'
 * byte ranges, copies no frame, and reads exactly like the table made by
 * copying (stacks, values, labels, top tables), on every fixture; a writer
 * that is given a new stack after such samples copies them all correctly.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseProfile } from '../../../src/parse.js';
import type { Profile } from '../../../src/model/profile.js';
import { filterByTags, dropEmptyStacks } from '../../../src/transform/samples.js';
import { SampleTableWriter } from '../../../src/transform/rebuild.js';
import { topTable } from '../../../src/report/top.js';
import type { SampleTable } from '../../../src/model/sample-table.js';
import { PROFILES } from '../../helpers/paths.js';
import { protobufFixtures } from '../../helpers/top-cases.js';

/** Every sample as [stack, values, labels], for comparisons. */
function samplesOf(s: SampleTable): unknown[] {
  return Array.from({ length: s.count }, (_, i) => {
    const x = s.get(i);
    return [x.locations.map((l) => l.index), x.values, x.labels];
  });
}

/** Keeps every other sample, and those with a label. */
const someSamples = (s: SampleTable, i: number): boolean => i % 2 === 0 || s.labelOffsets[i + 1]! > s.labelOffsets[i]!;

/** Fixtures whose stacks the decoder kept packed (the others take the copying path from the start). */
let packedFixtures = 0;

for (const fixture of protobufFixtures()) {
  test(`${fixture}: a tag filter keeps packed stacks packed and reads as the copying path does`, () => {
    const bytes = readFileSync(join(PROFILES, fixture));
    const packed = parseProfile(bytes);
    const copied = parseProfile(gunzipSync(bytes));
    assert.equal(copied.samples.packedStacks, null);
    const wasPacked = packed.samples.packedStacks !== null;
    if (wasPacked) packedFixtures++;
    const [a, b] = [packed, copied].map((p) => filterByTags(p, someSamples, null).profile) as [Profile, Profile];
    if (wasPacked) assert.notEqual(a.samples.packedStacks, null, 'still packed');
    assert.equal(a.samples.count, b.samples.count);
    assert.deepEqual(samplesOf(a.samples), samplesOf(b.samples));
    assert.deepEqual(topTable(a, { parallel: 'off' }), topTable(b, { parallel: 'off' }));
    if (a.samples.packedStacks !== null) {
      // The frame count is exact (the model sizes arrays from it).
      assert.equal(a.samples.packedStacks.frameCount, b.samples.locationIndices.length);
    }
    // Empty stacks are found without unpacking; none: the same profile, else the same samples as copying.
    const offs = copied.samples.locationOffsets;
    let empty = 0;
    for (let i = 0; i < copied.samples.count; i++) if (offs[i] === offs[i + 1]) empty++;
    const dropped = dropEmptyStacks(packed);
    if (empty === 0) assert.equal(dropped, packed, 'no empty stack: the same profile');
    else assert.deepEqual(samplesOf(dropped.samples), samplesOf(dropEmptyStacks(copied).samples), `${empty} empty stacks dropped`);
  });
}

test('most fixtures were read with packed stacks, so the cases above tried the packed path', () => {
  assert.ok(packedFixtures >= 6, `${packedFixtures} packed fixtures`);
});

test('a writer given a new stack after packed samples copies the earlier ones', () => {
  const p = parseProfile(readFileSync(join(PROFILES, 'cpu.pb.gz')));
  const ref = parseProfile(gunzipSync(readFileSync(join(PROFILES, 'cpu.pb.gz'))));
  const build = (s: SampleTable): SampleTable => {
    const w = new SampleTableWriter(s);
    for (let i = 0; i < s.count; i++) {
      if (i === 5) w.add(i, [0, 1, 2], 0, 2);
      else if (i % 3 !== 1) w.addUnchanged(i);
    }
    return w.build(p.locations);
  };
  assert.notEqual(p.samples.packedStacks, null);
  const a = build(p.samples);
  assert.equal(a.packedStacks, null, 'copied once a sample had its own stack');
  assert.deepEqual(samplesOf(a), samplesOf(build(ref.samples)));
});
