/**
 * The command-line entry exits as soon as its output is written (bin/pprof-ts:
 * it skips Node's heap teardown). Writes to a pipe are asynchronous, so a
 * reader that waits before reading must still get every byte, the same bytes
 * as a file gets, and the exit code must be 0.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from '../helpers/paths.js';

// Output far beyond a pipe's 64 KB buffer, so most of it is still queued in pprof-ts when run() returns.
const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-slow-pipe-'));
const big = join(dir, 'big.pb.gz');
const gen = spawnSync(process.execPath, [join(ROOT, 'dist', 'bench', 'gen.js'), '--mb', '2', '--out', big], { encoding: 'utf8' });
test.after(() => rmSync(dir, { recursive: true, force: true }));

for (const args of [['top'], ['top', '--json'], ['folded'], ['traces']]) {
  const name = args.join(' ');
  test(`${name} into a pipe read only after a pause delivers every byte and exits 0`, () => {
    assert.equal(gen.status, 0, gen.stderr);
    const file = join(dir, `${args.join('-')}.file`);
    const piped = join(dir, `${args.join('-')}.piped`);
    const cmd = `"${process.execPath}" "${BIN}" ${args.join(' ')} "${big}"`;
    const r = spawnSync('bash', ['-c',
      `${cmd} > "${file}" && ${cmd} | (sleep 1; cat > "${piped}"); echo "status=\${PIPESTATUS[0]}"`],
    { encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'status=0\n');
    const want = readFileSync(file);
    if (name !== 'top') assert.ok(statSync(file).size > 256 * 1024, `${name} printed more than a pipe holds`);
    assert.ok(want.length > 0);
    assert.ok(readFileSync(piped).equals(want), `${name}: the piped output equals the file's`);
  });
}
