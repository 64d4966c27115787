// Locations as columns (decode/locations.ts): every field of every location
// and line survives the trip from objects to columns exactly, uint64 values
// past 2^53 included, and the line ranges stay in order.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { LocationColumnsBuilder, locationColumns, uint64At } from '../../../src/decode/locations.js';
import type { DecodedLocation } from '../../../src/decode/types.js';

test('objects to columns and back: ids, mappings, addresses, folded flags, lines', () => {
  const U64_MAX = 2n ** 64n - 1n;
  const P53 = 2n ** 53n;
  const locations: DecodedLocation[] = [];
  for (let i = 0; i < 3000; i++) {
    locations.push({
      id: i === 7 ? U64_MAX : BigInt(i + 1),
      mappingId: i % 3 === 0 ? 0n : P53 + BigInt(i % 2),
      address: i % 5 === 0 ? 0n : 0x400000n + BigInt(i) * 16n,
      isFolded: i % 11 === 0,
      lines: Array.from({ length: i % 4 }, (_, k) => ({ functionId: k === 2 ? P53 - 1n : BigInt(i + k + 1), line: i + k, column: k })),
    });
  }
  const c = locationColumns(locations);
  assert.equal(c.count, locations.length);
  const back = locations.map((_, i): DecodedLocation => ({
    id: uint64At(c.id, i),
    mappingId: uint64At(c.mappingId, i),
    address: uint64At(c.address, i),
    isFolded: c.isFolded[i] === 1,
    lines: Array.from({ length: c.lineStart[i + 1]! - c.lineStart[i]! }, (_, k) => {
      const j = c.lineStart[i]! + k;
      return { functionId: uint64At(c.functionId, j), line: c.line[j]!, column: c.column[j]! };
    }),
  }));
  assert.deepEqual(back, locations);
  assert.equal(c.id.small[7], -1, 'a value past 2^53 is kept aside');
  assert.equal(c.id.big!.get(7), U64_MAX);
});

test('no locations: empty columns', () => {
  const c = locationColumns([]);
  assert.equal(c.count, 0);
  assert.deepEqual([...c.lineStart], [0]);
});

test('room reserved ahead, too little, too much or too late, gives the same columns', () => {
  /** 3,000 locations of 0-3 lines through a builder that reserved first (or, with late, after the first location). */
  const build = (locations: number, lines: number, late = false): ReturnType<LocationColumnsBuilder['finish']> => {
    const b = new LocationColumnsBuilder();
    if (!late) b.reserve(locations, lines);
    for (let i = 0; i < 3000; i++) {
      const at = b.begin();
      if (late && i === 0) b.reserve(locations, lines);
      b.id.set(at, BigInt(i + 1));
      b.address.set(at, i === 5 ? 2n ** 64n - 1n : BigInt(i) * 16n);
      b.folded(i % 7 === 0);
      for (let k = 0; k < i % 4; k++) {
        const j = b.beginLine();
        b.functionId.set(j, BigInt(i + k + 1));
        b.line.data[j] = i + k;
        b.column.data[j] = k;
      }
    }
    return b.finish();
  };
  const plain = build(0, 0);
  const flat = (c: typeof plain): unknown => JSON.stringify(c, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Map ? [...v] : ArrayBuffer.isView(v) ? [...(v as unknown as number[])] : v));
  for (const [locations, lines, late] of [[100_000, 100_000, false], [10, 10, false], [3000, 4500, false], [100_000, 100_000, true]] as const) {
    assert.equal(flat(build(locations, lines, late)), flat(plain), `reserve(${locations}, ${lines})${late ? ' after the first location' : ''}`);
  }
});
