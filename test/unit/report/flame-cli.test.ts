/**
 * `pprof-ts flamegraph` without `-o` (a default name derived from the
 * profile, printed) and with `--open` (the system's opener, here a stub
 * `xdg-open` / `open` script put first on PATH that records its arguments),
 * and the page's search regexps compared with the CLI's (src/query/regex.ts
 * vs src/render/assets/regex.js, run in a VM context as the page runs it).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInContext, createContext } from 'node:vm';
import { BIN, PROFILES, ROOT } from '../../helpers/paths.js';
import { defaultFlameOutput } from '../../../src/render/flame-output.js';
import { openerFor } from '../../../src/cli/open.js';
import { compileRegex } from '../../../src/query/regex.js';
import { isPprofError } from '../../../src/errors.js';

function runIn(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env, timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test('default page names: from the profile file, or kind-host-port for a URL', () => {
  assert.equal(defaultFlameOutput('fixtures/profiles/cpu.pb.gz'), 'cpu.flame.html');
  assert.equal(defaultFlameOutput('/tmp/heap.pprof'), 'heap.flame.html');
  assert.equal(defaultFlameOutput('profile'), 'profile.flame.html');
  assert.equal(defaultFlameOutput('x/.gz'), 'profile.flame.html');
  assert.equal(defaultFlameOutput('http://127.0.0.1:6060/debug/pprof/heap'), 'heap-127.0.0.1-6060.flame.html');
  assert.equal(defaultFlameOutput('http://[::1]:6060'), 'cpu-_1_-6060.flame.html');
  assert.deepEqual(openerFor('linux'), ['xdg-open']);
  assert.deepEqual(openerFor('darwin'), ['open']);
  assert.deepEqual(openerFor('win32'), ['cmd', '/c', 'start', '""']);
});

test('flamegraph without -o writes <name>.flame.html in the current folder and prints the name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-flame-default-'));
  try {
    const r = runIn(dir, ['flamegraph', join(PROFILES, 'cpu.pb.gz')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^wrote cpu\.flame\.html \(\d+ bytes\)\n$/);
    assert.match(readFileSync(join(dir, 'cpu.flame.html'), 'utf8'), /^<!DOCTYPE html>/i);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('flamegraph --open starts the system opener on the written page; a missing opener is a warning', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-flame-open-'));
  try {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const log = join(dir, 'opened.txt');
    const opener = process.platform === 'darwin' ? 'open' : 'xdg-open';
    // Written then renamed, so the test never reads a half-written record.
    writeFileSync(join(bin, opener), `#!/bin/sh\nprintf '%s\\n' "$@" > '${log}.tmp' && mv '${log}.tmp' '${log}'\n`);
    chmodSync(join(bin, opener), 0o755);
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
    const r = runIn(dir, ['flamegraph', join(PROFILES, 'heap.pb.gz'), '-o', 'h.html', '--open'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr.split('\n')[0]!.startsWith('wrote h.html ('), true);
    // The opener is detached and not waited for: give it a moment to record its argument.
    for (let i = 0; i < 50 && !existsSync(log); i++) spawnSync('sleep', ['0.1']);
    assert.equal(readFileSync(log, 'utf8'), `${join(dir, 'h.html')}\n`, 'one argument: the absolute path of the page');

    const none = runIn(dir, ['flamegraph', join(PROFILES, 'heap.pb.gz'), '-o', 'h2.html', '--open'], { ...process.env, PATH: join(dir, 'empty') });
    assert.equal(none.code, 0);
    assert.match(none.stderr, new RegExp(`\\npprof-ts: warning: could not open h2\\.html: ${opener} not found on PATH; open it in a browser yourself\\n$`));
    assert.ok(existsSync(join(dir, 'h2.html')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the page search compiles regexps exactly as the CLI does (Go syntax, (?i) included)', () => {
  const ctx = createContext({});
  const asset = (name: string): string => readFileSync(join(ROOT, 'src', 'render', 'assets', name), 'utf8');
  runInContext(`${asset('re2.js')}\n${asset('regex.js')}\nthis.PprofRegex = PprofRegex;`, ctx);
  const page = (ctx as { PprofRegex: { compile(s: string): { re?: RegExp; error?: string } } }).PprofRegex;
  for (const src of ['trieNode|fnv32a', '(?i)TRIENODE', '(?is)a.b', '(?m)^main\\.', 'runtime\\.\\w+\\z', '^main\\.\\(\\*T\\)\\.M$', '',
    '\\Qruntime.main\\E', '\\pL+', '[[:alpha:]]', 'a(?i:b)c', '(?P<n>x)', '(?U)a+']) {
    const cli = compileRegex(src, 'focus');
    const p = page.compile(src);
    assert.equal(p.error, undefined, src);
    assert.equal(String(p.re), String(cli), src);
    assert.equal(p.re!.flags, cli.flags, src);
  }
  for (const bad of ['(unclosed', '[a-', '(?i)(', 'a**', '(?!x)', '\\1']) {
    assert.throws(() => compileRegex(bad, 'focus'), (e: unknown) => isPprofError(e) && e.code === 'bad-option');
    const p = page.compile(bad);
    assert.equal(p.re, undefined, bad);
    assert.match(p.error!, /^[A-Z][a-z]+( [a-z]+)*/, `${bad}: a short reason, not the whole JS message`);
    assert.doesNotMatch(p.error!, /Invalid regular expression/);
  }
});
