/**
 * The raw report: Profile.String's layout, Go's time and duration text, and
 * the filtered, merged profile behind it.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rawReport } from '../../../src/report/raw/data.js';
import { renderRawText } from '../../../src/report/raw/text.js';
import { renderRawJson } from '../../../src/report/raw/json.js';
import { goDurationString, goTimeString } from '../../../src/report/raw/go-time.js';
import { profile } from '../../helpers/tiny-profile.js';

/** cpu/nanoseconds, period 1, stacks written leaf first, lines from 10. */
const LEAF = { types: [['cpu', 'nanoseconds']], period: 1, leafFirst: true, line: 10 } as const;

test('Go duration text: units below a second, h/m/s above, trailing zeros dropped', () => {
  assert.equal(goDurationString(0n), '0s');
  assert.equal(goDurationString(999n), '999ns');
  assert.equal(goDurationString(1_500n), '1.5µs');
  assert.equal(goDurationString(1_500_000n), '1.5ms');
  assert.equal(goDurationString(5_110_453_000n), '5.110453s');
  assert.equal(goDurationString(90_000_000_000n), '1m30s');
  assert.equal(goDurationString(3_600_000_000_000n), '1h0m0s');
  assert.equal(goDurationString(-2_000_000_000n), '-2s');
});

test('Go time text in UTC with the fraction trimmed', () => {
  assert.equal(goTimeString(1_700_000_000_000_000_000n), '2023-11-14 22:13:20 +0000 UTC');
  assert.equal(goTimeString(1_700_000_000_058_712_300n), '2023-11-14 22:13:20.0587123 +0000 UTC');
});

const p = profile({
  ...LEAF,
  types: [['samples', 'count'], ['cpu', 'nanoseconds']],
  samples: [[[1, 10], 'a+b', 'main'], [[0, 0], 'c']],
  labels: { 0: { k: 'v' } },
  numLabels: { 0: { bytes: [64, 'bytes'], n: [3, ''] } },
});

test('samples: `%10d` per value, location ids, string then numeric labels as Go prints them', () => {
  const text = renderRawText(rawReport(p));
  assert.ok(text.includes('Samples:\nsamples/count cpu/nanoseconds\n          1         10: 1 2 \n'), text);
  assert.ok(text.includes('                k:[v]\n                bytes:[64 bytes] n:[3]\n'), text);
});

test('zero samples and the locations only they used are gone (pprof merges on load)', () => {
  const r = rawReport(p);
  assert.equal(r.samples.length, 1);
  assert.deepEqual(r.locations.map((l) => l.id), [1n, 2n]);
});

test('locations: id, address, mapping, one line per inlined function with start line', () => {
  const text = renderRawText(rawReport(p));
  assert.ok(text.includes('Locations\n     1: 0x1010 M=1 a a.go:10 s=0\n             b b.go:11 s=0\n     2: 0x1020 M=1 main main.go:10 s=0\n'), text);
});

test('a profile without mappings gets the placeholder mapping pprof\'s driver gives it (id 1, all zero)', () => {
  assert.equal(p.mappings.length, 0);
  const text = renderRawText(rawReport(p));
  assert.ok(text.endsWith('Mappings\n1: 0x0/0x0/0x0   \n'), text);
});

test('hide removes lines from the printed locations, as pprof mutates them', () => {
  const text = renderRawText(rawReport(p, { hide: '^a$' }));
  assert.ok(text.includes('     1: 0x1010 M=1 b b.go:11 s=0\n'), text);
});

test('JSON lists samples, locations and mappings with exact numbers', () => {
  const doc = JSON.parse(renderRawJson(rawReport(p))) as { samples: { values: number[]; numLabels: Record<string, number[]> }[] };
  assert.deepEqual(doc.samples[0]!.values, [1, 10]);
  assert.deepEqual(doc.samples[0]!.numLabels, { bytes: [64], n: [3] });
});
