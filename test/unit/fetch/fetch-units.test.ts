/**
 * The pure parts of fetching: URL conventions (what `go tool pprof` would
 * request, and the timeout), capture targets, header flags, the progress
 * line, and atomic saves. No network.
 */

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProfileRequest, isProfileUrl } from '../../../src/fetch/url.js';
import { planTargets, pprofBase } from '../../../src/fetch/targets.js';
import { formatBytes, receivingText, startProgress, waitingText } from '../../../src/fetch/progress.js';
import { defaultProfileFileName, resolveSavePath, writeFileAtomic } from '../../../src/fetch/save.js';
import { parseHeaderFlags } from '../../../src/cli/source.js';
import { isPprofError } from '../../../src/errors.js';

const req = (u: string, o: { seconds?: number; timeoutSeconds?: number } = {}): [string, string, number, number] => {
  const r = buildProfileRequest(u, o);
  return [r.url.href, r.kind, r.durationSeconds, r.timeoutMs];
};

describe('profile URLs', () => {
  test('no path or /debug/pprof/ means a 30 s CPU profile with a 45 s timeout', () => {
    const cpu = ['http://127.0.0.1:6060/debug/pprof/profile?seconds=30', 'cpu', 30, 45_000];
    assert.deepEqual(req('http://127.0.0.1:6060'), cpu);
    assert.deepEqual(req('http://127.0.0.1:6060/'), cpu);
    assert.deepEqual(req('http://127.0.0.1:6060/debug/pprof'), cpu);
    assert.deepEqual(req('http://127.0.0.1:6060/debug/pprof/'), cpu);
  });

  test('--seconds: CPU length, delta window for other kinds; URL seconds kept otherwise', () => {
    assert.deepEqual(req('http://localhost:6060/debug/pprof/profile', { seconds: 5 }),
      ['http://localhost:6060/debug/pprof/profile?seconds=5', 'cpu', 5, 20_000]);
    assert.deepEqual(req('http://localhost:6060/debug/pprof/heap'), ['http://localhost:6060/debug/pprof/heap', 'heap', 0, 60_000]);
    assert.deepEqual(req('http://localhost:6060/debug/pprof/heap', { seconds: 10 }),
      ['http://localhost:6060/debug/pprof/heap?seconds=10', 'heap', 10, 25_000]);
    assert.deepEqual(req('http://[::1]:6060/debug/pprof/allocs?seconds=7&gc=1'),
      ['http://[::1]:6060/debug/pprof/allocs?seconds=7&gc=1', 'allocs', 7, 22_000]);
    assert.deepEqual(req('https://h:1/debug/pprof/profile?seconds=2', { seconds: 3, timeoutSeconds: 1.5 }),
      ['https://h:1/debug/pprof/profile?seconds=3', 'cpu', 3, 1500]);
  });

  test('bad input is a bad-option error', () => {
    for (const [u, o] of [['ftp://h/x', {}], ['http://u:p@h/x', {}], ['http://h/x', { seconds: 0 }], ['http://h/x', { seconds: 1.5 }],
      ['http://h/x', { timeoutSeconds: -1 }]] as const) {
      assert.throws(() => buildProfileRequest(u, o), (e: unknown) => isPprofError(e) && e.code === 'bad-option', u);
    }
    assert.equal(isProfileUrl('HTTPS://x'), true);
    assert.equal(isProfileUrl('fixtures/profiles/cpu.pb.gz'), false);
  });
});

describe('capture targets', () => {
  test('pprof prefix of each URL form', () => {
    assert.equal(pprofBase('http://127.0.0.1:6060').href, 'http://127.0.0.1:6060/debug/pprof/');
    assert.equal(pprofBase('http://127.0.0.1:6060/debug/pprof/heap?debug=1').href, 'http://127.0.0.1:6060/debug/pprof/');
    assert.equal(pprofBase('http://h:1/proxy/debug/pprof').href, 'http://h:1/proxy/debug/pprof/');
    assert.equal(pprofBase('http://h:1/custom').href, 'http://h:1/custom/');
  });

  test('one folder per target, duplicates refused', () => {
    assert.deepEqual(planTargets(['http://a:1']).map((t) => t.dir), ['']);
    assert.deepEqual(planTargets(['http://a:1', 'http://a:2', 'http://a:1/x/']).map((t) => t.dir), ['a_1', 'a_2', 'a_1-2']);
    assert.throws(() => planTargets(['http://a:1', 'http://a:1/debug/pprof/']), /listed twice/);
    assert.throws(() => planTargets([]), /no target/);
  });
});

test('header flags', () => {
  assert.deepEqual(parseHeaderFlags(['Authorization: Bearer a:b', 'X-A:1']), [['Authorization', 'Bearer a:b'], ['X-A', '1']]);
  assert.throws(() => parseHeaderFlags(['Bad Name: x']), /bad --header/);
  assert.throws(() => parseHeaderFlags(['novalue']), /bad --header/);
});

describe('progress line', () => {
  test('texts', () => {
    assert.equal(waitingText('cpu from h:1', 30, 2500), 'fetching cpu from h:1: collecting, 28s left');
    assert.equal(waitingText('cpu from h:1', 30, 30_000), 'fetching cpu from h:1: waiting for the server…');
    assert.equal(waitingText('heap from h:1', 0, 0), 'fetching heap from h:1…');
    assert.equal(receivingText('x', 12_345, 40_000), 'fetching x: received 12.3 kB of 40.0 kB');
    assert.equal(formatBytes(999), '999 B');
    assert.equal(formatBytes(4_500_000), '4.5 MB');
  });

  test('drawn in place on a TTY and erased; nothing off a TTY or with quiet', () => {
    let t = 0;
    const tty = { isTTY: true, out: '', write(s: string) { this.out += s; } };
    const line = startProgress(tty, 'cpu from h:1', 5, false, () => t);
    t = 1000;
    line.update({ phase: 'receiving', received: 2048 });
    line.stop();
    assert.equal(tty.out, '\r\x1b[Kfetching cpu from h:1: collecting, 5s left\r\x1b[Kfetching cpu from h:1: received 2.0 kB\r\x1b[K');
    const sink = (isTTY: boolean): { isTTY: boolean; out: string; write(s: string): void } =>
      ({ isTTY, out: '', write(s: string) { this.out += s; } });
    for (const [stream, quiet] of [[sink(false), false], [sink(true), true]] as const) {
      const p = startProgress(stream, 'x', 5, quiet);
      p.update({ phase: 'receiving', received: 10 });
      p.stop();
      assert.equal(stream.out, '');
    }
  });
});

describe('atomic save', () => {
  test('writes, overwrites, leaves no temp file; failures leave nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-save-'));
    try {
      const path = join(dir, 'sub', 'p.pb.gz');
      await writeFileAtomic(path, Uint8Array.of(1, 2, 3));
      await writeFileAtomic(path, Uint8Array.of(4));
      assert.deepEqual([...readFileSync(path)], [4]);
      assert.deepEqual(readdirSync(join(dir, 'sub')), ['p.pb.gz']);
      writeFileSync(join(dir, 'file'), 'x');
      await assert.rejects(writeFileAtomic(join(dir, 'file', 'nested'), Uint8Array.of(1)),
        (e: unknown) => isPprofError(e) && e.code === 'io');
      mkdirSync(join(dir, 'folder'));
      const url = new URL('http://127.0.0.1:6060/debug/pprof/goroutine?debug=2');
      const when = new Date('2024-01-02T03:04:05.678Z');
      assert.equal(defaultProfileFileName(url, 'goroutine', when), 'pprof.127.0.0.1_6060.goroutine.20240102T030405Z.debug2.txt');
      assert.equal(await resolveSavePath(join(dir, 'folder'), url, 'goroutine', when),
        join(dir, 'folder', 'pprof.127.0.0.1_6060.goroutine.20240102T030405Z.debug2.txt'));
      assert.equal(await resolveSavePath(join(dir, 'x.pb.gz'), url, 'goroutine', when), join(dir, 'x.pb.gz'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
