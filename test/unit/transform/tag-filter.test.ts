/**
 * Label filters (-tagfocus / -tagignore) as pprof reads them: numeric ranges
 * with units, open ranges, exact values, key=regex against one key, bare
 * regexes against every `key:value`, comma lists, and the stderr note.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTagFilter, parseTagRange } from '../../../src/transform/tag-filter.js';
import { applyProfileFilters } from '../../../src/transform/apply.js';
import { profile, stacksOf } from '../../helpers/tiny-profile.js';

/** cpu/nanoseconds, period 1, stacks written leaf first, lines from 10. */
const LEAF = { types: [['cpu', 'nanoseconds']], period: 1, leafFirst: true, line: 10 } as const;

const unitsOf = (key: string): string => (key === 'bytes' ? 'bytes' : key === 'latency' ? 'ms' : key);

test('range with units: 4kB means 4096 bytes, compared after scaling the label to the filter unit', () => {
  const r = parseTagRange('4kB')!;
  assert.equal(r(4096, 'bytes'), true);
  assert.equal(r(4095, 'bytes'), false);
  assert.equal(r(4, 'kB'), true);
});

test('open ranges: `N:` is at least N, `:N` at most N, both inclusive', () => {
  const atLeast = parseTagRange('4kB:')!;
  assert.equal(atLeast(4096, 'bytes'), true);
  assert.equal(atLeast(1 << 20, 'bytes'), true);
  assert.equal(atLeast(4000, 'bytes'), false);
  const atMost = parseTagRange(':1kB')!;
  assert.equal(atMost(1024, 'bytes'), true);
  assert.equal(atMost(1025, 'bytes'), false);
});

test('closed range N:M takes the unit of N for both ends and rejects mixed families', () => {
  const r = parseTagRange('1ms:10ms')!;
  assert.equal(r(1_000_000, 'nanoseconds'), true);
  assert.equal(r(10, 'ms'), true);
  assert.equal(r(11, 'ms'), false);
  assert.equal(parseTagRange('1ms:10kB'), null);
});

test('a label in another unit family never matches a range', () => {
  assert.equal(parseTagRange('4kB:')!(10_000, 'nanoseconds'), false);
});

test('text that is not exactly a range is a regex: `4kB-8kB`, `a1`, `nat`', () => {
  assert.equal(parseTagRange('4kB-8kB'), null);
  assert.equal(parseTagRange('nat'), null);
  assert.equal(parseTagRange('4kB::'), null);
});

test('a range prints pprof\'s note naming the option and the value after key=', () => {
  assert.equal(compileTagFilter('tagfocus', 'bytes=4kB:', unitsOf).note, "tagfocus:Interpreted '4kB:' as range, not regexp");
  assert.equal(compileTagFilter('tagignore', ':512', unitsOf).note, "tagignore:Interpreted ':512' as range, not regexp");
  assert.equal(compileTagFilter('tagfocus', 'table=nat', unitsOf).note, null);
});

const p = profile({
  ...LEAF,
  samples: [[1, 'a', 'main'], [2, 'b', 'main'], [4, 'c', 'main'], [8, 'd', 'main']],
  labels: { 0: { table: 'nat', workload: 'policy' }, 1: { table: 'filter', workload: 'stats' } },
  numLabels: { 2: { bytes: [4096, 'bytes'] }, 3: { bytes: [64, ''] } },
});
const kept = (o: Parameters<typeof applyProfileFilters>[1]): string[] => stacksOf(applyProfileFilters(p, o).profile);

test('key=regex tests only that key\'s values (any regex of a comma list, any value)', () => {
  assert.deepEqual(kept({ tagFocus: 'table=nat' }), ['a<main 1']);
  assert.deepEqual(kept({ tagFocus: 'table=filter,nat' }), ['a<main 1', 'b<main 2']);
  assert.deepEqual(kept({ tagFocus: 'workload=nat' }), []);
});

test('a bare regex is matched against every `key:value`, and every regex of a list must match', () => {
  assert.deepEqual(kept({ tagFocus: 'workload:stats' }), ['b<main 2']);
  assert.deepEqual(kept({ tagFocus: 'nat' }), ['a<main 1']);
  assert.deepEqual(kept({ tagFocus: 'table:filter,workload:policy' }), []);
  assert.deepEqual(kept({ tagFocus: 'table:nat,workload:policy' }), ['a<main 1']);
});

test('tagignore drops matching samples; with tagfocus, focused and not ignored survive', () => {
  assert.deepEqual(kept({ tagIgnore: 'workload=policy' }), ['b<main 2', 'c<main 4', 'd<main 8']);
  assert.deepEqual(kept({ tagFocus: 'table=.*', tagIgnore: 'stats' }), ['a<main 1']);
});

test('numeric labels without a unit take their key as unit (bytes -> bytes)', () => {
  assert.deepEqual(kept({ tagFocus: 'bytes=4kB:' }), ['c<main 4']);
  assert.deepEqual(kept({ tagFocus: ':1kB' }), ['d<main 8']);
  assert.deepEqual(kept({ tagFocus: '64B' }), ['d<main 8']);
});

test('a bare number has no unit, so it never equals a label measured in bytes (pprof compares units too)', () => {
  assert.deepEqual(kept({ tagFocus: '64' }), []);
});

test('a bad tag regex is a bad-option error naming the option', () => {
  assert.throws(() => applyProfileFilters(p, { tagFocus: 'table=(' }), (e: Error & { code?: string }) =>
    e.code === 'bad-option' && /parsing tagfocus regexp/.test(e.message));
});
