/**
 * Stack frames are stored as 16-bit location indices while everything fits
 * and widened to 32 bits when an id or an index does not: both paths must
 * give the same, exact stacks.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile } from '../../../src/parse.js';
import { topTable } from '../../../src/report/top.js';
import { Strings, encodeProfile, type LocationObj, type SampleObj } from '../../helpers/proto.js';

/** A profile with `nLocations` locations (ids from `firstId`) and samples over the given location positions. */
function profileWith(nLocations: number, firstId: number, stacks: number[][]): Uint8Array {
  const s = new Strings();
  const type = { type: s.x('cpu'), unit: s.x('nanoseconds') };
  const fn = { id: 1, name: s.x('main.work'), filename: s.x('main.go') };
  const location: LocationObj[] = [];
  for (let i = 0; i < nLocations; i++) location.push({ id: firstId + i, line: [{ functionId: 1, line: i + 1 }] });
  const sample: SampleObj[] = stacks.map((st, i) => ({ locationId: st.map((k) => firstId + k), value: [i + 1] }));
  return encodeProfile({ sampleType: [type], sample, location, function: [fn], stringTable: s.table });
}

test('small ids stay 16-bit and resolve exactly', () => {
  const p = parseProfile(profileWith(300, 1, [[0, 1, 2], [299, 0]]));
  assert.ok(p.samples.locationIndices instanceof Uint16Array);
  assert.deepEqual([...p.samples.get(1).locations].map((l) => l.id), [300n, 1n]);
});

test('an id of 65535 or more widens the frames to 32 bits, keeping the earlier frames', () => {
  const p = parseProfile(profileWith(5, 65533, [[0, 1], [2, 3, 4], [0]]));
  assert.ok(p.samples.locationIndices instanceof Uint32Array);
  assert.deepEqual(p.samples.get(0).locations.map((l) => l.id), [65533n, 65534n]);
  assert.deepEqual(p.samples.get(1).locations.map((l) => l.id), [65535n, 65536n, 65537n]);
  assert.deepEqual(p.samples.get(2).locations.map((l) => l.id), [65533n]);
});

test('more than 65535 locations widen the indices even when every id fits 16 bits', () => {
  // Ids 1..65534 fit 16 bits, but 70000 locations need indices above 65535:
  // the sampled location sits at position 69999 because the id order is reversed.
  const n = 70_000;
  const s = new Strings();
  const type = { type: s.x('cpu'), unit: s.x('nanoseconds') };
  const fn = { id: 1, name: s.x('main.work'), filename: s.x('main.go') };
  const location: LocationObj[] = [];
  for (let i = 0; i < n; i++) location.push({ id: n - i, line: [{ functionId: 1, line: 7 }] });
  const bytes = encodeProfile({
    sampleType: [type], sample: [{ locationId: [1, 2], value: [5] }], location, function: [fn], stringTable: s.table,
  });
  const p = parseProfile(bytes);
  assert.ok(p.samples.locationIndices instanceof Uint32Array);
  assert.deepEqual([...p.samples.locationIndices], [n - 1, n - 2]);
  assert.deepEqual(p.samples.get(0).locations.map((l) => l.id), [1n, 2n]);
  assert.equal(topTable(p).rows[0]!.flat, 5n);
});
