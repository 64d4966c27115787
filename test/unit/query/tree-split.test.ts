/**
 * Call trees (query/tree-split.ts) against a plain trie built in the test:
 * every sample lands where its frames lead (the root for an empty stack, an
 * inner node when its stack is a prefix of others'), parts narrower than the
 * cut in every sample type end in one merged node per parent that counts
 * them, samples with no value in any type are not placed, and inlined
 * locations expand outermost first (callees) or innermost first (callers).
 * Nodes are compared by their paths of frame names, not by their ids.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { profile, type TinySample } from '../../helpers/tiny-profile.js';
import { prepareView } from '../../../src/query/view.js';
import { buildCallTreeOfView, MERGED_FRAME, ROOT_FRAME, type CallTree, type TreeOrientation } from '../../../src/query/call-tree.js';
import { printableName } from '../../../src/query/nodes.js';
import { rng } from '../../helpers/rng.js';

const NAMES = ['main', 'a', 'b', 'c', 'd', 'e', 'inl.x+inl.y'];

/** Samples with stacks of 0-7 frames (root first) over few names, so prefixes repeat; some values zero. */
function samples(seed: number): TinySample[] {
  const r = rng(seed);
  const out: TinySample[] = [];
  for (let i = 0; i < 400; i++) {
    const depth = Math.floor(r() * 8);
    const frames: string[] = [];
    for (let k = 0; k < depth; k++) frames.push(NAMES[Math.floor(Math.pow(r(), 2) * NAMES.length)]!);
    // Two types with different weights; a few samples are zero in one or both.
    const v0 = r() < 0.1 ? 0 : 1 + Math.floor(r() * 20);
    const v1 = r() < 0.1 ? 0 : Math.floor(Math.pow(r(), 3) * 1000);
    out.push([[v0, v1], ...frames]);
  }
  return out;
}

/** A sample's frame names in the tree's order (inlined `x+y`: x innermost). */
function pathOf(s: TinySample, o: TreeOrientation): string[] {
  const rootFirst: string[] = [];
  for (const f of s.slice(1) as string[]) rootFirst.push(...f.split('+').reverse());
  return o === 'callees' ? rootFirst : rootFirst.reverse();
}

interface Want {
  /** Path (names joined by '/') where each placed sample ends; null when not placed. */
  ends: Array<string | null>;
  /** Merged node paths ('<parent>/*') with the number of parts each stands for. */
  merged: Map<string, number>;
}

/** The expected tree: a trie cut where a part is narrower than the cut-off in every type. */
function expected(list: readonly TinySample[], o: TreeOrientation, minWidth: number): Want {
  const values = list.map((s) => s[0] as number[]);
  const placed = list.map((_, i) => values[i]!.some((v) => v !== 0));
  const cutoffs = [0, 1].map((t) => minWidth * values.reduce((n, v, i) => n + (placed[i] ? Math.abs(v[t]!) : 0), 0));
  const ends: Array<string | null> = list.map(() => null);
  const merged = new Map<string, number>();
  const split = (members: number[], depth: number, prefix: string): void => {
    const parts = new Map<string, number[]>();
    for (const i of members) {
      const p = pathOf(list[i]!, o);
      if (depth === p.length) { ends[i] = prefix; continue; }
      (parts.get(p[depth]!) ?? parts.set(p[depth]!, []).get(p[depth]!)!).push(i);
    }
    for (const [frame, part] of parts) {
      const wide = [0, 1].some((t) => {
        const w = part.reduce((n, i) => n + Math.abs(values[i]![t]!), 0);
        return w >= cutoffs[t]! && w > 0;
      });
      const at = prefix === '' ? frame : `${prefix}/${frame}`;
      if (wide) { split(part, depth + 1, at); continue; }
      const m = prefix === '' ? '*' : `${prefix}/*`;
      merged.set(m, (merged.get(m) ?? 0) + 1);
      for (const i of part) ends[i] = m;
    }
  };
  split(list.map((_, i) => i).filter((i) => placed[i]), 0, '');
  return { ends, merged };
}

/** The same view of a built tree. */
function actual(tree: CallTree, count: number): Want {
  const names = tree.nodes.infos;
  const path = (n: number): string => {
    const out: string[] = [];
    for (let x = n; x > 0; x = tree.parent[x]!) {
      const f = tree.frame[x]!;
      out.unshift(f === MERGED_FRAME ? '*' : printableName(names[f]!));
    }
    return out.join('/');
  };
  assert.equal(tree.frame[0], ROOT_FRAME);
  const ends: Array<string | null> = [];
  for (let i = 0; i < count; i++) ends.push(tree.sampleEnd[i]! < 0 ? null : path(tree.sampleEnd[i]!));
  const merged = new Map<string, number>();
  for (const [n, k] of tree.merged) merged.set(path(n), k);
  return { ends, merged };
}

for (const seed of [1, 2, 3]) {
  for (const o of ['callees', 'callers'] as const) {
    for (const minWidth of [0, 0.01, 0.05, 0.3]) {
      test(`seed ${seed} ${o} minWidth ${minWidth}: the tree is the cut trie of the samples`, () => {
        const list = samples(seed);
        const p = profile({ types: [['samples', 'count'], ['time', 'nanoseconds']], samples: list });
        const tree = buildCallTreeOfView(prepareView(p, {}), o, { minWidth });
        const want = expected(list, o, minWidth);
        const got = actual(tree, list.length);
        assert.deepEqual(got.ends, want.ends);
        assert.deepEqual([...got.merged].sort(), [...want.merged].sort());
        // Every node is a distinct path: no two children of one parent share a frame.
        const seen = new Set<string>();
        for (let n = 1; n < tree.size; n++) {
          const key = `${tree.parent[n]}:${tree.frame[n]}`;
          assert.ok(!seen.has(key), `node ${n} repeats its parent's child`);
          seen.add(key);
          assert.ok(tree.parent[n]! < n, 'a child comes after its parent');
        }
        // The cases this is about occur: samples ending at inner nodes and at the root, merged parts, unplaced samples.
        if (minWidth === 0.05) assert.ok(want.merged.size > 0, 'some parts are merged');
        assert.ok(want.ends.some((e) => e === ''), 'some stack is empty');
        const inner = want.ends.filter((e): e is string => e !== null && e !== '' && !e.endsWith('*'));
        assert.ok(inner.some((e) => want.ends.some((f) => f !== null && f.startsWith(`${e}/`))), 'some stack ends inside others');
        assert.ok(want.ends.some((e) => e === null), 'some sample is not placed');
      });
    }
  }
}
