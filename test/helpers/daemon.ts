/**
 * The fixture Go daemon (fixtures/daemon) for end-to-end fetch tests: built
 * once into a temp folder keyed by its source and the Go version (so reruns
 * reuse it), started on a free loopback port, and stopped by its handle.
 */

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths.js';

const SRC = join(ROOT, 'fixtures', 'daemon');

/** Builds (or reuses) the daemon binary; returns its path. Throws with Go's output on failure. */
export function buildDaemon(goVersionLine: string): string {
  const hash = createHash('sha256')
    .update(readFileSync(join(SRC, 'main.go'))).update(readFileSync(join(SRC, 'go.mod'))).update(goVersionLine)
    .digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `pprof-ts-fixturedaemon-${hash}`);
  const bin = join(dir, 'fixturedaemon');
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  // Built under a unique name and renamed, so concurrent test files never run a half-written binary.
  const tmp = join(dir, `fixturedaemon.${process.pid}.tmp`);
  const r = spawnSync('go', ['build', '-o', tmp, '.'], {
    cwd: SRC, encoding: 'utf8', timeout: 120_000, env: { ...process.env, GOPROXY: 'off', GOFLAGS: '' },
  });
  if (r.status !== 0) throw new Error(`go build fixtures/daemon failed: ${r.stderr || r.error?.message}`);
  renameSync(tmp, bin);
  return bin;
}

/** A running daemon. */
export interface Daemon {
  /** `http://127.0.0.1:PORT` */
  base: string;
  /** Stops the daemon (SIGTERM, then SIGKILL after 3 s) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts the daemon on a free loopback port and waits (at most 10 s) for its
 * `listening on` line. `extraArgs` are daemon flags, e.g. `['-leak', '50']`.
 */
export async function startDaemon(bin: string, extraArgs: readonly string[] = []): Promise<Daemon> {
  const child = spawn(bin, ['-addr', '127.0.0.1:0', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = (): Promise<void> => stopChild(child);
  try {
    const addr = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      const timer = setTimeout(() => reject(new Error(`daemon did not report its address in 10 s: ${err}`)), 10_000);
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^listening on (127\.0\.0\.1:\d+)$/m.exec(out);
        if (m !== null) { clearTimeout(timer); resolve(m[1]!); }
      });
      child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
      child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`daemon exited early (${code}): ${err}`)); });
    });
    return { base: `http://${addr}`, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Stops one child process by its handle, escalating to SIGKILL if it lingers. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}
