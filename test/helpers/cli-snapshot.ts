/**
 * Snapshots of the built binary: `pprof-ts <args>` run as a child process,
 * its command, exit code, stdout and stderr compared with
 * test/golden/cli/<name>.json. A missing snapshot is recorded (and fails under
 * CI=true); `UPDATE_GOLDEN=1` re-records them.
 */

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN } from './paths.js';
import { runBin, type CliResult } from './cli.js';

/** What a snapshot file holds. */
export interface Snapshot {
  command: string;
  exitCode: number;
  stdout: string;
  stderr: string;
}

const DIR = join(GOLDEN, 'cli');

/** Runs `pprof-ts ...args`, asserts it equals snapshot `name`, and returns the run for further checks. */
export function assertCliSnapshot(name: string, args: readonly string[]): CliResult {
  const r = runBin(args);
  const actual: Snapshot = { command: `pprof-ts ${args.join(' ')}`, exitCode: r.code, stdout: r.stdout, stderr: r.stderr };
  const path = join(DIR, `${name}.json`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.CI === 'true' && process.env.UPDATE_GOLDEN !== '1') assert.fail(`missing snapshot ${path}`);
    mkdirSync(DIR, { recursive: true });
    writeFileSync(path, JSON.stringify(actual, null, 2) + '\n');
  }
  assert.deepEqual(actual, JSON.parse(readFileSync(path, 'utf8')) as Snapshot);
  return r;
}
