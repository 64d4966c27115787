// Tests for src/report/gofmt.ts (against vectors printed by real Go, see
// test/vectors/gen-units.go) and src/report/units.ts (literal cases read off
// pprof's measurement/report sources and checked against `go tool pprof -top`
// output of Go 1.19.8 on hand-built profiles).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { formatFloat, padRunes, sprintf, type GoArg } from '../../../src/report/gofmt.js';
import {
  UNIT_FAMILIES,
  applyRatio,
  chooseOutputUnit,
  findUnit,
  formatDroppedLine,
  formatDurationLine,
  formatLabel,
  formatPercent,
  formatScaled,
  formatShowingLine,
  formatTopNodesLine,
  goToLower,
  makeValueFormatter,
  outputUnitWithin,
  scaleValue,
} from '../../../src/report/units.js';
import { rng } from '../../helpers/rng.js';

// ---------------------------------------------------------------- Go vectors

interface FloatCase { bits: string; out: string[] }
interface TextCase { value: string; out: string[] }
interface MixedArg { s?: string; f?: string; d?: string }
interface Vectors {
  go: string;
  floatFormats: string[];
  floats: FloatCase[];
  randomFormats: string[];
  randomFloats: FloatCase[];
  intFormats: string[];
  ints: TextCase[];
  stringFormats: string[];
  strings: TextCase[];
  sprintf: { format: string; args: MixedArg[]; out: string }[];
}

/** The JSON sits in test/vectors; this file runs from dist/test (or test/ when run from source). */
function loadVectors(): Vectors {
  const candidates = ['../../../../test/vectors/gofmt.json', '../../vectors/gofmt.json'];
  for (const rel of candidates) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as Vectors;
  }
  throw new Error('test/vectors/gofmt.json not found');
}

function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt('0x' + hex));
  return view.getFloat64(0);
}

const vectors = loadVectors();

function checkFloatTable(formats: string[], cases: FloatCase[]): void {
  let checked = 0;
  for (const c of cases) {
    const x = fromBits(c.bits);
    formats.forEach((format, i) => {
      assert.equal(sprintf(format, x), c.out[i], `Sprintf(${JSON.stringify(format)}, ${c.bits} = ${x})`);
      checked++;
    });
  }
  assert.ok(checked > 0);
}

test(`gofmt: float verbs match ${vectors.go} on tricky values`, () => {
  checkFloatTable(vectors.floatFormats, vectors.floats);
});

test('gofmt: float verbs match Go on random float64s', () => {
  checkFloatTable(vectors.randomFormats, vectors.randomFloats);
});

test('gofmt: %d/%v on int64 (bigint, and number when safe)', () => {
  for (const c of vectors.ints) {
    const big = BigInt(c.value);
    vectors.intFormats.forEach((format, i) => {
      assert.equal(sprintf(format, big), c.out[i], `Sprintf(${JSON.stringify(format)}, ${c.value})`);
      const num = Number(c.value);
      if (Number.isSafeInteger(num) && format.includes('d')) {
        assert.equal(sprintf(format, num), c.out[i], `Sprintf(${JSON.stringify(format)}, ${c.value} as number)`);
      }
    });
  }
});

test('gofmt: %s/%v on strings (width counts runes)', () => {
  for (const c of vectors.strings) {
    vectors.stringFormats.forEach((format, i) => {
      assert.equal(sprintf(format, c.value), c.out[i], `Sprintf(${JSON.stringify(format)}, ${JSON.stringify(c.value)})`);
    });
  }
});

test('gofmt: padRunes is %Ns (width counts runes), as Go prints it and as sprintf pads', () => {
  vectors.stringFormats.forEach((format, i) => {
    const width = /^%([1-9]\d*)s$/.exec(format);
    if (width === null) return;
    for (const c of vectors.strings) {
      assert.equal(padRunes(c.value, Number(width[1])), c.out[i], `${format} of ${JSON.stringify(c.value)}`);
    }
  });
  // Astral characters count once, lone surrogates once each (as sprintf counts them).
  for (const s of ['😀', 'a😀b', '\ud800', '\udc00x', '\ud800\ud800\udc00', '😀\udc00']) {
    for (const w of [0, 1, 3, 10]) assert.equal(padRunes(s, w), sprintf(`%${w}s`, s), `${w} ${JSON.stringify(s)}`);
  }
  assert.equal(padRunes('😀', 3), '  😀');
});

test('gofmt: mixed Sprintf lines', () => {
  for (const c of vectors.sprintf) {
    const args: GoArg[] = c.args.map((a) => (a.s !== undefined ? a.s : a.f !== undefined ? fromBits(a.f) : BigInt(a.d ?? '0')));
    assert.equal(sprintf(c.format, ...args), c.out, c.format);
  }
});

test('gofmt: formatFloat is strconv.FormatFloat (where Go and JS disagree)', () => {
  const cases: [number, Parameters<typeof formatFloat>[1], number, string][] = [
    [1e6, 'g', -1, '1e+06'], // JS: "1000000" (Go's shortest %g threshold is 6, not 21)
    [123456, 'g', -1, '123456'],
    [123456789, 'g', -1, '1.23456789e+08'],
    [1e21, 'g', -1, '1e+21'],
    [1.5e-7, 'g', -1, '1.5e-07'], // two-digit exponent
    [0.0001, 'g', -1, '0.0001'],
    [0.00001, 'g', -1, '1e-05'],
    [5e-324, 'g', -1, '5e-324'],
    [-0, 'g', -1, '-0'],
    [0.125, 'f', 2, '0.12'], // exact tie -> even; JS toFixed gives "0.13"
    [1.125, 'f', 2, '1.12'],
    [2.5, 'f', 0, '2'],
    [1.005, 'f', 2, '1.00'], // 1.005 is really 1.00499999999999989...
    [0.5, 'g', 0, '0.5'], // precision 0 means 1 for %g
    [100, 'g', 2, '1e+02'],
    [Infinity, 'f', 2, '+Inf'],
    [NaN, 'g', -1, 'NaN'],
  ];
  for (const [x, verb, prec, want] of cases) assert.equal(formatFloat(x, verb, prec), want, `${x} ${verb} ${prec}`);
});

test('gofmt: rejects what it does not implement', () => {
  assert.throws(() => sprintf('%x', 1n), SyntaxError);
  assert.throws(() => sprintf('%d', 1.5), RangeError);
  assert.throws(() => sprintf('%d'), RangeError);
  assert.throws(() => sprintf('%f', 'a'), TypeError);
});

// ---------------------------------------------------------------- unit table

test('units: lookup is case-insensitive, plural-tolerant, first family wins', () => {
  const name = (u: string) => findUnit(u)?.unit.name;
  assert.equal(name('nanoseconds'), 'ns');
  assert.equal(name('NS'), 'ns');
  assert.equal(name('microseconds'), 'us');
  assert.equal(name('hours'), 'hrs');
  assert.equal(name('hrs'), 'hrs');
  assert.equal(name('secs'), 's');
  assert.equal(name('bytes'), 'B');
  assert.equal(name('B'), 'B');
  assert.equal(name('KB'), 'kB');
  assert.equal(name('megabytes'), 'MB');
  assert.equal(name('milligcu'), 'm*GCU');
  // Only units longer than 2 bytes lose a trailing "s": "μs" is 3 UTF-8 bytes,
  // becomes "μ" and so never matches its own alias.
  assert.equal(name('μs'), undefined);
  // No minutes or days in this pprof; "count"/"cycles" are not units either.
  for (const u of ['minutes', 'min', 'days', 'count', 'cycles', 'objects', '']) assert.equal(findUnit(u), undefined, u);
  assert.deepEqual(UNIT_FAMILIES.map((f) => f.family), ['bytes', 'time', 'gcu']);
  assert.equal(findUnit('kb')?.unit.factor, 1024);
  assert.equal(goToLower('İB'), 'ib'); // Go maps İ to plain i
  assert.equal(goToLower('ΣΣ'), 'σσ'); // no final-sigma rule in Go
});

test('units: scaleValue to auto / minimum', () => {
  assert.deepEqual(scaleValue(1536, 'bytes', 'auto'), { value: 1.5, unit: 'kB' });
  assert.deepEqual(scaleValue(1024, 'bytes', 'auto'), { value: 1, unit: 'kB' });
  assert.deepEqual(scaleValue(1023, 'bytes', 'minimum'), { value: 1023, unit: 'B' });
  assert.deepEqual(scaleValue(3 * 2 ** 50, 'bytes', 'auto'), { value: 3, unit: 'PB' });
  assert.deepEqual(scaleValue(3 * 2 ** 60, 'bytes', 'auto'), { value: 3072, unit: 'PB' }); // PB is the top
  assert.deepEqual(scaleValue(1_230_000_000, 'nanoseconds', 'auto'), { value: 1.23, unit: 's' });
  assert.deepEqual(scaleValue(10_000_000, 'nanoseconds', 'minimum'), { value: 10, unit: 'ms' });
  assert.deepEqual(scaleValue(7_200_000_000_000, 'nanoseconds', 'auto'), { value: 2, unit: 'hrs' });
  assert.deepEqual(scaleValue(1500, 'microseconds', 'auto'), { value: 1.5, unit: 'ms' });
  assert.deepEqual(scaleValue(3, 'kilobytes', 'auto'), { value: 3, unit: 'kB' });
  assert.deepEqual(scaleValue(5, 'milligcu', 'auto'), { value: 5, unit: 'm*GCU' });
  // Zero fits no unit (0/factor < 1): the family default is used.
  assert.deepEqual(scaleValue(0, 'nanoseconds', 'auto'), { value: 0, unit: 's' });
  assert.deepEqual(scaleValue(0, 'bytes', 'minimum'), { value: 0, unit: 'B' });
  assert.deepEqual(scaleValue(-0, 'bytes', 'auto'), { value: 0, unit: 'B' });
  // Negative values scale as their magnitude.
  assert.deepEqual(scaleValue(-2048, 'bytes', 'auto'), { value: -2, unit: 'kB' });
  assert.deepEqual(scaleValue(-3_000_000, 'nanoseconds', 'auto'), { value: -3, unit: 'ms' });
});

test('units: scaleValue to an explicit --unit', () => {
  assert.deepEqual(scaleValue(1500, 'milliseconds', 's'), { value: 1.5, unit: 's' });
  assert.deepEqual(scaleValue(1_230_000_000, 'nanoseconds', 'ms'), { value: 1230, unit: 'ms' });
  assert.deepEqual(scaleValue(1_230_000_000, 'nanoseconds', 'seconds'), { value: 1.23, unit: 's' });
  assert.deepEqual(scaleValue(5, 'nanoseconds', 'nanoseconds'), { value: 5, unit: 'ns' });
  assert.deepEqual(scaleValue(1536, 'bytes', 'MB'), { value: 1536 / 2 ** 20, unit: 'MB' });
  assert.deepEqual(scaleValue(1536, 'bytes', 'kb'), { value: 1.5, unit: 'kB' });
  // Target outside the source's family (or unknown): the family default.
  assert.deepEqual(scaleValue(1536, 'bytes', 's'), { value: 1536, unit: 'B' });
  assert.deepEqual(scaleValue(1500, 'milliseconds', 'minutes'), { value: 1.5, unit: 's' });
  assert.deepEqual(scaleValue(1500, 'milliseconds', 'count'), { value: 1.5, unit: 's' });
});

test('units: scaleValue with a source unit outside the table', () => {
  // count-like targets (and auto/minimum) drop the label...
  for (const to of ['count', 'sample', 'unit', 'minimum', 'auto']) {
    assert.deepEqual(scaleValue(1234567, 'count', to), { value: 1234567, unit: '' }, to);
  }
  // ...any other target is printed verbatim, without conversion.
  assert.deepEqual(scaleValue(5, 'count', 'ms'), { value: 5, unit: 'ms' });
  assert.deepEqual(scaleValue(5, 'Widgets', 'Widgets'), { value: 5, unit: 'Widgets' });
  assert.deepEqual(scaleValue(1500, 'μs', 'auto'), { value: 1500, unit: '' });
  assert.deepEqual(scaleValue(1500, 'cycles', 'nanoseconds'), { value: 1500, unit: 'nanoseconds' });
  assert.deepEqual(scaleValue(-7, 'count', 'auto'), { value: -7, unit: '' });
});

// ---------------------------------------------------------------- labels

test('units: formatScaled is ScaledLabel (%.2f, ".00" dropped, zero bare)', () => {
  const cases: [number, string, string, string][] = [
    [10_000_000, 'nanoseconds', 'auto', '10ms'],
    [1_200_000_000, 'nanoseconds', 's', '1.20s'], // only ".00" is trimmed, not "0"
    [1_230_000_000, 'nanoseconds', 'ms', '1230ms'],
    [10_000_000, 'nanoseconds', 's', '0.01s'],
    [5_000_000, 'nanoseconds', 's', '0.01s'], // 0.005 in binary is above the tie
    [3_000_000, 'nanoseconds', 's', '0'], // rounds to zero: no unit
    [-3_000_000, 'nanoseconds', 's', '0'], // "-0.00" -> "0"
    [-3_000_000, 'nanoseconds', 'auto', '-3ms'],
    [7, 'nanoseconds', 's', '0'],
    [0, 'nanoseconds', 'auto', '0'],
    [7_200_000_000_000, 'nanoseconds', 'auto', '2hrs'],
    [7_200_000_000_000, 'nanoseconds', 'minimum', '2hrs'],
    [524298, 'bytes', 'auto', '512.01kB'],
    [1536, 'bytes', 'auto', '1.50kB'],
    [1024, 'bytes', 'auto', '1kB'],
    [1152, 'bytes', 'kB', '1.12kB'], // 1.125 exactly: Go rounds the tie to even
    [1181, 'bytes', 'kB', '1.15kB'],
    [1610612736, 'bytes', 'auto', '1.50GB'],
    [3 * 2 ** 50, 'bytes', 'B', '3377699720527872B'],
    [-2048, 'bytes', 'auto', '-2kB'],
    [1, 'bytes', 'GB', '0'],
    [3, 'count', 'count', '3'],
    [100000, 'count', 'auto', '100000'],
    [100000, 'count', 'ms', '100000ms'],
    [1500, 'Widgets', 'Widgets', '1500Widgets'],
    [1500, 'μs', 'μs', '1500μs'],
    [1500, 'μs', 'auto', '1500'],
    [1500000, 'milligcu', 'auto', '1.50k*GCU'],
  ];
  for (const [v, from, to, want] of cases) assert.equal(formatScaled(v, from, to), want, `${v} ${from} -> ${to}`);
  assert.equal(formatLabel(5_010_000_000, 'nanoseconds'), '5.01s');
  assert.equal(formatLabel(30_000_000_000, 'nanoseconds'), '30s');
});

test('units: formatPercent is Percentage', () => {
  const cases: [number, number, string][] = [
    [0, 0, '    0%'], // total 0
    [5, 0, '    0%'],
    [1230, 1248, '98.56%'],
    [1, 1, '  100%'],
    [9995, 10000, '  100%'], // 99.95 .. 100.05 is "100%"
    [99949, 100000, '99.95%'], // just below the band: %5.2f rounds up
    [10005, 10000, '  100%'],
    [1501, 1000, '150.10%'], // above 100: plain %5.2f
    [720000000100, 1000000000, '72000.00%'],
    [1, 10, '10.00%'],
    [5, 100, ' 5.00%'],
    [1, 100, ' 1.00%'],
    [99, 10000, ' 0.99%'], // below 1: %5.2g
    [10, 1248, '  0.8%'],
    [1, 200, '  0.5%'],
    [1, 10000, ' 0.01%'],
    [1, 100000, '0.001%'],
    [123, 100000000, '0.00012%'],
    [1, 10000000, '1e-05%'],
    [999, 7200000001002, '1.4e-08%'],
    [-1230, 1248, '98.56%'], // always the magnitude
    [-1, 200, '  0.5%'],
  ];
  for (const [v, t, want] of cases) assert.equal(formatPercent(v, t), want, `${v}/${t}`);
});

// ---------------------------------------------------------------- report level

test('units: chooseOutputUnit (--unit=minimum)', () => {
  const nodes = (...vs: number[]) => vs.map((v) => ({ flat: v, cum: v }));
  const pick = (vs: number[], total: number, unit: string, out = 'minimum', ratio = 1) =>
    chooseOutputUnit({ nodes: nodes(...vs), total, sampleUnit: unit, outputUnit: out, ratio });
  // Smallest 10ms is under 1% of 1.248s and has another unit: 100×10ms = 1s -> "s".
  assert.equal(pick([1_230_000_000, 10_000_000], 1_248_000_007, 'nanoseconds'), 's');
  // Smallest 20us vs 1.5s: 100×20us = 2ms -> "ms".
  assert.equal(pick([1_500_000_000, 20_000], 1_500_020_000, 'nanoseconds'), 'ms');
  // Smallest not below 1% of the total: its own unit.
  assert.equal(pick([1181, 1175, 1152, 10], 3518, 'bytes'), 'B');
  assert.equal(pick([1_500_000, 3], 1_500_003, 'bytes'), 'B');
  assert.equal(pick([2048, 1024], 3072, 'bytes'), 'kB');
  // flat 0 -> the node's cum counts; all zero -> the total decides.
  assert.equal(chooseOutputUnit({ nodes: [{ flat: 0, cum: 2_000_000 }], total: 2_000_000, sampleUnit: 'nanoseconds', outputUnit: 'minimum' }), 'ms');
  assert.equal(chooseOutputUnit({ nodes: [{ flat: 0, cum: 0 }], total: 3_000_000_000, sampleUnit: 'nanoseconds', outputUnit: 'minimum' }), 's');
  // Unknown units resolve to the sample unit itself (which then prints bare for "count").
  assert.equal(pick([3, 100000], 100003, 'count'), 'count');
  assert.equal(pick([5, 1500], 1505, 'Widgets'), 'Widgets');
  // Other targets, or no nodes: unchanged.
  assert.equal(pick([1, 2], 3, 'nanoseconds', 'auto'), 'auto');
  assert.equal(pick([1, 2], 3, 'nanoseconds', 'ms'), 'ms');
  assert.equal(chooseOutputUnit({ nodes: [], total: 5, sampleUnit: 'bytes', outputUnit: 'minimum' }), 'minimum');
  // The ratio (-divide_by) is applied before choosing.
  assert.equal(pick([2048, 4096], 6144, 'bytes', 'minimum', 1 / 1024), 'B');
});

test('units: outputUnitWithin names the unit chooseOutputUnit picks for every smallest value in the range, or null', () => {
  const pickFor = (m: number, total: number, unit: string) =>
    chooseOutputUnit({ nodes: [{ flat: m, cum: m }], total, sampleUnit: unit, outputUnit: 'minimum' });
  // Where the pick can change: each unit's bound, a hundredth of it, and a hundredth of the total.
  const bounds = (total: number): number[] => {
    const out = [Math.floor(total / 100), Math.ceil(total / 100)];
    for (const f of UNIT_FAMILIES) {
      for (const u of f.units) {
        for (const from of [1, 1e3, 2 ** 10, 1e9, 1e-9]) {
          const b = u.factor / from;
          out.push(Math.floor(b), Math.ceil(b), Math.floor(b / 100), Math.ceil(b / 100));
        }
      }
    }
    return out.flatMap((b) => [b - 1, b, b + 1]);
  };
  const random = rng(20261201);
  const logUniform = (max: number) => Math.max(1, Math.floor(Math.exp(random() * Math.log(max))));
  let settled = 0;
  let open = 0;
  for (const unit of ['nanoseconds', 'seconds', 'milliseconds', 'bytes', 'kilobytes', 'MB', 'GCU', 'count', 'widgets']) {
    for (const total of [1, 99, 1000, 123_456, 1_248_000_007, 3_600_000_000_000, 2 ** 40, 7.5e15]) {
      const edges = bounds(total).filter((b) => Number.isInteger(b) && b >= 1);
      for (let k = 0; k < 300; k++) {
        let lo = logUniform(total * 4 + 2);
        let hi = k % 3 === 0 ? lo : logUniform(total * 4 + 2);
        if (hi < lo) [lo, hi] = [hi, lo];
        const got = outputUnitWithin(lo, hi, total, unit);
        if (got === null) {
          open++;
          continue;
        }
        settled++;
        const inside = [lo, hi, ...edges.filter((b) => b >= lo && b <= hi)];
        for (let r = 0; r < 20; r++) inside.push(lo + Math.floor(random() * (hi - lo + 1)));
        for (const m of inside) assert.equal(pickFor(m, total, unit), got, `${unit} total ${total} [${lo}, ${hi}] at ${m}`);
      }
      // A range of one value is always settled, as chooseOutputUnit settles it.
      for (const m of edges.slice(0, 40)) assert.equal(outputUnitWithin(m, m, total, unit), pickFor(m, total, unit));
    }
  }
  assert.ok(settled > 1000 && open > 100, `both answers occur (${settled} settled, ${open} open)`);
  // A range that crosses a unit's bound stays open: 999us and 1ms of a total of 1000s.
  assert.equal(outputUnitWithin(999_000, 1_000_000, 1e12, 'nanoseconds'), null);
  assert.equal(outputUnitWithin(1_000_000, 9_000_000, 1e12, 'nanoseconds'), 'ms');
  // No range, or not integers from 1: open.
  for (const [lo, hi] of [[0, 5], [5, 4], [1.5, 3], [1, Infinity], [NaN, 3]] as const) {
    assert.equal(outputUnitWithin(lo, hi, 1000, 'bytes'), null, `[${lo}, ${hi}]`);
  }
});

test('units: makeValueFormatter and applyRatio', () => {
  assert.equal(applyRatio(1001, 0.5), 500); // int64 truncation
  assert.equal(applyRatio(-1001, 0.5), -500);
  assert.equal(applyRatio(1001, 1), 1001);
  assert.equal(applyRatio(1001, 0), 1001); // non-positive ratios are ignored
  const fv = makeValueFormatter('bytes', 'auto', 1 / 1024);
  assert.equal(fv(1536 * 1024), '1.50kB');
  assert.equal(makeValueFormatter('nanoseconds', 's')(1_248_000_007), '1.25s');
});

test('units: header lines', () => {
  const cpu = makeValueFormatter('nanoseconds', 's');
  assert.equal(formatDurationLine(5_010_000_000, 1_248_000_007, 'nanoseconds', cpu), 'Duration: 5.01s, Total samples = 1.25s (24.91%)');
  assert.equal(
    formatDurationLine(30_000_000_000, 1_500_020_000, 'nanoseconds', makeValueFormatter('nanoseconds', 'ms')),
    'Duration: 30s, Total samples = 1500.02ms ( 5.00%)',
  );
  assert.equal(
    formatDurationLine(10_000_000_000, 7_200_000_001_002, 'nanoseconds', makeValueFormatter('nanoseconds', 'ns')),
    'Duration: 10s, Total samples = 7200000001002ns (72000.00%)',
  );
  // Samples in ms: the ratio compares nanoseconds with nanoseconds.
  assert.equal(
    formatDurationLine(60_000_000_000, 18_001_512, 'milliseconds', makeValueFormatter('milliseconds', 'hrs')),
    'Duration: 60s, Total samples = 5hrs (30002.52%)',
  );
  // Non-time samples: no ratio, and pprof leaves a trailing space.
  assert.equal(formatDurationLine(30_000_000_000, 3518, 'bytes', makeValueFormatter('bytes', 'B')), 'Duration: 30s, Total samples = 3518B ');
  assert.equal(formatDurationLine(60_000_000_000, 1512, 'μs', makeValueFormatter('μs', 'μs')), 'Duration: 60s, Total samples = 1512μs ');
  assert.equal(formatDurationLine(30_000_000_000, 100003, 'count', makeValueFormatter('count', 'count')), 'Duration: 30s, Total samples = 100003 ');

  assert.equal(formatShowingLine(1_240_000_000, 1_248_000_007, cpu), 'Showing nodes accounting for 1.24s, 99.36% of 1.25s total');
  assert.equal(formatShowingLine(0, 0, cpu), 'Showing nodes accounting for 0, 0% of 0 total');
  assert.equal(formatShowingLine(3518, 3518, makeValueFormatter('bytes', 'B')), 'Showing nodes accounting for 3518B, 100% of 3518B total');

  assert.equal(formatDroppedLine(2, 'node', 1_248_000_007, 0.005, cpu), 'Dropped 2 nodes (cum <= 0.01s)');
  assert.equal(formatDroppedLine(2, 'node', 1_248_000_007, 0.005, makeValueFormatter('nanoseconds', 'ms')), 'Dropped 2 nodes (cum <= 6.24ms)');
  assert.equal(formatDroppedLine(1, 'node', 1505, 0.005, makeValueFormatter('Widgets', 'Widgets')), 'Dropped 1 node (cum <= 7Widgets)');
  assert.equal(formatDroppedLine(3, 'edge', 100000, 0.001, makeValueFormatter('count', 'count')), 'Dropped 3 edges (freq <= 100)');
  assert.equal(formatTopNodesLine(10, 57), 'Showing top 10 nodes out of 57');
});
