/**
 * The edge table of top's inline marks (query/edge-table.ts) against a plain
 * Map of the same adds: ids stay stable through growth and rehashing, an
 * edge counts once per sample, and the call flag follows pprof's rule (the
 * first use of an edge in a sample, root first, decides) whether the walk
 * goes root first (`add`) or leaf first (`addFromLeaf`).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeTable, type EdgeLists } from '../../../src/query/edge-table.js';

/** One use of an edge in a sample, root first. */
interface Use { parent: number; child: number; call: boolean }

/** Samples of random uses, with repeats inside a sample (recursion) and far more edges than the first allocation. */
function randomSamples(seed: number, count: number): { w: number; uses: Use[] }[] {
  let s = seed;
  const rnd = (n: number): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
  const out: { w: number; uses: Use[] }[] = [];
  for (let i = 0; i < count; i++) {
    const uses: Use[] = [];
    const depth = 1 + rnd(12);
    for (let k = 0; k < depth; k++) {
      // A small pool of hot edges, repeated within samples, plus a long tail.
      const hot = rnd(3) === 0;
      uses.push({ parent: hot ? rnd(4) : rnd(400), child: hot ? 4 + rnd(4) : rnd(900), call: rnd(2) === 0 });
    }
    out.push({ w: 1 + rnd(1000), uses });
  }
  return out;
}

/** pprof's reading: weight once per sample; call when the first use in some sample is a call. */
function expected(samples: { w: number; uses: Use[] }[]): Map<string, { weight: number; call: boolean }> {
  const m = new Map<string, { weight: number; call: boolean }>();
  for (const { w, uses } of samples) {
    const seen = new Set<string>();
    for (const u of uses) {
      const k = `${u.parent}>${u.child}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const e = m.get(k) ?? { weight: 0, call: false };
      e.weight += w;
      e.call ||= u.call;
      m.set(k, e);
    }
  }
  return m;
}

function asMap(l: EdgeLists): Map<string, { weight: number; call: boolean }> {
  const m = new Map<string, { weight: number; call: boolean }>();
  for (let e = 0; e < l.parent.length; e++) {
    const k = `${l.parent[e]}>${l.child[e]}`;
    assert.ok(!m.has(k), `edge ${k} listed twice`);
    m.set(k, { weight: l.weight[e]!, call: l.call[e] === 1 });
  }
  return m;
}

test('root-first adds give each edge its weight once per sample and its call flag', () => {
  const samples = randomSamples(7, 3000);
  const t = new EdgeTable();
  samples.forEach(({ w, uses }, i) => {
    for (const u of uses) t.add(t.idOf(u.parent, u.child), i + 1, w, u.call);
  });
  assert.ok(t.count > 1000, `only ${t.count} edges: growth untested`);
  assert.deepEqual(asMap(t.heavy(null, 0n)), expected(samples));
});

test('leaf-first adds read the call flag of the root-most use, before and after settle()', () => {
  const samples = randomSamples(11, 3000);
  const t = new EdgeTable();
  samples.forEach(({ w, uses }, i) => {
    for (let k = uses.length - 1; k >= 0; k--) t.addFromLeaf(t.idOf(uses[k]!.parent, uses[k]!.child), i + 1, w, uses[k]!.call);
  });
  const want = expected(samples);
  assert.deepEqual(asMap(t.heavy(null, 0n)), want);
  t.settle();
  assert.deepEqual(asMap(t.heavy(null, 0n)), want);
});

test('ids are stable through growth, and merging two halves equals one table', () => {
  const samples = randomSamples(5, 2000);
  const whole = new EdgeTable();
  const a = new EdgeTable();
  const b = new EdgeTable();
  const firstId = new Map<string, number>();
  samples.forEach(({ w, uses }, i) => {
    const half = i < 1000 ? a : b;
    for (const u of uses) {
      const id = whole.idOf(u.parent, u.child);
      const k = `${u.parent}>${u.child}`;
      assert.equal(firstId.get(k) ?? id, id, `edge ${k} changed id`);
      firstId.set(k, id);
      whole.add(id, i + 1, w, u.call);
      half.add(half.idOf(u.parent, u.child), i + 1, w, u.call);
    }
  });
  assert.deepEqual(asMap(a.heavy(EdgeTable.of(b.state()), 0n)), asMap(whole.heavy(null, 0n)));
  assert.equal(a.count + b.count >= whole.count, true);
});

test('heavy: the edges of two halves whose summed weight reaches the cut-off, negative weights too, as the whole table has them', () => {
  // Weights of both signs (a diff profile's), so a half can hold more than the sum and the halves can cancel.
  const samples = randomSamples(9, 3000).map((s, i) => ({ ...s, w: i % 3 === 0 ? -s.w : s.w }));
  for (const split of [0, 1, 1500, 2999, 3000]) {
    const whole = new EdgeTable();
    const a = new EdgeTable();
    const b = new EdgeTable();
    samples.forEach(({ w, uses }, i) => {
      const half = i < split ? a : b;
      for (let k = uses.length - 1; k >= 0; k--) {
        const u = uses[k]!;
        whole.addFromLeaf(whole.idOf(u.parent, u.child), i + 1, w, u.call);
        half.addFromLeaf(half.idOf(u.parent, u.child), i + 1, w, u.call);
      }
    });
    const all = asMap(whole.heavy(null, 0n));
    const weights = [...all.values()].map((e) => Math.abs(e.weight)).sort((x, y) => x - y);
    const cuts = [0, 1, weights[weights.length >> 1]!, weights[weights.length - 5]!, weights[weights.length - 1]!,
      weights[weights.length - 1]! + 1, 12345, 2 ** 60];
    let sawFew = false;
    for (const cut of cuts) {
      const want = new Map([...all].filter(([, e]) => Math.abs(e.weight) >= cut));
      if (want.size > 0 && want.size < all.size / 10) sawFew = true;
      const m = BigInt(cut);
      assert.deepEqual(asMap(whole.heavy(null, m)), want, `one table, cut ${cut}`);
      const theirs = EdgeTable.of(b.state());
      assert.deepEqual(asMap(a.heavy(theirs, m)), want, `split at ${split}, cut ${cut}`);
      assert.deepEqual(asMap(theirs.heavy(a, m)), want, `split at ${split}, cut ${cut}, the other way round`);
    }
    assert.ok(sawFew, 'some cut keeps only a few edges');
  }
});

test('an edge first used inline (root first) stays inline however often it is called further down', () => {
  const t = new EdgeTable();
  const inlineFirst: Use[] = [{ parent: 1, child: 2, call: false }, { parent: 3, child: 4, call: true }, { parent: 1, child: 2, call: true }];
  for (let i = 1; i <= 3; i++) {
    for (let k = inlineFirst.length - 1; k >= 0; k--) {
      const u = inlineFirst[k]!;
      t.addFromLeaf(t.idOf(u.parent, u.child), i, 10, u.call);
    }
  }
  t.settle();
  assert.deepEqual(asMap(t.heavy(null, 0n)), new Map([['1>2', { weight: 30, call: false }], ['3>4', { weight: 30, call: true }]]));
});

test('the reserve a table starts with (below, near or far past the edges it gets) changes no id, weight or flag', () => {
  const samples = randomSamples(13, 3000);
  const build = (expected: number | undefined): { t: EdgeTable; ids: number[] } => {
    const t = expected === undefined ? new EdgeTable() : new EdgeTable(expected);
    const ids: number[] = [];
    samples.forEach(({ w, uses }, i) => {
      for (let k = uses.length - 1; k >= 0; k--) {
        const id = t.idOf(uses[k]!.parent, uses[k]!.child);
        ids.push(id);
        t.addFromLeaf(id, i + 1, w, uses[k]!.call);
      }
    });
    t.settle();
    return { t, ids };
  };
  const plain = build(undefined);
  const want = expected(samples);
  assert.ok(plain.t.count > 2000, `only ${plain.t.count} edges`);
  for (const reserve of [0, 1, 300, plain.t.count - 1, plain.t.count, plain.t.count + 1, 5000, 2 ** 21, 2 ** 40]) {
    const r = build(reserve);
    assert.deepEqual(r.ids, plain.ids, `reserve ${reserve}: ids`);
    assert.equal(r.t.count, plain.t.count);
    assert.deepEqual(asMap(r.t.heavy(null, 0n)), want, `reserve ${reserve}`);
    assert.deepEqual(asMap(EdgeTable.of(r.t.state()).heavy(null, 0n)), want, `reserve ${reserve}, after state()`);
  }
});
