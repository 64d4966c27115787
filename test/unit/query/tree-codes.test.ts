// Call trees read each sample's frames as codes (query/tree-split.ts): 16-bit
// while report nodes plus inlined locations fit, 32-bit past 65,535. The
// wide path is checked by content (every sample's path from the root) on a
// profile that needs it; the fixtures' tree tests cover the narrow one.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { profile } from '../../helpers/tiny-profile.js';
import { prepareView } from '../../../src/query/view.js';
import { splitInput } from '../../../src/query/split-input.js';
import { buildCallTreeOfView, MERGED_FRAME, ROOT_FRAME } from '../../../src/query/call-tree.js';
import { printableName } from '../../../src/query/nodes.js';

const WIDE = 70_000;

test('past 65,535 nodes the codes are 32-bit and every stack lands where its frames say', () => {
  const samples: Array<[number, ...string[]]> = [];
  for (let i = 0; i < WIDE; i++) samples.push([1 + (i % 3), 'main', `pkg.f${i}`]);
  // Inlined locations (runs of several nodes) in both widths' ranges.
  samples.push([5, 'main', 'pkg.f1', 'inl.a+inl.b']);
  samples.push([7, 'main', 'pkg.f69999', 'inl.c+inl.d']);
  const p = profile({ samples });
  const view = prepareView(p, {});
  assert.ok(splitInput(view, 0).codes instanceof Uint32Array, 'wide codes');
  for (const o of ['callees', 'callers'] as const) {
    const tree = buildCallTreeOfView(view, o);
    const name = (n: number): string => {
      const f = tree.frame[n]!;
      return f === ROOT_FRAME ? 'root' : f === MERGED_FRAME ? 'merged' : printableName(view.nodes.infos[f]!);
    };
    const path = (i: number): string[] => {
      const out: string[] = [];
      for (let n = tree.sampleEnd[i]!; n > 0; n = tree.parent[n]!) out.unshift(name(n));
      return out;
    };
    const expect = (frames: string[]): string[] => (o === 'callees' ? frames : [...frames].reverse());
    assert.deepEqual(path(0), expect(['main', 'pkg.f0']));
    assert.deepEqual(path(WIDE - 1), expect(['main', 'pkg.f69999']));
    // An inlined location expands outermost first (callees) or innermost first (callers).
    assert.deepEqual(path(WIDE), expect(['main', 'pkg.f1', 'inl.b', 'inl.a']));
    assert.deepEqual(path(WIDE + 1), expect(['main', 'pkg.f69999', 'inl.d', 'inl.c']));
    // Callees: root, main, every f, two inlined pairs; callers: every leaf with main under it, two chains of four.
    assert.equal(tree.size, o === 'callees' ? 1 + 1 + WIDE + 4 : 1 + 2 * WIDE + 8);
  }
});

test('a small profile takes the 16-bit codes, with the same tree shape', () => {
  const samples: Array<[number, ...string[]]> = [];
  for (let i = 0; i < 300; i++) samples.push([1 + (i % 3), 'main', `pkg.f${i}`]);
  samples.push([5, 'main', 'pkg.f1', 'inl.a+inl.b']);
  const view = prepareView(profile({ samples }), {});
  assert.ok(splitInput(view, 0).codes instanceof Uint16Array, 'narrow codes');
  const tree = buildCallTreeOfView(view, 'callees');
  assert.equal(tree.size, 1 + 1 + 300 + 2);
});
