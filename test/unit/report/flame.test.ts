/**
 * Flame graph data without a browser: the d3 tree of `flameGraph` (values,
 * agreement with `top`, negative values, merging of narrow frames, inverted
 * trees), the page data and its escaping, and determinism of the HTML.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flameGraph, flameGraphHtml, parseProfile, resolveSampleIndex, topTable, type FlameGraphOptions } from '../../../src/index.js';
import { flameNodes, type FlameNode } from '../../../src/render/flame-node.js';
import type { Profile } from '../../../src/model/profile.js';
import { buildFlamePayload } from '../../../src/render/flame-data.js';
import { escapeHtml, scriptSafeJson } from '../../../src/render/flame-html.js';
import { packageColor, packageOf } from '../../../src/render/package-color.js';
import { PROFILES } from '../../helpers/paths.js';
import { HOSTILE_NAMES, hostileProfile } from '../../helpers/xss-profile.js';

/** The node and its callers up to the root. */
function ancestorsOf(n: FlameNode): FlameNode[] {
  const out: FlameNode[] = [];
  for (let a: FlameNode | null = n; a !== null; a = a.parent) out.push(a);
  return out;
}

const cache = new Map<string, Profile>();
function fixture(name: string): Profile {
  let p = cache.get(name);
  if (p === undefined) cache.set(name, (p = parseProfile(readFileSync(join(PROFILES, name)))));
  return p;
}

const FIXTURES = ['cpu.pb.gz', 'heap.pb.gz', 'allocs.pb.gz', 'goroutine.pb.gz', 'block.pb.gz', 'mutex.pb.gz', 'threadcreate.pb.gz'];

/** Every node's cumulative value is its self value plus its children's; the d3 value agrees. */
function assertConsistent(root: FlameNode): void {
  flameNodes(root).forEach((n) => {
    const kids = n.children ?? [];
    const sum = kids.reduce((s, c) => s + c.data.total, 0n);
    assert.equal(n.data.total, n.data.self + sum, `total of ${n.data.name}`);
    const w = kids.reduce((s, c) => s + c.data.weight, Math.abs(Number(n.data.self)));
    assert.ok(n.data.weight >= w - 1e-6 * Math.max(1, w), `weight of ${n.data.name}`);
    assert.equal(n.value, Number(n.data.total));
  });
}

/** A frame's cumulative value as `top` computes it: each stack counts once however often the frame recurs. */
function cumByName(root: FlameNode): Map<string, bigint> {
  const out = new Map<string, bigint>();
  flameNodes(root).forEach((n) => {
    if (n.data.kind !== 'frame') return;
    if (ancestorsOf(n).slice(1).some((a) => a.data.name === n.data.name)) return;
    out.set(n.data.name, (out.get(n.data.name) ?? 0n) + n.data.total);
  });
  return out;
}

function topCum(profile: Profile, options: FlameGraphOptions): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const r of topTable(profile, { ...options, nodeFraction: 0 }).rows) if (r.cum !== 0n) out.set(r.name, r.cum);
  return out;
}

for (const name of FIXTURES) {
  test(`flameGraph ${name}: root value is the total and every node is self + children, for each sample type`, () => {
    const p = fixture(name);
    p.sampleTypes.forEach((_, i) => {
      const g = flameGraph(p, { sampleIndex: i });
      assert.equal(g.root.data.kind, 'root');
      assert.equal(g.root.data.total, g.total);
      assert.equal(g.root.value, Number(g.total));
      assertConsistent(g.root);
    });
  });
}

const AGREEMENT: Array<[string, FlameGraphOptions]> = [
  ['cpu.pb.gz', {}],
  ['cpu.pb.gz', { granularity: 'lines' }],
  ['cpu.pb.gz', { granularity: 'addresses' }],
  ['cpu.pb.gz', { granularity: 'files' }],
  ['cpu.pb.gz', { noInlines: true }],
  ['cpu.pb.gz', { focus: 'trieNode', hide: 'runtime' }],
  ['cpu.pb.gz', { show: '^main\\.' }],
  ['cpu.pb.gz', { ignore: 'pprof' }],
  ['heap.pb.gz', { sampleIndex: 'alloc_space' }],
  ['heap.pb.gz', { sampleIndex: 'inuse_objects', granularity: 'filefunctions' }],
  ['goroutine.pb.gz', {}],
];
for (const [name, options] of AGREEMENT) {
  test(`flameGraph ${name} ${JSON.stringify(options)}: frame totals agree with top's cum`, () => {
    const p = fixture(name);
    const g = flameGraph(p, options);
    assertConsistent(g.root);
    assert.deepEqual(cumByName(g.root), topCum(p, options));
  });
  test(`flameGraph ${name} ${JSON.stringify(options)}: the inverted tree's first level is top's flat`, () => {
    const p = fixture(name);
    const g = flameGraph(p, { ...options, orientation: 'callers' });
    assertConsistent(g.root);
    const flat = new Map<string, bigint>();
    for (const r of topTable(p, { ...options, nodeFraction: 0 }).rows) if (r.flat !== 0n) flat.set(r.name, r.flat);
    const first = new Map((g.root.children ?? []).map((c) => [c.data.name, c.data.total] as const));
    assert.deepEqual(first, flat);
    assert.equal(g.root.data.total, flameGraph(p, options).root.data.total);
  });
}

test('flameGraph: inline frames are separate frames, the outermost one the parent', () => {
  const p = fixture('cpu.pb.gz');
  const inlined = p.locations.find((l) => l.lines.length > 1);
  assert.ok(inlined, 'the cpu fixture has inlined frames');
  const [inner, outer] = [inlined.lines[0]!.function.name, inlined.lines[inlined.lines.length - 1]!.function.name];
  const g = flameGraph(p);
  const edge = flameNodes(g.root).some((n) => n.data.name === inner && n.parent?.data.name === outer);
  assert.ok(edge, `${outer} -> ${inner}`);
  // With --noinlines the inner function disappears into its caller.
  const without = flameGraph(p, { noInlines: true });
  assert.ok(!flameNodes(without.root).some((n) => n.data.name === inner && n.parent?.data.name === outer));
});

test('flameGraph heap-delta: negative values are kept, widths use |value|', () => {
  const p = fixture('heap-delta.pb.gz');
  let negatives = 0;
  for (let i = 0; i < p.sampleTypes.length; i++) {
    const g = flameGraph(p, { sampleIndex: i });
    assertConsistent(g.root);
    negatives += flameNodes(g.root).filter((n) => n.data.total < 0n || n.data.self < 0n).length;
    assert.equal(g.root.data.weight, Number(g.total), 'the root is as wide as the report total');
    const signed = p.samples.numberColumn(i).values.reduce((s, v) => s + v, 0);
    assert.equal(g.root.data.total, BigInt(signed));
    assert.deepEqual(cumByName(g.root), topCum(p, { sampleIndex: i }));
  }
  assert.ok(negatives > 0, 'the delta profile has negative frames');
});

test('flameGraph minWidth: narrow frames become one "other" per parent, values unchanged', () => {
  const p = fixture('cpu.pb.gz');
  const full = flameGraph(p);
  const cut = flameGraph(p, { minWidth: 0.05 });
  assertConsistent(cut.root);
  assert.equal(cut.root.data.total, full.root.data.total);
  const limit = 0.05 * cut.root.data.weight;
  let others = 0;
  flameNodes(cut.root).forEach((n) => {
    if (n.data.kind === 'frame') assert.ok(n.data.weight >= limit, `${n.data.name} is wide enough`);
    const kids = n.children ?? [];
    assert.ok(kids.filter((c) => c.data.kind === 'other').length <= 1, 'at most one other per parent');
    if (n.data.kind === 'other') {
      others++;
      assert.ok(n.data.merged > 0);
      assert.equal(kids.length, 0);
      assert.equal(n.data.self, n.data.total);
      assert.equal(n.parent!.children!.at(-1), n, 'other comes last');
    }
  });
  assert.ok(others > 0);
  assert.ok(flameNodes(cut.root).length < flameNodes(full.root).length / 2);
  assert.throws(() => flameGraph(p, { minWidth: 2 }), { name: 'PprofError', code: 'bad-option' });
});

test('flameGraph: children are sorted by name, and two runs give the same tree', () => {
  const p = fixture('heap.pb.gz');
  const a = flameGraph(p, { sampleIndex: 'alloc_space' });
  flameNodes(a.root).forEach((n) => {
    const names = (n.children ?? []).filter((c) => c.data.kind === 'frame').map((c) => c.data.name);
    assert.deepEqual(names, [...names].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
  });
  const b = flameGraph(p, { sampleIndex: 'alloc_space' });
  const dump = (g: typeof a): string => flameNodes(g.root).map((n) => `${n.depth} ${n.data.name} ${n.data.total}`).join('\n');
  assert.equal(dump(a), dump(b));
});

test('flameGraphHtml is deterministic and embeds every sample type in both orientations', () => {
  const p = fixture('heap.pb.gz');
  const one = flameGraphHtml(p, { title: 'heap' });
  assert.equal(one, flameGraphHtml(p, { title: 'heap' }));
  const payload = buildFlamePayload(p, { minWidth: 0, title: 'heap' });
  assert.deepEqual(payload.types.map((t) => t.type), p.sampleTypes.map((t) => t.type));
  payload.types.forEach((t, i) => {
    assert.equal(t.totalText, /of (\S+) total/.exec(topTable(p, { sampleIndex: i }).header.join('\n'))![1]);
    for (const tree of [t.trees.callees, t.trees.callers]) {
      assert.equal(tree.t[0], t.total);
      assert.equal(tree.f.length, tree.c.reduce((s, c) => s + c, 1));
    }
  });
  assert.equal(payload.defaultType, resolveSampleIndex(p, undefined));
  // No network: nothing in the page points anywhere.
  assert.doesNotMatch(one, /\b(src|href)\s*=|https?:\/\/|@import|url\(/i);
});

test('the page encodes the same trees as flameGraph(): frame, child count, total and self in preorder', () => {
  for (const name of FIXTURES) {
    const p = fixture(name);
    for (const minWidth of [0, 0.005]) {
      const payload = buildFlamePayload(p, { minWidth, title: name });
      payload.types.forEach((t, i) => {
        for (const orientation of ['callees', 'callers'] as const) {
          const tree = t.trees[orientation];
          const nodes = flameNodes(flameGraph(p, { sampleIndex: i, minWidth, orientation }).root);
          const frameName = (k: number): string => payload.strings[payload.frames[3 * tree.f[k]!]!]!;
          assert.deepEqual(
            nodes.map((_, k) => [frameName(k), tree.c[k], tree.t[k], tree.s[k]]),
            nodes.map((n) => [n.data.name, n.children?.length ?? 0, Number(n.data.total), Number(n.data.self)]),
            `${name} type ${i} ${orientation} minWidth ${minWidth}`,
          );
        }
      });
    }
  }
});

test('page data escaping: nothing from the profile can end the script or the title', () => {
  const json = scriptSafeJson({ s: '</script><!-- \u2028\u2029 & >' });
  assert.doesNotMatch(json, /[<>&\u2028\u2029]/);
  assert.deepEqual(JSON.parse(json), { s: '</script><!-- \u2028\u2029 & >' });
  assert.equal(escapeHtml('<a href="x">\'&'), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;');

  const p = parseProfile(hostileProfile());
  const html = flameGraphHtml(p, { title: '</title><script>window.__xss="title"</script>' });
  assert.equal(html.match(/<script/gi)?.length, 2, 'only the data and the page script');
  assert.equal(html.match(/<\/script/gi)?.length, 2);
  assert.doesNotMatch(html, /<img|<svg|<b>|\u2028|\u2029/i);
  const data = /<script type="application\/json" id="flame-data">([^<]*)<\/script>/.exec(html);
  assert.ok(data, 'the data element is intact');
  const payload = JSON.parse(data[1]!) as { strings: string[] };
  for (const n of HOSTILE_NAMES) assert.ok(payload.strings.includes(n), `name kept verbatim: ${n}`);
});

test('package colours: the package comes from the name and its colour is stable', () => {
  assert.equal(packageOf('github.com/projectcalico/felix/iptables.(*Table).Apply'), 'github.com/projectcalico/felix/iptables');
  assert.equal(packageOf('runtime.mallocgc'), 'runtime');
  assert.equal(packageOf('main.(*trieNode).lookup main.go:12'), 'main');
  assert.equal(packageOf('0000000000401000 runtime.goexit'), 'runtime');
  assert.equal(packageOf('', 'net/http/server.go'), 'net/http');
  assert.equal(packageOf('malloc'), 'malloc');
  assert.equal(packageColor('runtime'), packageColor('runtime'));
  assert.notEqual(packageColor('runtime'), packageColor('main'));
  // Fixed value: colours must not change between versions without a reason.
  assert.equal(packageColor('runtime'), 'hsl(315 48% 72%)');
});
