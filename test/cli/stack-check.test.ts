/**
 * The CLI's `top`, `tree`, `peek`, `dot`, `svg` and `flamegraph` leave the
 * check of stack ids to their first pass (ParseOptions `checkStacks: 'first-pass'`); with
 * filters they parse as every other command does. Either way a dangling id
 * is the parse's own one-line error with exit code 1, and a valid profile
 * prints what the library prints after an ordinary parse, on one thread or
 * two.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseProfile } from '../../src/parse.js';
import { topTable } from '../../src/report/top.js';
import { renderTopText } from '../../src/report/text.js';
import { encodeProfile, Strings } from '../helpers/proto.js';
import { BIN } from '../helpers/paths.js';

/** A CPU profile of 3,000 samples over 400 locations (every third inlined); `bad` gives sample 2,500 a dangling id. */
function profile(bad: boolean): Uint8Array {
  const s = new Strings();
  const sampleType = [{ type: s.x('samples'), unit: s.x('count') }, { type: s.x('cpu'), unit: s.x('nanoseconds') }];
  const location = [];
  const fn = [];
  for (let f = 1; f <= 60; f++) fn.push({ id: f, name: s.x(`pkg.f${f}`), filename: s.x('/src/pkg/f.go') });
  for (let k = 1; k <= 400; k++) {
    const line = [{ functionId: 1 + (k % 60), line: k }];
    if (k % 3 === 0) line.unshift({ functionId: 1 + ((k * 7) % 60), line: 1 });
    location.push({ id: k, line });
  }
  const sample = [];
  for (let i = 0; i < 3000; i++) {
    const ids = [];
    for (let d = 0; d < 5 + (i % 20); d++) ids.push(1 + ((i * 31 + d * 17) % 400));
    if (bad && i === 2500) ids.push(999);
    sample.push({ locationId: ids, value: [1, 10_000_000 * (1 + (i % 5))] });
  }
  return gzipSync(encodeProfile({ sampleType, sample, location, function: fn, stringTable: s.table }));
}

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `body` with `bytes` written to a file of a fresh temporary directory, removed afterwards. */
function withFile(bytes: Uint8Array, body: (file: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-stack-check-'));
  try {
    const file = join(dir, 'cpu.pb.gz');
    writeFileSync(file, bytes);
    body(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a dangling stack id is the parse\'s one-line error, whether a report\'s pass or the parse checks the ids', () => {
  const bytes = profile(true);
  withFile(bytes, (file) => {
    const want = (() => {
      try {
        parseProfile(bytes);
      } catch (e) {
        return (e as Error).message;
      }
      assert.fail('the library parse accepted the profile');
    })();
    assert.equal(want, 'sample 2500 references missing location 999');
    const page = join(dirname(file), 'page.html');
    for (const args of [['top', file], ['top', '--no-parallel', file], ['top', '--focus', 'pkg', file], ['tree', file],
      ['peek', 'pkg', file], ['dot', file], ['folded', file], ['flamegraph', '--json', file], ['flamegraph', '-o', page, file]]) {
      const r = cli(args);
      assert.equal(r.code, 1, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      assert.equal(r.stderr, `pprof-ts: ${want}\n`, args.join(' '));
    }
    assert.equal(existsSync(page), false, 'no page was written');
  });
});

test('a valid profile prints what it prints when the parse checks the ids', () => {
  const bytes = profile(false);
  withFile(bytes, (file) => {
    const want = renderTopText(topTable(parseProfile(bytes), { parallel: 'off' }));
    assert.match(want, /pkg\.f\d+ \((partial-)?inline\)/);
    for (const args of [['top', file], ['top', '--no-parallel', file]]) {
      const r = cli(args);
      assert.equal(r.stderr, '', args.join(' '));
      assert.equal(r.code, 0, args.join(' '));
      assert.equal(r.stdout, want, args.join(' '));
    }
    // The graph reports print the same whether the parse or their pass checks the ids.
    for (const args of [['tree', file], ['peek', 'pkg.f1$', file], ['dot', file]]) {
      const deferred = cli(args);
      const checked = cli([...args.slice(0, -1), '--focus', '.', file]);
      assert.equal(deferred.code, 0, args.join(' '));
      assert.ok(deferred.stdout.length > 100, args.join(' '));
      const unfiltered = checked.stdout.replace(/^Active filters:\n   focus=\.\n/m, '').replace('Active filters:\\l   focus=.\\l', '');
      assert.equal(deferred.stdout, unfiltered, args.join(' '));
    }
    // So does the flame page's data, but for the filter's header lines.
    const deferred = cli(['flamegraph', '--json', file]);
    const checked = cli(['flamegraph', '--json', '--focus', '.', file]);
    assert.equal(deferred.code, 0, deferred.stderr);
    const types = (out: string): Array<{ header: string[] }> => (JSON.parse(out) as { types: Array<{ header: string[] }> }).types;
    const unfocused = types(checked.stdout).map((t) => {
      const header = t.header.filter((l) => l !== 'Active filters:' && l !== '   focus=.');
      assert.equal(header.length, t.header.length - 2, 'the filter\'s two header lines');
      return { ...t, header };
    });
    assert.equal(unfocused.length, 2);
    assert.deepEqual(JSON.parse(deferred.stdout), { ...JSON.parse(checked.stdout), types: unfocused });
  });
});
