// gzip handling: compression is sniffed from the content (never the file
// name), decompression is bounded (gzip bombs stop early with 'too-large'),
// corrupt streams give 'bad-gzip', and the browser path (pako) behaves
// exactly like the Node path (node:zlib): same bytes, same codes, same messages.

import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import buffer from 'node:buffer';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadProfile, parseProfile } from '../../../src/parse.js';
import { gunzip, gunzipPako, isGzip } from '../../../src/decode/gunzip.js';
import { PprofError, type PprofErrorCode } from '../../../src/errors.js';
import { Strings, encodeProfile, type ProfileObj } from '../../helpers/proto.js';

const MiB = 1024 * 1024;

/** A CPU-like profile; `n` samples (3 by default, many to get a multi-chunk gzip stream). */
function profile(n = 3): ProfileObj {
  const s = new Strings();
  const sample = [];
  for (let i = 0; i < n; i++) {
    sample.push({
      locationId: [1 + (i % 3), 4],
      value: [1 + (i % 5), 10_000_000 * (1 + (i % 5))],
      label: [{ key: s.x('worker'), str: s.x(`w${i % 17}`) }],
    });
  }
  const obj: ProfileObj = {
    sampleType: [{ type: s.x('samples'), unit: s.x('count') }, { type: s.x('cpu'), unit: s.x('nanoseconds') }],
    sample,
    mapping: [{ id: 1, memoryStart: 0x400000, memoryLimit: 0x600000, filename: s.x('/bin/app'), hasFunctions: true }],
    location: [1, 2, 3, 4].map((id) => ({ id, mappingId: 1, address: 0x400000 + id * 0x40, line: [{ functionId: id, line: 10 * id }] })),
    function: [1, 2, 3, 4].map((id) => ({ id, name: s.x(`main.f${id}`), filename: s.x('/src/main.go') })),
    timeNanos: 1_700_000_000_000_000_000n,
    durationNanos: 10_000_000_000,
    periodType: { type: s.x('cpu'), unit: s.x('nanoseconds') },
    period: 10_000_000,
  };
  obj.stringTable = s.table;
  return obj;
}

const raw = encodeProfile(profile());
const gz = new Uint8Array(gzipSync(raw));

/** The outcome of a call, comparable across the two gzip paths. */
function outcome(f: () => Uint8Array): { ok: Uint8Array } | { code: PprofErrorCode; message: string } {
  try {
    return { ok: f() };
  } catch (e) {
    assert.ok(e instanceof PprofError, `expected a PprofError, got ${String(e)}`);
    return { code: e.code, message: e.message };
  }
}

/** Asserts that both paths give the same bytes or the same error; returns that outcome. */
function samePaths(input: Uint8Array, max: number, what: string): ReturnType<typeof outcome> {
  const node = outcome(() => gunzip(input, max));
  const pako = outcome(() => gunzipPako(input, max));
  if ('ok' in node && 'ok' in pako) {
    assert.ok(Buffer.from(node.ok).equals(Buffer.from(pako.ok)), `${what}: different bytes`);
  } else {
    assert.deepEqual(pako, node, what);
  }
  return node;
}

function codeOf(f: () => unknown): PprofErrorCode {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof PprofError, `expected a PprofError, got ${String(e)}`);
    return e.code;
  }
  assert.fail('expected a PprofError, but it succeeded');
}

describe('gzip is sniffed from the content', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-gzip-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('isGzip looks at the magic bytes only', () => {
    assert.equal(isGzip(gz), true);
    assert.equal(isGzip(raw), false);
    assert.equal(isGzip(new Uint8Array([0x1f])), false);
    assert.equal(isGzip(new Uint8Array([0x1f, 0x8b])), true);
  });

  test('bytes: raw and gzip parse to the same profile', () => {
    const a = parseProfile(raw);
    const b = parseProfile(gz);
    assert.equal(b.samples.count, 3);
    assert.deepEqual(b.samples.values, a.samples.values);
    assert.deepEqual(b.functions.map((f) => f.name), a.functions.map((f) => f.name));
    assert.equal(b.timeNanos, a.timeNanos);
  });

  test('files: a .pb.gz holding raw protobuf and a .pb holding gzip both load', async () => {
    const misnamedRaw = join(dir, 'cpu.pb.gz');
    const misnamedGz = join(dir, 'cpu.pb');
    const noExtension = join(dir, 'profile');
    writeFileSync(misnamedRaw, raw);
    writeFileSync(misnamedGz, gz);
    writeFileSync(noExtension, gz);
    const expected = parseProfile(raw);
    for (const file of [misnamedRaw, misnamedGz, noExtension]) {
      const p = await loadProfile(file);
      assert.deepEqual(p.samples.values, expected.samples.values, file);
      assert.deepEqual(p.sampleTypes, expected.sampleTypes, file);
      assert.deepEqual(p.locations.map((l) => l.address), expected.locations.map((l) => l.address), file);
    }
  });

  test('a gzip stream that holds nothing is not a profile', () => {
    const empty = new Uint8Array(gzipSync(new Uint8Array(0)));
    assert.throws(() => parseProfile(empty), { name: 'PprofError', code: 'bad-format', message: /gzip stream holds no profile data/ });
  });
});

describe('size limit (gzip bomb guard)', () => {
  test('64 MiB of zeros with maxDecompressedBytes 1 MiB: too-large, quickly', () => {
    const bomb = new Uint8Array(gzipSync(new Uint8Array(64 * MiB), { level: 9 }));
    assert.ok(bomb.length < 100_000, `bomb is ${bomb.length} bytes`);
    for (const [name, run] of [
      ['parseProfile', () => parseProfile(bomb, { maxDecompressedBytes: MiB })],
      ['gunzip (node:zlib)', () => gunzip(bomb, MiB)],
      ['gunzipPako', () => gunzipPako(bomb, MiB)],
    ] as const) {
      const t0 = performance.now();
      assert.throws(run, { name: 'PprofError', code: 'too-large', message: /exceeds the limit of 1048576 bytes/ }, name);
      const ms = performance.now() - t0;
      // Inflating all 64 MiB would take far longer than stopping at 1 MiB.
      assert.ok(ms < 1500, `${name} took ${ms.toFixed(0)} ms`);
    }
  });

  test('the limit is inclusive and the same on both paths', () => {
    const big = encodeProfile(profile(5000));
    const bigGz = new Uint8Array(gzipSync(big));
    assert.ok(big.length > 64 * 1024, 'output spans several pako chunks');
    const atLimit = samePaths(bigGz, big.length, 'limit = size');
    assert.ok('ok' in atLimit && Buffer.from(atLimit.ok).equals(Buffer.from(big)));
    const over = samePaths(bigGz, big.length - 1, 'limit = size - 1');
    assert.ok('code' in over && over.code === 'too-large');
    assert.equal(parseProfile(bigGz, { maxDecompressedBytes: big.length }).samples.count, 5000);
    assert.equal(codeOf(() => parseProfile(bigGz, { maxDecompressedBytes: big.length - 1 })), 'too-large');
  });

  test('a limit above the largest buffer Node can make is no limit, not a refusal', () => {
    // zlib rejects a maxOutputLength over buffer.constants.MAX_LENGTH with a RangeError; that
    // once came out as "exceeds the limit of 10000000000 bytes" for a 5 MB profile.
    for (const limit of [buffer.constants.MAX_LENGTH + 1, 10_000_000_000, Number.MAX_SAFE_INTEGER]) {
      assert.equal(gunzip(gz, limit).length, raw.length, `gunzip, limit ${limit}`);
      assert.equal(parseProfile(gz, { maxDecompressedBytes: limit }).samples.count, 3, `parseProfile, limit ${limit}`);
    }
  });

  test('uncompressed input over the limit is refused too', () => {
    assert.throws(() => parseProfile(raw, { maxDecompressedBytes: raw.length - 1 }),
      { name: 'PprofError', code: 'too-large', message: `profile of ${raw.length} bytes exceeds the limit of ${raw.length - 1} bytes` });
    assert.equal(parseProfile(raw, { maxDecompressedBytes: raw.length }).samples.count, 3);
  });
});

describe('corrupt gzip (bad-gzip)', () => {
  test('a flipped byte in the middle of the deflate data', () => {
    const c = gz.slice();
    c[c.length >> 1] ^= 0x40;
    assert.throws(() => parseProfile(c), { name: 'PprofError', code: 'bad-gzip', message: /^corrupt or truncated gzip data: / });
  });

  test('bad CRC and bad length in the trailer', () => {
    const crc = gz.slice();
    crc[crc.length - 8] ^= 0x01;
    assert.throws(() => parseProfile(crc), { name: 'PprofError', code: 'bad-gzip', message: /incorrect data check/ });
    const len = gz.slice();
    len[len.length - 4] ^= 0x01;
    assert.throws(() => parseProfile(len), { name: 'PprofError', code: 'bad-gzip', message: /incorrect length check/ });
  });

  test('a bad compression method in the header', () => {
    const c = gz.slice();
    c[2] = 7; // only 8 (deflate) exists
    assert.equal(codeOf(() => parseProfile(c)), 'bad-gzip');
  });

  test('garbage after the gzip stream', () => {
    assert.equal(codeOf(() => parseProfile(new Uint8Array([...gz, 0x42, 0x42, 0x42]))), 'bad-gzip');
  });
});

describe('pako (browser) path matches node:zlib', () => {
  test('identical bytes for good input, small and multi-chunk', () => {
    const big = encodeProfile(profile(5000));
    for (const [input, expected] of [[gz, raw], [new Uint8Array(gzipSync(big)), big]] as const) {
      const node = gunzip(input, 64 * MiB);
      const pako = gunzipPako(input, 64 * MiB);
      assert.ok(Buffer.from(node).equals(Buffer.from(expected)));
      assert.ok(Buffer.from(pako).equals(Buffer.from(expected)));
    }
  });

  test('concatenated gzip members decode to the concatenation on both paths', () => {
    const twice = new Uint8Array([...gz, ...gz]);
    const r = samePaths(twice, MiB, 'two members');
    assert.ok('ok' in r && r.ok.length === 2 * raw.length);
    // ... and the result is two profiles glued together.
    assert.equal(codeOf(() => parseProfile(twice)), 'concatenated');
  });

  test('truncated at every offset: bad-gzip with the same message', () => {
    for (let cut = 2; cut < gz.length; cut++) {
      const r = samePaths(gz.subarray(0, cut), MiB, `cut at ${cut}`);
      assert.deepEqual(r, { code: 'bad-gzip', message: 'corrupt or truncated gzip data: unexpected end of file' }, `cut at ${cut}`);
    }
  });

  test('every single-byte corruption: same outcome on both paths', () => {
    let failures = 0;
    for (let i = 0; i < gz.length; i++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const c = gz.slice();
        c[i] ^= mask;
        const r = samePaths(c, MiB, `byte ${i} ^ ${mask}`);
        if ('code' in r) {
          assert.equal(r.code, 'bad-gzip', `byte ${i} ^ ${mask}: ${r.message}`);
          failures++;
        }
      }
    }
    // Header bytes such as mtime and OS may change freely; most others may not.
    assert.ok(failures > gz.length, `${failures} corruptions detected`);
  });

  test('over the limit: too-large on both paths', () => {
    const bomb = new Uint8Array(gzipSync(new Uint8Array(8 * MiB)));
    const r = samePaths(bomb, MiB, 'bomb');
    assert.ok('code' in r && r.code === 'too-large');
  });

  test('gunzip falls back to pako where node:zlib does not exist', async () => {
    const proc = process as { getBuiltinModule?: unknown };
    const saved = proc.getBuiltinModule;
    let browser: typeof import('../../../src/decode/gunzip.js');
    try {
      proc.getBuiltinModule = undefined;
      // A fresh instance of the module, evaluated without node:zlib.
      const url = new URL('../../../src/decode/gunzip.js?no-node-zlib', import.meta.url).href;
      browser = (await import(url)) as typeof import('../../../src/decode/gunzip.js');
    } finally {
      proc.getBuiltinModule = saved;
    }
    assert.ok(Buffer.from(browser.gunzip(gz, MiB)).equals(Buffer.from(raw)));
    assert.throws(() => browser.gunzip(gz.subarray(0, gz.length - 3), MiB),
      { code: 'bad-gzip', message: 'corrupt or truncated gzip data: unexpected end of file' });
    const bomb = new Uint8Array(gzipSync(new Uint8Array(8 * MiB)));
    assert.throws(() => browser.gunzip(bomb, MiB), { code: 'too-large' });
  });
});
