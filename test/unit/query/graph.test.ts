/**
 * The query core's rules on tiny profiles built frame by frame
 * (test/helpers/tiny-profile.ts): each test names the rule it checks.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { profile, type TinyProfile } from '../../helpers/tiny-profile.js';
import { prepareView, withValue } from '../../../src/query/view.js';
import { buildGraph, type Graph, type TrimOptions } from '../../../src/query/graph/trim.js';
import { computeTotal } from '../../../src/query/total.js';
import { topTable } from '../../../src/report/top.js';
import type { QueryOptions } from '../../../src/query/options.js';
import { parseProfile } from '../../../src/parse.js';
import { encodeProfileSync } from '../../../src/encode/profile.js';
import { gzipSync } from 'node:zlib';

const NO_TRIM: TrimOptions = { nodeFraction: 0, edgeFraction: 0, nodeCount: 0, cum: false, visual: false, dropNegative: false };

function graphOf(p: ReturnType<typeof profile>, q: QueryOptions = {}, t: Partial<TrimOptions> = {}): Graph {
  return buildGraph(prepareView(p, q), { ...NO_TRIM, ...t });
}

/** name -> [flat, cum] of the graph's nodes, in graph order. */
function values(g: Graph): Array<[string, bigint, bigint]> {
  return g.nodes.map((n) => [g.name(n), g.flat[n]!, g.cum[n]!]);
}

/** "src -> dest weight [inline] [residual]" of every edge, sorted. */
function edges(g: Graph): string[] {
  return g.edges.map((e) => `${g.name(e.src)} -> ${g.name(e.dest)} ${e.weight}${e.inline ? ' inline' : ''}${e.residual ? ' residual' : ''}`)
    .sort();
}

test('simple: flat goes to the leaf, cum to every frame, edges carry the samples through them', () => {
  const g = graphOf(profile({ samples: [[10, 'main', 'foo', 'bar'], [5, 'main', 'foo']] }));
  assert.deepEqual(values(g), [['bar', 10n, 10n], ['foo', 5n, 15n], ['main', 0n, 15n]]);
  assert.deepEqual(edges(g), ['foo -> bar 10', 'main -> foo 15']);
  assert.deepEqual(g.inOf(g.nodes[0]!).map((e) => e.weight), [10n]);
});

test('recursion: a node counts once per sample in cum, and each edge once per sample', () => {
  const g = graphOf(profile({ samples: [[7, 'main', 'a', 'b', 'a', 'b', 'a']] }));
  assert.deepEqual(values(g), [['a', 7n, 7n], ['b', 0n, 7n], ['main', 0n, 7n]]);
  assert.deepEqual(edges(g), ['a -> b 7', 'b -> a 7', 'main -> a 7']);
});

test('inline marks: an edge into an inlined line is inline; top marks rows by their incoming edges', () => {
  const p = profile({
    samples: [[10, 'main', 'foo', 'bar'], [5, 'main', 'baz', 'bar'], [3, 'main', 'foo', 'qux']],
    inline: { bar: 'foo', qux: 'foo' },
  });
  assert.deepEqual(edges(graphOf(p)), ['baz -> bar 5', 'foo -> bar 10 inline', 'foo -> qux 3 inline', 'main -> baz 5', 'main -> foo 13']);
  const rows = Object.fromEntries(topTable(p, { nodeFraction: 0 }).rows.map((r) => [r.name, r.inline]));
  assert.deepEqual(rows, { bar: 'partial-inline', qux: 'inline', main: '', foo: '', baz: '' });
});

test('inline marks: when an edge recurs in a sample, its first use from the root decides, also on stacks read in place', () => {
  // Root first: main, then [b inlined into a], then a, then b: the edge a -> b is first inline, then a call.
  const firstInline: TinyProfile = { samples: [[10, 'main', 'b+a', 'a', 'b']] };
  // The other way round: first a call, then inline.
  const firstCall: TinyProfile = { samples: [[10, 'main', 'a', 'b', 'b+a']] };
  const marks = (p: ReturnType<typeof profile>): Record<string, string> =>
    Object.fromEntries(topTable(p, { nodeFraction: 0, edgeFraction: 0, parallel: 'off' }).rows.map((r) => [r.name, r.inline]));
  // Gzipped bytes are decoded into memory the parser owns: the stacks stay packed and are walked leaf first.
  const inPlace = (p: ReturnType<typeof profile>): ReturnType<typeof profile> => {
    const q = parseProfile(gzipSync(encodeProfileSync(p)));
    assert.notEqual(q.samples.packedStacks, null, 'stacks read in place');
    return q;
  };
  for (const [spec, b] of [[firstInline, 'inline'], [firstCall, '']] as const) {
    const p = profile(spec);
    assert.equal(p.samples.packedStacks, null, 'stacks copied');
    assert.deepEqual(marks(p), { main: '', a: '', b });
    assert.deepEqual(marks(inPlace(p)), { main: '', a: '', b });
  }
});

test('negative values: the total is the sum of |value|; --drop-negative leaves out negative nodes', () => {
  const p = profile({ samples: [[-10, 'main', 'foo'], [4, 'main', 'bar']] });
  assert.equal(computeTotal(p, 0), 14n);
  const g = graphOf(p);
  assert.deepEqual(values(g), [['foo', -10n, -10n], ['bar', 4n, 4n], ['main', 0n, -6n]]);
  assert.deepEqual(values(graphOf(p, {}, { dropNegative: true })), [['bar', 4n, 4n]]);
});

test('hide/show leaving an empty location: the location leaves the stack, a sample with none left is dropped', () => {
  const p = profile({ samples: [[10, 'main', 'foo', 'bar'], [3, 'foo']] });
  const g = graphOf(p, { hide: '^foo$' });
  assert.deepEqual(values(g), [['bar', 10n, 10n], ['main', 0n, 10n]]);
  assert.deepEqual(edges(g), ['main -> bar 10']);
  // The total is taken before filters.
  assert.equal(g.view.total, 13n);
  const shown = graphOf(p, { show: '^(main|bar)$' });
  assert.deepEqual(edges(shown), ['main -> bar 10']);
});

test('the node-fraction cut: nodes under the cut go, and edges that skip them become residual', () => {
  const p = profile({ samples: [[1, 'main', 'a', 'b'], [100, 'main', 'b']] });
  const g = graphOf(p, {}, { nodeFraction: 0.05 });
  // Cut = trunc(101 x 0.05) = 5: a (cum 1) is dropped.
  assert.equal(g.droppedNodes, 1);
  assert.deepEqual(values(g), [['b', 101n, 101n], ['main', 0n, 101n]]);
  assert.deepEqual(edges(g), ['main -> b 101 residual']);
  assert.equal(graphOf(p).droppedNodes, 0);
});

test('sums at or above 2^53 stay exact in nodes, edges and the total', () => {
  const big = 2n ** 53n;
  const p = profile({ samples: [[big, 'main', 'foo'], [3n, 'main', 'foo'], [1n, 'main', 'bar']] });
  const g = graphOf(p);
  assert.deepEqual(values(g), [['foo', big + 3n, big + 3n], ['bar', 1n, 1n], ['main', 0n, big + 4n]]);
  assert.deepEqual(edges(g), ['main -> bar 1', `main -> foo ${big + 3n}`]);
  assert.equal(computeTotal(p, 0), big + 4n);
  assert.equal(topTable(p).rows[0]!.flat, big + 3n);
});

test('diff base: when samples carry pprof::base=true, only they make the total', () => {
  const p = profile({
    samples: [[10, 'main', 'foo'], [-4, 'main', 'foo'], [7, 'main', 'bar']],
    labels: { 0: { 'pprof::base': 'true' }, 1: { 'pprof::base': 'true' } },
  });
  assert.equal(computeTotal(p, 0), 14n);
  assert.equal(computeTotal(profile({ samples: [[10, 'main'], [-4, 'main']] }), 0), 14n);
});

test('a view resolves sample value, filters and nodes once; withValue swaps only the value column', () => {
  const p = profile({ types: [['alloc_objects', 'count'], ['alloc_space', 'bytes']], samples: [[[2, 64], 'main', 'foo']] });
  const v = prepareView(p, { focus: 'foo' });
  assert.equal(v.sampleIndex, 1);
  assert.equal(v.total, 64n);
  const w = withValue(v, 'alloc_objects');
  assert.equal(w.sampleIndex, 0);
  assert.equal(w.total, 2n);
  assert.equal(w.nodes, v.nodes);
  assert.equal(w.filters, v.filters);
  assert.deepEqual(w.activeFilters, ['focus=foo']);
});

test('pprof orders: flat then name then cum then identity; cum order puts callers first', () => {
  const p = profile({ samples: [[5, 'main', 'b'], [5, 'main', 'a'], [5, 'main', 'c', 'd']] });
  assert.deepEqual(values(graphOf(p)).map(([n]) => n), ['a', 'b', 'd', 'c', 'main']);
  assert.deepEqual(values(graphOf(p, {}, { cum: true })).map(([n]) => n), ['main', 'a', 'b', 'c', 'd']);
});

test('the registry states the flame page\'s merge threshold with the value the page uses', async () => {
  const { REPORTS } = await import('../../../src/report/registry.js');
  const { DEFAULT_FLAME_MIN_WIDTH } = await import('../../../src/render/flame-html.js');
  assert.equal(REPORTS.flamegraph.options.find((o) => o.flags.startsWith('--min-width'))?.default, DEFAULT_FLAME_MIN_WIDTH);
});

test('mean: values and the total are divided by the sample count (the first column), truncating', () => {
  const p = profile({
    types: [['contentions', 'count'], ['delay', 'nanoseconds']],
    samples: [[[2, 100], 'main', 'foo'], [[3, 50], 'main', 'bar']],
  });
  const t = topTable(p, { mean: true, nodeFraction: 0 });
  assert.equal(t.total, 30n); // 150 / 5
  assert.deepEqual(t.rows.map((r) => [r.name, r.flat, r.cum]), [['foo', 50n, 50n], ['bar', 16n, 16n], ['main', 0n, 30n]]);
  assert.match(t.header.join('\n'), /^Type: mean_delay$/m);
});

test('mean: an edge into a node the graph does not list survives the edge cut; a light edge into a listed node does not', () => {
  // With -mean a sample with a zero value but a non-zero count is walked: it makes nodes with zero
  // sums (not listed) and zero-weight edges. pprof cuts light edges only among the incoming edges
  // of listed nodes, so main -> bar (bar unlisted) stays while baz -> foo (foo listed) goes.
  const p = profile({
    types: [['count', 'count'], ['bytes', 'bytes']],
    samples: [[[1, 100], 'main', 'foo'], [[2, 0], 'main', 'bar'], [[1, 0], 'baz', 'foo']],
  });
  const g = graphOf(p, { mean: true }, { edgeFraction: 0.01 });
  assert.deepEqual(g.nodes.map((n) => g.name(n)).sort(), ['foo', 'main']);
  assert.deepEqual(edges(g), ['main -> bar 0', 'main -> foo 100']);
  assert.equal(g.droppedEdges, 1);
  // Without -mean the zero-valued samples are not walked at all.
  assert.deepEqual(edges(graphOf(p, {}, { edgeFraction: 0.01 })), ['main -> foo 100']);
});

test('incidentTo (peek): the graph keeps exactly the whole graph\'s edges with an end that passes, in the same order, on stacks copied or read in place', () => {
  const specs: TinyProfile[] = [
    { samples: [[10, 'main', 'b+a', 'a', 'b'], [7, 'main', 'a', 'b', 'b+a'], [3, 'main', 'c', 'a', 'c', 'b'], [-4, 'main', 'c']] },
    { samples: [[1, 'main', 'a', 'b'], [100, 'main', 'b'], [20, 'main', 'c+b', 'a']] },
    { samples: [[2n ** 53n, 'main', 'foo', 'a'], [3n, 'main', 'a', 'foo'], [1n, 'main', 'bar', 'a']] },
  ];
  const inPlace = (p: ReturnType<typeof profile>): ReturnType<typeof profile> => parseProfile(gzipSync(encodeProfileSync(p)));
  const show = (g: Graph, es: readonly { src: number; dest: number; weight: bigint; inline: boolean; residual: boolean }[]): string[] =>
    es.map((e) => `${g.name(e.src)} -> ${g.name(e.dest)} ${e.weight}${e.inline ? ' inline' : ''}${e.residual ? ' residual' : ''}`);
  let checked = 0;
  for (const spec of specs) {
    for (const p of [profile(spec), inPlace(profile(spec))]) {
      for (const [q, t] of [[{}, {}], [{}, { nodeFraction: 0.05 }], [{ hide: 'c' }, {}], [{ mean: true }, {}], [{ focus: 'a' }, { nodeFraction: 0.01 }]] as const) {
        const view = prepareView(p, q);
        const whole = buildGraph(view, { ...NO_TRIM, ...t });
        for (const re of [/^a$/, /b/, /^main$/, /nothing/]) {
          const part = buildGraph(view, { ...NO_TRIM, ...t }, undefined, (name) => re.test(name));
          const pass = (n: number): boolean => re.test(whole.name(n));
          assert.deepEqual(show(part, part.edges), show(whole, whole.edges.filter((e) => pass(e.src) || pass(e.dest))), `${re} edges`);
          assert.deepEqual(part.nodes, whole.nodes);
          for (const n of whole.nodes.filter(pass)) {
            assert.deepEqual(show(part, part.inOf(n)), show(whole, whole.inOf(n)), `${re} into ${whole.name(n)}`);
            assert.deepEqual(show(part, part.outOf(n)), show(whole, whole.outOf(n)), `${re} out of ${whole.name(n)}`);
            checked++;
          }
        }
      }
    }
  }
  assert.ok(checked > 50, `only ${checked} nodes compared`);
});
