/**
 * The short paths of report numbers (report/gofmt-fast.ts and their use in
 * report/units.ts) against the general ones: `fixed2` against formatFloat's
 * `%.2f`, `general2` against `%.2g`, the value formatter of a concrete unit
 * against formatScaled, and formatPercent against the `%5.2f` / `%5.2g` it
 * stands for. Exact ties, their neighbours one ulp away, values next to
 * powers of ten and random values at every magnitude; the short paths must
 * answer most of them (else they are not what runs).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { fixed2, general2 } from '../../../src/report/gofmt-fast.js';
import { formatFloat, padRunes } from '../../../src/report/gofmt.js';
import { formatPercent, formatScaled, makeValueFormatter, scaleValue } from '../../../src/report/units.js';

/** A seeded generator of numbers in [0, 1). */
function seeded(seed: number): () => number {
  return () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
}

/** The double `steps` ulps away from a positive finite x. */
function ulps(x: number, steps: number): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  v.setBigUint64(0, v.getBigUint64(0) + BigInt(steps));
  return v.getFloat64(0);
}

/** Random values at every magnitude, and ratios of integers (what percentages are). */
function randomValues(): number[] {
  const rnd = seeded(7);
  const out: number[] = [];
  for (let i = 0; i < 40_000; i++) out.push(rnd() * 10 ** Math.floor(rnd() * 24 - 12));
  for (let i = 0; i < 20_000; i++) out.push((Math.floor(rnd() * 1e6) / Math.floor(1 + rnd() * 1e9)) * 100);
  return out;
}

/** Values that stress the two-digit rounding: ties and near-ties at every scale, edges of the digit ranges; then random ones. */
function hardValues(): number[] {
  const out: number[] = [0, 5e-324, 1e-300];
  for (let k = -8; k <= 6; k++) {
    for (const m of [1, 5, 9.95, 9.995, 9.9995, 10, 12.5, 99.5, 99.95, 0.125, 0.375, 2.675, 1.005, 0.045, 0.0625]) {
      const x = m * 10 ** k;
      for (let d = -2; d <= 2; d++) out.push(ulps(x, d));
    }
  }
  // Exact binary ties of %.2f: (n + 0.5) / 100 that are doubles (n + 0.5 a multiple of 1/2^j).
  for (let n = 0; n < 2000; n++) out.push((n + 0.5) / 100, (n * 25 + 12.5) / 100, n / 8, n / 64);
  return [...out, ...randomValues()].filter((x) => x >= 0);
}

test('fixed2 equals %.2f wherever it answers, and answers almost everywhere it can', () => {
  for (const x of hardValues()) {
    const fast = fixed2(x);
    if (fast !== null) assert.equal(fast, formatFloat(x, 'f', 2), `%.2f of ${x}`);
  }
  const eligible = randomValues().filter((x) => x * 100 < 2 ** 40);
  const answered = eligible.filter((x) => fixed2(x) !== null).length;
  assert.ok(answered > 0.99 * eligible.length, `answered ${answered} of ${eligible.length} random values`);
  // Exact ties go to the exact path (Go rounds them half to even).
  for (const tie of [0.125, 0.375, 1.125, 2.5 / 100 * 5]) if ((tie * 100) % 1 === 0.5) assert.equal(fixed2(tie), null, `tie ${tie}`);
  assert.equal(fixed2(Number.NaN), null);
  assert.equal(fixed2(Infinity), null);
});

test('general2 equals %.2g on (0, 1) wherever it answers, and answers almost everywhere', () => {
  for (const x of hardValues()) {
    if (!(x > 0 && x < 1)) {
      assert.equal(general2(x), null, `outside (0, 1): ${x}`);
      continue;
    }
    const fast = general2(x);
    if (fast !== null) assert.equal(fast, formatFloat(x, 'g', 2), `%.2g of ${x}`);
  }
  const eligible = randomValues().filter((x) => x >= 1e-21 && x < 1);
  const answered = eligible.filter((x) => general2(x) !== null).length;
  assert.ok(answered > 0.99 * eligible.length, `answered ${answered} of ${eligible.length} random values`);
  // Both layouts and the carry into the next power of ten.
  assert.equal(general2(0.052), '0.052');
  assert.equal(general2(0.05), '0.05');
  assert.equal(general2(0.00052), '0.00052');
  assert.equal(general2(0.000052), '5.2e-05');
  assert.equal(general2(0.00005), '5e-05');
  assert.equal(general2(0.0996), '0.1');
  assert.equal(general2(0.9996), '1');
});

test('formatPercent equals %5.2f%% / %5.2g%% of the ratio, padded', () => {
  const rnd = seeded(11);
  const totals = [1, 3, 7, 1000, 123_456_789, 2 ** 53 - 1, 1e15 + 3];
  for (let i = 0; i < 30_000; i++) {
    const total = totals[i % totals.length]!;
    const value = Math.floor((rnd() - 0.1) * total * (i % 5 === 0 ? 3 : 1) * 10 ** -Math.floor(rnd() * 8));
    const ratio = Math.abs(value / total) * 100;
    const want = ratio >= 99.95 && ratio <= 100.05 ? '  100%' : padRunes(formatFloat(ratio, ratio >= 1 ? 'f' : 'g', 2), 5) + '%';
    assert.equal(formatPercent(value, total), want, `${value} of ${total}`);
  }
  assert.equal(formatPercent(0, 10), '    0%');
  assert.equal(formatPercent(5, 0), '    0%');
});

/** pprof's ScaledLabel the general way: scaleValue, formatFloat's `%.2f`, `.00` dropped, zero as a bare 0. */
function scaledLabelReference(value: number, from: string, to: string): string {
  const scaled = scaleValue(value, from, to);
  let text = formatFloat(scaled.value, 'f', 2);
  if (text.endsWith('.00')) text = text.slice(0, -3);
  return text === '0' || text === '-0' ? '0' : text + scaled.unit;
}

test('a concrete unit\'s value formatter and formatScaled equal the general path, negative values and every family included', () => {
  const rnd = seeded(3);
  const pairs: [string, string][] = [
    ['nanoseconds', 's'], ['nanoseconds', 'ms'], ['nanoseconds', 'hrs'], ['ns', 'us'], ['microseconds', 'ns'],
    ['bytes', 'MB'], ['bytes', 'kB'], ['bytes', 'B'], ['kilobytes', 'GB'], ['bytes', 'seconds'],
    ['milliseconds', 's'], ['us', 'ms'], ['hr', 'ms'], ['count', 'count'], ['count', 'bytes'], ['samples', 'widgets'], ['nanogcu', 'GCU'],
  ];
  for (const [from, to] of pairs) {
    for (const ratio of [1, 0.5, 3]) {
      const f = makeValueFormatter(from, to, ratio);
      for (let i = 0; i < 3000; i++) {
        const mag = Math.floor(rnd() * 10 ** Math.floor(rnd() * 16));
        const v = i % 4 === 0 ? -mag : mag;
        const scaled = ratio > 0 && ratio !== 1 ? Math.trunc(v * ratio) + 0 : v;
        const want = scaledLabelReference(scaled, from, to);
        assert.equal(f(v), want, `${v} ${from} -> ${to} (ratio ${ratio})`);
        assert.equal(formatScaled(scaled, from, to), want, `formatScaled ${scaled} ${from} -> ${to}`);
        assert.equal(formatScaled(scaled, from, 'auto'), scaledLabelReference(scaled, from, 'auto'), `auto ${scaled} ${from}`);
      }
      assert.equal(f(0), '0');
    }
  }
});
