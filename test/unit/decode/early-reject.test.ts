/**
 * Validation that can reject early does (issue 12): a sample whose value
 * count differs from the sample types written before it is refused at that
 * sample, not after every sample was stored (10^8 empty samples took 11.5 s
 * and 1.65 GB). The proof is deterministic: the error names the first sample.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeParseProfile } from '../../../src/parse.js';
import { cat, ld, vint } from '../../helpers/proto.js';

test('10^7 samples without values are refused at sample 0', () => {
  const head = Uint8Array.from(cat(ld(1, vint(1, 1), vint(2, 2)), ld(6, []), ld(6, [0x63]), ld(6, [0x6e])));
  const n = 10_000_000;
  const bytes = new Uint8Array(head.length + 2 * n);
  bytes.set(head);
  for (let i = 0; i < n; i++) { bytes[head.length + 2 * i] = 0x12; bytes[head.length + 2 * i + 1] = 0; }
  const r = safeParseProfile(bytes);
  assert.equal(r.success, false);
  if (r.success) return;
  assert.equal(r.error.code, 'invalid-profile');
  assert.equal(r.error.message, 'sample 0 has 0 values but the profile has 1 sample types');
});

test('a sample with too many values is refused at that sample', () => {
  const sample = (values: number[]): number[] => ld(2, ld(2, ...values.map((v) => [v])));
  const bytes = Uint8Array.from(cat(ld(1, vint(1, 1), vint(2, 2)), sample([1]), sample([1]), sample([1, 2]), sample([1]), ld(6, []), ld(6, [0x63]), ld(6, [0x6e])));
  const r = safeParseProfile(bytes);
  assert.equal(r.success, false);
  if (!r.success) assert.match(r.error.message, /^sample 2 has 2 values but the profile has 1 sample types$/);
});
