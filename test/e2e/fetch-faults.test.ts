/**
 * Every network fault of `pprof-ts top <url>` and `capture` against a
 * misbehaving loopback server: each gives one `pprof-ts: <message>` line and
 * a non-zero exit within its timeout, and never leaves a file behind. Also
 * https (self-signed, --insecure), headers, Ctrl-C, and a capture where some
 * kinds fail.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess, type CliResult } from '../helpers/cli.js';
import { BIN, ROOT } from '../helpers/paths.js';
import { closedPort, startFaultServer, type FaultServer } from '../helpers/fault-server.js';
import { hasOpenssl, selfSignedCert } from '../helpers/tls.js';
import { requireTool } from '../helpers/tools.js';
import { fetchProfile } from '../../src/fetch/fetch.js';
import { isPprofError } from '../../src/errors.js';
import type { CaptureManifest } from '../../src/fetch/capture.js';

let server: FaultServer;
let work: string;

before(async () => {
  server = await startFaultServer();
  work = mkdtempSync(join(tmpdir(), 'pprof-ts-faults-'));
});
after(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

/** Runs the CLI in-process and checks the one-line failure contract. */
async function failing(args: string[], maxMs = 5000): Promise<CliResult & { ms: number }> {
  const t0 = Date.now();
  const r = await runInProcess([...args, '--quiet']);
  const ms = Date.now() - t0;
  assert.notEqual(r.code, 0, `expected failure, got: ${r.stdout}`);
  assert.match(r.stderr, /^pprof-ts: [^\n]+\n$/, `one line on stderr, got ${JSON.stringify(r.stderr)}`);
  assert.equal(r.stdout, '');
  assert.ok(ms < maxMs, `took ${ms} ms`);
  return { ...r, ms };
}

describe('fetch faults', () => {
  test('connection refused', async () => {
    const port = await closedPort();
    const r = await failing(['top', `http://127.0.0.1:${port}/debug/pprof/heap`]);
    assert.match(r.stderr, /connection refused by 127\.0\.0\.1:\d+/);
  });

  test('DNS failure (reserved .invalid name, refused without a lookup)', async () => {
    const r = await failing(['top', 'http://no-such-daemon.invalid:6060/debug/pprof/heap']);
    assert.equal(r.stderr, 'pprof-ts: cannot resolve host name no-such-daemon.invalid\n');
  });

  test('timeout before any answer', async () => {
    const r = await failing(['top', `${server.base}/hang/debug/pprof/heap`, '--timeout', '0.5'], 3000);
    assert.match(r.stderr, /timed out after 0\.5s fetching .*\/hang\/debug\/pprof\/heap \(before the server answered\)/);
    assert.ok(r.ms >= 450, `gave up too early: ${r.ms} ms`);
  });

  test('timeout mid-body', async () => {
    const r = await failing(['top', `${server.base}/trickle/debug/pprof/heap`, '--timeout', '0.5'], 3000);
    assert.match(r.stderr, /timed out after 0\.5s .*\(after receiving 100 bytes\)/);
  });

  test('server error with the X-Go-Pprof text shown', async () => {
    const r = await failing(['top', `${server.base}/debug/pprof/profile`, '--seconds', '30']);
    assert.equal(r.stderr, `pprof-ts: server error from ${server.base}/debug/pprof/profile?seconds=30: ` +
      `400 Bad Request: profile duration exceeds server's WriteTimeout\n`);
  });

  test('plain 500 and 404', async () => {
    const e500 = await failing(['top', `${server.base}/debug/pprof/crash`]);
    assert.match(e500.stderr, /500 Internal Server Error: internal error$/m);
    const e404 = await failing(['top', `${server.base}/debug/pprof/missing`]);
    assert.match(e404.stderr, /404 Not Found from .*\/debug\/pprof\/missing: the server does not serve this profile \(404 page not found\)/);
  });

  test('an HTML page instead of a profile (with and without Content-Type)', async () => {
    for (const p of ['html', 'html-untyped']) {
      const r = await failing(['top', `${server.base}/debug/pprof/${p}`]);
      assert.match(r.stderr, /returned an HTML page, not a profile/);
    }
  });

  test('body cut off mid-transfer (Content-Length and chunked)', async () => {
    const a = await failing(['top', `${server.base}/debug/pprof/cut`]);
    assert.match(a.stderr, /connection closed mid-transfer by 127\.0\.0\.1:\d+: received 200 of \d+ bytes/);
    const b = await failing(['top', `${server.base}/debug/pprof/cut-chunked`]);
    assert.match(b.stderr, /connection closed mid-transfer by 127\.0\.0\.1:\d+: received 200 bytes/);
  });

  test('redirect loop and endless redirects are capped', async () => {
    const before = server.requests.length;
    const loop = await failing(['top', `${server.base}/loop/a`]);
    assert.match(loop.stderr, /redirect loop fetching .*\/loop\/a: .*\/loop\/b redirects back to .*\/loop\/a/);
    const chain = await failing(['top', `${server.base}/chain/0`]);
    assert.match(chain.stderr, /too many redirects fetching .*\/chain\/0: stopped after 10/);
    assert.ok(server.requests.length - before <= 2 + 11, 'bounded number of requests');
  });

  test('redirects to a profile are followed', async () => {
    const r = await runInProcess(['top', `${server.base}/moved/heap`, '--nodecount', '1', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Type: inuse_space$/m);
  });

  test('body larger than the size limit (Content-Length and streamed)', async () => {
    const a = await failing(['top', `${server.base}/debug/pprof/big`, '--max-bytes', '1000000']);
    assert.match(a.stderr, /exceeds the limit of 1000000 bytes \(Content-Length is 50000000\); raise --max-bytes/);
    const b = await failing(['top', `${server.base}/debug/pprof/big-chunked`, '--max-bytes', '1000000']);
    assert.match(b.stderr, /exceeds the limit of 1000000 bytes \(received more than that\)/);
  });

  test('bad URLs and URL-only flags on files are usage errors', async () => {
    assert.equal((await failing(['top', 'http://[::1'])).code, 2);
    assert.equal((await failing(['top', 'fixtures/profiles/heap.pb.gz', '--seconds', '3'])).code, 2);
    assert.equal((await failing(['top', `${server.base}/debug/pprof/heap`, '--header', 'no colon'])).code, 2);
    assert.equal((await failing(['top', `${server.base}/debug/pprof/heap`, '--seconds', '0'])).code, 2);
  });

  test('bearer token header is sent', async () => {
    const denied = await failing(['top', `${server.base}/auth/debug/pprof/heap`]);
    assert.match(denied.stderr, /401 Unauthorized: missing or wrong token/);
    const r = await runInProcess(['top', `${server.base}/auth/debug/pprof/heap`, '--header', 'Authorization: Bearer s3cret',
      '--header', 'X-Extra: 1', '--nodecount', '1', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const seen = server.requests.filter((q) => q.url === '/auth/debug/pprof/heap').at(-1)!;
    assert.equal(seen.headers['x-extra'], '1');
  });

  test('fetchProfile reports faults as PprofError codes and saves nothing', async () => {
    const save = join(work, 'never.pb.gz');
    const cases: Array<[string, string]> = [
      [`${server.base}/debug/pprof/cut`, 'fetch'], [`${server.base}/debug/pprof/missing`, 'http'],
      [`${server.base}/debug/pprof/big`, 'too-large'], [`${server.base}/hang/x`, 'timeout'],
    ];
    for (const [url, code] of cases) {
      await assert.rejects(fetchProfile(url, { save, timeoutSeconds: 0.3, maxDecompressedBytes: 1_000_000 }),
        (e: unknown) => isPprofError(e) && e.code === code);
    }
    assert.deepEqual(readdirSync(work), []);
    const ac = new AbortController();
    const p = fetchProfile(`${server.base}/hang/y`, { save, signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    await assert.rejects(p, (e: unknown) => isPprofError(e) && e.code === 'interrupted');
  });
});

describe('capture with failing kinds', () => {
  test('failures are recorded, the rest completes, exit code says so', async () => {
    const out = join(work, 'cap');
    const r = await runInProcess(['capture', `${server.base}/partial/debug/pprof/`, '--out', out, '--seconds', '1', '--quiet']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^pprof-ts: capture: 3 of 10 profiles failed; see .*manifest\.json\n$/);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as CaptureManifest;
    const byKind = new Map(m.targets[0]!.entries.map((e) => [e.kind, e]));
    assert.equal(byKind.get('block')!.status, 404);
    assert.match(byKind.get('block')!.error!.message, /Unknown profile/);
    assert.equal(byKind.get('mutex')!.status, 500);
    assert.match(byKind.get('threadcreate')!.error!.message, /HTML page/);
    assert.equal(byKind.get('heap')!.ok, true);
    assert.equal(byKind.get('heap')!.sha256!.length, 64);
    assert.deepEqual(readdirSync(out).sort(), ['allocs.pb.gz', 'cmdline.txt', 'cpu.pb.gz', 'goroutine.debug1.txt',
      'goroutine.debug2.txt', 'goroutine.pb.gz', 'heap.pb.gz', 'manifest.json']);
    assert.match(r.stdout, /block +FAILED  failed: server error/);
  });
});

describe('https', { skip: requireTool('openssl', hasOpenssl()) }, () => {
  let tlsServer: FaultServer;
  before(async () => { tlsServer = await startFaultServer(selfSignedCert()); });
  after(async () => { await tlsServer.close(); });

  test('self-signed certificate is refused, then accepted with --insecure', async () => {
    const url = `${tlsServer.base}/auth/debug/pprof/heap`;
    const refused = await failing(['top', url]);
    assert.match(refused.stderr, /TLS certificate of 127\.0\.0\.1:\d+ is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\); pass --insecure/);
    const r = await runInProcess(['top', url, '--insecure', '--header', 'Authorization: Bearer s3cret', '--nodecount', '2', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Type: inuse_space$/m);
  });

  test('plain http against an https port fails clearly', async () => {
    const r = await failing(['top', `${tlsServer.base.replace('https:', 'http:')}/debug/pprof/heap`]);
    assert.match(r.stderr, /^pprof-ts: /);
  });
});

describe('Ctrl-C', () => {
  /** Spawns the real CLI, sends SIGINT once the server has the request, resolves with the result. */
  async function interrupt(args: string[], prefix: string): Promise<CliResult> {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number>((resolve) => child.on('exit', (code, sig) => resolve(code ?? (sig === null ? -1 : 128))));
    try {
      await server.waitFor(prefix, 10_000);
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      const code = await exited;
      clearTimeout(timer);
      return { stdout, stderr, code };
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }

  test('top: exit 130, one line, no partial file', async () => {
    const dir = join(work, 'ctrlc');
    const r = await interrupt(['top', `${server.base}/hang/debug/pprof/profile`, '--seconds', '30', '--save', join(dir, 'cpu.pb.gz')],
      '/hang/debug/pprof/profile');
    assert.equal(r.code, 130);
    assert.match(r.stderr, /^pprof-ts: interrupted while fetching .*\/hang\/debug\/pprof\/profile\?seconds=30\n$/);
    assert.equal(existsSync(dir) ? readdirSync(dir).length : 0, 0);
  });

  test('capture: exit 130, manifest records what happened', async () => {
    const out = join(work, 'ctrlc-capture');
    const r = await interrupt(['capture', `${server.base}/hang/debug/pprof/`, '--out', out, '--seconds', '30', '--quiet'],
      '/hang/debug/pprof/profile');
    assert.equal(r.code, 130);
    assert.match(r.stderr, /^pprof-ts: capture interrupted; what completed is listed in .*manifest\.json\n$/);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as CaptureManifest;
    assert.equal(m.summary.interrupted, true);
    assert.ok(m.targets[0]!.entries.every((e) => !e.ok && e.error?.code === 'interrupted'));
    assert.deepEqual(readdirSync(out), ['manifest.json']);
  });
});
