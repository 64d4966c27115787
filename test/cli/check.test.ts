/**
 * `pprof-ts check` and `pprof-ts diff BASE NEW` through the built binary on
 * the real fixtures: exit codes 0 / 1 / 2, error messages naming rule and
 * field, and the four output formats.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROFILES } from '../helpers/paths.js';
import { runBin } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-check-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function budget(name: string, rules: object[]): string {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify({ rules }));
  return p;
}

const CPU = join(PROFILES, 'cpu.pb.gz');
const DUMP = join(PROFILES, 'goroutine.debug2.txt');

test('check passes (exit 0) and fails (exit 1) with the value, limit and top contributors', () => {
  const ok = budget('ok.json', [
    { name: 'lookup', kind: 'share', sampleType: 'cpu', select: { function: 'main.(*trieNode).lookup' }, max: 0.5 },
    { name: 'total', kind: 'total', sampleType: 'cpu', max: '3s' },
    { name: 'count', kind: 'goroutines', max: 100 },
  ]);
  const pass = runBin(['check', CPU, DUMP, '--budget', ok]);
  assert.equal(pass.code, 0, pass.stderr);
  assert.match(pass.stdout, /^pprof-ts check: PASS\n/);
  assert.match(pass.stdout, /ok +lookup +\S+cpu\.pb\.gz +flat 36\.52% +<= 50\.00%/);

  const bad = budget('bad.json', [
    { name: 'nat', kind: 'share', sampleType: 'cpu', select: { functionRegex: 'natPass' }, metric: 'cum', max: 0.05 },
    { name: 'parked', kind: 'goroutine-wait', maxGroup: 2, minWait: '1m' },
  ]);
  const fail = runBin(['check', CPU, DUMP, '--budget', bad]);
  assert.equal(fail.code, 1, fail.stderr);
  assert.match(fail.stdout, /FAIL +nat .* cum 13\.04% +<= 5\.00% +function \/natPass\/: top: runtime\.mapaccess2_fast32 180ms \(7\.83%\)/);
  assert.match(fail.stdout, /FAIL +parked .*8 x main\.\(\*workerPool\)\.worker \[chan receive\]/);

  const md = runBin(['check', CPU, DUMP, '--budget', bad, '--format', 'markdown']);
  assert.match(md.stdout, /^### ❌ pprof-ts check: FAIL\n\n\| status \| rule \|/);
  const junit = runBin(['check', CPU, DUMP, '--budget', bad, '--format', 'junit']);
  assert.match(junit.stdout, /<testsuite name="pprof-ts check" tests="2" failures="2"/);
  const json = JSON.parse(runBin(['check', CPU, DUMP, '--budget', bad, '--format', 'json']).stdout) as { results: { ok: boolean }[] };
  assert.deepEqual(json.results.map((r) => r.ok), [false, false]);
});

test('check: bad budgets and missing names exit 2 naming the rule and field', () => {
  const cases: [object[], RegExp][] = [
    [[{ name: 'x', kind: 'share', select: { function: 'main.f' }, max: 2 }], /budget rule 1 \("x"\): field "max"/],
    [[{ name: 'typo', kind: 'share', sampleType: 'cpu', select: { function: 'runtime.mapaccess2_fast3' }, max: 0.1 }],
      /budget rule "typo" on .*cpu\.pb\.gz: no function matches function 'runtime\.mapaccess2_fast3'; did you mean runtime\.mapaccess2_fast32/],
    [[{ name: 'heap', kind: 'total', sampleType: 'inuse_space', max: '1MB' }], /budget rule "heap": applies to none of the inputs/],
    [[{ name: 'mb', kind: 'total', sampleType: 'cpu', max: '1MB' }], /budget rule "mb" on .*: max: cannot express MB in "nanoseconds"/],
  ];
  for (const [rules, re] of cases) {
    const r = runBin(['check', CPU, '--budget', budget('b.json', rules)]);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, re);
  }
  assert.equal(runBin(['check', CPU]).code, 2);
});

test('new-functions rule against a baseline next to the budget', () => {
  copyFileSync(join(PROFILES, 'gate', 'base-a', 'cpu-1.pb.gz'), join(dir, 'base.pb.gz'));
  const b = budget('new.json', [{ name: 'new', kind: 'new-functions', baseline: 'base.pb.gz', maxShare: 0.002 }]);
  const r = runBin(['check', CPU, '--budget', b]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /FAIL +new .* \d+ new, largest \S+ \d+\.\d+%/);
  const same = budget('same.json', [{ name: 'new', kind: 'new-functions', baseline: CPU, maxShare: 0 }]);
  assert.equal(runBin(['check', CPU, '--budget', same]).code, 0);
});

test('diff BASE NEW: exit 1 on a regression, 0 without', () => {
  const gate = join(PROFILES, 'gate');
  const r = runBin(['diff', join(gate, 'base-a', 'cpu-1.pb.gz'), join(gate, 'slow', 'cpu-1.pb.gz'), '--threshold', '1']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^pprof-ts diff: FAIL\n.*\nREGRESSION +main\.\(\*planner\)\.paths/);
  const same = runBin(['diff', CPU, CPU]);
  assert.equal(same.code, 0);
  assert.match(same.stdout, /0 regression\(s\)/);
  assert.equal(runBin(['diff', CPU]).code, 2);
});
