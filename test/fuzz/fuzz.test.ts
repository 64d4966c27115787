/**
 * The fuzz target in CI: a fixed slice of the deterministic mutator's inputs
 * (test/fuzz/mutate.ts) through parse and every report (test/fuzz/runner.ts),
 * in child processes with a heap limit (--max-old-space-size=512) and a
 * timeout, so a hang or runaway memory fails the test instead of the runner.
 * PPROF_FUZZ_ITERATIONS (default 200) and PPROF_FUZZ_SEED (default 1) run it
 * longer or elsewhere; see "Fuzzing" in README.md.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUNNER = fileURLToPath(new URL('./runner.js', import.meta.url));
const ITERATIONS = Number(process.env.PPROF_FUZZ_ITERATIONS ?? 200);
const SEED = Number(process.env.PPROF_FUZZ_SEED ?? 1);
const BATCH = 100;
/** Wall-clock bound of one batch: generous, only a hang can reach it (CPU per input is bounded in the runner). */
const BATCH_TIMEOUT_MS = Number(process.env.PPROF_FUZZ_BATCH_TIMEOUT_MS ?? 600_000);

interface Line { start?: number; fail?: string; n?: number; from?: string; steps?: string[]; done?: boolean }

function runBatch(first: number, count: number): string[] {
  const r = spawnSync(process.execPath, ['--max-old-space-size=512', RUNNER, '--run', String(SEED), String(first), String(count)],
    { encoding: 'utf8', timeout: BATCH_TIMEOUT_MS, maxBuffer: 64 << 20 });
  const lines = r.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Line);
  const findings = lines.filter((l) => l.fail !== undefined)
    .map((l) => `input ${l.n} (from ${l.from}: ${l.steps!.join('; ')}): ${l.fail}`);
  if (!lines.some((l) => l.done === true)) {
    const last = [...lines].reverse().find((l) => l.start !== undefined)?.start;
    const why = r.signal !== null ? `killed by ${r.signal} (hang or timeout)` : `exited with ${r.status} (out of memory or crash)`;
    findings.push(`input ${last} ${why}: ${r.stderr.slice(-1500)}`);
  }
  return findings.map((f) => `${f}\n  reproduce: node dist/test/fuzz/runner.js --run ${SEED} ${f.match(/^input (\d+)/)?.[1] ?? first} 1`);
}

test(`fuzz: ${ITERATIONS} mutated inputs (seed ${SEED}) through parse and every report`, { timeout: 0 }, () => {
  const findings: string[] = [];
  for (let first = 0; first < ITERATIONS; first += BATCH) {
    findings.push(...runBatch(first, Math.min(BATCH, ITERATIONS - first)));
  }
  assert.deepEqual(findings, []);
});
