/**
 * readFileBytes (src/read-file.ts): a big file is read into shared memory in
 * parts read side by side; every byte must land where it belongs whatever
 * the size (not a multiple of the parts, a part boundary inside the data),
 * and small files take the plain read; a directory is an io error.
 * loadProfile (src/parse.ts) opens a file once, whichever way it reads it.
 * A pipe or device is read as it comes, up to the size limit, and so is a
 * file past the size it had when opened.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs, { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { execFileSync, spawn } from 'node:child_process';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile, readFileBytes } from '../../../src/parse.js';
import { closeFile, openFile, readWhole } from '../../../src/read-file.js';
import { PROFILES } from '../../helpers/paths.js';
import { PprofError } from '../../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-read-'));

/** The most bytes a file may have under a limit: the limit plus room for gzip's overhead (read-file.ts). */
function mostWithin(limit: number): number {
  return limit + Math.ceil(limit / 4096) + 65_536;
}
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** Bytes that differ at every position within any 4 GB, so a part written at the wrong offset shows. */
function pattern(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = (s >>> 16) ^ i;
  }
  return out;
}

for (const size of [0, 1, 1000, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, (1 << 20) + 3, 3 * (1 << 20) + 12_345, 8 * (1 << 20)]) {
  test(`a file of ${size} bytes is read whole and in order`, async () => {
    const want = pattern(size, size + 7);
    const path = join(dir, `f-${size}`);
    writeFileSync(path, want);
    const got = await readFileBytes(path);
    assert.equal(got.length, size);
    assert.ok(Buffer.from(got.buffer, got.byteOffset, got.length).equals(Buffer.from(want)), 'same bytes');
    // Big files go to shared memory, where the helper threads read them without a copy.
    assert.equal(got.buffer instanceof SharedArrayBuffer, size >= 1 << 20);
  });
}

test('a missing file is a typed io error', async () => {
  await assert.rejects(readFileBytes(join(dir, 'none')), (e: Error & { code?: string }) => e.code === 'io' && /no such file/.test(e.message));
});

test('a directory is refused as one, not read as an empty profile', async () => {
  // Linux opens a directory for reading and then reads no bytes from it.
  await assert.rejects(readFileBytes(dir), (e: unknown) => {
    assert.ok(e instanceof PprofError);
    assert.equal(e.code, 'io');
    assert.equal(e.message, `cannot read ${dir}: is a directory`);
    return true;
  });
});

/** Runs `f` counting the files node:fs opens and closes on this thread (worker threads have their own node:fs). */
async function counted<T>(f: () => Promise<T>): Promise<{ value: T | PprofError; opens: number; closes: number }> {
  const open = fs.open;
  const close = fs.close;
  let opens = 0;
  let closes = 0;
  fs.open = ((...args: Parameters<typeof fs.open>) => { opens++; return (open as (...a: unknown[]) => void)(...args); }) as typeof fs.open;
  fs.close = ((...args: Parameters<typeof fs.close>) => { closes++; return (close as (...a: unknown[]) => void)(...args); }) as typeof fs.close;
  syncBuiltinESMExports();
  try {
    let value: T | PprofError;
    try {
      value = await f();
    } catch (e) {
      if (!(e instanceof PprofError)) throw e;
      value = e;
    }
    return { value, opens, closes };
  } finally {
    fs.open = open;
    fs.close = close;
    syncBuiltinESMExports();
  }
}

test('loadProfile opens a file once and closes it, small or big, gzip or not, read whole or by the worker', async () => {
  const gz = readFileSync(join(PROFILES, 'cpu.pb.gz'));
  const raw = new Uint8Array(gunzipSync(gz));
  // Over 1 MB, so that 'auto' looks at its trailer before reading it: the profile and an unknown
  // field 100 of 2 MB (tag a2 06, length 80 80 80 01), stored uncompressed.
  const padded = new Uint8Array(gzipSync(Buffer.concat([raw, Buffer.from([0xa2, 0x06, 0x80, 0x80, 0x80, 0x01]), Buffer.alloc(2 << 20)]), { level: 0 }));
  const corrupt = new Uint8Array(gz);
  corrupt[corrupt.length >> 1]! ^= 0x5a;
  const files = { gz, raw, padded, corrupt };
  for (const [name, bytes] of Object.entries(files)) {
    const path = join(dir, `load-${name}`);
    writeFileSync(path, bytes);
    for (const overlap of ['auto', 'off', 'always'] as const) {
      const { value, opens, closes } = await counted(() => loadProfile(path, { overlap }));
      assert.equal(opens, 1, `${name}, overlap ${overlap}: opened once`);
      assert.equal(closes, 1, `${name}, overlap ${overlap}: closed`);
      if (name === 'corrupt') assert.ok(value instanceof PprofError && value.code === 'bad-gzip' && /^corrupt or truncated gzip data/.test(value.message), `${name}: ${String(value)}`);
      else assert.ok(!(value instanceof PprofError), `${name}, overlap ${overlap}: ${String(value)}`);
    }
  }
  const missing = await counted(() => loadProfile(join(dir, 'none.pb.gz')));
  assert.ok(missing.value instanceof PprofError && missing.value.code === 'io');
  assert.equal(missing.closes, 0, 'nothing opened, nothing to close');
  const directory = await counted(() => loadProfile(dir));
  assert.ok(directory.value instanceof PprofError && directory.value.message === `cannot read ${dir}: is a directory`);
  assert.equal(directory.closes, directory.opens, 'a directory opened is closed again');
});

/** A FIFO at `path` that `sh` fills with `fill` (a shell command writing to stdout) once a reader opens it. */
function fifoOf(path: string, fill: string): void {
  execFileSync('mkfifo', [path]);
  const writer = spawn('sh', ['-c', `${fill} > "$1" 2>/dev/null || true`, 'sh', path], { stdio: 'ignore' });
  writer.unref();
}

test('a pipe is read as it comes, and one longer than the limit is refused, not held: FIFO, device', async () => {
  const gz = join(PROFILES, 'cpu.pb.gz');
  const fifo = join(dir, 'fifo-ok');
  fifoOf(fifo, `cat "${gz}"`);
  const p = await loadProfile(fifo);
  assert.equal(p.samples.count, (await loadProfile(gz)).samples.count, 'the same profile as from the file');

  const long = join(dir, 'fifo-long');
  fifoOf(long, 'head -c 3000000 /dev/zero');
  await assert.rejects(readFileBytes(long, 1_000_000), (e: unknown) => {
    assert.ok(e instanceof PprofError);
    assert.equal(e.code, 'too-large');
    assert.equal(e.message, `${long} exceeds the limit of 1000000 bytes (raise it with the maxDecompressedBytes option / --max-bytes)`);
    return true;
  });
  // A device that never ends: refused at the limit rather than read until memory runs out.
  await assert.rejects(loadProfile('/dev/zero', { maxDecompressedBytes: 2_000_000 }), (e: unknown) => e instanceof PprofError && e.code === 'too-large');
  // Within the limit, the bytes are all there.
  const exact = join(dir, 'fifo-exact');
  fifoOf(exact, 'head -c 2500000 /dev/zero');
  assert.equal((await readFileBytes(exact, 2_500_000)).length, 2_500_000);
});

test('a regular file bigger than any profile within the limit is refused before it is read', async () => {
  // The room over the limit: a gzip file's output is never much smaller than the file.
  const limit = 1000;
  const most = mostWithin(limit);
  const at = join(dir, 'at-most');
  writeFileSync(at, new Uint8Array(most));
  assert.equal((await readFileBytes(at, limit)).length, most, 'a file of the most bytes allowed is read');
  const over = join(dir, 'over-most');
  writeFileSync(over, new Uint8Array(most + 1));
  await assert.rejects(readFileBytes(over, limit), (e: unknown) => {
    assert.ok(e instanceof PprofError);
    assert.equal(e.code, 'too-large');
    assert.equal(e.message, `${over} is ${most + 1} bytes, more than the limit of 1000 bytes (raise it with the maxDecompressedBytes option / --max-bytes)`);
    return true;
  });
  // A sparse file of 4 GB under the default limit of 1 GiB: refused from its size (the message says
  // so), not read into memory first.
  const sparse = join(dir, 'sparse');
  writeFileSync(sparse, new Uint8Array(0));
  fs.truncateSync(sparse, 4 * 2 ** 30);
  await assert.rejects(loadProfile(sparse), (e: unknown) => e instanceof PprofError && e.code === 'too-large' &&
    e.message.startsWith(`${sparse} is 4294967296 bytes, more than the limit of 1073741824 bytes`));
  rmSync(sparse);
});

test('a file that grows after it is opened is read to its end, within the limit; procfs files (size 0) are read whole', async () => {
  for (const [size, added] of [[1000, 500], [0, 70_000], [(1 << 20) + 5, 3 * (1 << 20) + 1]] as const) {
    const path = join(dir, `grows-${size}`);
    const want = pattern(size + added, size);
    writeFileSync(path, want.subarray(0, size));
    const file = await openFile(path);
    try {
      fs.appendFileSync(path, want.subarray(size));
      const got = await readWhole(file);
      assert.ok(Buffer.from(got.buffer, got.byteOffset, got.length).equals(Buffer.from(want)), `${size} + ${added}: every byte, in order`);
    } finally {
      await closeFile(file);
    }
  }
  // Past the limit (with gzip's room, as when opened) it is refused, not read on until memory runs out.
  const limit = 100_000;
  const path = join(dir, 'grows-past');
  writeFileSync(path, new Uint8Array(1000));
  const file = await openFile(path, limit);
  try {
    fs.appendFileSync(path, new Uint8Array(mostWithin(limit) - 1000));
    assert.equal((await readWhole(file, limit)).length, mostWithin(limit), 'up to the most bytes allowed');
    fs.appendFileSync(path, new Uint8Array(1));
    await assert.rejects(readWhole(file, limit), (e: unknown) => {
      assert.ok(e instanceof PprofError);
      assert.equal(e.code, 'too-large');
      assert.equal(e.message, `${path} exceeds the limit of ${limit} bytes (raise it with the maxDecompressedBytes option / --max-bytes)`);
      return true;
    });
  } finally {
    await closeFile(file);
  }
  assert.equal(fs.statSync('/proc/version').size, 0, 'procfs states no size');
  assert.equal(Buffer.from(await readFileBytes('/proc/version')).toString(), readFileSync('/proc/version', 'utf8'));
});
