/**
 * --mean on folded and flamegraph through the built CLI: folded prints each
 * stack's mean (sum of values over sum of counts; the exact numbers against
 * go tool pprof are in test/conformance/golden-folded-mean.test.ts), the
 * flame page carries means with widths as sums, and the one combination
 * without a meaning (a flame page of --diff-base with --mean) is refused
 * with one usage line, exit 2 and no file. The reports pprof has are proven
 * by goldens (test/golden/options/*, traces, raw, tags).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROFILES } from '../helpers/paths.js';
import { runBin } from '../helpers/cli.js';

const BLOCK = join(PROFILES, 'block.pb.gz');
const LOG_SHIPPER = 'main.startWorkloads.func1.1;runtime/pprof.Do;main.(*logShipper).loop;runtime.selectgo';

test('folded --mean prints per-stack means (go tool pprof -traces -mean prints 49.38ms for this one-sample stack)', () => {
  const sums = runBin(['folded', BLOCK, '--sample-index', 'delay']);
  const counts = runBin(['folded', BLOCK, '--sample-index', 'contentions']);
  const means = runBin(['folded', BLOCK, '--sample-index', 'delay', '--mean']);
  assert.equal(means.code, 0, means.stderr);
  const lineOf = (out: string, stack: string): bigint => {
    const line = out.split('\n').find((l) => l.startsWith(`${stack} `));
    assert.ok(line !== undefined, stack);
    return BigInt(line.slice(stack.length + 1));
  };
  assert.equal(lineOf(means.stdout, LOG_SHIPPER), 49376821n);
  // Every line: the summed value over the summed count, truncated; the same stacks as without --mean.
  const stacks = (out: string): string[] => out.trimEnd().split('\n').map((l) => l.slice(0, l.lastIndexOf(' ')));
  assert.deepEqual(stacks(means.stdout), stacks(sums.stdout));
  for (const stack of stacks(sums.stdout)) {
    assert.equal(lineOf(means.stdout, stack), lineOf(sums.stdout, stack) / lineOf(counts.stdout, stack), stack);
  }
});

test('flamegraph --mean writes a page whose frames carry means and whose widths are sums', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-mean-'));
  try {
    const out = join(dir, 'x.html');
    const r = runBin(['flamegraph', BLOCK, '--mean', '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    const html = readFileSync(out, 'utf8');
    const json = /<script type="application\/json" id="flame-data">(.*?)<\/script>/s.exec(html)![1]!;
    const data = JSON.parse(json) as {
      mean?: boolean; defaultType: number;
      types: Array<{ type: string; header: string[]; trees: { callees: { t: number[]; w?: number[] } } }>;
    };
    assert.equal(data.mean, true);
    const delay = data.types.find((t) => t.type === 'delay')!;
    assert.ok(delay.header.includes('Type: mean_delay'), delay.header.join('\n'));
    const tree = delay.trees.callees;
    assert.ok(tree.w !== undefined && tree.w.length === tree.t.length);
    // The widths are sums: the root is wider than its mean; the mean of the root is at most its width.
    assert.ok(tree.w[0]! > tree.t[0]!);
    const plain = runBin(['flamegraph', BLOCK, '-o', join(dir, 'plain.html')]);
    assert.equal(plain.code, 0, plain.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('flamegraph --mean --diff-base is refused with one usage line, exit 2, no file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-mean-'));
  try {
    const out = join(dir, 'x.html');
    const r = runBin(['flamegraph', BLOCK, '--mean', '--diff-base', join(PROFILES, 'block-delta.pb.gz'), '-o', out]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'pprof-ts: --mean cannot be combined with --diff-base on a flame graph; '
      + 'compare the means with `folded --mean --diff-base` or `top --mean --diff-base`\n');
    assert.equal(existsSync(out), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('folded --mean --diff-base prints both sides\' means in the two-column form', () => {
  const r = runBin(['folded', BLOCK, '--sample-index', 'delay', '--mean', '--diff-base', BLOCK]);
  assert.equal(r.code, 0, r.stderr);
  const line = r.stdout.split('\n').find((l) => l.startsWith(`${LOG_SHIPPER} `));
  assert.equal(line, `${LOG_SHIPPER} 49376821 49376821`);
});
