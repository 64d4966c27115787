// A call tree's values of every sample type in one read of its sample ends
// (query/call-tree.ts's treeValuesOfEveryType, which a flame page's encoding
// uses) equal treeValues of each type: on every protobuf fixture, both
// orientations, cut and whole, with a filter; and, through treeValues itself,
// on columns that do not sum exactly in float64.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { parseProfile } from '../../../src/index.js';
import type { Profile } from '../../../src/model/profile.js';
import { prepareView } from '../../../src/query/view.js';
import { buildCallTreeOfView, treeValues, treeValuesOfEveryType, type CallTree, type TreeValues } from '../../../src/query/call-tree.js';
import { PROFILES } from '../../helpers/paths.js';
import { profile as tinyProfile } from '../../helpers/tiny-profile.js';

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return fixtureFiles(path);
    return e.name.endsWith('.pb.gz') ? [path] : [];
  });
}

/** Every field of a tree's values, exact ones as strings. */
function shown(v: TreeValues, size: number): unknown {
  const exact = Array.from({ length: size }, (_, i) => `${v.selfOf(i)}/${v.totalOf(i)}`);
  return { sampleIndex: v.sampleIndex, exact: v.exact, self: [...v.self], total: [...v.total], weight: [...v.weight], exactValues: exact };
}

function assertSame(p: Profile, tree: CallTree, what: string): void {
  const every = treeValuesOfEveryType(p, tree);
  assert.equal(every.length, p.sampleTypes.length, what);
  every.forEach((v, t) => assert.deepEqual(shown(v, tree.size), shown(treeValues(p, tree, t), tree.size), `${what}: type ${t}`));
}

for (const file of fixtureFiles(PROFILES)) {
  test(`${relative(PROFILES, file)}: every type's tree values at once equal each type's`, () => {
    const p = parseProfile(readFileSync(file));
    for (const options of [{}, { focus: 'runtime' }]) {
      const view = prepareView(p, options);
      for (const minWidth of [0, 0.01]) {
        for (const o of ['callees', 'callers'] as const) {
          assertSame(p, buildCallTreeOfView(view, o, { minWidth }), `${JSON.stringify(options)} ${minWidth} ${o}`);
        }
      }
    }
  });
}

test('a column past float64\'s exact range, and a single type, take treeValues per type', () => {
  const big = 2n ** 60n + 3n;
  const wide = tinyProfile({
    types: [['samples', 'count'], ['space', 'bytes']],
    samples: [[[1, big], 'main', 'a'], [[2, big], 'main', 'b'], [[3, -5n], 'main', 'a', 'c']],
  });
  for (const o of ['callees', 'callers'] as const) {
    const tree = buildCallTreeOfView(prepareView(wide, {}), o);
    assertSame(wide, tree, `wide ${o}`);
    assert.equal(treeValuesOfEveryType(wide, tree)[1]!.exact, false, 'the wide column is not exact in float64');
  }
  const one = tinyProfile({ samples: [[4, 'main', 'a'], [6, 'main', 'b']] });
  assertSame(one, buildCallTreeOfView(prepareView(one, {}), 'callees'), 'one type');
});
