/**
 * Bounded memory on big inputs: `top` and `flamegraph` run on a generated
 * 20 MB CPU profile (bench/gen.ts, 229,000 samples) in a node limited to
 * 192 MB of heap. `folded` is not in this list yet: its output is streamed
 * (no single string), but the lines are still held for sorting, so its
 * memory grows with the output (see the report of issue 12).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateProfile } from '../../bench/gen.js';
import { BIN } from '../helpers/paths.js';

const HEAP_MB = 192;

test('top and flamegraph on a 20 MB profile stay within a 192 MB heap', { timeout: 900_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-big-'));
  const profile = join(dir, 'big-20mb.pb.gz');
  await generateProfile({ out: profile, targetBytes: 20_000_000 });
  const run = (args: string[]): string => {
    const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, BIN, ...args],
      { encoding: 'utf8', timeout: 600_000, maxBuffer: 16 << 20 });
    assert.equal(r.status, 0, `pprof-ts ${args[0]}: ${r.signal ?? ''} ${r.stderr.slice(-1500)}`);
    return r.stdout;
  };
  const top = run(['top', profile]);
  assert.match(top, /^Showing nodes accounting for /m);
  const html = join(dir, 'flame.html');
  run(['flamegraph', profile, '-o', html]);
  assert.ok(statSync(html).size > 100_000);
});
