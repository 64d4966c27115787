/**
 * The gate's pieces: permutation p-values, Benjamini-Hochberg, the bootstrap
 * interval, budget validation (every error names the rule and the field),
 * the published JSON Schema agreeing with the validator, and the two-profile
 * comparison.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benjaminiHochberg, bootstrapInterval, minAttainableP, permutationPValue } from '../../../src/gate/stats.js';
import { parseBudget, RULE_KINDS } from '../../../src/gate/budget.js';
import { compareProfiles } from '../../../src/gate/compare.js';
import { renderGateReport, type GateReport } from '../../../src/gate/format.js';
import { ROOT } from '../../helpers/paths.js';
import { profile } from '../../helpers/tiny-profile.js';

test('exact permutation p-values', () => {
  // Fully separated 3 vs 3: only the observed split is as extreme: 1 / C(6,3).
  assert.equal(permutationPValue([1, 2, 3], [4, 5, 6]), 1 / 20);
  assert.equal(permutationPValue([4, 5, 6], [1, 2, 3]), 1);
  assert.equal(permutationPValue([1, 1, 1], [1, 1, 1]), 1);
  assert.equal(minAttainableP(8, 8), 1 / 12870);
  // Monte Carlo above the exact limit: never 0, close to the exact value's order.
  const p = permutationPValue(Array.from({ length: 12 }, (_, i) => i), Array.from({ length: 12 }, (_, i) => i + 20));
  assert.ok(p > 0 && p < 0.001);
});

test('Benjamini-Hochberg q-values', () => {
  const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
  assert.deepEqual(q.map((x) => Number(x.toFixed(4))), [0.02, 0.04, 0.04, 0.02]);
  assert.deepEqual(benjaminiHochberg([]), []);
});

test('bootstrap interval covers the observed difference and is repeatable', () => {
  const ci = bootstrapInterval([1, 2, 3, 2], [5, 6, 7, 6]);
  assert.ok(ci[0] > 2 && ci[1] < 6);
  assert.deepEqual(bootstrapInterval([1, 2, 3, 2], [5, 6, 7, 6]), ci);
});

const rule = (r: object) => JSON.stringify({ rules: [r] });

test('budget errors name the rule and the field', () => {
  assert.throws(() => parseBudget('{'), /not valid JSON \(YAML is not supported\)/);
  assert.throws(() => parseBudget('{"rules":[]}'), /field "rules": expected a non-empty array/);
  assert.throws(() => parseBudget(rule({ name: 'json', kind: 'share', select: { package: 'x' }, max: 5 })),
    /budget rule 1 \("json"\): field "max": expected a share in \[0, 1\]/);
  assert.throws(() => parseBudget(rule({ kind: 'shares' })), /budget rule 1: field "kind": expected one of share, value/);
  assert.throws(() => parseBudget(rule({ kind: 'value', select: { function: 'a' }, max: '5 parsecs' })),
    /field "max": unknown unit "parsecs"/);
  assert.throws(() => parseBudget(rule({ kind: 'share', select: { fn: 'a' }, max: 0.1 })), /field "select.fn": unknown/);
  assert.throws(() => parseBudget(rule({ kind: 'total', max: '1s', metric: 'cum' })), /field "metric": unknown for a total rule/);
  assert.throws(() => parseBudget(rule({ kind: 'goroutine-wait', maxGroup: 3, minWait: 'ten minutes' })), /field "minWait"/);
  assert.throws(() => parseBudget(rule({ kind: 'share', select: { functionRegex: '(' }, max: 0.1 })), /field "select.functionRegex"/);
  const ok = parseBudget(rule({ kind: 'share', select: { function: 'main.f' }, max: 0.1 }));
  assert.deepEqual(ok.rules[0], { name: 'rule 1', sampleType: undefined, kind: 'share', select: { function: 'main.f' }, metric: 'flat', max: 0.1, allowMissing: false });
});

test('the published schema lists every rule kind and field the validator accepts', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'pprof-budget.schema.json'), 'utf8')) as {
    $defs: { rule: { oneOf: { properties: Record<string, { const?: string }> }[] } };
  };
  const variants = schema.$defs.rule.oneOf;
  assert.deepEqual(variants.map((v) => v.properties.kind!.const), [...RULE_KINDS]);
  const examples: Record<string, object> = {
    share: { kind: 'share', name: 'n', sampleType: 'cpu', select: { function: 'f' }, metric: 'cum', max: 0.1, allowMissing: true },
    value: { kind: 'value', name: 'n', sampleType: 'cpu', select: { package: 'p' }, metric: 'flat', max: '2ms', allowMissing: false },
    total: { kind: 'total', name: 'n', sampleType: 'cpu', max: '2s' },
    goroutines: { kind: 'goroutines', name: 'n', sampleType: 'goroutine', max: 3 },
    'goroutine-wait': { kind: 'goroutine-wait', name: 'n', sampleType: 'goroutine', maxGroup: 3, minWait: '10m' },
    'new-functions': { kind: 'new-functions', name: 'n', sampleType: 'cpu', baseline: 'b.pb.gz', metric: 'flat', maxShare: 0.01 },
  };
  for (const v of variants) {
    const kind = v.properties.kind!.const!;
    assert.deepEqual(Object.keys(v.properties).sort(), Object.keys(examples[kind]!).sort(), kind);
    parseBudget(rule(examples[kind]!)); // every schema field is accepted
  }
});

test('compareProfiles: regressions first, noise floor, new functions', () => {
  const T = [['cpu', 'nanoseconds']] as const;
  const base = profile({ types: T, leafFirst: true, files: 'package', line: 10, samples: [
    [[50], 'main.a', 'main.main'], [[45], 'main.b', 'main.main'], [[5], 'main.tiny'],
  ] });
  const next = profile({ types: T, leafFirst: true, files: 'package', line: 10, samples: [
    [[50], 'main.a', 'main.main'], [[20], 'main.b', 'main.main'],
    [[30], 'main.c', 'main.main'], [[0], 'main.tiny'],
  ] });
  const c = compareProfiles(base, next, { minShare: 0.1 });
  assert.deepEqual(c.changes.map((x) => [x.name, x.regression]), [['main.c', true], ['main.b', false], ['main.a', false]]);
  assert.equal(c.changes[0]!.relative, Infinity);
  assert.equal(c.changes[1]!.deltaValue, -25n);
  assert.equal(c.regressions, 1);
  // --ignore drops the samples of main.c: no regression left.
  assert.equal(compareProfiles(base, next, { minShare: 0.1, ignore: '^main\\.c$' }).regressions, 0);
  assert.equal(compareProfiles(base, next, { minShare: 0.1, threshold: 0.5, metric: 'cum' }).changes[0]!.name, 'main.c');
});

test('report formats: markdown escapes pipes, JUnit escapes XML, JSON keeps bigints exact', () => {
  const r: GateReport = {
    title: 't', verdict: 'FAIL', columns: ['a', 'b'], rows: [['x|y', '<z>']], notes: ['n'],
    cases: [{ name: 'a<b', status: 'fail', message: '"q" & r' }, { name: 'ok', status: 'pass' }],
    data: { big: 2n ** 64n, rel: Infinity },
  };
  assert.match(renderGateReport(r, 'markdown'), /\| x\\\|y \| <z> \|/);
  const junit = renderGateReport(r, 'junit');
  assert.match(junit, /tests="2" failures="1"/);
  assert.match(junit, /name="a&lt;b">\n\s+<failure message="&quot;q&quot; &amp; r">/);
  assert.match(renderGateReport(r, 'json'), /"big": "18446744073709551616",\n {2}"rel": "Infinity"/);
  assert.match(renderGateReport(r, 'text'), /^t: FAIL\na {4}b\nx\|y {2}<z>\nn\n$/);
});
