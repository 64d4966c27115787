// The legacy binary CPU format (gperftools / old Go / Java): word layouts,
// pprof's address adjustments and frame clean-ups, and clear errors for
// cut or damaged input.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile, safeParseProfile } from '../../../../src/parse.js';
import { sniffLegacyFormat } from '../../../../src/decode/legacy/sniff.js';
import { readingWarnings } from '../../../../src/decode/legacy/warnings.js';
import { LAYOUTS, cpuProfile, samplesOf, words } from './helpers.js';

const MAPS = '00400000-00401000 r-xp 00000000 08:01 12 /opt/app/server\n' +
  '00500000-00600000 r--p 00000000 08:01 12 /opt/app/server\n' +
  '10000000-10100000 r-xp 00000000 08:01 13 /lib/libc.so.6\n';

test('every layout (32/64-bit, little/big-endian) reads to the same profile', () => {
  const seen = new Set<string>();
  for (const layout of LAYOUTS) {
    const p = parseProfile(cpuProfile(layout, 10000, [[3, [0x400100, 0x400201, 0x10000011]], [1, [0x10000050]]], MAPS));
    assert.equal(sniffLegacyFormat(cpuProfile(layout, 10000, [], '')), 'cpu-binary');
    assert.deepEqual(p.sampleTypes, [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }]);
    assert.deepEqual(p.periodType, { type: 'cpu', unit: 'nanoseconds' });
    assert.equal(p.period, 10000000n);
    seen.add(JSON.stringify(samplesOf(p)));
  }
  assert.equal(seen.size, 1);
  assert.deepEqual(JSON.parse([...seen][0]!), [
    // The leaf is exact; callers are return addresses, moved back one byte. Non-executable lines are skipped.
    '3,30000000 | 400100@/opt/app/server 400200@/opt/app/server 10000010@/lib/libc.so.6',
    '1,10000000 | 10000050@/lib/libc.so.6',
  ]);
});

test('the main binary is listed first (File: line) and an address outside every mapping gets a file-less one', () => {
  const maps = '10000000-10100000 r-xp 00000000 08:01 13 /lib/libc.so.6\n00400000-00401000 r-xp 00000000 08:01 12 /opt/app/server\n';
  // Two samples with different second frames, so neither is taken for the signal handler's.
  const p = parseProfile(cpuProfile(LAYOUTS[2]!, 100, [[1, [0x400100, 0x7000]], [1, [0x10000100, 0x400301]]], maps));
  assert.deepEqual(p.mappings.map((m) => m.filename), ['/opt/app/server', '/lib/libc.so.6', '']);
  assert.deepEqual(samplesOf(p), ['1,100000 | 400100@/opt/app/server 6fff@', '1,100000 | 10000100@/lib/libc.so.6 400300@/opt/app/server']);
});

test('a second frame shared by (nearly) every sample is the signal handler and is removed', () => {
  const samples: [number, number[]][] = [...Array(40).keys()].map((i) => [1, [0x400100 + i, 0x400801, 0x400901]]);
  samples.push([1, [0x400500, 0x400901]]);
  const p = parseProfile(cpuProfile(LAYOUTS[2]!, 100, samples, MAPS));
  const s = samplesOf(p);
  assert.equal(s[0], '1,100000 | 400100@/opt/app/server');
  assert.equal(s[40], '1,100000 | 400500@/opt/app/server');
  // 40 of 41 share 0x400800 (margin 41/32 = 1): stripped; then 0x400900 is shared by 41 of 41 and goes too.
  assert.ok(s.slice(0, 40).every((x) => !x.includes('400800')));
});

test('a leaf recorded twice (signal context and unwound) is dropped once', () => {
  const p = parseProfile(cpuProfile(LAYOUTS[2]!, 100, [[1, [0x400100, 0x400100, 0x400201]], [1, [0x400300, 0x400401]]], MAPS));
  assert.deepEqual(samplesOf(p), ['1,100000 | 400100@/opt/app/server 400200@/opt/app/server', '1,100000 | 400300@/opt/app/server 400400@/opt/app/server']);
});

test('Java CPU profiles: ids are not adjusted and become named frames', () => {
  const text = '0x0000000000000001 com.x.Main.main (Main.java:3)\n0x2 com.x.Main.run (/opt/lib/agent.so)\n0x3 generated stub/JIT\n';
  const p = parseProfile(cpuProfile(LAYOUTS[3]!, 1000, [[5, [3, 2, 1]]], text, { java: true }));
  assert.deepEqual(samplesOf(p), ['5,5000000 | 0@-:STUB 0@-:com.x.Main.run 0@-:com.x.Main.main']);
  const run = p.locations.find((l) => l.lines[0]?.function.name === 'com.x.Main.run')!;
  assert.equal(run.lines[0]!.function.filename, 'agent.so');
  const main = p.locations.find((l) => l.lines[0]?.function.name === 'com.x.Main.main')!;
  assert.equal(main.lines[0]!.line, 3);
});

test('cut inside the header: a bad-format error that says so, not a protobuf error', () => {
  for (const layout of LAYOUTS) {
    for (const n of [2, 3, 4]) {
      const r = safeParseProfile(words([0, 3, 0, 100, 0].slice(0, n), layout));
      assert.equal(r.success, false);
      if (!r.success) {
        assert.equal(r.error.code, 'bad-format');
        assert.match(r.error.message, /^legacy CPU profile: .* inside the header: it was cut short$/);
      }
    }
  }
});

test('cut inside a sample, or a depth larger than the data: errors naming the sample and byte', () => {
  const whole = cpuProfile(LAYOUTS[2]!, 100, [[1, [0x400100]], [2, [0x400100, 0x400200]]], MAPS);
  const cut = safeParseProfile(whole.subarray(0, 5 * 8 + 3 * 8 + 8 + 4));
  assert.equal(cut.success, false);
  if (!cut.success) assert.match(cut.error.message, /^legacy CPU profile \(64-bit little-endian\): the input ends inside the depth of sample 2 \(byte 72 of 76\): it was cut short$/);
  const deep = safeParseProfile(words([0, 3, 0, 100, 0, 1, 1000, 0x400100], LAYOUTS[0]!));
  assert.equal(deep.success, false);
  if (!deep.success) assert.match(deep.error.message, /sample 1 claims 1000 frames but only 4 bytes follow \(byte 28\)/);
});

test('no end-of-samples record: read, with a warning', () => {
  const p = parseProfile(cpuProfile(LAYOUTS[2]!, 100, [[1, [0x400100]]], '', { end: false }));
  assert.equal(p.samples.count, 1);
  assert.deepEqual(readingWarnings(p), ['legacy CPU profile (64-bit little-endian): no end-of-samples record (0, 1, 0): the profile may have been cut short after sample 1']);
});

test('count x period beyond 64 bits is out-of-range, not a wrapped number', () => {
  const r = safeParseProfile(cpuProfile(LAYOUTS[2]!, 1000000, [[2 ** 52, [0x400100]]], MAPS));
  assert.equal(r.success, false);
  if (!r.success) {
    assert.equal(r.error.code, 'out-of-range');
    assert.match(r.error.message, /sample 1: count \d+ times the period overflows 64 bits/);
  }
});

test('a bad memory map line is an error naming the line; junk text lines are ignored as pprof does', () => {
  const bad = safeParseProfile(cpuProfile(LAYOUTS[2]!, 100, [[1, [0x400100]]], `${MAPS}1234567890abcdef01-1234567890abcdef02 r-xp 00000000 08:01 1 /x\n`));
  assert.equal(bad.success, false);
  if (!bad.success) assert.match(bad.error.message, /memory map after byte 88: line 4: memory map line has an address or offset wider than 64 bits/);
  const bin = safeParseProfile(cpuProfile(LAYOUTS[2]!, 100, [[1, [0x400100]]], `${MAPS}\u0001\u0002garbage\n`));
  assert.equal(bin.success, false);
  if (!bin.success) assert.match(bin.error.message, /line 4: memory map line holds control characters/);
  const junk = parseProfile(cpuProfile(LAYOUTS[2]!, 100, [[1, [0x400100]]], `PROFILE: interrupts = 1\n${MAPS}`));
  assert.equal(junk.mappings[0]!.filename, '/opt/app/server');
});

test('gzip-compressed legacy CPU profiles read the same, on the plain and the overlapped (worker) path', async () => {
  const { gzipSync } = await import('node:zlib');
  const raw = cpuProfile(LAYOUTS[2]!, 100, [[3, [0x400100, 0x400201]], [1, [0x10000050, 0x400201]]], MAPS);
  const plain = samplesOf(parseProfile(raw));
  assert.deepEqual(samplesOf(parseProfile(gzipSync(raw), { overlap: 'off' })), plain);
  assert.deepEqual(samplesOf(parseProfile(gzipSync(raw), { overlap: 'always' })), plain);
});
