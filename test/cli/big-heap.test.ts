/**
 * Bounded memory on big inputs: `top`, `flamegraph` and `folded` run on a
 * generated 20 MB CPU profile (bench/gen.ts, 229,000 samples) in a node
 * limited to 192 MB of heap. `folded` writes about 780 MB there: it must
 * stream, since neither one string nor the list of its lines fits.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateProfile } from '../../bench/gen.js';
import { BIN } from '../helpers/paths.js';

const HEAP_MB = 192;

test('top, flamegraph and folded on a 20 MB profile stay within a 192 MB heap', { timeout: 900_000 }, async () => {
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
  // folded: count the streamed output instead of buffering it.
  const folded = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, BIN, 'folded', profile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let bytes = 0;
  let lines = 0;
  let stderr = '';
  folded.stdout.on('data', (b: Buffer) => { bytes += b.length; for (const x of b) if (x === 10) lines++; });
  folded.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  const code = await new Promise<number | null>((resolve) => folded.on('close', resolve));
  assert.equal(code, 0, `pprof-ts folded: ${stderr.slice(-1500)}`);
  assert.ok(bytes > 100_000_000 && lines > 100_000, `${bytes} bytes, ${lines} lines`);
});
