/**
 * Runs the CLI, in-process (fast, for many golden cases) or as the real
 * `bin/pprof-ts` child process (for snapshot tests of the shipped binary).
 */

import { spawnSync } from 'node:child_process';
import { run } from '../../src/cli/main.js';
import { BIN, ROOT } from './paths.js';

/** What a CLI run produced. */
export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs `pprof-ts ...args` in this process. */
export async function runInProcess(args: readonly string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(['node', 'pprof-ts', ...args], {
    stdout: (s) => { stdout += s; },
    stderr: (s) => { stderr += s; },
  });
  return { stdout, stderr, code };
}

/** Runs the built `bin/pprof-ts ...args` as a child process from the repository root. */
export function runBin(args: readonly string[], input?: Uint8Array): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT, encoding: 'utf8', input, env: { ...process.env, TZ: 'UTC' }, timeout: 60_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}
