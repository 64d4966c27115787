/**
 * applyProfileFilters: pprof's order of steps, the Active filters lines,
 * totals taken before filtering, idempotence, tagshow/taghide, the notes.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activeFilterLines, applyProfileFilters } from '../../../src/transform/apply.js';
import { topTable } from '../../../src/report/top.js';
import { foldedText } from '../../../src/render/folded.js';
import { profile, stacksOf } from '../../helpers/tiny-profile.js';

/** cpu/nanoseconds, period 1, stacks written leaf first, lines from 10. */
const LEAF = { types: [['cpu', 'nanoseconds']], period: 1, leafFirst: true, line: 10 } as const;
import type { QueryOptions } from '../../../src/query/options.js';

const p = profile({
  ...LEAF,
  samples: [[10, 'lookup', 'match', 'main'], [20, 'hash', 'match', 'main'], [30, 'gc', 'main']],
  labels: { 0: { table: 'nat', workload: 'policy' }, 1: { table: 'filter' } },
  numLabels: { 2: { bytes: [64, 'bytes'] } },
});

test('nothing to do: the same profile and options come back (no copy on the hot path)', () => {
  const o = { focus: 'x' };
  const r = applyProfileFilters(p, o);
  assert.equal(r.profile, p);
  assert.equal(r.options, o);
});

test('focus runs before show_from, as in pprof (focus sees frames show_from then cuts away)', () => {
  const r = applyProfileFilters(p, { focus: 'main', showFrom: 'match' });
  assert.deepEqual(stacksOf(r.profile), ['lookup<match 10', 'hash<match 20']);
});

test('Active filters list pprof\'s order; prune_from is not listed (Go 1.19 pprof)', () => {
  assert.deepEqual(activeFilterLines({
    tagHide: 'h', tagShow: 's', tagIgnore: 'i', tagFocus: 'f', showFrom: 'sf', show: 'sh', hide: 'hi', ignore: 'ig', focus: 'fo', pruneFrom: 'p',
  }), ['focus=fo', 'ignore=ig', 'hide=hi', 'show=sh', 'show_from=sf', 'tagfocus=f', 'tagignore=i', 'tagshow=s', 'taghide=h']);
});

test('applying twice is a no-op: the options come back without the filter fields', () => {
  const once = applyProfileFilters<QueryOptions>(p, { tagFocus: 'table=nat', focus: 'main' });
  assert.equal(once.options.tagFocus, undefined);
  assert.equal(once.options.focus, undefined);
  assert.deepEqual(once.options.appliedFilters, ['focus=main', 'tagfocus=table=nat']);
  const twice = applyProfileFilters(once.profile, once.options);
  assert.equal(twice.profile, once.profile);
});

test('top after a label filter keeps the pre-filter total (pprof\'s 100%) and lists the filter', () => {
  const t = topTable(p, { tagFocus: 'table=nat' });
  assert.equal(t.total, 60n);
  assert.deepEqual(t.rows.map((r) => `${r.name} ${r.flat} ${r.cum}`), ['lookup 10 10', 'main 0 10', 'match 0 10']);
  assert.ok(t.header.includes('Active filters:'));
  assert.ok(t.header.includes('   tagfocus=table=nat'));
});

test('folded honours the label filters too', () => {
  assert.equal(foldedText(p, { tagIgnore: 'table=.*' }), 'main;gc 30\n');
});

test('tagshow keeps only matching keys, taghide removes matching keys, on every sample', () => {
  const shown = applyProfileFilters(p, { tagShow: 'table' }).profile;
  assert.deepEqual([...shown.samples].map((s) => s.labels.map((l) => l.key)), [['table'], ['table'], []]);
  const hidden = applyProfileFilters(p, { tagHide: 'table|bytes' }).profile;
  assert.deepEqual([...hidden.samples].map((s) => s.labels.map((l) => l.key)), [['workload'], [], []]);
});

test('notes: ranges are announced, filters that match nothing are reported, in pprof\'s order', () => {
  const notes: string[] = [];
  applyProfileFilters(p, { tagFocus: 'bytes=1MB:', focus: 'nothing', showFrom: 'nowhere' }, { onNote: (l) => notes.push(l) });
  assert.deepEqual(notes, [
    "tagfocus:Interpreted '1MB:' as range, not regexp",
    'Focus expression matched no samples',
    'ShowFrom expression matched no samples',
    'TagFocus expression matched no samples',
  ]);
});

test('materialize drops samples without locations even with no filter (pprof\'s FilterSamplesByName)', () => {
  const q = profile({ ...LEAF, samples: [[9], [1, 'a']] });
  assert.deepEqual(stacksOf(applyProfileFilters(q, {}, { materialize: true }).profile), ['a 1']);
});
