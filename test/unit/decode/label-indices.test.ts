// Label string indices are kept in 32-bit columns while decoding (decode/samples.ts). These
// tests pin what that must not change: every index a string table can hold still resolves, on
// the Go fast shape (`08 k 10 s`) and the general one alike, and an index no table can hold
// (negative, 2^32 - 1 and up, up to 2^53) is reported with its exact value, for the first bad
// label in order, key before str before num_unit, as with 64-bit columns.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { parseProfile } from '../../../src/parse.js';
import { bytes, cat, ld, packed, str, vint } from '../../helpers/proto.js';

/** A profile of string table ['', 'samples', 'count', 'k', 'v', 'bytes'] with one sample per label given. */
function withLabels(labels: readonly (readonly number[])[][]): Uint8Array {
  return bytes(cat(
    ...['', 'samples', 'count', 'k', 'v', 'bytes'].map((s) => str(6, s)),
    ld(1, vint(1, 1), vint(2, 2)),
    ld(5, vint(1, 1), vint(2, 3)),
    ld(4, vint(1, 1), ld(4, vint(1, 1))),
    ...labels.map((l) => ld(2, packed(1, [1]), packed(2, [1]), ld(3, ...l))),
  ));
}

const key = (v: number) => vint(1, v);
const strx = (v: number) => vint(2, v);
const num = (v: number) => vint(3, v);
const unit = (v: number) => vint(4, v);

describe('label string indices', () => {
  test('valid indices resolve on the fast and the general shape', () => {
    const p = parseProfile(withLabels([[key(3), strx(4)], [strx(4), key(3)], [key(3), num(7), unit(5)], [key(3), strx(0)]]));
    assert.deepEqual(p.samples.labelKeys, ['k', 'k', 'k', 'k']);
    assert.deepEqual(p.samples.labelStrs, ['v', 'v', '', '']);
    assert.deepEqual(p.samples.labelNumUnits, ['', '', 'bytes', '']);
    assert.deepEqual(p.samples.labelNums, BigInt64Array.from([0n, 0n, 7n, 0n]));
  });

  for (const bad of [-1, -(2 ** 40), 6, 2 ** 31, 2 ** 32 - 2, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 7, 2 ** 40, 2 ** 53 - 1]) {
    test(`index ${bad} is reported exactly, in each column`, () => {
      for (const [name, label] of [
        ['label key', [key(bad), strx(4)]], ['label str', [key(3), strx(bad)]], ['label num_unit', [key(3), num(1), unit(bad)]],
      ] as [string, number[][]][]) {
        assert.throws(() => parseProfile(withLabels([[key(3), strx(4)], label])), {
          name: 'PprofError', code: 'invalid-profile',
          message: `${name}: string index ${bad} out of range (string table has 6 entries)`,
        }, name);
      }
    });
  }

  test('the first bad label is reported, and a key before a str or a num_unit', () => {
    const msg = (name: string, v: number) => `${name}: string index ${v} out of range (string table has 6 entries)`;
    assert.throws(() => parseProfile(withLabels([[key(2 ** 40), strx(4)], [key(9), strx(4)]])), { message: msg('label key', 2 ** 40) });
    assert.throws(() => parseProfile(withLabels([[key(9), strx(4)], [key(2 ** 40), strx(4)]])), { message: msg('label key', 9) });
    assert.throws(() => parseProfile(withLabels([[key(3), strx(-5), unit(2 ** 33)], [key(2 ** 35), strx(4)]])), { message: msg('label key', 2 ** 35) });
    assert.throws(() => parseProfile(withLabels([[key(3), strx(-5), unit(2 ** 33)]])), { message: msg('label str', -5) });
  });
});
