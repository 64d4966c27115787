/**
 * The restart of bin/pprof-ts for big inputs (bin/huge-pages.cjs), on this
 * machine, with real processes: a profile of at least the threshold runs in
 * a child process whose GLIBC_TUNABLES asks malloc for transparent huge
 * pages, and prints exactly what the same command prints without it; a
 * failure keeps its message and exit code; SIGTERM to the command ends the
 * child too. Needs Linux, glibc 2.35 or later and transparent huge pages
 * in `madvise` mode (as on the CI VMs); elsewhere the restart never
 * happens (test/unit/cli/huge-pages.test.ts) and this file skips.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from '../helpers/paths.js';
import { writeRawProfile } from '../helpers/raw-profile.js';

const { MIN_BYTES, whyNoHugePages } = createRequire(import.meta.url)(join(ROOT, 'bin', 'huge-pages.cjs')) as {
  MIN_BYTES: number; whyNoHugePages: () => string | null;
};

/** Why the restart cannot happen here (the bin's own reading of this machine), or null. */
const why = whyNoHugePages();
if (why !== null) process.stdout.write(`# skipped: huge-page restart: ${why}\n`);

describe('big inputs run in a child process with huge pages', { skip: why ?? false }, () => {
  let dir: string;
  let big: string;
  let junk: string;
  let hook: string;
  let log: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pprof-ts-huge-'));
    // An uncompressed profile just over the threshold.
    big = await writeRawProfile(dir, 'big', MIN_BYTES + 2 * 1024 * 1024, 11);
    junk = join(dir, 'junk.bin');
    writeFileSync(junk, Buffer.alloc(MIN_BYTES, 0x42));
    log = join(dir, 'processes.log');
    hook = join(dir, 'hook.cjs');
    // Each node process of the command notes its pid and tunables (node flags reach the child too).
    writeFileSync(hook, `require('node:fs').appendFileSync(${JSON.stringify(log)}, process.pid + ' ' + (process.env.GLIBC_TUNABLES ?? '') + '\\n');\n`);
  });
  after(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  /** One line per process ('pid tunables'): the hook also runs in each helper thread, with its process's pid. */
  const processes = (): string[] =>
    [...new Set(existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((l) => l !== '').map((l) => l.trimEnd()) : [])];

  const run = (args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string; processes: string[] } => {
    rmSync(log, { force: true });
    const r = spawnSync(process.execPath, ['-r', hook, BIN, ...args], {
      encoding: 'utf8', env: { ...process.env, ...env, TZ: 'UTC' }, maxBuffer: 256 * 1024 * 1024, timeout: 120_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, processes: processes() };
  };

  test('top on a big profile: a second process with the tunable, the same output as without it', () => {
    assert.ok(readFileSync(big).length >= MIN_BYTES);
    const restarted = run(['top', big]);
    const plain = run(['top', big], { PPROF_TS_HUGE_PAGES: '0' });
    assert.equal(restarted.code, 0, restarted.stderr);
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(restarted.processes.length, 2, restarted.processes.join('; '));
    assert.match(restarted.processes[1]!, / glibc\.malloc\.hugetlb=1$/);
    assert.equal(plain.processes.length, 1, plain.processes.join('; '));
    assert.doesNotMatch(plain.processes[0]!, /hugetlb/);
    assert.ok(restarted.stdout.includes('Showing nodes accounting for'));
    assert.equal(restarted.stdout, plain.stdout);
    assert.equal(restarted.stderr, '');
  });

  test('a failure in the child keeps its message and exit code', () => {
    const restarted = run(['top', junk]);
    const plain = run(['top', junk], { PPROF_TS_HUGE_PAGES: '0' });
    assert.equal(restarted.processes.length, 2);
    assert.equal(restarted.code, 1);
    assert.equal(restarted.code, plain.code);
    assert.match(restarted.stderr, /^pprof-ts: /);
    assert.equal(restarted.stderr, plain.stderr);
    assert.equal(restarted.stdout, '');
  });

  test('a small input runs in one process', () => {
    const r = run(['top', join(ROOT, 'fixtures', 'profiles', 'cpu.pb.gz')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.processes.length, 1);
  });

  test('SIGTERM to the command ends the child too, and the command ends by SIGTERM', { timeout: 120_000 }, async () => {
    rmSync(log, { force: true });
    // traces writes far more than a pipe holds: unread, the child blocks in a write until it is ended.
    const parent = spawn(process.execPath, ['-r', hook, BIN, 'traces', big], { stdio: ['ignore', 'pipe', 'pipe'] });
    const started = Date.now();
    while (processes().length < 2) {
      assert.ok(Date.now() - started < 60_000, 'the child process did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    const childPid = Number(processes()[1]!.split(' ')[0]);
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => parent.on('exit', (code, signal) => resolve({ code, signal })));
    parent.kill('SIGTERM');
    const end = await Promise.race([ended, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000))]);
    if (end === 'timeout') {
      parent.kill('SIGKILL');
      process.kill(childPid, 'SIGKILL');
      assert.fail('the command did not end within 30 s of SIGTERM');
    }
    assert.deepEqual(end, { code: null, signal: 'SIGTERM' });
    const gone = Date.now();
    for (;;) {
      try {
        process.kill(childPid, 0);
      } catch (e) {
        assert.equal((e as NodeJS.ErrnoException).code, 'ESRCH');
        break;
      }
      assert.ok(Date.now() - gone < 10_000, `child ${childPid} still running`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });
});
