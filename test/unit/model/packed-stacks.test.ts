/**
 * The first passes that check stack ids in place (ParseOptions `checkStacks:
 * 'first-pass'`) read at most four varint bytes of an id: a longer one reads
 * as 2^28 or more and is refused as past the id table. That holds only for
 * tables of at most 2^28 entries, so bigger ones are checked by the parse.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canDeferCheck, MAX_DEFERRED_ID_TABLE } from '../../../src/model/packed-stacks.js';
import { packedCodes } from '../../../src/query/split-input.js';

test('only id tables of at most 2^28 entries leave their check to a first pass', () => {
  assert.equal(MAX_DEFERRED_ID_TABLE, 2 ** 28);
  assert.equal(canDeferCheck(0), true);
  assert.equal(canDeferCheck(2 ** 28), true);
  assert.equal(canDeferCheck(2 ** 28 + 1), false);
});

test('an id of five varint bytes reads as 2^28 or more: refused, never taken for a smaller id', () => {
  const idCode = Int32Array.from({ length: 300 }, (_, i) => i);
  const codes = new Uint16Array(8);
  // Id 1 written in five bytes, the smallest and largest four-byte prefixes of a longer varint, then id 2.
  for (const bytes of [[0x81, 0x80, 0x80, 0x80, 0x00, 0x02], [0x80, 0x80, 0x80, 0x80, 0x01], [0xff, 0xff, 0xff, 0xff, 0x0f]]) {
    assert.equal(packedCodes(Uint8Array.from(bytes), 0, bytes.length, idCode, codes, 0), -1, bytes.join(' '));
    // The first four bytes alone, as the kernels combine them: at least 2^28.
    const id = (bytes[0]! & 0x7f) | ((bytes[1]! & 0x7f) << 7) | ((bytes[2]! & 0x7f) << 14) | (bytes[3]! << 21);
    assert.ok(id >= MAX_DEFERRED_ID_TABLE, `${id}`);
  }
  // Ids in their short forms are read: 1, 2 and 299 (two bytes); 300 is past the table.
  assert.equal(packedCodes(Uint8Array.from([0x01, 0x02, 0xab, 0x02]), 0, 4, idCode, codes, 0), 3);
  assert.deepEqual([...codes.subarray(0, 3)], [1, 2, 299]);
  assert.equal(packedCodes(Uint8Array.from([0xac, 0x02]), 0, 2, idCode, codes, 0), -1);
});
