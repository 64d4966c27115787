/** The shared commander argument parsers (src/cli/parsers.ts): goFloat reads numbers as Go's flag package does. */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgumentError } from 'commander';
import { goFloat } from '../../../src/cli/parsers.js';

test('goFloat takes the decimal floats, infinities and NaN Go\'s ParseFloat takes', () => {
  const cases: Array<[string, number]> = [['7', 7], ['-2.5', -2.5], ['+.5', 0.5], ['1e3', 1000], ['1E-3', 0.001], ['5.', 5],
    ['Inf', Infinity], ['+inf', Infinity], ['-Infinity', -Infinity], ['0', 0]];
  for (const [text, want] of cases) assert.equal(goFloat(text), want, text);
  assert.ok(Number.isNaN(goFloat('NaN')));
  assert.ok(Number.isNaN(goFloat('nan')));
});

test('goFloat refuses the rest with a commander usage error', () => {
  for (const text of ['', ' 7', '7 ', 'x', '1e', '.', '0x10', '1_000', '--1', '7ms']) {
    assert.throws(() => goFloat(text), InvalidArgumentError, JSON.stringify(text));
  }
});
