/**
 * Node tags counted within bounds (query/graph/tags.ts): asked for some nodes
 * and a cut-off, nodeTags gives exactly what counting every tag of every node
 * and trimming would give for those nodes, on real heap profiles (numeric
 * `bytes` tags) and on a generated CPU profile with label and numeric tags.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseProfile } from '../../../src/parse.js';
import { prepareView, type QueryView } from '../../../src/query/view.js';
import { eachNodeTags, nodeTags, trimTags, type NodeTags } from '../../../src/query/graph/tags.js';
import { generateProfile } from '../../../bench/gen.js';
import { PROFILES } from '../../helpers/paths.js';

/** Tags as comparable data: node -> sorted `labels|name flat cum flatDiv cumDiv value` rows. */
function rows(tags: Map<number, NodeTags>, nodes: readonly number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const n of nodes) {
    const t = tags.get(n);
    if (t === undefined) continue;
    const r: string[] = [];
    for (const x of t.labels.values()) r.push(`L ${x.name} ${x.flat} ${x.cum} ${x.flatDiv} ${x.cumDiv}`);
    for (const [g, m] of t.numeric) for (const x of m.values()) r.push(`N ${g}|${x.name} ${x.flat} ${x.cum} ${x.flatDiv} ${x.cumDiv} ${x.value}`);
    if (r.length > 0) out.set(n, r.sort());
  }
  return out;
}

function check(view: QueryView, fraction: number): number {
  const all = nodeTags(view, 'minimum');
  const nodes = [...all.keys()].filter((_, i) => i % 3 !== 1); // some nodes, not all
  let total = 0;
  for (const t of all.values()) for (const x of t.labels.values()) total += Math.abs(x.flat);
  const cutoff = Math.trunc(Number(view.total) * fraction);
  const bounded = nodeTags(view, 'minimum', { nodes, cutoff });
  const expected = new Map([...all].filter(([n]) => nodes.includes(n)).map(([n, t]) => [n, trimTags(t, cutoff)]));
  assert.deepEqual(rows(bounded, nodes), rows(expected, nodes));
  assert.ok(bounded.size <= nodes.length);
  return rows(expected, nodes).size;
}

for (const name of ['heap.pb.gz', 'allocs.pb.gz', 'heap-delta.pb.gz']) {
  test(`${name}: tags of chosen nodes above a cut-off equal the trimmed tags of every node`, () => {
    const p = parseProfile(readFileSync(join(PROFILES, name)));
    for (const sampleIndex of ['alloc_space', 'inuse_space']) {
      for (const fraction of [0, 0.005, 0.05]) check(prepareView(p, { sampleIndex }), fraction);
      check(prepareView(p, { sampleIndex, mean: true }), 0.005);
    }
  });
}

test('a generated CPU profile (label sets x numeric tags): same tags, far fewer counted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-tags-'));
  try {
    const out = join(dir, 'p.pb.gz');
    await generateProfile({ out, targetBytes: 1_000_000 });
    const p = parseProfile(readFileSync(out));
    const view = prepareView(p, {});
    assert.ok(check(view, 0.005) > 0, 'some node keeps tags above the cut-off');
    // In batches of about 2,000 tags (no cut-off: every tag of every node), the same tags.
    const all = nodeTags(view, 'minimum');
    const nodes = [...all.keys()];
    const batched = new Map<number, NodeTags>();
    let visits = 0;
    let last = -1;
    eachNodeTags(view, 'minimum', nodes, 0, (n, t) => {
      if (t !== undefined) batched.set(n, t);
      // Nodes are visited once each, in the order given.
      if (nodes.indexOf(n) !== last + 1) assert.fail('nodes visited out of order');
      last = nodes.indexOf(n);
      visits++;
    }, 2000);
    assert.equal(visits, nodes.length);
    assert.deepEqual(rows(batched, nodes), rows(all, nodes));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
