/**
 * The V8 flags bin/pprof-ts sets for short runs (bin/jit-cap.cjs), with real
 * processes: a report on a small profile sets --max-opt=1, one on a
 * mid-sized profile --no-turbo-inlining, each once the bundle is compiled,
 * and prints exactly what the command prints without; PPROF_TS_JIT_CAP=0, an
 * input over both thresholds and a URL leave V8 alone. The decision's cases
 * are in test/unit/cli/jit-cap.test.ts; the speed is measured by
 * `npm run bench`.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, PROFILES, ROOT } from '../helpers/paths.js';
import { writeRawProfile } from '../helpers/raw-profile.js';

const { MAX_BASELINE_BYTES, MAX_NO_INLINING_BYTES, MEASURED_V8 } = createRequire(import.meta.url)(join(ROOT, 'bin', 'jit-cap.cjs')) as {
  MAX_BASELINE_BYTES: number; MAX_NO_INLINING_BYTES: number; MEASURED_V8: RegExp;
};

/** On another V8 than the one the thresholds were measured on, the bin sets no flag: the tests then expect none. */
const measured = MEASURED_V8.test(process.versions.v8);
if (!measured) process.stdout.write(`# jit-cap: V8 ${process.versions.v8} is not the one measured: expecting no flags\n`);
const expect = (flag: string): string[] => (measured ? [`${flag} after-vm`] : []);

describe('short runs hold V8\'s optimizing compiler back', () => {
  let dir: string;
  let hook: string;
  let log: string;
  let mid: string;
  let over: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pprof-ts-jit-'));
    log = join(dir, 'flags.log');
    hook = join(dir, 'hook.cjs');
    // Notes each V8 flag the command sets, and whether the bundle was compiled by then.
    writeFileSync(hook, `
      const v8 = require('node:v8');
      const set = v8.setFlagsFromString;
      v8.setFlagsFromString = (flags) => {
        const vmLoaded = process.moduleLoadList.includes('NativeModule vm');
        require('node:fs').appendFileSync(${JSON.stringify(log)}, flags + (vmLoaded ? ' after-vm' : ' before-vm') + '\\n');
        return set(flags);
      };
    `);
    // Uncompressed profiles: one between the thresholds, one over both.
    mid = await writeRawProfile(dir, 'mid', 6 * MAX_BASELINE_BYTES, 5);
    over = await writeRawProfile(dir, 'over', 4 * MAX_NO_INLINING_BYTES, 6);
  });
  after(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  const run = (args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string; flags: string[] } => {
    rmSync(log, { force: true });
    const r = spawnSync(process.execPath, ['-r', hook, BIN, ...args], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC', PPROF_TS_HUGE_PAGES: '0', ...env }, timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const flags = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((l) => l !== '') : [];
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, flags };
  };

  for (const args of [['top', 'cpu.pb.gz'], ['tree', 'heap.pb.gz'], ['traces', 'goroutine.pb.gz'], ['-top', '-nodecount=5', 'startup/cpu-long.pb.gz']]) {
    const argv = args.map((a) => (a.includes('.pb') ? join(PROFILES, a) : a));
    test(`${args.join(' ')}: --max-opt=1 after the bundle is compiled, the same output as without`, () => {
      const capped = run(argv);
      assert.equal(capped.code, 0, capped.stderr);
      assert.deepEqual(capped.flags, expect('--max-opt=1'));
      const plain = run(argv, { PPROF_TS_JIT_CAP: '0' });
      assert.equal(plain.code, 0, plain.stderr);
      assert.deepEqual(plain.flags, [], 'PPROF_TS_JIT_CAP=0 turns it off');
      assert.equal(capped.stdout, plain.stdout);
      assert.equal(capped.stderr, plain.stderr);
    });
  }

  test('a mid-sized input runs without inlining, with the same output; one over both thresholds keeps the defaults', () => {
    const size = readFileSync(mid).length;
    assert.ok(size > MAX_BASELINE_BYTES && size <= MAX_NO_INLINING_BYTES, `mid-sized: ${size} bytes`);
    const capped = run(['top', mid]);
    assert.equal(capped.code, 0, capped.stderr);
    assert.deepEqual(capped.flags, expect('--no-turbo-inlining'));
    const plain = run(['top', mid], { PPROF_TS_JIT_CAP: '0' });
    assert.deepEqual(plain.flags, []);
    assert.equal(capped.stdout, plain.stdout);
    assert.ok(readFileSync(over).length > MAX_NO_INLINING_BYTES);
    const r = run(['top', over]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /flat%/);
    assert.deepEqual(r.flags, []);
  });

  test('a URL input keeps it too, whatever the other files weigh', () => {
    // Nothing listens on port 9 of this host: the fetch fails, after the decision.
    const r = run(['top', '--timeout', '2', join(PROFILES, 'cpu.pb.gz'), 'http://127.0.0.1:9/debug/pprof/heap']);
    assert.notEqual(r.code, 0);
    assert.deepEqual(r.flags, []);
  });
});
