/**
 * Assertion helpers: they pass silently under the limit and throw node's
 * AssertionError with the value, the limit and the top five contributors
 * above it; a misspelt name is a PprofError, not a pass.
 */

import { test } from 'node:test';
import assert, { AssertionError } from 'node:assert/strict';
import { join } from 'node:path';
import { loadProfile } from '../../../src/parse.js';
import { loadGoroutineDump } from '../../../src/decode/text/dump-input.js';
import { isPprofError } from '../../../src/errors.js';
import {
  assertAbsent, assertGoroutinesAtMost, assertNoGoroutinesWaiting, assertShareAtLeast, assertShareAtMost,
  assertTotalAtMost, assertValueAtMost, inspect, inspectGoroutines,
} from '../../../src/testing/index.js';
import { PROFILES } from '../../helpers/paths.js';

const cpuP = loadProfile(join(PROFILES, 'cpu.pb.gz'));

function failsWith(fn: () => unknown, ...patterns: RegExp[]): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AssertionError, `expected AssertionError, got ${String(e)}`);
    for (const p of patterns) assert.match(e.message, p);
    return true;
  });
}

test('share assertions: pass under the limit, fail above with value, limit and contributors', async () => {
  const cpu = await cpuP;
  const sel = assertShareAtMost(cpu, 'main.(*trieNode).lookup', 0.4);
  assert.equal(sel.flat, 840_000_000n);
  failsWith(() => assertShareAtMost(cpu, { function: /natPass/ }, 0.05, { metric: 'cum' }),
    /^cum of function \/natPass\/ \(cpu\) is 13\.04% of the total, above the limit of 5\.00% \(300ms of 2\.30s\)/,
    /Top contributors:\n {2}1\. runtime\.mapaccess2_fast32 {2}180ms \(7\.83%\)\n {2}2\. runtime\.memhash32/);
  const e = (() => { try { assertShareAtMost(cpu, 'main.fnv32a', 0.1); } catch (x) { return x as AssertionError; } })()!;
  assert.equal(e.actual, 340 / 2300);
  assert.equal(e.expected, 0.1);
  assert.equal(e.message.split('\n').filter((l) => /^ {2}\d\./.test(l)).length, 1);
  assertShareAtLeast(cpu, { package: 'main' }, 0.5);
  failsWith(() => assertShareAtLeast(cpu, { package: 'runtime' }, 0.5), /below the minimum of 50\.00%/);
  failsWith(() => assertShareAtMost(cpu, { package: 'main' }, 0.1, { message: 'hot path budget' }), /^hot path budget: flat of package 'main'/);
});

test('value and total assertions take amounts with units', async () => {
  const cpu = await cpuP;
  assertValueAtMost(cpu, 'main.(*trieNode).lookup', '1s');
  assertValueAtMost(cpu, 'main.(*trieNode).lookup', 840_000_000n);
  failsWith(() => assertValueAtMost(cpu, 'main.(*trieNode).lookup', '800ms'), /is 840ms \(36\.52%\), above the limit of 800ms/);
  assertTotalAtMost(cpu, '2.3s');
  failsWith(() => assertTotalAtMost(cpu, '2s'), /total cpu is 2\.30s, above the limit of 2s\nTop contributors:\n {2}1\. main\.\(\*trieNode\)\.lookup/);
  assert.throws(() => assertTotalAtMost(cpu, '2MB'), (e: unknown) => isPprofError(e) && /cannot express MB/.test(e.message));
});

test('a misspelt name throws no-match, unless absence is expected', async () => {
  const cpu = await cpuP;
  assert.throws(() => assertShareAtMost(cpu, 'main.(*trieNode).lokup', 0.05),
    (e: unknown) => isPprofError(e) && e.code === 'no-match' && /did you mean main\.\(\*trieNode\)\.lookup/.test(e.message));
  assertShareAtMost(cpu, 'main.gone', 0.05, { allowMissing: true });
  assertAbsent(cpu, 'main.gone');
  failsWith(() => assertAbsent(cpu, /planner/), /expected no samples with function \/planner\/ \(cpu\), found \d+ worth 30ms/);
});

test('an inspector is reused; options pick the sample type', async () => {
  const allocs = inspect(await loadProfile(join(PROFILES, 'allocs.pb.gz')), { sampleType: 'alloc_space' });
  assert.equal(allocs.unit, 'bytes');
  const top = allocs.byPackage()[0]!;
  assertShareAtMost(allocs, { package: top.package }, 1);
  assert.ok(allocs.select({ package: top.package }).in('MB') > 0);
});

test('goroutine assertions on a debug=2 dump and on a goroutine profile', async () => {
  const dump = await loadGoroutineDump(join(PROFILES, 'goroutine.debug2.txt'));
  const g = inspectGoroutines(dump);
  assert.equal(g.total, 50);
  assert.equal(g.count(/\(\*workerPool\)\.worker$/), 8);
  assert.equal(g.count('workerPool'), 9); // the 8 workers and one goroutine inside (*workerPool).start
  assert.ok((g.states['chan receive'] ?? 0) >= 8);
  assert.equal(assertGoroutinesAtMost(dump, 50), 50);
  failsWith(() => assertGoroutinesAtMost(dump, 10), /50 goroutines, above the limit of 10\nLargest groups:\n {2}1\. 8 x main\.\(\*workerPool\)\.worker \[chan receive\]/);
  assertNoGoroutinesWaiting(dump, 8, 1);
  failsWith(() => assertNoGoroutinesWaiting(dump, 7, 1), /more than 7 goroutines blocked for >= 1 min:\n {2}1\. 8 x main\.\(\*workerPool\)\.worker/);
  const prof = await loadProfile(join(PROFILES, 'goroutine.pb.gz'));
  assert.ok(assertGoroutinesAtMost(prof, 1000) > 10);
  failsWith(() => assertGoroutinesAtMost(prof, 1), /goroutines, above the limit of 1\nTop contributors:/);
});

test('bigint limits compare exactly above 2^53', async () => {
  const { profile } = await import('../../helpers/tiny-profile.js');
  const big = 2n ** 60n + 1n;
  const p = profile({ types: [['alloc_space', 'bytes']], leafFirst: true, files: 'package', line: 10, samples: [[[big], 'main.a']] });
  assertTotalAtMost(p, big);
  assertValueAtMost(p, 'main.a', big);
  failsWith(() => assertTotalAtMost(p, big - 1n), /above the limit of 1152921504606846976/);
  failsWith(() => assertValueAtMost(p, 'main.a', big - 1n), /above the limit of 1152921504606846976/);
});
