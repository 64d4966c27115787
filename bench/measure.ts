/**
 * Process measurement for the benchmark: runs one command as a child process
 * and returns its whole-process wall time (startup included, timed in this
 * process), its peak RSS and what it printed.
 *
 * Peak RSS (and CPU time) come from GNU time (`/usr/bin/time -f '%e %M %U %S'`) when it is
 * installed. Without it, node children are started with a preload
 * (rss-hook.js) that reports process.resourceUsage().maxRSS, and other
 * programs (go) get an unknown RSS. Each child runs in its own process group
 * so a timeout kills the whole tree.
 */

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GNU_TIME = '/usr/bin/time';

/**
 * True when GNU time with `-f` / `-o` support is installed (BENCH_NO_GNU_TIME=1
 * pretends it is not, to exercise the fallback).
 */
export function hasGnuTime(): boolean {
  if (process.env['BENCH_NO_GNU_TIME'] === '1' || !existsSync(GNU_TIME)) return false;
  const r = spawnSync(GNU_TIME, ['-f', '%e %M', 'true'], { encoding: 'utf8' });
  return r.status === 0 && /^\d+(\.\d+)? \d+\s*$/m.test(r.stderr);
}

/** The `go` version string, or null when go is not on PATH. */
export function goVersion(): string | null {
  const r = spawnSync('go', ['version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** A command to measure. */
export interface Command {
  /** Executable: `node` commands get the RSS preload when GNU time is missing. */
  cmd: string;
  args: string[];
  /** Send stdout to /dev/null instead of capturing it. */
  discardStdout?: boolean;
  /** Send stdout to this file instead (wins over discardStdout). */
  stdoutFile?: string;
  /** Kill the process group after this many milliseconds. */
  timeoutMs?: number;
  /** Extra environment variables. */
  env?: Record<string, string>;
}

/** Outcome of one measured run. */
export interface RunResult {
  ok: boolean;
  /** 'ok', 'timeout', 'oom' or 'exit <code>' / 'signal <name>'. */
  status: string;
  wallMs: number;
  /** Peak RSS in KiB, null when unknown. */
  rssKb: number | null;
  /** User + system CPU time (GNU time only; includes all threads), null when unknown. */
  cpuMs: number | null;
  stdout: string;
  stderr: string;
}

const rssHook = fileURLToPath(new URL('./rss-hook.js', import.meta.url));

/** Process groups of running children, killed if the runner is interrupted. */
const live = new Set<number>();
process.once('SIGINT', () => {
  for (const pid of live) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  process.exit(130);
});

/** Runs `c` once and measures it. */
export async function measure(c: Command, gnuTime: boolean): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-bench-'));
  const rssFile = join(dir, 'rss');
  let file = c.cmd;
  let args = c.args;
  const env = { ...process.env, ...c.env };
  if (gnuTime) {
    file = GNU_TIME;
    args = ['-f', '%e %M %U %S', '-o', rssFile, c.cmd, ...c.args];
  } else if (c.cmd === 'node' || c.cmd === process.execPath) {
    args = ['--import', rssHook, ...c.args];
    env['BENCH_RSS_FILE'] = rssFile;
  }
  const devnull = c.stdoutFile !== undefined ? openSync(c.stdoutFile, 'w')
    : c.discardStdout === true ? openSync('/dev/null', 'w') : null;
  const started = process.hrtime.bigint();
  const child = spawn(file, args, { env, detached: true, stdio: ['ignore', devnull ?? 'pipe', 'pipe'] });
  if (child.pid !== undefined) live.add(child.pid);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => { if (stderr.length < 1 << 16) stderr += d; });
  let timedOut = false;
  const timer = c.timeoutMs === undefined ? null : setTimeout(() => {
    timedOut = true;
    try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
  }, c.timeoutMs);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve([code, signal]));
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.pid !== undefined) live.delete(child.pid);
  if (timer !== null) clearTimeout(timer);
  if (devnull !== null) closeSync(devnull);

  let rssKb: number | null = null;
  let cpuMs: number | null = null;
  let exitCode = code;
  try {
    const text = readFileSync(rssFile, 'utf8');
    if (gnuTime) {
      // GNU time writes "Command exited with non-zero status N" before the format line.
      const m = /(\d+(?:\.\d+)?) (\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)\s*$/.exec(text);
      if (m !== null) {
        rssKb = Number(m[2]);
        cpuMs = (Number(m[3]) + Number(m[4])) * 1000;
      }
      const st = /non-zero status (\d+)/.exec(text);
      if (st !== null) exitCode = Number(st[1]);
      const sig = /terminated by signal (\d+)/.exec(text);
      if (sig !== null) exitCode = 128 + Number(sig[1]);
    } else {
      rssKb = Number(text.trim());
    }
  } catch { /* no report: killed, or not a node child without GNU time */ }
  rmSync(dir, { recursive: true, force: true });

  let status = 'ok';
  if (timedOut) status = 'timeout';
  else if (/heap out of memory|Allocation failed|Invalid array length|Array buffer allocation failed/i.test(stderr)) status = 'oom';
  else if (signal !== null) status = `signal ${signal}`;
  else if (exitCode !== 0) status = `exit ${exitCode}`;
  return { ok: status === 'ok', status, wallMs, rssKb, cpuMs, stdout, stderr };
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >>> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
