/**
 * Numbers in Go's text profiles that do not fit: each is a PprofError
 * 'out-of-range' naming the line and the field, never an untyped RangeError
 * or a non-finite value. Reproducers of the fuzzer's findings (issue 12), and
 * the classification of unexpected errors by parse (internal vs size limit).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProfile, safeParseProfile, toPprofError } from '../../../src/parse.js';
import { parseGoroutineDump } from '../../../src/decode/text/dump-input.js';
import { groupGoroutines } from '../../../src/query/goroutine-groups.js';
import { isPprofError } from '../../../src/errors.js';
import { PROFILES } from '../../helpers/paths.js';

const fixture = (name: string): string => readFileSync(join(PROFILES, name), 'utf8');
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const HUGE = '9'.repeat(310);

function assertRange(text: string, line: number, field: RegExp): void {
  const r = safeParseProfile(bytes(text));
  assert.equal(r.success, false);
  if (r.success) return;
  assert.equal(r.error.code, 'out-of-range', r.error.message);
  assert.match(r.error.message, new RegExp(`line ${line}: `));
  assert.match(r.error.message, field);
}

test('heap debug=1: a garbled header whose rate un-samples to Infinity names the line and field', () => {
  // A tiny average size against a huge rate makes the scale 1/(1-exp(-0)) = Infinity.
  const text = 'heap profile: 1: 1 [1: 1] @ heap/9223372036854775806\n1: 1 [1: 1] @ 0x1\n#\t0x1\tmain.f+0x0\t/m.go:1\n\n';
  assertRange(text, 2, /objects after un-sampling/);
});

test('heap debug=1: a 310-digit header count or rate is out of range on line 1', () => {
  const heap = fixture('heap.debug1.txt');
  assertRange(heap.replace(/^heap profile: 23:/, `heap profile: ${HUGE}:`), 1, /header in-use objects/);
  assertRange(heap.replace(/@ heap\/1048576/, `@ heap/${HUGE}`), 1, /sampling rate/);
});

test('heap debug=1: a record count above 2^63 is out of range, not wrapped', () => {
  const heap = fixture('heap.debug1.txt');
  assertRange(heap.replace('\n1: 4194304 [1: 4194304] @', '\n1: 4194304 [1: 9223372036854775808] @'), 2, /allocated bytes/);
});

test('mutex debug=1: a 310-digit cycle count names the line and field', () => {
  const mutex = fixture('mutex.debug1.txt');
  assertRange(mutex.replace('\n1322254802 229 @', `\n${HUGE} 229 @`), 4, /cycles/);
  assertRange(mutex.replace('cycles/second=2596124522', `cycles/second=${HUGE}`), 2, /cycles\/second/);
  assertRange(mutex.replace('sampling period=1', 'sampling period=4611686018427387904'), 4, /count times sampling period/);
});

test('block debug=1: a delay that overflows 64 bits after conversion is out of range', () => {
  const block = fixture('block.debug1.txt');
  const withSlowClock = block.replace(/cycles\/second=\d+/, 'cycles/second=1');
  const first = withSlowClock.split('\n').findIndex((l) => /^\d+ \d+ @/.test(l));
  const lines = withSlowClock.split('\n');
  lines[first] = lines[first]!.replace(/^\d+/, '9223372036854775807');
  assertRange(lines.join('\n'), first + 1, /delay in nanoseconds/);
});

test('goroutine debug=1: counts above 2^63 and huge addresses are out of range', () => {
  const g = fixture('goroutine.debug1.txt');
  assertRange(g.replace(/^goroutine profile: total \d+/, `goroutine profile: total ${HUGE}`), 1, /total/);
  assertRange('goroutine profile: total 1\n1 @ 0x10000000000000000\n#\t0x1\tmain.f+0x0\t/m.go:1\n\n', 2, /address/);
  assertRange(`goroutine profile: total 1\n1 @ 0x1\n#\t0x1\tmain.f+0x0\t/m.go:${HUGE}\n\n`, 3, /line number/);
});

test('goroutine dump: a huge wait is an error naming the line, never a non-finite wait', () => {
  const dump = 'goroutine 1 [chan receive, 99999999999999999999 minutes]:\nmain.main()\n\t/m.go:1 +0x1\n';
  assert.throws(() => parseGoroutineDump(dump), (e: unknown) =>
    isPprofError(e) && e.code === 'out-of-range' && /line 1: wait minutes/.test(e.message));
  const ok = parseGoroutineDump('goroutine 1 [chan receive, 9007199254740991 minutes]:\nmain.main()\n\t/m.go:1 +0x1\n');
  const report = groupGoroutines(ok);
  assert.ok(report.groups.every((g) => Number.isFinite(g.maxWaitMinutes) && Number.isFinite(g.minWaitMinutes)));
  assert.throws(() => parseGoroutineDump(`goroutine ${HUGE} [running]:\nmain.main()\n\t/m.go:1 +0x1\n`),
    (e: unknown) => isPprofError(e) && e.code === 'out-of-range' && /goroutine id/.test(e.message));
});

test('only engine size limits are reported as "input too large"; other failures are internal errors with their cause', () => {
  const size = toPprofError(new RangeError('Invalid typed array length: 99999999999'));
  assert.equal(size.code, 'too-large');
  const bug = new RangeError('The number Infinity cannot be converted to a BigInt because it is not an integer');
  const internal = toPprofError(bug);
  assert.equal(internal.code, 'internal');
  assert.match(internal.message, /internal error.*RangeError: The number Infinity/);
  assert.equal(internal.cause, bug);
  assert.equal(toPprofError(new TypeError('x is undefined')).code, 'internal');
});

test('parseProfile throws only PprofError', () => {
  for (const text of ['heap profile: 1: 1 [1: 1] @ heap/9223372036854775806\n1: 1 [1: 1] @ 0x1\n\n', `--- mutex:\ncycles/second=1\n${HUGE} 1 @ 0x1\n\n`]) {
    assert.throws(() => parseProfile(bytes(text)), (e: unknown) => isPprofError(e));
  }
});
