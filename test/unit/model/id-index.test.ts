// IdIndex: positions by id, with the run of Go-style ids 1, 2, 3, ... kept
// without a map. Each case checks the run and the mapped form give the same
// answers, and that duplicates are caught whether or not the run broke first.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { IdIndex } from '../../../src/model/id-index.js';
import { PprofError } from '../../../src/errors.js';

function indexOf(ids: readonly bigint[]): IdIndex {
  const x = new IdIndex('location');
  ids.forEach((id, i) => x.add(id, i));
  return x;
}

test('ids 1..N in order: find, findNumber and the dense table answer position id - 1', () => {
  const x = indexOf([1n, 2n, 3n, 4n]);
  assert.equal(x.find(3n), 2);
  assert.equal(x.findNumber(4), 3);
  assert.equal(x.findNumber(0), -1);
  assert.equal(x.findNumber(5), -1);
  assert.equal(x.find(1n << 60n), -1);
  assert.deepEqual([...x.denseTable()!], [-1, 0, 1, 2, 3]);
});

test('an id out of order moves the run into the map: earlier ids are still found', () => {
  const x = indexOf([1n, 2n, 3n, 1000n, 4n]);
  assert.deepEqual([1, 2, 3, 1000, 4, 5].map((id) => x.findNumber(id)), [0, 1, 2, 3, 4, -1]);
  const t = x.denseTable()!;
  assert.equal(t[1000], 3);
  assert.equal(t[4], 4);
  assert.equal(t[5], -1);
  assert.equal(indexOf([1n, 2n, 70000n]).denseTable(), null, 'too sparse for a table');
});

test('a duplicate of an id in the run is caught when it breaks the run', () => {
  assert.throws(() => indexOf([1n, 2n, 3n, 2n]),
    (e: unknown) => e instanceof PprofError && e.code === 'invalid-profile' && e.message === 'multiple locations with same id: 2');
  assert.throws(() => indexOf([1n, 2n, 9n, 9n]),
    (e: unknown) => e instanceof PprofError && e.message === 'multiple locations with same id: 9');
});

test('the reserved id 0 is refused in and out of the run', () => {
  assert.throws(() => indexOf([0n]), /location #0 has the reserved id 0/);
  assert.throws(() => indexOf([1n, 5n, 0n]), /location #2 has the reserved id 0/);
});

test('ids past 2^53 live in the big map', () => {
  const huge = (1n << 63n) + 5n;
  const x = indexOf([1n, huge]);
  assert.equal(x.find(huge), 1);
  assert.equal(x.find(1n), 0);
});
