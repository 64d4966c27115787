// The memory map section of legacy profiles, read as pprof reads it:
// /proc/self/maps and brief lines, glog prefixes, $name substitution,
// merged split mappings, pprof's address fix-ups. Expected values were
// checked against `go tool pprof -symbolize=none -raw` on the same text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile, safeParseProfile } from '../../../../src/parse.js';
import { parseMaps } from '../../../../src/decode/legacy/maps.js';
import { utf8 } from './helpers.js';

const heapWith = (addrs: string, maps: string): Uint8Array =>
  utf8(`heap profile: 1: 8 [ 1: 8] @ heapprofile\n1: 8 [ 1: 8] @ ${addrs}\nMAPPED_LIBRARIES:\n${maps}`);

/** Each location as `address mapping-start/limit/offset file buildid`. */
function locs(bytes: Uint8Array): string[] {
  return parseProfile(bytes).locations.map((l) => {
    const m = l.mapping;
    return `${l.address.toString(16)} ${m === null ? '-' : `${m.memoryStart.toString(16)}/${m.memoryLimit.toString(16)}/${m.fileOffset.toString(16)} ${m.filename} ${m.buildId}`.trimEnd()}`;
  });
}

test('proc and brief lines, glog prefix, $name, merged pieces, split-mapping and [vdso] lines', () => {
  const maps = '/anon_hugepage 00300000-00400000\nroot=/opt/app\n' +
    'I1130 12:00:00.000000 1234 heap.cc:99] 00400000-00410000 r-xp 00001000 08:01 12 $root/server (deleted)\n' +
    '00410000-00420000 r-xp 00011000 08:01 12 $root/server (deleted)\n' +
    '0x20000000-0x20100000 /lib/libfoo.so (@1000) abcdef0123\n' +
    '30001000-30002000 r-xp 00001000 08:01 13 /lib/libbar.so.1\n40000000 40100000 [vdso]\n';
  assert.deepEqual(locs(heapWith('0x400101 0x20000101 0x30000011 0x40000101 0x50000101', maps)), [
    '400100 400000/420000/1000 /opt/app/server',
    '20000100 20000000/20100000/1000 /lib/libfoo.so abcdef0123',
    // Below its mapping's start but above start - offset: the mapping is widened back to its file start.
    '30000010 30000000/30002000/0 /lib/libbar.so.1',
    '40000100 40000000/40100000/0 [vdso]',
    '50000100 0/ffffffffffffffff/0',
  ]);
});

test('a main binary mapped at 0x400000 plus its offset is moved back to 0x400000', () => {
  const maps = '00401000-00402000 r-xp 00001000 08:01 12 /opt/app/server\n00600000-00800000 r-xp 00100000 08:01 12 /lib/libz.so\n';
  assert.deepEqual(locs(heapWith('0x400101 0x700101', maps)), ['400100 400000/402000/0 /opt/app/server', '700100 600000/800000/100000 /lib/libz.so']);
});

test('non-executable lines are skipped; lines that are not mappings are ignored', () => {
  const maps = parseMaps(['00400000-00401000 r--p 00000000 08:01 12 /a', 'hello world', '', '00500000-00501000 r-xp 00000000 08:01 12 /b'],
    { format: 'test', firstLine: 1 });
  assert.deepEqual(maps.map((m) => m.file), ['/b']);
});

test('a mapping line with a number wider than 64 bits, or binary bytes, is an error naming its line', () => {
  const r = safeParseProfile(heapWith('0x400101', '00400000-00401000 r-xp 00000000 08:01 12 /a\n00400000-100000000000000000 r-xp 0 08:01 12 /b\n'));
  assert.equal(r.success, false);
  if (!r.success) {
    assert.equal(r.error.code, 'bad-format');
    assert.match(r.error.message, /^heap profile \(heapprofile\), memory map: line 5: memory map line has an address or offset wider than 64 bits: "00400000-100000000000000000/);
  }
  const bin = safeParseProfile(heapWith('0x400101', '00400000-00401000 r-xp 00000000 08:01 12 /a\u0000\n'));
  assert.equal(bin.success, false);
  if (!bin.success) assert.match(bin.error.message, /memory map: line 4: memory map line holds control characters/);
});
