// formatFloat's fast paths (toFixed for %.Nf, toExponential for %e and %g, unless the
// value may be an exact tie) against references that round the exact binary
// value half to even with bigints, as Go's strconv does: exact ties, near-ties
// and random values.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { formatFloat } from '../../../src/report/gofmt.js';

/** |x| = mant * 2^exp exactly, for a finite double x. */
function exactParts(x: number): { mant: bigint; exp: number } {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, Math.abs(x));
  const bits = buf.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (biased !== 0) mant |= 1n << 52n;
  return { mant, exp: (biased === 0 ? 1 : biased) - 1075 };
}

/** A seeded generator of numbers in [0, 1) (the tests' values are the same every run). */
function seeded(seed: number): () => number {
  return () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
}

/** Go's %.{p}f of a finite double, from its exact value m * 2^e. */
function reference(x: number, p: number): string {
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const { mant, exp } = exactParts(x);
  // value * 10^p = mant * 2^exp * 10^p = num / den
  let num = mant * 10n ** BigInt(p);
  let den = 1n;
  if (exp >= 0) num <<= BigInt(exp);
  else den <<= BigInt(-exp);
  let q = num / den;
  const r2 = 2n * (num % den);
  if (r2 > den || (r2 === den && q % 2n === 1n)) q += 1n;
  const digits = q.toString().padStart(p + 1, '0');
  return sign + (p === 0 ? digits : `${digits.slice(0, -p)}.${digits.slice(-p)}`);
}

test('exact ties round half to even, as Go does (toFixed would round them up)', () => {
  assert.equal(formatFloat(0.125, 'f', 2), '0.12');
  assert.equal(formatFloat(0.375, 'f', 2), '0.38');
  assert.equal(formatFloat(2.5, 'f', 0), '2');
  assert.equal(formatFloat(3.5, 'f', 0), '4');
  assert.equal(formatFloat(12.625, 'f', 2), '12.62');
  assert.equal(formatFloat(-0.125, 'f', 2), '-0.12');
  // Not a tie in binary: 1.005 is 1.00499999999999989...
  assert.equal(formatFloat(1.005, 'f', 2), '1.00');
});

test('every precision 0..10 agrees with the exact reference on ties, near-ties and random values', () => {
  const rand = seeded(12345);
  const values: number[] = [0, -0, 1e-300, 5e-324, 0.5, 1.5, 99.995, 100, 1e15, 2 ** 52, 2 ** 53 + 2, 1e21, 1e22];
  for (let k = 0; k < 2000; k++) {
    values.push(k / 8, k / 16 + 0.03125, (k * 37) / 1024, rand() * 100, rand() * 1e6, rand() * 1e-3, -rand() * 50);
    // Just above and below a tie of %.2f.
    const tie = (Math.floor(rand() * 10000) + 0.5) / 100;
    values.push(tie * (1 + 2 ** -52), tie * (1 - 2 ** -52));
  }
  for (const x of values) {
    for (let p = 0; p <= 10; p++) assert.equal(formatFloat(x, 'f', p), reference(x, p), `${x} %.${p}f`);
  }
});

/** Go's %.{n-1}e of a finite double: its exact value rounded half to even to n significant digits. */
function referenceExp(x: number, n: number): string {
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return `${sign}${n === 1 ? '0' : `0.${'0'.repeat(n - 1)}`}e+00`;
  const { mant, exp } = exactParts(x);
  // The exact value as digits × 10^-scale.
  const digits = exp >= 0 ? (mant << BigInt(exp)).toString() : (mant * 5n ** BigInt(-exp)).toString();
  const scale = exp >= 0 ? 0 : -exp;
  let e10 = digits.length - 1 - scale;
  let kept = BigInt(digits.slice(0, n).padEnd(n, '0'));
  const rest = digits.slice(n);
  const half = rest === '' ? -1 : rest[0]! > '5' ? 1 : rest[0]! < '5' ? -1 : /[1-9]/.test(rest.slice(1)) ? 1 : 0;
  if (half > 0 || (half === 0 && kept % 2n === 1n)) kept += 1n;
  let text = kept.toString();
  if (text.length > n) { text = text.slice(0, n); e10++; }
  const mantissa = n === 1 ? text : `${text[0]}.${text.slice(1)}`;
  return `${sign}${mantissa}e${e10 < 0 ? '-' : '+'}${String(Math.abs(e10)).padStart(2, '0')}`;
}

test('%e and %g round ties half to even (toExponential would round them up)', () => {
  assert.equal(formatFloat(0.125, 'g', 2), '0.12');
  assert.equal(formatFloat(0.375, 'g', 2), '0.38');
  assert.equal(formatFloat(2.5, 'g', 1), '2');
  assert.equal(formatFloat(0.0625, 'g', 1), '0.06');
  assert.equal(formatFloat(1.25, 'e', 1), '1.2e+00');
  assert.equal(formatFloat(0.5, 'g', 2), '0.5');
  assert.equal(formatFloat(9.96, 'g', 2), '10');
  assert.equal(formatFloat(0.000054, 'g', 2), '5.4e-05');
});

test('every precision 1..15 of %e agrees with the exact reference on ties, near-ties and random values', () => {
  const rand = seeded(777);
  const values: number[] = [0, -0, 5e-324, 1e-300, 0.5, 1.5, 99.95, 99.995, 1e15, 2 ** 52, 1e21, 1e22, 1e23, 1.7976931348623157e308];
  for (let k = 0; k < 1500; k++) {
    values.push(k / 8, k / 1024, rand(), rand() * 100, rand() * 1e-4, rand() * 1e12, -rand() * 3);
    const tie = (Math.floor(rand() * 1000) + 0.5) / 1000; // a tie of 3 significant digits when exact in binary
    values.push(tie, tie * (1 + 2 ** -52), tie * (1 - 2 ** -52));
  }
  for (const x of values) {
    for (let n = 1; n <= 15; n++) assert.equal(formatFloat(x, 'e', n - 1), referenceExp(x, n), `${x} %.${n - 1}e`);
  }
});
