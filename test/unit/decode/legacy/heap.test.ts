// gperftools / tcmalloc heap text: each header tag's scaling and sample
// types, pprof's checks of the records, and errors that name the line.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile, safeParseProfile } from '../../../../src/parse.js';
import { sniffLegacyFormat } from '../../../../src/decode/legacy/sniff.js';
import { samplesOf, utf8 } from './helpers.js';

const MAPS = 'MAPPED_LIBRARIES:\n00400000-00401000 r-xp 00000000 08:01 12 /opt/app/server\n';
const heap = (header: string, records: string): Uint8Array => utf8(`${header}\n${records}\n${MAPS}`);

test('@ heapprofile: every allocation recorded, period 1, no scaling, all pcs moved back one byte', () => {
  const p = parseProfile(heap('heap profile:      3:     3072 [     5:     5120] @ heapprofile', '     3:     3072 [     5:     5120] @ 0x400101 0x400201'));
  assert.equal(sniffLegacyFormat(heap('heap profile: 1: 1 [ 1: 1] @ heapprofile', '')), 'heap-text');
  assert.deepEqual(p.sampleTypes.map((t) => t.type), ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']);
  assert.equal(p.period, 1n);
  assert.deepEqual(p.periodType, { type: 'space', unit: 'bytes' });
  assert.deepEqual(samplesOf(p), ['5,5120,3,3072 | 400100@/opt/app/server 400200@/opt/app/server']);
  assert.deepEqual(p.samples.get(0).labels, [{ key: 'bytes', kind: 'number', value: 1024n, unit: '' }]);
});

test('@ heap_v2/<rate> and @ heapz_v2/<rate>: each record divided by its chance of being sampled', () => {
  for (const tag of ['heap_v2', 'heapz_v2']) {
    const p = parseProfile(heap(`heap profile: 2: 1024 [ 2: 1024] @ ${tag}/524288`, '2: 1024 [ 2: 1024] @ 0x400101'));
    // In-use equals allocated, so only objects/space; scale = 1/(1-e^(-512/524288)).
    assert.deepEqual(p.sampleTypes.map((t) => t.type), ['objects', 'space']);
    assert.equal(p.period, 524288n);
    const scale = 1 / (1 - Math.exp(-512 / 524288));
    assert.deepEqual(p.samples.get(0).values, [BigInt(Math.trunc(2 * scale)), BigInt(Math.trunc(1024 * scale))]);
  }
  // No rate: nothing to scale by.
  const none = parseProfile(heap('heap profile: 2: 1024 [ 2: 1024] @ heap_v2', '2: 1024 [ 2: 1024] @ 0x400101'));
  assert.deepEqual(none.samples.get(0).values, [2n, 1024n]);
});

test('@ growthz and @ fragmentationz: only the first pair, period 1', () => {
  for (const tag of ['growthz', 'fragmentationz']) {
    const p = parseProfile(heap(`heap profile: 4: 4096 [ 9: 9999] @ ${tag}`, '4: 4096 [ 9: 9999] @ 0x400101'));
    assert.deepEqual(p.sampleTypes.map((t) => t.type), ['objects', 'space']);
    assert.equal(p.period, 1n);
    assert.deepEqual(p.samples.get(0).values, [4n, 4096n]);
  }
});

test('allocation columns are kept only when the header\'s differ from in-use and are not 0', () => {
  const types = (h: string): string[] => parseProfile(heap(h, '')).sampleTypes.map((t) => t.type);
  assert.deepEqual(types('heap profile: 1: 8 [ 0: 0] @ heapprofile'), ['objects', 'space']);
  assert.deepEqual(types('heap profile: 1: 8 [ 1: 8] @ heapprofile'), ['objects', 'space']);
  assert.deepEqual(types('heap profile: 1: 8 [ 2: 8] @ heapprofile'), ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']);
});

test('Go\'s own "@ heap/<2*rate>" text stays with the Go importer; unknown tags are not claimed', () => {
  assert.equal(sniffLegacyFormat(utf8('heap profile: 1: 8 [ 1: 8] @ heap/1048576\n')), null);
  assert.equal(sniffLegacyFormat(utf8('heap profile: 1: 8 [ 1: 8] @ heapz\n')), null);
});

test('bad records: errors naming the line and the field', () => {
  const cases: [string, RegExp, string][] = [
    ['1: 8 [ 1: 8] @ 0x400101\nthis is not a record', /^heap profile \(heapprofile\): line 3: expected a record "<n>: <n> \[<n>: <n>\] @ <addresses>", found "this is not a record"$/, 'bad-format'],
    ['0: 8 [ 1: 8] @ 0x400101', /^heap profile \(heapprofile\): line 2: in-use count is 0 but in-use bytes is 8$/, 'bad-format'],
    ['1: 99999999999999999999 [ 1: 8] @ 0x400101', /^heap profile \(heapprofile\): line 2: in-use bytes 99999999999999999999 does not fit in 64 bits$/, 'out-of-range'],
    ['1: 8 [ 1: 8] @ 0x1234567890abcdef12', /^heap profile \(heapprofile\): line 2: address 0x1234567890abcdef12 is wider than 64 bits$/, 'bad-format'],
  ];
  for (const [records, re, code] of cases) {
    const r = safeParseProfile(heap('heap profile: 1: 8 [ 2: 16] @ heapprofile', records));
    assert.equal(r.success, false, records);
    if (!r.success) {
      assert.equal(r.error.code, code);
      assert.match(r.error.message, re);
    }
  }
});

test('a scaled value beyond 64 bits is out-of-range, not Infinity or a wrapped number', () => {
  const r = safeParseProfile(heap('heap profile: 1: 1 [ 1: 1] @ heap_v2/9223372036854775807', '9223372036854775807: 1 [ 1: 1] @ 0x400101'));
  assert.equal(r.success, false);
  if (!r.success) {
    assert.equal(r.error.code, 'out-of-range');
    assert.match(r.error.message, /^heap profile \(heap_v2\): line 2: scaled count .* does not fit in 64 bits$/);
  }
});

test('negative in-use numbers (a heap that shrank) are kept, as pprof keeps them', () => {
  const p = parseProfile(heap('heap profile: 0: 0 [ 1: 64] @ heapprofile', '-1: -64 [ 1: 64] @ 0x400101'));
  assert.deepEqual(p.samples.get(0).values, [1n, 64n, -1n, -64n]);
});
