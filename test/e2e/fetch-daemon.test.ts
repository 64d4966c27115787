/**
 * End to end against the real fixture Go daemon (net/http/pprof on a free
 * loopback port): profiles fetched by URL and analysed (cpu, heap,
 * goroutine, delta heap), `--save`, the `fetchProfile` API, and a capture
 * bundle of two daemons at once. Skipped with a printed reason without Go
 * (an error in CI).
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../helpers/cli.js';
import { goVersion, requireTool } from '../helpers/tools.js';
import { buildDaemon, startDaemon, type Daemon } from '../helpers/daemon.js';
import { fetchProfile } from '../../src/fetch/fetch.js';
import { parseProfile } from '../../src/parse.js';
import type { CaptureManifest } from '../../src/fetch/capture.js';

const go = goVersion();

describe('live fixture daemon', { skip: requireTool('go', go !== null) }, () => {
  const daemons: Daemon[] = [];
  let work: string;

  before(async () => {
    const bin = buildDaemon(go!);
    daemons.push(await startDaemon(bin), await startDaemon(bin));
    work = mkdtempSync(join(tmpdir(), 'pprof-ts-daemon-'));
  });
  after(async () => {
    await Promise.all(daemons.map((d) => d.stop()));
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  test('cpu profile with --seconds 1 from a bare /debug/pprof/ URL', async () => {
    const r = await runInProcess(['top', `${daemons[0]!.base}/debug/pprof/`, '--seconds', '1', '--nodecount', '5', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Type: cpu$/m);
    assert.match(r.stdout, /^Duration: 1\.\d+s, Total samples = /m);
    assert.match(r.stdout, /main\./);
  });

  test('heap and goroutine profiles', async () => {
    const heap = await runInProcess(['top', `${daemons[0]!.base}/debug/pprof/heap`, '--sample-index', 'inuse_space', '--quiet']);
    assert.equal(heap.code, 0, heap.stderr);
    assert.match(heap.stdout, /^Type: inuse_space$/m);
    assert.match(heap.stdout, /main\.newConntrack/);
    const gr = await runInProcess(['top', `${daemons[0]!.base}/debug/pprof/goroutine`, '--json', '--quiet']);
    assert.equal(gr.code, 0, gr.stderr);
    assert.ok(Array.isArray((JSON.parse(gr.stdout) as { rows: unknown[] }).rows));
  });

  test('delta heap with --seconds 1, saved atomically and re-readable', async () => {
    const dir = join(work, 'saved') + '/';
    const r = await runInProcess(['top', `${daemons[0]!.base}/debug/pprof/heap`, '--seconds', '1', '--save', dir, '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const files = readdirSync(dir);
    assert.equal(files.length, 1);
    assert.match(files[0]!, /^pprof\.127\.0\.0\.1_\d+\.heap\.\d{8}T\d{6}Z\.pb\.gz$/);
    const again = await runInProcess(['top', join(dir, files[0]!)]);
    assert.equal(again.stdout, r.stdout);
    const profile = parseProfile(readFileSync(join(dir, files[0]!)));
    assert.ok(profile.durationNanos >= 1_000_000_000n, `delta window ${profile.durationNanos}`);
  });

  test('fetchProfile returns the parsed profile and the raw bytes', async () => {
    const file = join(work, 'api', 'goroutine.pb.gz');
    const got = await fetchProfile(`${daemons[1]!.base}/debug/pprof/goroutine`, { save: file });
    assert.equal(got.kind, 'goroutine');
    assert.equal(got.savedTo, file);
    assert.deepEqual(readFileSync(file), Buffer.from(got.bytes));
    assert.equal(got.profile.sampleTypes[0]!.type, 'goroutine');
  });

  test('capture two daemons at once: subfolders, manifest, sha256', async () => {
    const out = join(work, 'bundle');
    const targets = join(work, 'targets.txt');
    writeFileSync(targets, `# two daemons\n${daemons[1]!.base}/debug/pprof/\n`);
    const r = await runInProcess(['capture', daemons[0]!.base, '--targets', targets, '--out', out,
      '--seconds', '1', '--concurrency', '3', '--quiet']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as CaptureManifest;
    assert.equal(m.targets.length, 2);
    assert.deepEqual(m.summary, { ok: 20, failed: 0, interrupted: false });
    for (const t of m.targets) {
      assert.match(t.dir, /^127\.0\.0\.1_\d+$/);
      for (const e of t.entries) {
        const bytes = readFileSync(join(out, e.file!));
        assert.equal(e.status, 200);
        assert.equal(e.bytes, bytes.length);
        assert.equal(e.sha256, createHash('sha256').update(bytes).digest('hex'));
        if (e.file!.endsWith('.pb.gz')) parseProfile(bytes);
      }
      const cpu = t.entries.find((e) => e.kind === 'cpu')!;
      assert.match(cpu.url, /\/debug\/pprof\/profile\?seconds=1$/);
      const text = readFileSync(join(out, t.dir, 'goroutine.debug2.txt'), 'utf8');
      assert.match(text, /^goroutine \d+ \[/m);
    }
    assert.match(r.stdout, /20 ok, 0 failed; manifest: /);
  });
});
