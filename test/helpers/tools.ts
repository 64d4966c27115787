/**
 * Detection of external tools (Go, Chromium) for tests that need them.
 * A test that cannot run says why on stdout and is reported as skipped;
 * in CI (CI=true) a missing tool is an error instead, so it cannot pass by skipping.
 */

import { spawnSync } from 'node:child_process';

/** The `go version` line, or null when Go is not installed. */
export function goVersion(): string | null {
  const r = spawnSync('go', ['version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * Returns a skip reason for node:test (`{ skip: reason }`) when `tool` is
 * missing outside CI; throws in CI, where every tool must be installed.
 */
export function requireTool(tool: string, present: boolean): string | false {
  if (present) return false;
  const reason = `${tool} is not installed; install it (see .ci/run) to run this test`;
  if (process.env.CI === 'true') throw new Error(`CI: ${reason}`);
  process.stdout.write(`# skipped: ${reason}\n`);
  return reason;
}
