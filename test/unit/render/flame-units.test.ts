/**
 * The flame page's one-pass choice of output units (render/flame-units.ts)
 * equals the unit `top` prints, for every sample type of every fixture kind,
 * with filters, hidden frames and negative (delta) values; the call trees
 * built together (buildCallTreesOfView) equal those built one by one; and a
 * tree the helper thread builds (a 'tree' job) equals one built here.
 * With pieces that built call trees, the units the trees settle are the same.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProfile, topTable } from '../../../src/index.js';
import type { QueryOptions } from '../../../src/query/options.js';
import { prepareView } from '../../../src/query/view.js';
import { buildCallTreeOfView, buildCallTreesOfView, callTreeBuilder, treeValuesOfEveryType } from '../../../src/query/call-tree.js';
import { unitsOfEveryType, type PageWork } from '../../../src/render/flame-units.js';
import { PROFILES } from '../../helpers/paths.js';
import { startedHelper } from '../../helpers/helper-thread.js';

const FIXTURES = ['cpu.pb.gz', 'heap.pb.gz', 'allocs.pb.gz', 'goroutine.pb.gz', 'block.pb.gz', 'mutex.pb.gz',
  'threadcreate.pb.gz', 'heap-delta.pb.gz', 'allocs-delta.pb.gz', 'block-delta.pb.gz'];
const OPTIONS: QueryOptions[] = [{}, { focus: 'runtime' }, { hide: 'runtime\\.' }, { granularity: 'lines' }, { noInlines: true }];

for (const name of FIXTURES) {
  // Decompressed on a worker, so the bytes are in shared memory as a big profile's are, and the helper can read them.
  const profile = parseProfile(readFileSync(join(PROFILES, name)), { overlap: 'always' });
  for (const options of OPTIONS) {
    test(`${name} ${JSON.stringify(options)}: the page's unit of every sample type is top's, with and without the helper thread`, () => {
      const view = prepareView(profile, options);
      const ran: string[] = [];
      // With the helper, the work runs on this thread while the helper runs the passes.
      const hereOnly = (name: string): PageWork => ({ job: null, here: () => ran.push(name), take: () => assert.fail('no job') });
      // The passes read the call trees' frame codes, as the page gives them.
      const input = (): ReturnType<typeof callTreeBuilder>['input'] => callTreeBuilder(view, { minWidth: 0.01 }).input;
      const units = unitsOfEveryType(view, [hereOnly('a'), hereOnly('b')], 'always', input);
      assert.deepEqual(ran, ['a', 'b']);
      const single = unitsOfEveryType(view, [], 'off', input);
      assert.deepEqual(units.map((u) => u.outputUnit), single.map((u) => u.outputUnit));
      // Pieces that built call trees: the units they settle (flame-unit-bounds.ts) are the same.
      const build = callTreeBuilder(view, { minWidth: 0.01 });
      const withTree = (o: 'callees' | 'callers'): PageWork => {
        let tree: ReturnType<typeof build.tree> | undefined;
        return {
          job: null, here: () => { tree = build.tree(o); }, take: () => assert.fail('no job'),
          built: () => (tree === undefined ? undefined : { tree, values: treeValuesOfEveryType(profile, tree) }),
        };
      };
      for (const parallel of ['always', 'off'] as const) {
        const fromTrees = unitsOfEveryType(view, [withTree('callees'), withTree('callers')], parallel, () => build.input);
        assert.deepEqual(fromTrees.map((u) => u.outputUnit), single.map((u) => u.outputUnit), parallel);
        assert.deepEqual(fromTrees.map((u) => u.format(123_456_789)), single.map((u) => u.format(123_456_789)), parallel);
      }
      assert.equal(units.length, profile.sampleTypes.length);
      profile.sampleTypes.forEach((_, t) => {
        const top = topTable(profile, { ...options, sampleIndex: t });
        assert.equal(units[t]!.outputUnit, top.outputUnit, `sample type ${t}`);
        // The formatter prints the total as top's header does.
        assert.ok(top.header.some((l) => l.includes(units[t]!.format(Number(top.total)))), `sample type ${t} total`);
      });
    });
  }
  test(`${name}: trees built on the helper thread equal trees built here`, () => {
    startedHelper(profile.samples);
    for (const options of OPTIONS) {
      const view = prepareView(profile, options);
      for (const minWidth of [0, 0.01]) {
        const build = callTreeBuilder(view, { minWidth });
        const got: Record<string, unknown> = {};
        for (const o of ['callees', 'callers'] as const) {
          // The first piece with a job goes to the helper; the other runs here.
          const onHelper: PageWork = {
            job: () => ({ kind: 'tree', input: build.input, orientation: o }),
            here: () => assert.fail(`${o} was built here, not on the helper`),
            take: (r) => {
              assert.equal(r.kind, 'tree');
              if (r.kind === 'tree') got[o] = build.ofSplit(o, r.tree);
            },
          };
          let ranHere = false;
          unitsOfEveryType(view, [onHelper, { job: null, here: () => { ranHere = true; }, take: () => assert.fail('no job') }], 'always',
            () => build.input);
          assert.ok(ranHere);
        }
        for (const o of ['callees', 'callers'] as const) {
          const one = buildCallTreeOfView(view, o, { minWidth });
          const b = got[o] as typeof one;
          assert.ok(b !== undefined, `${o} tree taken from the helper`);
          assert.deepEqual([b.orientation, b.size, [...b.parent], [...b.frame], [...b.sampleEnd], [...b.merged], b.nodeFiles],
            [o, one.size, [...one.parent], [...one.frame], [...one.sampleEnd], [...one.merged], one.nodeFiles],
            `${JSON.stringify(options)} minWidth ${minWidth} ${o}`);
        }
      }
    }
  });
  test(`${name}: trees built together equal trees built one by one`, () => {
    const view = prepareView(profile, {});
    for (const minWidth of [0, 0.01]) {
      const both = buildCallTreesOfView(view, ['callees', 'callers'], { minWidth });
      for (const [k, o] of (['callees', 'callers'] as const).entries()) {
        const one = buildCallTreeOfView(view, o, { minWidth });
        const b = both[k]!;
        assert.equal(b.orientation, o);
        assert.deepEqual([b.size, [...b.parent], [...b.frame], [...b.sampleEnd], [...b.merged]],
          [one.size, [...one.parent], [...one.frame], [...one.sampleEnd], [...one.merged]]);
      }
    }
  });
}
