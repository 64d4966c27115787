/**
 * The tags report: sums per label value, sort order, scaled numeric values,
 * Go's right-aligned tabwriter layout, and JSON.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tagsReport } from '../../../src/report/tags/data.js';
import { renderTagsText } from '../../../src/report/tags/text.js';
import { renderTagsJson } from '../../../src/report/tags/json.js';
import { alignRight } from '../../../src/report/tags/tabwriter.js';
import { profile } from '../../helpers/tiny-profile.js';

/** cpu/nanoseconds, period 1, stacks written leaf first, lines from 10. */
const LEAF = { types: [['cpu', 'nanoseconds']], period: 1, leafFirst: true, line: 10 } as const;

test('tabwriter: cells right-aligned to the widest cell + 1 per column block; a tab-less line ends the block', () => {
  assert.deepEqual(alignRight(['key:\t Total 3', ' \t1 (a):\t x', ' \t22 (bb):\t y', '', 'k:\t z']), [
    ' key: Total 3',
    '        1 (a): x',
    '      22 (bb): y',
    '',
    ' k: z',
  ]);
});

const p = profile({
  ...LEAF,
  samples: [[30_000_000, 'a'], [10_000_000, 'b'], [10_000_000, 'c']],
  labels: { 0: { table: 'nat' }, 1: { table: 'filter' }, 2: { table: 'arp' } },
  numLabels: { 0: { bytes: [4096, 'bytes'] }, 1: { bytes: [4096, 'bytes'] } },
});

test('keys by name; values by |sum| descending then name; numeric values grouped by their scaled text', () => {
  const r = tagsReport(p);
  assert.deepEqual(r.keys.map((k) => k.key), ['bytes', 'table']);
  assert.deepEqual(r.keys[1]!.values.map((v) => `${v.name}=${v.value}`), ['nat=30000000', 'arp=10000000', 'filter=10000000']);
  assert.deepEqual(r.keys[0]!.values.map((v) => v.name), ['4kB']);
});

test('text: `key: Total X`, `X (P%): value`, blank line after each key', () => {
  assert.equal(renderTagsText(tagsReport(p)),
    ' bytes: Total 40.0ms\n' +
    '        40.0ms (  100%): 4kB\n' +
    '\n' +
    ' table: Total 50.0ms\n' +
    '        30.0ms (60.00%): nat\n' +
    '        10.0ms (20.00%): arp\n' +
    '        10.0ms (20.00%): filter\n' +
    '\n');
});

test('--unit scales the sums; label filters narrow the samples counted', () => {
  const r = tagsReport(p, { unit: 's', tagFocus: 'table=nat' });
  assert.deepEqual(r.keys.map((k) => `${k.key} ${k.totalText}`), ['bytes 0.0s', 'table 0.0s']);
  assert.equal(r.keys[1]!.total, 30_000_000n);
});

test('a profile without labels prints nothing', () => {
  assert.equal(renderTagsText(tagsReport(profile({ ...LEAF, samples: [[1, 'a']] }))), '');
});

test('JSON carries exact sums and the printed strings', () => {
  const doc = JSON.parse(renderTagsJson(tagsReport(p))) as { keys: { key: string; total: number; values: { percent: string }[] }[] };
  assert.equal(doc.keys[1]!.total, 50_000_000);
  assert.equal(doc.keys[1]!.values[0]!.percent, '60.00%');
});

test('a numeric key seen with several units: the first unit wins, pprof notes the others', async () => {
  const { numLabelUnits, unitConflictNotes } = await import('../../../src/query/labels.js');
  const q = profile({
    ...LEAF,
    samples: [[1, 'a'], [1, 'b'], [1, 'c']],
    numLabels: { 0: { size: [1, 'bytes'] }, 1: { size: [2, 'kilobytes'] }, 2: { request: [3, ''] } },
  });
  const u = numLabelUnits(q);
  assert.equal(u.units.get('size'), 'bytes');
  assert.equal(u.units.get('request'), 'bytes', 'request and alignment default to bytes');
  assert.deepEqual(unitConflictNotes(u), ['For tag size used unit bytes, also encountered unit(s) kilobytes']);
});
