/**
 * pprof's -divide_by and -compact_labels through the report API: every value
 * a report prints is divided (the unit is picked from the divided values),
 * percentages are not; 0 is refused as pprof refuses it; a negative, NaN or
 * infinite divisor changes nothing, as in pprof. compact_labels leaves the
 * profile lines out of top, tree and peek, and dot keeps its whole legend.
 * (The goldens of test/conformance check the same against go tool pprof.)
 */

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { profile } from '../../helpers/tiny-profile.js';
import { topTable } from '../../../src/report/top.js';
import { peekReport, treeReport } from '../../../src/report/tree/data.js';
import { dotGraph } from '../../../src/report/dot/data.js';
import { tracesReport } from '../../../src/report/traces/data.js';
import { PprofError } from '../../../src/errors.js';

const p = profile({
  types: [['cpu', 'nanoseconds']],
  samples: [[3_000_000_000, 'main', 'work'], [1_000_000_000, 'main', 'idle']],
  durationNanos: 10_000_000_000n,
});

describe('-divide_by', () => {
  test('top divides every value and picks the unit from the divided values; percentages stay', () => {
    const plain = topTable(p);
    const t = topTable(p, { divideBy: 1000 });
    assert.deepEqual(t.rows.map((r) => [r.name, r.flatText, r.flatPercent, r.cumText]),
      [['work', '3ms', '75.00%', '3ms'], ['idle', '1ms', '25.00%', '1ms'], ['main', '0', '    0%', '4ms']]);
    assert.deepEqual(t.rows.map((r) => r.flat), plain.rows.map((r) => r.flat), 'raw values are not divided');
    assert.ok(t.header.includes('Duration: 10s, Total samples = 4ms (40.00%)'), t.header.join('\n'));
    assert.ok(t.header.includes('Showing nodes accounting for 4ms, 100% of 4ms total'), t.header.join('\n'));
  });

  test('a divisor below 1 multiplies', () => {
    assert.equal(topTable(p, { divideBy: 0.5 }).rows[0]!.flatText, '6s');
  });

  test('tree, peek, dot and traces divide too', () => {
    assert.equal(treeReport(p, { divideBy: 1000 }).entries[0]!.flatText, '3ms');
    assert.equal(peekReport(p, 'work', { divideBy: 1000 }).entries[0]!.cumText, '3ms');
    assert.ok(dotGraph(p, { divideBy: 1000 }).legend.some((l) => l.includes('Total samples = 4ms')));
    assert.equal(tracesReport(p, { divideBy: 1000 }).traces[0]!.valueText, '3ms');
  });

  test('0 is refused with pprof\'s words, before any work', () => {
    for (const run of [() => topTable(p, { divideBy: 0 }), () => treeReport(p, { divideBy: 0 }),
      () => peekReport(p, 'work', { divideBy: 0 }), () => dotGraph(p, { divideBy: 0 }), () => tracesReport(p, { divideBy: 0 })]) {
      assert.throws(run, (e: unknown) => e instanceof PprofError && e.code === 'bad-option' && e.message === 'zero divisor specified');
    }
  });

  test('a negative, NaN or infinite divisor changes nothing (pprof applies only a positive ratio other than 1)', () => {
    const plain = topTable(p);
    for (const divideBy of [-2, Number.NaN, Number.POSITIVE_INFINITY, 1]) assert.deepEqual(topTable(p, { divideBy }), plain, String(divideBy));
  });
});

describe('-compact_labels', () => {
  test('top, tree and peek leave out the profile lines, not the filters or the Showing line', () => {
    const t = topTable(p, { compactLabels: true, focus: 'work' });
    assert.deepEqual(t.header, ['Active filters:', '   focus=work', 'Showing nodes accounting for 3s, 75.00% of 4s total']);
    assert.equal(treeReport(p, { compactLabels: true }).header[0], 'Showing nodes accounting for 4s, 100% of 4s total');
    assert.equal(peekReport(p, 'work', { compactLabels: true }).header[0], 'Showing nodes accounting for 4s, 100% of 4s total');
  });

  test('dot keeps its whole legend, as pprof\'s graphs do', () => {
    assert.deepEqual(dotGraph(p, { compactLabels: true }).legend, dotGraph(p).legend);
  });
});
