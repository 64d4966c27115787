/**
 * The traces report: stacks in file order at the chosen granularity, inline
 * marks, label lines in pprof's order and format, merged samples, JSON.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tracesReport } from '../../../src/report/traces/data.js';
import { renderTracesText, TRACE_SEPARATOR } from '../../../src/report/traces/text.js';
import { renderTracesJson } from '../../../src/report/traces/json.js';
import { profile } from '../../helpers/tiny-profile.js';

/** cpu/nanoseconds, period 1, stacks written leaf first, lines from 10. */
const LEAF = { types: [['cpu', 'nanoseconds']], period: 1, leafFirst: true, line: 10 } as const;

const p = profile({
  ...LEAF,
  samples: [[10_000_000, 'inner+outer', 'main'], [20_000_000, 'gc', 'main'], [5_000_000, 'inner+outer', 'main']],
  labels: { 0: { t: 'x', workload: ['a', 'b'] }, 2: { t: 'x', workload: ['a', 'b'] } },
  numLabels: { 1: { bytes: [4096, 'bytes'] } },
});

test('one block per merged sample: same stack and labels are summed, as pprof merges on load', () => {
  const r = tracesReport(p);
  assert.equal(r.traces.length, 2);
  assert.equal(r.traces[0]!.valueText, '15ms');
});

test('inlined frames are marked, the value is printed on the leaf line only', () => {
  const text = renderTracesText(tracesReport(p));
  assert.ok(text.includes('      15ms   inner (inline)\n             outer\n             main\n'), text);
});

test('label lines: `%10s:  values`, sorted as strings (short keys first: more padding), numbers scaled', () => {
  const text = renderTracesText(tracesReport(p));
  assert.ok(text.includes(`${TRACE_SEPARATOR}\n         t:  x\n  workload:  a b\n`), text);
  assert.ok(text.includes('     bytes:  4kB\n'), text);
  assert.ok(text.endsWith(`${TRACE_SEPARATOR}\n`));
});

test('noinlines keeps only the physical frame of each location', () => {
  const text = renderTracesText(tracesReport(p, { noInlines: true }));
  assert.ok(text.includes('      15ms   outer\n             main\n'), text);
  assert.ok(!text.includes('(inline)'));
});

test('filters apply before the report: a focused trace list', () => {
  const r = tracesReport(p, { focus: '^gc$' });
  assert.deepEqual(r.traces.map((t) => t.frames.map((f) => f.name).join('<')), ['gc<main']);
  assert.equal(r.total, 35_000_000n, 'total is the profile\'s, before filters');
});

test('JSON carries exact values, labels and frames', () => {
  const doc = JSON.parse(renderTracesJson(tracesReport(p))) as { traces: { value: number; frames: { name: string; inline: boolean }[] }[] };
  assert.equal(doc.traces[0]!.value, 15_000_000);
  assert.deepEqual(doc.traces[0]!.frames[0], { name: 'inner', inline: true });
});
