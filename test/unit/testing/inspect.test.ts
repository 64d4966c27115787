/**
 * The assertion query API: exact flat/cum over the whole profile (checked
 * against topTable with nothing trimmed on every real fixture and sample
 * type), selection by function / regex / package / file / label, "did you
 * mean" errors, callers/callees, stacks, packages and unit conversion.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadProfile } from '../../../src/parse.js';
import { topTable } from '../../../src/report/top.js';
import { isPprofError } from '../../../src/errors.js';
import { inspect } from '../../../src/testing/index.js';
import { PROFILES } from '../../helpers/paths.js';
import { profile } from '../../helpers/tiny-profile.js';

const fixtures = readdirSync(PROFILES).filter((f) => f.endsWith('.pb.gz')).sort();

test('every function of every fixture and sample type equals topTable with nothing trimmed', async () => {
  assert.ok(fixtures.length >= 10);
  for (const file of fixtures) {
    const profile = await loadProfile(join(PROFILES, file));
    for (let t = 0; t < profile.sampleTypes.length; t++) {
      const table = topTable(profile, { sampleIndex: t, nodeFraction: 0, nodeCount: 0, edgeFraction: 0 });
      const ins = inspect(profile, { sampleType: t });
      assert.equal(ins.total, table.total, `${file} type ${t} total`);
      const mine = new Map(ins.functions().map((f) => [f.name, f]));
      const rows = table.rows.filter((r) => !(r.flat === 0n && r.cum === 0n));
      for (const r of rows) {
        const m = mine.get(r.name);
        assert.ok(m, `${file} type ${t}: ${r.name} missing`);
        assert.equal(m.flat, r.flat, `${file} type ${t} ${r.name} flat`);
        assert.equal(m.cum, r.cum, `${file} type ${t} ${r.name} cum`);
      }
      assert.equal(ins.functions().filter((f) => f.flat !== 0n || f.cum !== 0n).length, rows.length, `${file} type ${t} row count`);
    }
  }
});

test('focus keeps the whole-profile total and matches topTable --focus', async () => {
  const profile = await loadProfile(join(PROFILES, 'cpu.pb.gz'));
  const ins = inspect(profile, { focus: 'natPass' });
  const table = topTable(profile, { focus: 'natPass', nodeFraction: 0, nodeCount: 0 });
  assert.equal(ins.total, table.total);
  assert.ok(ins.filteredTotal < ins.total && ins.filteredTotal > 0n);
  for (const r of table.rows) {
    if (r.flat === 0n && r.cum === 0n) continue;
    assert.equal(ins.fn(r.name).cum, r.cum, r.name);
  }
});

test('a function below the node fraction still has its exact value', async () => {
  const profile = await loadProfile(join(PROFILES, 'cpu.pb.gz'));
  const trimmed = topTable(profile);
  const ins = inspect(profile);
  const small = ins.functions().find((f) => !trimmed.rows.some((r) => r.name === f.name) && f.cum > 0n);
  assert.ok(small, 'the fixture has a function cut by the node fraction');
  assert.ok(ins.fn(small.name).cumShare > 0);
});

test('a misspelt function is an error naming the closest real ones', async () => {
  const profile = await loadProfile(join(PROFILES, 'cpu.pb.gz'));
  const ins = inspect(profile);
  assert.throws(() => ins.fn('runtime.mapaccess2_fast3'), (e: unknown) => {
    assert.ok(isPprofError(e) && e.code === 'no-match');
    assert.match(e.message, /no function matches function 'runtime\.mapaccess2_fast3'; did you mean runtime\.mapaccess2_fast32/);
    return true;
  });
  assert.throws(() => ins.fn('main.(*trieNode).lokup'), /did you mean main\.\(\*trieNode\)\.lookup/);
  const none = ins.fn('runtime.mapaccess2_fast3', { allowMissing: true });
  assert.equal(none.flat, 0n);
  assert.equal(none.cumShare, 0);
  assert.throws(() => ins.select({ package: 'math/rnd' }), /did you mean math\/rand/);
  assert.throws(() => ins.select({ label: { workload: 'nope' } }), /no sample matches label \{workload: 'nope'\}/);
});

const T = [['cpu', 'nanoseconds']] as const;
const tiny = () => profile({
  types: T, leafFirst: true, files: 'package', line: 10,
  samples: [
    [[10_000_000], 'runtime.mallocgc', 'main.a', 'main.main'],
    [[20_000_000], 'main.b', 'main.a', 'main.a', 'main.main'],
    [[30_000_000], 'encoding/json.Marshal', 'main.b', 'main.main'],
    [[40_000_000], 'main.main'],
  ],
  labels: { 0: { component: 'ipset-calc' }, 2: { component: 'api' } },
});

test('flat, cum (recursion counted once), shares, percentages and units', () => {
  const ins = inspect(tiny());
  assert.equal(ins.total, 100_000_000n);
  const a = ins.fn('main.a');
  assert.equal(a.flat, 0n);
  assert.equal(a.cum, 30_000_000n);
  assert.equal(a.cumShare, 0.3);
  assert.equal(a.cumPercent, 30);
  assert.equal(a.in('ms', 'cum'), 30);
  assert.equal(ins.totalIn('s'), 0.1);
  assert.throws(() => a.in('MB'), (e: unknown) => isPprofError(e) && e.code === 'bad-option');
  assert.deepEqual(ins.select(/^main\.[ab]$/).functions, ['main.a', 'main.b']);
  assert.equal(ins.select(/^main\.[ab]$/).flat, 20_000_000n);
  assert.equal(ins.select(/^main\.[ab]$/).cum, 60_000_000n);
  assert.equal(ins.select({ package: 'encoding/json' }).flatShare, 0.3);
  assert.equal(ins.select({ file: 'runtime/x.go' }).flat, 10_000_000n);
  assert.equal(ins.select({ label: { component: 'ipset-calc' } }).cum, 10_000_000n);
  assert.equal(ins.select({ label: { component: /^(api|ipset-calc)$/ } }).cum, 40_000_000n);
  assert.equal(ins.select({ function: 'main.b', label: { component: 'api' } }).cum, 30_000_000n);
  assert.equal(ins.select({ function: 'main.b', label: { component: 'api' } }).flat, 0n);
});

test('hottest, callers, callees, stacks and packages', () => {
  const ins = inspect(tiny());
  assert.deepEqual(ins.hottest(2).map((f) => f.name), ['main.main', 'encoding/json.Marshal']);
  assert.deepEqual(ins.hottest(2, 'cum').map((f) => f.name), ['main.main', 'main.b']);
  assert.deepEqual(ins.callers('main.b').map((e) => [e.name, e.value]), [['main.a', 20_000_000n], ['main.main', 30_000_000n]]
    .sort((x, y) => Number((y[1] as bigint) - (x[1] as bigint))));
  assert.deepEqual(ins.callees('main.a').map((e) => [e.name, e.share]), [['main.b', 0.2], ['runtime.mallocgc', 0.1]]);
  const st = ins.stacks('main.b');
  assert.deepEqual(st.map((s) => s.frames.join(';')), ['encoding/json.Marshal;main.b;main.main', 'main.b;main.a;main.a;main.main']);
  assert.deepEqual(ins.byPackage().map((p) => [p.package, p.share]), [['main', 0.6], ['encoding/json', 0.3], ['runtime', 0.1]]);
  const c = ins.fn('main.main').contributors('cum');
  assert.deepEqual(c.map((x) => x.name), ['main.main', 'encoding/json.Marshal', 'main.b', 'runtime.mallocgc']);
});

test('sums at and above 2^53 stay exact', () => {
  const big = 2n ** 53n + 1n;
  const ins = inspect(profile({ types: T, leafFirst: true, files: 'package', line: 10, samples: [
    [[big], 'main.a'], [[big], 'main.a', 'main.main'], [[1n], 'main.b'],
  ] }));
  assert.equal(ins.fn('main.a').flat, 2n * big);
  assert.equal(ins.total, 2n * big + 1n);
});
