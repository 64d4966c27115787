/**
 * `-` reads the profile from standard input, with the same --max-bytes guard
 * and one-line errors as files and URLs.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readStdin } from '../../../src/cli/source.js';
import { isPprofError } from '../../../src/errors.js';
import { PROFILES } from '../../helpers/paths.js';
import { runBin } from '../../helpers/cli.js';

test('readStdin returns every byte of the stream', async () => {
  const bytes = await readStdin(100, Readable.from([Buffer.from('ab'), Buffer.from('cd')]));
  assert.deepEqual([...bytes], [...Buffer.from('abcd')]);
});

test('readStdin refuses more than the limit and an empty stream', async () => {
  await assert.rejects(readStdin(3, Readable.from([Buffer.from('abcd')])), (e: unknown) => isPprofError(e) && e.code === 'too-large');
  await assert.rejects(readStdin(3, Readable.from([])), (e: unknown) => isPprofError(e) && e.code === 'bad-format');
});

test('pprof-ts tree - reads the profile from stdin and prints what the file gives', () => {
  const path = join(PROFILES, 'heap.pb.gz');
  const fromFile = runBin(['tree', path]);
  const fromStdin = runBin(['tree', '-'], readFileSync(path));
  assert.equal(fromStdin.code, 0, fromStdin.stderr);
  assert.equal(fromStdin.stdout, fromFile.stdout);
  const urlFlag = runBin(['top', '-', '--seconds', '5'], readFileSync(path));
  assert.equal(urlFlag.code, 2);
  assert.match(urlFlag.stderr, /^pprof-ts: --seconds applies to URLs only, and standard input is not one\n$/);
});
