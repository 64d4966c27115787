/**
 * `pprof-ts folded` and `foldedStacks`: the lines sum to the profile total
 * of the chosen sample index, parse back into the same stacks, agree with
 * the flame graph tree, keep negative values, and come out in a fixed order.
 * Also the CLI contract of `folded` and `flamegraph` (errors, atomic writes).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flameGraph, foldedStacks, foldedText, parseProfile, renderFolded, topTable, type FoldedStack } from '../../../src/index.js';
import { flameNodes, type FlameNode } from '../../../src/render/flame-node.js';
import type { Profile } from '../../../src/model/profile.js';
import { foldedFrameName } from '../../../src/render/folded.js';
import { runBin, runInProcess } from '../../helpers/cli.js';
import { PROFILES } from '../../helpers/paths.js';

/** The node and its callers up to the root. */
function ancestorsOf(n: FlameNode): FlameNode[] {
  const out: FlameNode[] = [];
  for (let a: FlameNode | null = n; a !== null; a = a.parent) out.push(a);
  return out;
}

function fixture(name: string): Profile {
  return parseProfile(readFileSync(join(PROFILES, name)));
}

/** Parses folded text the way flamegraph.pl does: the value is after the last space. */
function parseFolded(text: string): FoldedStack[] {
  return text.split('\n').filter((l) => l !== '').map((l) => {
    const cut = l.lastIndexOf(' ');
    return { frames: l.slice(0, cut).split(';'), value: BigInt(l.slice(cut + 1)) };
  });
}

for (const name of ['cpu.pb.gz', 'heap.pb.gz', 'goroutine.pb.gz', 'block.pb.gz', 'mutex.pb.gz']) {
  test(`folded ${name}: sums to the total of every sample index and round-trips`, () => {
    const p = fixture(name);
    p.sampleTypes.forEach((st, i) => {
      const stacks = foldedStacks(p, { sampleIndex: st.type });
      const text = renderFolded(stacks);
      assert.equal(foldedText(p, { sampleIndex: i }), text);
      const sum = stacks.reduce((s, x) => s + x.value, 0n);
      assert.equal(sum, topTable(p, { sampleIndex: i }).total, `${st.type} total`);
      const parsed = parseFolded(text);
      assert.deepEqual(parsed, stacks);
      assert.equal(renderFolded(parsed), text);
      const keys = stacks.map((s) => s.frames.join(';'));
      assert.equal(new Set(keys).size, keys.length, 'one line per unique stack');
      assert.deepEqual(keys, [...keys].sort(), 'sorted by stack');
    });
  });
}

test('folded agrees with the flame graph tree: each line is the self value of its path', () => {
  const p = fixture('cpu.pb.gz');
  for (const options of [{}, { granularity: 'lines' as const }, { focus: 'trieNode' }, { noInlines: true, hide: 'runtime' }]) {
    const expected = new Map<string, bigint>();
    flameNodes(flameGraph(p, options).root).forEach((n) => {
      if (n.depth === 0 || n.data.self === 0n) return;
      const key = ancestorsOf(n).reverse().slice(1).map((a) => a.data.name).join(';');
      expected.set(key, (expected.get(key) ?? 0n) + n.data.self);
    });
    const actual = new Map(foldedStacks(p, options).map((s) => [s.frames.join(';'), s.value] as const));
    assert.deepEqual(actual, expected, JSON.stringify(options));
  }
});

test('folded heap-delta: negative values are printed, and the lines sum to the signed total', () => {
  const p = fixture('heap-delta.pb.gz');
  let negatives = 0;
  p.sampleTypes.forEach((_, i) => {
    const stacks = foldedStacks(p, { sampleIndex: i });
    negatives += stacks.filter((s) => s.value < 0n).length;
    const signed = p.samples.numberColumn(i).values.reduce((s, v) => s + v, 0);
    assert.equal(stacks.reduce((s, x) => s + x.value, 0n), BigInt(signed));
  });
  assert.ok(negatives > 0);
});

test('folded frame names cannot break the format', () => {
  assert.equal(foldedFrameName('a;b\nc\r\u2028d'), 'a:b c  d');
});

test('pprof-ts folded: deterministic output, options as top', async () => {
  const a = await runInProcess(['folded', join(PROFILES, 'heap.pb.gz'), '--sample-index', 'alloc_space']);
  const b = await runInProcess(['folded', join(PROFILES, 'heap.pb.gz'), '--sample-index', 'alloc_space']);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(a.stdout, b.stdout);
  assert.equal(parseFolded(a.stdout).reduce((s, x) => s + x.value, 0n), topTable(fixture('heap.pb.gz'), { sampleIndex: 'alloc_space' }).total);
  const lines = await runInProcess(['folded', join(PROFILES, 'cpu.pb.gz'), '--granularity', 'lines', '--show', '^main\\.']);
  assert.equal(lines.code, 0, lines.stderr);
  assert.match(lines.stdout, /^main\.\S+ \S+\.go:\d+(;main\.\S+ \S+\.go:\d+)* \d+$/m);
  assert.doesNotMatch(lines.stdout, /runtime\./);
});

test('pprof-ts folded / flamegraph: bad input is one line and a non-zero exit', () => {
  const cases: Array<[string[], number, RegExp]> = [
    [['folded', 'fixtures/profiles/cpu.pb.gz', '--focus', '(unclosed'], 2, /^pprof-ts: parsing focus regexp: /],
    [['folded', 'fixtures/profiles/cpu.pb.gz', '--sample-index', 'alloc_space'], 2, /must be one of: \[samples cpu\]/],
    [['folded', 'test/data/not-a-profile.txt'], 1, /^pprof-ts: /],
    [['flamegraph', 'fixtures/profiles/cpu.pb.gz', '-o', '/nonexistent-dir/x.html'], 1, /^pprof-ts: cannot write \/nonexistent-dir\/x\.html: no such directory\n$/],
    [['flamegraph', 'fixtures/profiles/cpu.pb.gz', '-o', 'x.html', '--min-width', '3'], 2, /expected a number between 0 and 1/],
  ];
  for (const [args, code, message] of cases) {
    const r = runBin(args);
    assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /^pprof-ts: [^\n]+\n$/);
    assert.equal(r.stdout, '');
  }
});

test('pprof-ts flamegraph: writes the file atomically, leaving no temporary file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-flame-'));
  try {
    const out = join(dir, 'cpu.html');
    const r = runBin(['flamegraph', 'fixtures/profiles/cpu.pb.gz', '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^wrote .*cpu\.html \(\d+ bytes\)\n$/);
    assert.match(readFileSync(out, 'utf8'), /^<!doctype html>/);
    // A failing run (bad regex) must not touch the existing file.
    const before = readFileSync(out, 'utf8');
    assert.equal(runBin(['flamegraph', 'fixtures/profiles/cpu.pb.gz', '-o', out, '--focus', '(']).code, 2);
    assert.equal(readFileSync(out, 'utf8'), before);
    // Writing over a directory fails cleanly and cleans up after itself.
    const r2 = runBin(['flamegraph', 'fixtures/profiles/cpu.pb.gz', '-o', dir]);
    assert.equal(r2.code, 1);
    assert.match(r2.stderr, /^pprof-ts: cannot write .*: /);
    assert.deepEqual(readdirSync(dir), ['cpu.html']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(!existsSync(join(dir, 'cpu.html')));
});
