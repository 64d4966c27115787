/**
 * The multi-run regression gate on real captures of the fixture daemon
 * (fixtures/profiles/gate, made by fixtures/capture-gate.sh): two sets of the
 * unchanged daemon pass in both directions, and the -slow-planner set is
 * flagged for main.(*planner).paths and nothing else, against either base
 * set. Also runs the built CLI for the exit codes and formats.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadProfile } from '../../src/parse.js';
import { gateRuns } from '../../src/gate/runs.js';
import { PROFILES } from '../helpers/paths.js';
import { runBin } from '../helpers/cli.js';

const GATE = join(PROFILES, 'gate');

async function set(name: string) {
  const files = readdirSync(join(GATE, name)).filter((f) => f.endsWith('.pb.gz')).sort();
  assert.ok(files.length >= 8, `${name} has ${files.length} runs`);
  return Promise.all(files.map((f) => loadProfile(join(GATE, name, f))));
}

test('two sets of the unchanged daemon pass, both ways', async () => {
  const a = await set('base-a');
  const b = await set('base-b');
  for (const [x, y] of [[a, b], [b, a]] as const) {
    const r = gateRuns(x, y);
    assert.equal(r.verdict, 'PASS', r.functions.filter((f) => f.verdict === 'FAIL').map((f) => f.name).join(', '));
    assert.equal(r.reason, '');
    assert.ok(r.functions.length >= 5, 'the family is not empty');
  }
});

test('the slowed function is flagged, and only it, against either base set', async () => {
  const slow = await set('slow');
  for (const base of ['base-a', 'base-b']) {
    const r = gateRuns(await set(base), slow);
    assert.equal(r.verdict, 'FAIL');
    const failed = r.functions.filter((f) => f.verdict === 'FAIL');
    assert.deepEqual(failed.map((f) => f.name), ['main.(*planner).paths'], base);
    const f = failed[0]!;
    assert.ok(f.q <= 0.05 && f.ci[0] > 0, `${base}: q=${f.q} ci=${f.ci.join('..')}`);
    assert.ok(f.newMean > 5 * f.baseMean, 'a clear rise');
  }
});

test('with cum, the regression also shows in its callers, as documented', async () => {
  const r = gateRuns(await set('base-a'), await set('slow'), { metric: 'cum' });
  const failed = new Set(r.functions.filter((f) => f.verdict === 'FAIL').map((f) => f.name));
  assert.ok(failed.has('main.(*planner).paths'));
  assert.ok(failed.has('main.(*policyEngine).recompile'));
});

test('two runs a side cannot detect anything: INCONCLUSIVE with the reason', async () => {
  const a = (await set('base-a')).slice(0, 2);
  const s = (await set('slow')).slice(0, 2);
  const r = gateRuns(a, s);
  assert.equal(r.verdict, 'INCONCLUSIVE');
  assert.match(r.reason, /smallest possible p-value is 0\.167/);
});

test('CLI: exit 0 / 1 / 3, JUnit and JSON output', () => {
  const base = join(GATE, 'base-a', '*.pb.gz');
  const pass = runBin(['diff', '--base-runs', base, '--new-runs', join(GATE, 'base-b', '*.pb.gz')]);
  assert.equal(pass.code, 0, pass.stderr);
  assert.match(pass.stdout, /^pprof-ts diff \(runs\): PASS/);
  const fail = runBin(['diff', '--base-runs', base, '--new-runs', join(GATE, 'slow', '*.pb.gz'), '--format', 'junit']);
  assert.equal(fail.code, 1, fail.stderr);
  assert.match(fail.stdout, /<testcase classname="pprof-ts diff \(runs\)" name="main.\(\*planner\).paths">\n\s+<failure/);
  assert.equal((fail.stdout.match(/<failure/g) ?? []).length, 1);
  const json = runBin(['diff', '--base-runs', join(GATE, 'base-a', 'cpu-1.pb.gz'), '--base-runs', join(GATE, 'base-a', 'cpu-2.pb.gz'),
    '--new-runs', join(GATE, 'slow', 'cpu-[12].pb.gz'), '--format', 'json']);
  assert.equal(json.code, 3, json.stderr);
  const body = JSON.parse(json.stdout) as { verdict: string; gate: { baseRuns: number; newRuns: number } };
  assert.equal(body.verdict, 'INCONCLUSIVE');
  assert.equal(body.gate.newRuns, 2);
  const usage = runBin(['diff', '--base-runs', join(GATE, 'nope', '*.pb.gz'), '--new-runs', base]);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--base-runs: (.* matches no file|cannot read folder)/);
});
