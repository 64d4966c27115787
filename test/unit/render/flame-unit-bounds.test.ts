/**
 * The flame page's units settled from its call trees (render/flame-unit-bounds.ts)
 * are `top`'s units whenever they are settled: on every protobuf fixture, with
 * filters, cut and whole trees of both orientations, and on random profiles
 * whose values cross the units' bounds. They are settled where the page needs
 * it (a CPU profile, from the callers tree alone), and left open for a column
 * with a negative value.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseProfile, topTable } from '../../../src/index.js';
import type { Profile } from '../../../src/model/profile.js';
import type { QueryOptions } from '../../../src/query/options.js';
import { prepareView, withValue } from '../../../src/query/view.js';
import { callTreeBuilder, treeValuesOfEveryType, type CallTree } from '../../../src/query/call-tree.js';
import { sumsExactly } from '../../../src/query/aggregate.js';
import { unitsFromTrees } from '../../../src/render/flame-unit-bounds.js';
import { DEFAULT_FLAME_MIN_WIDTH } from '../../../src/render/flame-html.js';
import { PROFILES } from '../../helpers/paths.js';
import { rng } from '../../helpers/rng.js';
import { profile as tinyProfile, type TinySample } from '../../helpers/tiny-profile.js';

/** Every captured protobuf profile under fixtures/profiles. */
function fixtureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return fixtureFiles(path);
    return e.name.endsWith('.pb.gz') ? [path] : [];
  });
}

/** What the trees settle for each type, beside top's unit of that type. */
function settled(p: Profile, options: QueryOptions, minWidth: number, pick: (t: Record<'callees' | 'callers', CallTree>) => CallTree[]):
  Array<{ got: string | null; top: string }> {
  const view = prepareView(p, options);
  const build = callTreeBuilder(view, { minWidth });
  const trees = { callees: build.tree('callees'), callers: build.tree('callers') };
  const cols = p.sampleTypes.map((_, t) => p.samples.numberColumn(t));
  // The page takes this path only when every column sums exactly in float64.
  if (!cols.every(sumsExactly)) return [];
  const types = p.sampleTypes.map((st, t) => ({ sampleUnit: st.unit, total: Number(withValue(view, t).total) }));
  const built = pick(trees).map((tree) => ({ tree, values: treeValuesOfEveryType(p, tree) }));
  const got = unitsFromTrees(build.input, cols.map((c) => c.values), built, types);
  return got.map((g, t) => ({ got: g, top: topTable(p, { ...options, sampleIndex: t }).outputUnit }));
}

const PICKS: Record<string, (t: Record<'callees' | 'callers', CallTree>) => CallTree[]> = {
  'no tree': () => [],
  callers: (t) => [t.callers],
  callees: (t) => [t.callees],
  both: (t) => [t.callers, t.callees],
};
const OPTIONS: QueryOptions[] = [{}, { focus: 'runtime' }, { hide: 'runtime\\.' }, { granularity: 'lines' }, { noInlines: true }];

for (const file of fixtureFiles(PROFILES)) {
  const name = relative(PROFILES, file);
  test(`${name}: every unit the trees settle is top's`, () => {
    const p = parseProfile(readFileSync(file));
    for (const options of OPTIONS) {
      for (const minWidth of [0, DEFAULT_FLAME_MIN_WIDTH, 0.01]) {
        for (const [pickName, pick] of Object.entries(PICKS)) {
          settled(p, options, minWidth, pick).forEach(({ got, top }, t) => {
            if (got !== null) assert.equal(got, top, `${JSON.stringify(options)} min width ${minWidth} ${pickName}: type ${t}`);
          });
        }
      }
    }
  });
}

test('a CPU profile\'s units are settled by the callers tree alone, as a page with the helper thread has it', () => {
  for (const name of ['cpu.pb.gz', 'second/cpu-2.pb.gz', 'startup/cpu-long.pb.gz']) {
    const p = parseProfile(readFileSync(join(PROFILES, name)));
    const got = settled(p, {}, DEFAULT_FLAME_MIN_WIDTH, PICKS.callers!);
    assert.equal(got.length, 2, name);
    for (const { got: g, top } of got) assert.equal(g, top, name);
  }
});

test('a recursive frame counts once in its bound: a node under the cut-off is never taken as kept', () => {
  // r's cum is 3.001ms, under the 5ms cut-off (0.5% of 1s), though its two tree nodes on one path
  // add up to 6.001ms. Taken as kept, its flat (1us) would make the unit us; top's is ms (from big).
  const p = tinyProfile({
    types: [['cpu', 'nanoseconds']],
    samples: [[1000, 'main', 'r'], [3_000_000, 'main', 'r', 'q', 'r', 'leaf'], [996_999_000, 'main', 'big']],
  });
  for (const pick of [PICKS.callees!, PICKS.callers!, PICKS.both!]) {
    const [only] = settled(p, {}, 0, pick);
    assert.equal(only!.top, 'ms');
    assert.ok(only!.got === null || only!.got === 'ms', `got ${only!.got}`);
  }
});

test('a column with a negative value is left open (cum has no lower bound there)', () => {
  const p = parseProfile(readFileSync(join(PROFILES, 'heap-delta.pb.gz')));
  const result = settled(p, {}, 0, PICKS.both!);
  p.sampleTypes.forEach((_, t) => {
    const negative = p.samples.numberColumn(t).values.some((v) => v < 0);
    if (negative) assert.equal(result[t]!.got, null, `type ${t}`);
  });
  assert.ok(p.sampleTypes.some((_, t) => p.samples.numberColumn(t).values.some((v) => v < 0)), 'the fixture has a negative column');
});

test('random profiles whose values cross the units\' bounds: a settled unit is always top\'s', () => {
  const fns = ['main', 'run', 'loop', 'handle', 'parse', 'read', 'write', 'lock', 'hash', 'alloc', 'copy', 'sys'];
  let settledCount = 0;
  let openCount = 0;
  const units = new Set<string>();
  for (let seed = 1; seed <= 150; seed++) {
    const random = rng(seed);
    const pickFn = () => fns[Math.floor(random() * fns.length)]!;
    const samples: TinySample[] = [];
    const n = 5 + Math.floor(random() * 40);
    // Values from 1ns to 100s, log-uniform, so that the smallest kept value falls anywhere.
    const scale = Math.exp(random() * Math.log(1e11));
    for (let i = 0; i < n; i++) {
      const depth = 1 + Math.floor(random() * 6);
      const frames = ['main', ...Array.from({ length: depth }, pickFn)];
      const v = Math.max(1, Math.round(scale * Math.exp(random() * Math.log(1e-6))));
      samples.push([[1, v], ...frames]);
    }
    const inline = random() < 0.5 ? { hash: 'parse', copy: 'write' } : undefined;
    const p = tinyProfile({ types: [['samples', 'count'], ['cpu', 'nanoseconds']], samples, inline });
    for (const minWidth of [0, 0.05]) {
      for (const pick of [PICKS.callers!, PICKS.both!]) {
        for (const { got, top } of settled(p, {}, minWidth, pick)) {
          if (got === null) { openCount++; continue; }
          settledCount++;
          units.add(got);
          assert.equal(got, top, `seed ${seed} min width ${minWidth}`);
        }
      }
    }
  }
  assert.ok(settledCount > 500 && openCount > 10, `both answers occur (${settledCount} settled, ${openCount} open)`);
  assert.ok(units.size >= 4, `settled units vary: ${[...units].join(', ')}`);
});
