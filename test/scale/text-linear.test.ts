/**
 * Every text reader runs in linear time: each adversarial input of
 * test/helpers/text-adversarial.ts (long runs of spaces, tabs, digits, `@`,
 * unterminated lines, 10^5 empty records, huge label maps) is read at 1 MB
 * and at 2 MB in a child process, and the CPU time of the larger may be
 * at most 3.2 times that of the smaller (linear gives 2, quadratic 4). Not a
 * wall-clock bound: only the ratio of two sizes counts, and times under 20 ms
 * count as 20 ms so noise on tiny runs cannot fail it. A super-linear reader
 * (the old record regex) does not finish a 1 MB line at all: the child's
 * timeout catches that. Every outcome must be a profile or a PprofError
 * other than 'internal'.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { adversarialCases } from '../helpers/text-adversarial.js';

const PROBE = fileURLToPath(new URL('../helpers/text-adversarial.js', import.meta.url));
const SMALL = 1_000_000;
const FLOOR_MICROS = 20_000;
const MAX_RATIO = 3.2;

interface Probe { name: string; bytes: number; micros: number; outcome: string }

function probe(size: number, only?: string): Map<string, Probe> {
  const args = [PROBE, '--probe', String(size), ...(only === undefined ? [] : [only])];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 180_000, maxBuffer: 1 << 20 });
  const lines = r.stdout.trim() === '' ? [] : r.stdout.trim().split('\n');
  const done = new Map(lines.map((l) => { const p = JSON.parse(l) as Probe; return [p.name, p]; }));
  if (r.status !== 0) {
    const next = adversarialCases().find((c) => !done.has(c.name) && (only === undefined || c.name === only));
    assert.fail(`reading ${size} bytes of "${next?.name ?? '?'}" ${r.signal !== null ? `did not finish (${r.signal})` : 'threw'}: ${r.stderr.slice(0, 2000)}`);
  }
  return done;
}

test('every text reader is linear in its input (1 MB vs 2 MB of adversarial text)', { timeout: 600_000 }, () => {
  const small = probe(SMALL);
  const large = probe(2 * SMALL);
  const failures: string[] = [];
  for (const c of adversarialCases()) {
    let a = small.get(c.name)!;
    let b = large.get(c.name)!;
    assert.notEqual(a.outcome, 'internal', `${c.name}: internal error`);
    assert.equal(a.outcome, b.outcome, `${c.name}: 1 MB gives ${a.outcome}, 2 MB gives ${b.outcome}`);
    let ratio = b.micros / Math.max(a.micros, FLOOR_MICROS);
    if (ratio > MAX_RATIO) {
      // One retry for a busy machine: a real super-linear case fails again.
      a = probe(SMALL, c.name).get(c.name)!;
      b = probe(2 * SMALL, c.name).get(c.name)!;
      ratio = b.micros / Math.max(a.micros, FLOOR_MICROS);
    }
    if (ratio > MAX_RATIO) failures.push(`${c.name}: ${a.micros} µs for ${a.bytes} bytes, ${b.micros} µs for ${b.bytes} bytes`);
  }
  assert.deepEqual(failures, []);
});
