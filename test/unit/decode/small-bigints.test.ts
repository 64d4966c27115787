// The shared small bigints of decode/wire.ts: the table behind them grows to
// the ids seen (it is no longer made whole at module load); across every
// growth, and past the table, each value stays exact.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { bigintOfSafe, WireReader } from '../../../src/decode/wire.js';

/** The bytes of v as a protobuf varint. */
function varint(v: bigint): number[] {
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) b |= 0x80;
    out.push(b);
  } while (v !== 0n);
  return out;
}

test('bigintOfSafe is exact across the growth steps of its table, and past it', () => {
  // Ascending, then far above the start, then back below: each growth copies what was made.
  const values = [0, 1, 1023, 1024, 1025, 2047, 2048, 5000, 65534, 65535, 65536, 2 ** 32, 2 ** 53 - 1, 7, 1024, 40000];
  for (const v of values) assert.equal(bigintOfSafe(v), BigInt(v), `value ${v}`);
});

test("the reader's uint64 values are exact through the table and past it", () => {
  const ids = [3n, 1500n, 65535n, 65536n, 2n ** 40n, 2n ** 64n - 1n];
  const bytes = new Uint8Array(ids.flatMap(varint));
  const r = new WireReader(bytes);
  for (const id of ids) {
    r.readVarint64();
    assert.equal(r.bigUnsignedOfLast(), id);
    if (id < 2n ** 53n) assert.equal(bigintOfSafe(Number(id)), id);
  }
  assert.equal(r.pos, bytes.length);
});
