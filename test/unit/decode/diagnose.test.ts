/**
 * The diagnosis of inputs that are not profiles (src/decode/diagnose.ts):
 * what it names, that every real profile passes the protobuf plausibility
 * check (so no profile is ever refused by it), and that files which only
 * start like protobuf are still named after the decoder gives up.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startsWithProtobufKey, describeShape, knownWrongInput, READ_FORMATS } from '../../../src/decode/diagnose.js';
import { parseProfile, safeParseProfile } from '../../../src/parse.js';
import { PROFILES } from '../../helpers/paths.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

test('every captured protobuf profile starts with a protobuf key; garbage keys do not', () => {
  for (const b of [[0x00, 1], [0x07], [0x1e, 0], [0xde, 0xad, 0xbe, 0xef, 1], [0x24], new Array(6).fill(0xff), []]) {
    assert.equal(startsWithProtobufKey(Uint8Array.from(b)), false, JSON.stringify(b));
  }
  for (const b of [[0x0a], [0xa0, 0x06], [0xa3, 0x06], [0x89, 0x50]]) assert.ok(startsWithProtobufKey(Uint8Array.from(b)), JSON.stringify(b));
  const files = readdirSync(PROFILES).filter((f) => f.endsWith('.pb.gz'));
  assert.ok(files.length >= 10);
  for (const f of files) assert.ok(startsWithProtobufKey(gunzipSync(readFileSync(join(PROFILES, f)))), f);
});

test('a zip or perf.data file that starts like protobuf is named after decoding fails', () => {
  const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]);
  assert.ok(startsWithProtobufKey(zip));
  const r = safeParseProfile(zip);
  assert.equal(r.success, false);
  if (!r.success) assert.match(r.error.message, /^not a profile: the input is a zip archive/);
  const perf = Uint8Array.from([...bytes('PERFILE2'), 0x68, 0, 0, 0, 0, 0, 0, 0]);
  const p = safeParseProfile(perf);
  if (!p.success) assert.match(p.error.message, /perf\.data/);
  else assert.fail('perf.data parsed as a profile');
});

test('a damaged profile keeps its decoding error (not a diagnosis)', () => {
  const raw = gunzipSync(readFileSync(join(PROFILES, 'cpu.pb.gz')));
  const r = safeParseProfile(raw.subarray(0, raw.length - 7));
  assert.equal(r.success, false);
  if (!r.success) assert.doesNotMatch(r.error.message, /^(not a profile|unsupported format)/);
});

test('JSON of other profilers is named from its keys; plain JSON is called JSON', () => {
  const msg = (s: string): string => knownWrongInput(bytes(s))?.message ?? '';
  assert.match(msg('{"$schema": "https://www.speedscope.app/file-format-schema.json", "profiles": []}'), /speedscope/);
  assert.match(msg('[{"name":"x","ph":"B","ts":1,"pid":1,"tid":1}]'), /Chrome trace/);
  assert.match(msg('{"nodes":[{"id":1,"callFrame":{"functionName":"(root)"}}],"samples":[]}'), /cpuprofile/);
  assert.match(msg(' \n{"a": 1}'), /the input is JSON;/);
});

test('HTML: the pprof index page lists its profile URLs; other pages give their title', () => {
  const index = "<html><head><title>/debug/pprof/</title></head><body><a href='heap?debug=1'>heap</a>" +
    "<a href='goroutine?debug=1'>goroutine</a><a href='cmdline?debug=1'>cmdline</a></body></html>";
  assert.match(knownWrongInput(bytes(index))!.message, /index page .*: \/debug\/pprof\/heap, \/debug\/pprof\/goroutine$/);
  assert.match(knownWrongInput(bytes('<!DOCTYPE html><title>502 Bad Gateway</title>'))!.message, /HTML page \("502 Bad Gateway"\)/);
});

test('cmdline output needs NUL-separated printable arguments', () => {
  assert.match(knownWrongInput(bytes('/usr/bin/felix\0-config\0/etc/felix.cfg'))!.message, /"\/usr\/bin\/felix -config \/etc\/felix.cfg"/);
  assert.equal(knownWrongInput(Uint8Array.from([0x2f, 0x61, 0, 0, 0x62])), null, 'an empty argument is not cmdline output');
});

test('the unsupported-format line says what was tried and what the input looks like', () => {
  assert.match(describeShape(bytes('hello\nworld')), /^text \(first line "hello"\)$/);
  assert.match(describeShape(Uint8Array.from([0xa7, 1, 2])), /^binary data \(starts with a7 01 02\)$/);
  assert.throws(() => parseProfile(Uint8Array.from([0xa7, 1, 2, 3])), (e: Error) => {
    assert.match(e.message, /^unsupported format: the input looks like binary data/);
    for (const f of READ_FORMATS) assert.ok(e.message.includes(f), f);
    return true;
  });
});
