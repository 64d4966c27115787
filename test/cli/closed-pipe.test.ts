/**
 * A reader that stops early (`pprof-ts traces cpu.pb.gz | head -1`) closes
 * stdout while pprof-ts is still writing: the command ends quietly with exit
 * code 0, as Unix tools do, never with an EPIPE stack trace.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from '../helpers/paths.js';

// Output far beyond a pipe's buffer, so that writes are still going on when the reader leaves.
const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-pipe-'));
const big = join(dir, 'big.pb.gz');
const gen = spawnSync(process.execPath, [join(ROOT, 'dist', 'bench', 'gen.js'), '--mb', '2', '--out', big], { encoding: 'utf8' });
test.after(() => rmSync(dir, { recursive: true, force: true }));

for (const report of ['traces', 'raw', 'folded']) {
  test(`${report} into a pipe closed after its first byte ends quietly with exit code 0`, () => {
    assert.equal(gen.status, 0, gen.stderr);
    const r = spawnSync('bash', ['-c',
      `"${process.execPath}" "${BIN}" ${report} "${big}" | head -c 1 >/dev/null; echo "status=\${PIPESTATUS[0]}"`],
    { encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'status=0\n');
  });
}
