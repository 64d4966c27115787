/**
 * `folded --mean` and the flame graph's --mean against the real tool:
 * goldens of `go tool pprof -traces` in the sample unit give every sample's
 * value, count and pprof's own per-sample mean (test/golden/folded-mean/,
 * commands in its MANIFEST.json). A folded line must be the sum of the
 * values over the sum of the counts of the samples with that stack,
 * truncated as Go divides; for a stack of one sample that is pprof's -mean
 * value itself. The flame graph's inverted first level is `top --mean`'s flat.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flameGraph, foldedText, parseProfile, topTable } from '../../src/index.js';
import { GOLDEN, PROFILES } from '../helpers/paths.js';

const DIR = join(GOLDEN, 'folded-mean');

/** The traces of a `-traces` text: [folded stack (outermost first), value] per sample. */
function traces(file: string): Array<[string, bigint]> {
  const out: Array<[string, bigint]> = [];
  let frames: string[] | null = null;
  let value = 0n;
  const flush = (): void => {
    if (frames !== null) out.push([frames.reverse().join(';'), value]);
    frames = null;
  };
  for (const line of readFileSync(join(DIR, file), 'utf8').split('\n')) {
    if (line.startsWith('-----------+')) { flush(); continue; }
    const head = /^\s*(-?\d+)[A-Za-z]*\s{3}(\S.*)$/.exec(line);
    if (head !== null) {
      frames = [head[2]!.replace(/ \(inline\)$/, '')];
      value = BigInt(head[1]!);
      continue;
    }
    const more = /^ {13}(\S.*)$/.exec(line);
    if (more !== null && frames !== null) frames.push(more[1]!.replace(/ \(inline\)$/, ''));
  }
  flush();
  return out;
}

const CASES = [['block', 'delay'], ['mutex', 'delay'], ['heap', 'alloc_space']] as const;

for (const [name, index] of CASES) {
  const profile = parseProfile(readFileSync(join(PROFILES, `${name}.pb.gz`)));
  const values = traces(`${name}.${index}.traces.txt`);
  const counts = traces(`${name}.count.traces.txt`);
  const means = traces(`${name}.${index}.mean-traces.txt`);

  test(`folded --mean ${name} -sample_index=${index}: each line is sum/count of its stack (go tool pprof -traces)`, () => {
    assert.equal(values.length, counts.length);
    assert.ok(values.length > 0);
    const sums = new Map<string, [bigint, bigint, number]>();
    values.forEach(([stack, v], k) => {
      assert.equal(counts[k]![0], stack, 'the value and count goldens list the samples in one order');
      const e = sums.get(stack) ?? [0n, 0n, 0];
      sums.set(stack, [e[0] + v, e[1] + counts[k]![1], e[2] + 1]);
    });
    const expected = [...sums].filter(([, [v]]) => v !== 0n)
      .map(([stack, [v, c]]) => `${stack} ${c !== 0n ? v / c : v}`).sort();
    const got = foldedText(profile, { sampleIndex: index, mean: true }).trimEnd().split('\n');
    assert.deepEqual([...got].sort(), expected);
    // A stack of one sample: the line is pprof's own -mean value for that sample.
    let single = 0;
    for (const [stack, m] of means) {
      if (sums.get(stack)![2] !== 1) continue;
      single++;
      assert.ok(got.includes(`${stack} ${m}`), `${stack} ${m}`);
    }
    assert.ok(single > 0);
  });

  test(`flame graph --mean ${name} -sample_index=${index}: the inverted first level is top --mean's flat`, () => {
    const g = flameGraph(profile, { sampleIndex: index, mean: true, orientation: 'callers' });
    const top = topTable(profile, { sampleIndex: index, mean: true, nodeFraction: 0 });
    const flat = new Map(top.rows.map((r) => [r.name, r.flat]));
    const kids = g.root.children ?? [];
    assert.ok(kids.length > 0);
    for (const k of kids) {
      if (k.data.kind !== 'frame') continue;
      assert.equal(k.data.total, flat.get(k.data.name), k.data.name);
      // Widths stay the summed values: d3's value is the sum, not the mean.
      assert.equal(k.value, Number(k.data.sums!.total));
    }
    const plain = flameGraph(profile, { sampleIndex: index, orientation: 'callers' });
    assert.equal(g.root.value, plain.root.value);
  });
}
