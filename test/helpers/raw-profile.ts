/**
 * A bench-generated profile written uncompressed (the generator writes
 * gzip), for tests whose decision depends on the size of the file itself.
 */

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { generateProfile } from '../../bench/gen.js';

/**
 * Writes `dir/name.pb`: the classic-shaped profile the generator makes for
 * `targetBytes` (its raw size is about a third of that), decompressed.
 * Returns its path.
 */
export async function writeRawProfile(dir: string, name: string, targetBytes: number, seed: number): Promise<string> {
  const gz = join(dir, `${name}.pb.gz`);
  await generateProfile({ out: gz, targetBytes, shape: 'classic', seed });
  const raw = join(dir, `${name}.pb`);
  writeFileSync(raw, gunzipSync(readFileSync(gz)));
  rmSync(gz);
  return raw;
}
