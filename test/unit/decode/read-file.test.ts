/**
 * readFileBytes (src/parse.ts): a big file is read into shared memory in
 * parts read side by side; every byte must land where it belongs whatever
 * the size (not a multiple of the parts, a part boundary inside the data),
 * and small files take the plain read; a directory is an io error.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileBytes } from '../../../src/parse.js';
import { PprofError } from '../../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-read-'));
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
