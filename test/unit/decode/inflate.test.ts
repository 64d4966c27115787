/**
 * The gunzip worker's paths, run here on the main thread: the fast one
 * (decode/inflate-direct.ts), available on this Node (zlib's internals are
 * there), over input in memory and over a file read piece by piece
 * (decode/file-input.ts), and the portable stream it falls back to
 * (decode/inflate-stream.ts).
 * Each inflates exactly what zlib.gunzipSync does in published steps that
 * only grow, and never reports Done for a stream the plain path refuses or
 * reads to another size. Then the whole overlapped parse (overlap 'always')
 * against the plain one, for a valid profile and for broken gzip around it,
 * from bytes and from a file (loadProfile).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateDirect } from '../../../src/decode/inflate-direct.js';
import { FileInput } from '../../../src/decode/file-input.js';
import { inflateStream } from '../../../src/decode/inflate-stream.js';
import { GunzipStream } from '../../../src/decode/gunzip-stream.js';
import { AVAIL, STATE, State } from '../../../src/decode/gunzip-stream-protocol.js';
import { loadProfile, parseProfile } from '../../../src/parse.js';
import { PprofError } from '../../../src/errors.js';
import { encodeProfile, Strings } from '../../helpers/proto.js';
import { onFirstLoad } from '../../helpers/atomics-hook.js';

/** About 3 MB of text that compresses like a profile's strings. */
function payload(): Uint8Array {
  const parts: string[] = [];
  let x = 7;
  for (let i = 0; i < 60_000; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    parts.push(`github.com/org/pkg${x % 97}.(*Type${x % 13}).Method${x % 251} /src/pkg/file${x % 31}.go:${x % 5000}\n`);
  }
  return new TextEncoder().encode(parts.join(''));
}

const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-inflate-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** `bytes` written to a new file of the test's folder. */
function fileOf(bytes: Uint8Array): string {
  const path = join(dir, `f${files++}.gz`);
  writeFileSync(path, bytes);
  return path;
}

/** inflateDirect over the file of `gz`, read in pieces of `piece` bytes. */
function inflateFile(gz: Uint8Array, out: Uint8Array, piece: number, publish: (n: number) => void = () => {}): State | null {
  const input = new FileInput(fileOf(gz), piece);
  try {
    return inflateDirect(input, out, publish);
  } finally {
    input.close();
  }
}

const RAW = payload();
/** A plain Uint8Array (a Buffer's slice() would be a view, and the broken variants below would change it). */
const GZ = new Uint8Array(gzipSync(RAW));

/** The trailer's size, as the main thread reads it. */
function trailerSize(gz: Uint8Array): number {
  return new DataView(gz.buffer, gz.byteOffset, gz.byteLength).getUint32(gz.length - 4, true);
}

/** One of the worker's paths: the end state (null: not available) and each published count. */
type Path = (gz: Uint8Array, out: Uint8Array) => Promise<{ state: State | null; steps: number[] }>;

const PATHS: Record<string, Path> = {
  direct: async (gz, out) => {
    const steps: number[] = [];
    return { state: inflateDirect(gz, out, (n) => steps.push(n)), steps };
  },
  // An odd piece size, so that steps, pieces and the trailer meet at every kind of boundary.
  file: async (gz, out) => {
    const steps: number[] = [];
    return { state: inflateFile(gz, out, 4099, (n) => steps.push(n)), steps };
  },
  stream: (gz, out) => new Promise((resolve) => {
    const steps: number[] = [];
    inflateStream(gz, out, (n) => steps.push(n), (state) => resolve({ state, steps }));
  }),
};

/** Broken variants of GZ, each with the output size it is inflated into. */
function brokenStreams(): Record<string, [Uint8Array, number]> {
  const flipped = GZ.slice();
  flipped[GZ.length >> 1]! ^= 0x5a;
  const badCrc = GZ.slice();
  badCrc[GZ.length - 8]! ^= 1;
  const shortSize = GZ.slice();
  new DataView(shortSize.buffer).setUint32(GZ.length - 4, RAW.length - 10, true);
  const longSize = GZ.slice();
  new DataView(longSize.buffer).setUint32(GZ.length - 4, RAW.length + 10, true);
  const twoMembers = new Uint8Array([...gzipSync(RAW.subarray(0, 1000)), ...GZ]);
  const garbage = new Uint8Array([...GZ, 0x42, 0x42, 0x42, 0x42, 1, 2, 3, 4]);
  const cases: Record<string, [Uint8Array, number]> = {};
  for (const [name, gz] of Object.entries({ flipped, badCrc, shortSize, longSize, twoMembers, garbage })) cases[name] = [gz, trailerSize(gz)];
  for (const cut of [20, GZ.length >> 2, GZ.length - 9, GZ.length - 4]) cases[`cut at ${cut}`] = [GZ.subarray(0, cut), RAW.length];
  return cases;
}

for (const [name, path] of Object.entries(PATHS)) {
  test(`${name}: inflates what gunzipSync does, in published steps that only grow`, async () => {
    const out = new Uint8Array(trailerSize(GZ));
    const { state, steps } = await path(GZ, out);
    assert.equal(state, State.Done, 'available on this Node, and finishes');
    assert.ok(Buffer.from(out).equals(gunzipSync(GZ)));
    assert.ok(steps.length > 4, `${steps.length} steps`);
    for (let i = 1; i < steps.length; i++) assert.ok(steps[i]! > steps[i - 1]!);
    assert.equal(steps[steps.length - 1], RAW.length);
  });

  test(`${name}: broken streams are never Done`, async () => {
    for (const [what, [gz, size]] of Object.entries(brokenStreams())) {
      const { state } = await path(gz, new Uint8Array(size));
      assert.ok(state === State.Failed || state === State.Mismatch, `${what}: state ${state}`);
    }
  });
}
/** A profile of `n` samples, big enough for the overlapped path to take several steps. */
function profileBytes(n: number): Uint8Array {
  const s = new Strings();
  const sample = [];
  for (let i = 0; i < n; i++) sample.push({ locationId: [1 + (i % 50), 51 + (i % 7)], value: [1, 10_000 * (1 + (i % 9))] });
  const location = Array.from({ length: 57 }, (_, k) => ({ id: k + 1, line: [{ functionId: 1 + (k % 20), line: k }] }));
  const fn = Array.from({ length: 20 }, (_, f) => ({ id: f + 1, name: s.x(`main.f${f}`), filename: s.x('/src/main.go') }));
  return encodeProfile({
    sampleType: [{ type: s.x('samples'), unit: s.x('count') }, { type: s.x('cpu'), unit: s.x('nanoseconds') }],
    sample, location, function: fn, stringTable: s.table,
  });
}

function outcome(gz: Uint8Array, overlap: 'off' | 'always'): unknown {
  try {
    const p = parseProfile(gz, { overlap });
    return { count: p.samples.count, offsets: Array.from(p.samples.locationOffsets), indices: Array.from(p.samples.locationIndices) };
  } catch (e) {
    if (!(e instanceof PprofError)) throw e;
    return { code: e.code, message: e.message };
  }
}

test('the overlapped parse reads and refuses what the plain parse does', () => {
  const gz = new Uint8Array(gzipSync(profileBytes(200_000)));
  assert.ok(gunzipSync(gz).length > 1_000_000);
  assert.equal((outcome(gz, 'always') as { count?: number }).count, 200_000, 'the valid profile parses');
  const flipped = gz.slice();
  flipped[gz.length >> 1]! ^= 0x5a;
  const badCrc = gz.slice();
  badCrc[gz.length - 8]! ^= 1;
  const twoMembers = new Uint8Array([...gzipSync(profileBytes(10)), ...gz]);
  for (const [name, bytes] of Object.entries({ gz, flipped, badCrc, truncated: gz.subarray(0, gz.length - 3), twoMembers })) {
    assert.deepEqual(outcome(bytes, 'always'), outcome(bytes, 'off'), name);
  }
});

test('a worker that publishes its last bytes and finishes between this thread\'s two loads is not taken for short', () => {
  // The worker stores the final count, then Done. A wait that read the count just before that store and the
  // state just after it saw Done with bytes missing, and gave the whole stream up (CI failed on it under load).
  const data = new Uint8Array(new SharedArrayBuffer(1 << 20));
  const ctrl = new Int32Array(new SharedArrayBuffer(8));
  Atomics.store(ctrl, STATE, State.Running);
  const make = GunzipStream as unknown as new (d: Uint8Array, c: Int32Array, w: { terminate(): Promise<number> }) => GunzipStream;
  const stream = new make(data, ctrl, { terminate: async () => 0 });
  const { ran: raced } = onFirstLoad(ctrl, AVAIL, () => {
    Atomics.store(ctrl, AVAIL, data.length);
    Atomics.store(ctrl, STATE, State.Done);
  }, () => {
    stream.waitFor(data.length);
    stream.finish();
  });
  assert.ok(raced, 'the worker finished between the loads');
});

test('while it waits, this thread touches the output\'s pages ahead of the worker, and every byte is the worker\'s', () => {
  // About 20 MB, past how far ahead the pages are touched, so that the touching moves with the worker.
  const parts: Uint8Array[] = [];
  for (let k = 0; k < 7; k++) parts.push(RAW.map((b, i) => (i % 4093 === k ? b ^ 1 : b)));
  const raw = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { raw.set(p, at); at += p.length; }
  const gz = new Uint8Array(gzipSync(raw, { level: 1 }));
  const stream = GunzipStream.start(gz, trailerSize(gz));
  try {
    // Small steps first (each wait may touch a stretch), then the rest at once.
    for (let end = 1 << 16; end < raw.length >> 1; end += 1 << 20) stream.waitFor(end);
    stream.finish();
    assert.ok((stream as unknown as { touched: number }).touched > 0, 'pages were touched ahead');
    assert.ok(Buffer.from(stream.data).equals(Buffer.from(raw)), 'the output is the gzip stream\'s');
  } finally {
    stream.close();
  }
});

test('a file read in pieces of any size, down to one byte, inflates whole: the trailer may straddle pieces', () => {
  const raw = RAW.subarray(0, 20_000);
  const gz = new Uint8Array(gzipSync(raw));
  for (const piece of [1, 2, 3, 5, 8, 17, 18, 19, 64, gz.length - 1, gz.length, gz.length + 1]) {
    const out = new Uint8Array(raw.length);
    assert.equal(inflateFile(gz, out, piece), State.Done, `pieces of ${piece}`);
    assert.ok(Buffer.from(out).equals(Buffer.from(raw)), `pieces of ${piece}: same bytes`);
  }
});

test('a file with more than 64 KB after its trailer is left to the plain path; a few junk bytes are refused as in memory', () => {
  // Zeros after a member are padding to zlib, which the plain path reads past: only the cap stops the worker here.
  const padded = new Uint8Array([...GZ, ...new Uint8Array(70_000)]);
  assert.equal(inflateFile(padded, new Uint8Array(RAW.length), 1 << 16), State.Mismatch);
  const [garbage, size] = brokenStreams()['garbage']!;
  const inMemory = inflateDirect(garbage, new Uint8Array(size), () => {});
  assert.notEqual(inMemory, State.Done);
  assert.equal(inflateFile(garbage, new Uint8Array(size), 4099), inMemory);
});

test('loadProfile: a worker reads and decompresses a gzip file, with what the plain parse reads and refuses', async () => {
  const gz = new Uint8Array(gzipSync(profileBytes(200_000)));
  const flipped = gz.slice();
  flipped[gz.length >> 1]! ^= 0x5a;
  const badCrc = gz.slice();
  badCrc[gz.length - 8]! ^= 1;
  const twoMembers = new Uint8Array([...gzipSync(profileBytes(10)), ...gz]);
  const junkTail = new Uint8Array([...gz, 7, 7, 7, 7]);
  const zeroTail = new Uint8Array([...gz, ...new Uint8Array(100_000)]);
  const cases = { gz, flipped, badCrc, truncated: gz.subarray(0, gz.length - 3), twoMembers, junkTail, zeroTail, raw: profileBytes(1000) };
  const started: string[] = [];
  const startFile = GunzipStream.startFile;
  GunzipStream.startFile = (path, size) => {
    started.push(path);
    return startFile.call(GunzipStream, path, size);
  };
  try {
    for (const [name, bytes] of Object.entries(cases)) {
      const path = fileOf(bytes);
      started.length = 0;
      assert.deepEqual(await loaded(path, 'always'), outcome(bytes, 'off'), name);
      // Not gzip, or no size in the last 4 bytes (the zeros): the plain path reads it.
      const plain = name === 'raw' || name === 'zeroTail';
      assert.deepEqual(started, plain ? [] : [path], `${name}: the worker is given the file only when it is gzip with a size`);
    }
    // What cannot be read at all fails as the plain read does.
    assert.deepEqual(await loaded(join(dir, 'missing.gz'), 'always'), await loaded(join(dir, 'missing.gz'), 'off'));
    assert.deepEqual(await loaded(dir, 'always'), await loaded(dir, 'off'));
    assert.deepEqual(await loaded(dir, 'always'), { code: 'io', message: `cannot read ${dir}: is a directory` });
  } finally {
    GunzipStream.startFile = startFile;
  }
});

async function loaded(path: string, overlap: 'off' | 'always'): Promise<unknown> {
  try {
    const p = await loadProfile(path, { overlap });
    return { count: p.samples.count, offsets: Array.from(p.samples.locationOffsets), indices: Array.from(p.samples.locationIndices) };
  } catch (e) {
    if (!(e instanceof PprofError)) throw e;
    return { code: e.code, message: e.message };
  }
}
