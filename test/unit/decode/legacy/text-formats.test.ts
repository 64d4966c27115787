// contentionz, threadz and the Java agents' text: values as pprof computes
// them, and errors that name the line.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile, safeParseProfile } from '../../../../src/parse.js';
import { sniffLegacyFormat } from '../../../../src/decode/legacy/sniff.js';
import { samplesOf, utf8 } from './helpers.js';

const MAP = '--- Memory map: ---\n00400000-00401000 r-xp 00000000 08:01 12 /opt/app/server\n';

function fails(text: string, re: RegExp, code = 'bad-format'): void {
  const r = safeParseProfile(utf8(text));
  assert.equal(r.success, false, `accepted: ${text.slice(0, 60)}`);
  if (!r.success) {
    assert.equal(r.error.code, code);
    assert.match(r.error.message, re);
  }
}

test('contentionz: delay cycles to nanoseconds, both scaled by the sampling period; duration from ms since reset', () => {
  const text = '--- contentionz 1 ---\ncycles/second = 2000000000\nsampling period = 10\nms since reset = 5000\n' +
    'discarded samples = 3\n4000 2 @ 0x400101 0x400201\n' + MAP;
  assert.equal(sniffLegacyFormat(utf8(text)), 'contentionz');
  const p = parseProfile(utf8(text));
  assert.deepEqual(p.sampleTypes.map((t) => `${t.type}/${t.unit}`), ['contentions/count', 'delay/nanoseconds']);
  assert.equal(p.durationNanos, 5000000000n);
  assert.equal(p.period, 10n);
  // 4000 cycles x 10 / 2 GHz = 20000 ns; 2 x 10 contentions.
  assert.deepEqual(samplesOf(p), ['20,20000 | 400100@/opt/app/server 400200@/opt/app/server']);
});

test('contentionz without a clock keeps raw cycles; bad attributes and records name the line', () => {
  const p = parseProfile(utf8('--- contentionz 1 ---\n4000 2 @ 0x400101\n' + MAP));
  assert.deepEqual(p.samples.get(0).values, [2n, 4000n]);
  fails('--- contentionz 1 ---\nclock = 7\n1 1 @ 0x1\n', /^contentionz profile: line 2: unknown attribute "clock = 7"$/);
  fails('--- contentionz 1 ---\ncycles/second = 2000000000\n1 1 @ 0x1\nnot a record\n', /^contentionz profile: line 4: expected a record/);
  fails('--- contentionz 1 ---\nsampling period = 12abc\n', /^contentionz profile: line 2: sampling period "12abc" is not a number$/);
});

test('threadz: one sample per stack, "same as previous thread" counts on the previous one', () => {
  const text = '--- threadz 3 ---\n\n--- Thread 1a (name: main/1) stack: ---\n  PC: 0x400100 0x400201\n' +
    '--- Thread 2b (name: w/2) stack: ---\n  same as previous thread\n--- Thread 3c (name: w/3) stack: ---\n  0x400300\n' + MAP;
  assert.equal(sniffLegacyFormat(utf8(text)), 'threadz');
  const p = parseProfile(utf8(text));
  assert.deepEqual(p.sampleTypes, [{ type: 'thread', unit: 'count' }]);
  assert.deepEqual(samplesOf(p), ['2 | 400100@/opt/app/server 400200@/opt/app/server', '1 | 400300@/opt/app/server']);
  // Without the "--- threadz" line, starting straight with a thread, after comments.
  const bare = parseProfile(utf8('# dump\n--- Thread 1a (name: main/1) stack: ---\n  0x400100\n---- no stack trace for 9\n'));
  assert.deepEqual(samplesOf(bare), ['1 | 400100@']);
});

test('threadz cut inside a thread is refused (as pprof refuses it), naming the line', () => {
  fails('--- threadz 1 ---\n--- Thread 1a (name: main/1) stack: ---\n  PC: 0x400100 0x400201\n',
    /^threadz profile: line 3: expected a "--- Thread \.\.\." line, "---- no stack trace for" or a memory map, the input ends inside a thread's stack: it was cut short$/);
  fails('--- threadz 1 ---\n--- Thread 1a (name: main/1) stack: ---\n  0x1\n--- Thread garbage ---\n', /^threadz profile: line 4: expected a "--- Thread \.\.\." line.*found "--- Thread garbage ---"$/);
});

test('Java heapz: count second, un-sampled at 512 KiB, named frames without addresses', () => {
  const text = '--- heapz 1 ---\nformat = java\nresolution = bytes\n 1024 2 @ 0x2 0x1\n0x1 a.Main.main (Main.java:9)\n0x2 a.Main.alloc (Main.java:20)\n';
  assert.equal(sniffLegacyFormat(utf8(text)), 'java-text');
  const p = parseProfile(utf8(text));
  assert.deepEqual(p.sampleTypes.map((t) => `${t.type}/${t.unit}`), ['inuse_objects/count', 'inuse_space/bytes']);
  const scale = 1 / (1 - Math.exp(-512 / 524288));
  assert.deepEqual(p.samples.get(0).values, [BigInt(Math.trunc(2 * scale)), BigInt(Math.trunc(1024 * scale))]);
  assert.deepEqual(samplesOf(p), [`${p.samples.get(0).values.join(',')} | 0@-:a.Main.alloc 0@-:a.Main.main`]);
  assert.deepEqual(p.samples.get(0).labels, [{ key: 'bytes', kind: 'number', value: 512n, unit: '' }]);
});

test('Java contentionz is told from C++ contentionz by its format/resolution attributes', () => {
  const text = '--- contentionz 1 ---\nformat = java\nresolution = microseconds\nsampling period = 100\n 50 3 @ 0x1\n0x1 a.Lock.lock (Lock.java:1)\n';
  assert.equal(sniffLegacyFormat(utf8(text)), 'java-text');
  const p = parseProfile(utf8(text));
  assert.deepEqual(p.sampleTypes.map((t) => `${t.type}/${t.unit}`), ['contentions/count', 'delay/microseconds']);
  assert.deepEqual(p.samples.get(0).values, [300n, 5000n]);
});

test('Java text errors name the line', () => {
  fails('--- heapz 1 ---\nformat = java\n 1 2 @ 0x1\n', /^Java heap profile: line 3: no "resolution = <unit>" attribute/);
  fails('--- heapz 1 ---\nformat = hprof\nresolution = bytes\n', /^Java heap profile: line 2: format is "hprof", expected "java"$/);
  fails('--- heapz 1 ---\nresolution = bytes\n 8 0 @ 0x1\n', /^Java heap profile: line 3: the count \(second number\) must not be 0/);
  fails('--- heapz 1 ---\nresolution = bytes\ncolour = blue\n', /^Java heap profile: line 3: unknown attribute "colour = blue"$/);
});

test('none of these: other text and protobuf are left to the other readers', () => {
  for (const s of ['goroutine profile: total 1\n', '--- mutex:\ncycles/second=1\n', '<html>', 'hello\n', '--- contention:\n']) {
    assert.equal(sniffLegacyFormat(utf8(s)), null, s);
  }
  assert.equal(sniffLegacyFormat(new Uint8Array([0x0a, 0x04, 0x08, 0x01, 0x10, 0x02])), null);
});

test('products beyond 64 bits are out-of-range errors naming the line, not wrapped numbers as in pprof', () => {
  fails('--- contentionz 1 ---\nsampling period = 4611686018427387904\n1 4 @ 0x1\n', /^contentionz profile: line 3: count x sampling period 18446744073709551616 does not fit in 64 bits$/, 'out-of-range');
  fails('--- contentionz 1 ---\nformat = java\nresolution = microseconds\nsampling period = 4611686018427387904\n 1 4 @ 0x1\n',
    /^Java contention profile: line 5: count x sampling period 18446744073709551616 does not fit in 64 bits$/, 'out-of-range');
  fails('--- contentionz 1 ---\nms since reset = 9223372036854775\n', /^contentionz profile: line 2: duration in ns \d+ does not fit in 64 bits$/, 'out-of-range');
});
