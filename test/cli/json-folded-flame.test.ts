/**
 * `--json` on folded and flamegraph through the built CLI: folded's JSON
 * lists exactly the stacks and values of its text (with --mean and with
 * --diff-base too), and flamegraph's JSON is the data its page carries
 * (flameGraphPayload), printed on stdout with no page written.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILES, ROOT } from '../helpers/paths.js';
import { runBin } from '../helpers/cli.js';
import { loadProfile } from '../../src/parse.js';
import { flameGraphPayload } from '../../src/render/flame-html.js';

const CPU = join(PROFILES, 'cpu.pb.gz');
const HEAP = join(PROFILES, 'heap.pb.gz');
const BLOCK = join(PROFILES, 'block.pb.gz');

interface FoldedJson { sampleType: string; unit: string; mean?: boolean; stacks: { frames: string[]; value?: number | string; base?: number | string; new?: number | string }[] }

function parsed(args: string[]): FoldedJson {
  const r = runBin(args);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as FoldedJson;
}

function textLines(args: string[]): string[] {
  const r = runBin(args);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trimEnd().split('\n');
}

for (const [file, extra, type, unit] of [
  [CPU, [], 'cpu', 'nanoseconds'],
  [HEAP, ['--sample-index', 'alloc_space'], 'alloc_space', 'bytes'],
  [BLOCK, ['--sample-index', 'delay', '--mean'], 'delay', 'nanoseconds'],
] as const) {
  test(`folded --json ${[file.split('/').pop(), ...extra].join(' ')} holds the text's stacks and values, in order`, () => {
    const j = parsed(['folded', '--json', file, ...extra]);
    assert.equal(j.sampleType, type);
    assert.equal(j.unit, unit);
    assert.equal(j.mean, (extra as readonly string[]).includes('--mean'));
    const lines = textLines(['folded', file, ...extra]);
    assert.ok(lines.length > 5);
    assert.deepEqual(j.stacks.map((s) => `${s.frames.join(';')} ${s.value}`), lines);
  });
}

test('folded --json --diff-base holds the two-column rows of difffolded', () => {
  const second = join(PROFILES, 'second', 'cpu-2.pb.gz');
  const j = parsed(['folded', '--json', second, '--diff-base', CPU]);
  const lines = textLines(['folded', second, '--diff-base', CPU]);
  assert.ok(lines.length > 5);
  assert.deepEqual(j.stacks.map((s) => `${s.frames.join(';')} ${s.base} ${s.new}`), lines);
  assert.equal(j.sampleType, 'cpu');
});

test('flamegraph --json prints the page data on stdout and writes no page', async () => {
  const pages = (): string[] => [...readdirSync(ROOT), ...readdirSync(PROFILES)].filter((f) => f.endsWith('.flame.html'));
  const before = pages();
  const r = runBin(['flamegraph', '--json', '--title', 'T', CPU]);
  assert.equal(r.code, 0, r.stderr);
  const expected = flameGraphPayload(await loadProfile(CPU), { title: 'T' });
  assert.deepEqual(JSON.parse(r.stdout), JSON.parse(JSON.stringify(expected)));
  assert.deepEqual(pages(), before);
  assert.ok(expected.types.length > 0);
});
