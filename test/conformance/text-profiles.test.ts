/**
 * Go's debug=1 text profiles read into the same model as protobuf: format
 * sniffing, sample types, labels, and agreement of `top` with the protobuf
 * profile captured from the fixture daemon at the same moment
 * (fixtures/capture.sh and fixtures/capture-pairs.sh).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PROFILES } from '../helpers/paths.js';
import { debug1View, framesOf } from '../helpers/text-view.js';
import { parseProfile, safeParseProfile } from '../../src/parse.js';
import { topTable, type TopTableOptions } from '../../src/report/top.js';
import { sniffTextFormat } from '../../src/decode/text/sniff.js';
import type { Profile } from '../../src/model/profile.js';
import { readingWarnings } from '../../src/decode/legacy/warnings.js';

const load = (name: string): Profile => parseProfile(readFileSync(join(PROFILES, name)));
const text = (name: string): string => readFileSync(join(PROFILES, name), 'utf8');

/** Rows of top as comparable data: name, inline mark, flat, cum. */
function rows(p: Profile, o: TopTableOptions): string[] {
  return topTable(p, o).rows.map((r) => `${r.name}${r.inline === '' ? '' : ` (${r.inline})`} ${r.flat} ${r.cum}`);
}

const TOP_VARIANTS: TopTableOptions[] = [
  {}, { nodeFraction: 0 }, { cum: true, nodeFraction: 0 }, { granularity: 'lines', nodeFraction: 0 },
  { granularity: 'files', nodeFraction: 0 }, { noInlines: true, nodeFraction: 0 },
];

test('sniffing: each Go text format is recognised from its first line, garbage is not', () => {
  assert.equal(sniffTextFormat(text('goroutine.debug1.txt')), 'count-debug1');
  assert.equal(sniffTextFormat(text('threadcreate.debug1.txt')), 'count-debug1');
  assert.equal(sniffTextFormat(text('heap.debug1.txt')), 'heap-debug1');
  assert.equal(sniffTextFormat(text('block.debug1.txt')), 'contention-debug1');
  assert.equal(sniffTextFormat(text('mutex.debug1.txt')), 'contention-debug1');
  assert.equal(sniffTextFormat(text('goroutine.debug2.txt')), 'goroutine-dump');
  assert.equal(sniffTextFormat('this is not a profile\n'), null);
  assert.equal(sniffTextFormat('<html><body>404</body></html>\n'), null);
  const r = safeParseProfile(new TextEncoder().encode('this is not a profile\n'));
  assert.equal(r.success, false);
  if (!r.success) {
    assert.equal(r.error.code, 'bad-format');
    assert.match(r.error.message, /^unsupported format: the input looks like text/);
  }
});

test('text profiles get the runtime\'s sample types, period types and defaults', () => {
  const g = load('goroutine.debug1.txt');
  assert.deepEqual(g.sampleTypes, [{ type: 'goroutine', unit: 'count' }]);
  assert.deepEqual(g.periodType, { type: 'goroutine', unit: 'count' });
  assert.deepEqual(load('threadcreate.debug1.txt').sampleTypes, [{ type: 'threadcreate', unit: 'count' }]);
  const h = load('heap.debug1.txt');
  assert.deepEqual(h.sampleTypes.map((t) => `${t.type}/${t.unit}`),
    ['alloc_objects/count', 'alloc_space/bytes', 'inuse_objects/count', 'inuse_space/bytes']);
  assert.deepEqual(h.periodType, { type: 'space', unit: 'bytes' });
  assert.equal(h.period, 524288n);
  for (const name of ['block.debug1.txt', 'mutex.debug1.txt']) {
    assert.deepEqual(load(name).sampleTypes.map((t) => `${t.type}/${t.unit}`), ['contentions/count', 'delay/nanoseconds']);
  }
  assert.deepEqual(g.sampleTypes, load('goroutine.pb.gz').sampleTypes);
  assert.deepEqual(h.sampleTypes, load('heap.pb.gz').sampleTypes);
});

test('goroutine debug=1 keeps function names, files, lines and pprof labels', () => {
  const g = load('goroutine.debug1.txt');
  const workers = [...Array(g.samples.count).keys()].map((i) => g.samples.get(i))
    .find((s) => s.labels.some((l) => l.key === 'workload' && l.kind === 'string' && l.value === 'workers'));
  assert.ok(workers !== undefined, 'a sample labelled workload=workers');
  const leaf = workers.locations[0]!.lines[0]!;
  assert.match(leaf.function.name, /^main\./);
  assert.match(leaf.function.filename, /fixtures\/daemon\/main\.go$/);
  assert.ok(leaf.line > 0);
});

test('threadcreate debug=1: records with no stack become samples with no locations', () => {
  const t = load('threadcreate.debug1.txt');
  const empty = [...Array(t.samples.count).keys()].map((i) => t.samples.get(i)).filter((s) => s.locations.length === 0);
  assert.equal(empty.reduce((a, s) => a + s.values[0]!, 0n), 9n);
  assert.deepEqual(rows(t, { nodeFraction: 0 }), rows(debug1View(load('threadcreate.pb.gz')), { nodeFraction: 0 }));
});

test('goroutine debug=1 and protobuf of one moment (goroutine-stable pair) give the same top rows, inline marks included', () => {
  const fromText = load('pairs/goroutine-stable.debug1.txt');
  const fromProto = debug1View(load('pairs/goroutine-stable.pb.gz'));
  for (const o of TOP_VARIANTS) assert.deepEqual(rows(fromText, o), rows(fromProto, o), JSON.stringify(o));
  // Labels agree too: the same (stack, labels) -> count multiset.
  assert.deepEqual(sampleMultiset(fromText), sampleMultiset(fromProto));
});

test('goroutine-pair: debug=1 and protobuf agree except for the goroutines that moved between the two requests', () => {
  const fromText = sampleMultiset(load('goroutine-pair.debug1.txt'));
  const fromProto = sampleMultiset(debug1View(load('goroutine-pair.pb.gz')));
  const moved = diffMultisets(fromText, fromProto);
  // The requests were back to back; only a goroutine in a transient read may differ (one goroutine, each side).
  assert.ok(moved.onlyText <= 1 && moved.onlyProto <= 1, JSON.stringify(moved));
  assert.equal(moved.same, 49);
  const text = load('goroutine-pair.debug1.txt');
  const proto = debug1View(load('goroutine-pair.pb.gz'));
  // Ignoring the moved goroutine's stacks, every top row agrees.
  const ignore = moved.stacks.map((s) => s.split('\n')[0]!.split(' ')[0]!).filter((s) => s !== '' && !s.startsWith('{'));
  assert.ok(ignore.length > 0);
  const focus = { ignore: ignore.map((n) => `^${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`).join('|'), nodeFraction: 0 };
  assert.deepEqual(rows(text, focus), rows(proto, focus));
});

for (const [kind, types] of [
  ['heap', ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']],
  ['block', ['contentions', 'delay']],
  ['mutex', ['contentions', 'delay']],
] as const) {
  test(`${kind} debug=1 and protobuf of one moment give identical top rows for every sample type`, () => {
    const fromText = load(`pairs/${kind}-pair.debug1.txt`);
    // Heap's protobuf hides leading runtime frames by physical function; block and mutex print every frame.
    const fromProto = load(`pairs/${kind}-pair.pb.gz`);
    for (const sampleIndex of types) {
      for (const o of TOP_VARIANTS) {
        assert.deepEqual(rows(fromText, { ...o, sampleIndex }), rows(fromProto, { ...o, sampleIndex }), `${sampleIndex} ${JSON.stringify(o)}`);
      }
    }
    assert.equal(topTable(fromText).total, topTable(fromProto).total);
  });
}

test('heap debug=1 values are un-sampled exactly like the protobuf writer does, with the bytes label', () => {
  const fromText = load('pairs/heap-pair.debug1.txt');
  const fromProto = load('pairs/heap-pair.pb.gz');
  const sum = (p: Profile, k: number): bigint => [...Array(p.samples.count).keys()].reduce((a, i) => a + p.samples.get(i).values[k]!, 0n);
  for (let k = 0; k < 4; k++) assert.equal(sum(fromText, k), sum(fromProto, k), fromText.sampleTypes[k]!.type);
  const labelled = [...Array(fromText.samples.count).keys()].map((i) => fromText.samples.get(i)).filter((s) => s.values[0]! > 0n);
  assert.ok(labelled.every((s) => s.labels.some((l) => l.key === 'bytes' && l.kind === 'number' && l.value > 0n)));
});

test('gzip-compressed text is read like plain text', () => {
  const plain = load('mutex.debug1.txt');
  const gz = parseProfile(gzipSync(readFileSync(join(PROFILES, 'mutex.debug1.txt'))));
  assert.deepEqual(rows(gz, {}), rows(plain, {}));
});

test('malformed or truncated debug=1 text: bad-format errors that name the line', () => {
  const cases: [string, string, RegExp][] = [
    ['goroutine.debug1.txt', cutAfterLines(text('goroutine.debug1.txt'), 20), /goroutine profile \(debug=1\): line \d+: records add up to \d+ but the header says total \d+/],
    ['goroutine.debug1.txt', text('goroutine.debug1.txt').slice(0, 300), /line \d+: .*(cut short|malformed|records add up)/],
    ['heap.debug1.txt', replaceLine(text('heap.debug1.txt'), 1, '1: 4194304 [1 4194304] @ 0x689351'), /heap profile \(debug=1\): line 2: expected "<n>: <n> \[<n>: <n>\]" before "@"/],
    ['block.debug1.txt', replaceLine(text('block.debug1.txt'), 3, '#\t0x470d8b\tsync.(*Cond).Wait+0x8b'), /block profile \(debug=1\): line 4: malformed frame line/],
    ['mutex.debug1.txt', replaceLine(text('mutex.debug1.txt'), 1, 'cycles/second=0'), /mutex profile \(debug=1\): line \d+: missing "cycles\/second=<n>"/],
    ['goroutine.debug1.txt', replaceLine(text('goroutine.debug1.txt'), 2, '# labels: {"workload":workers}'), /line 3: malformed label map/],
    ['heap.debug1.txt', 'heap profile: 1: 2 [3: 4] @ heapz\n', /heap profile \(debug=1\): line 1: expected "heap profile:/],
  ];
  for (const [, input, re] of cases) {
    const r = safeParseProfile(new TextEncoder().encode(input));
    assert.equal(r.success, false, `accepted: ${input.slice(0, 60)}`);
    if (!r.success) {
      assert.equal(r.error.code, 'bad-format');
      assert.match(r.error.message, re);
    }
  }
});

test('heap debug=1 whose header totals exceed its records (old runtimes, or cut at a line) is read with a warning', () => {
  const p = parseProfile(new TextEncoder().encode(cutAfterLines(text('heap.debug1.txt'), 30)));
  assert.ok(p.samples.count > 0);
  assert.deepEqual(readingWarnings(p).map((w) => w.replace(/\d+/g, 'N')),
    ['heap profile (debug=N): records add up to N: N [N: N] but the header says N: N [N: N]: the header and the records disagree']);
  assert.deepEqual(readingWarnings(load('heap.debug1.txt')), []);
});

/** Each sample as "frames + labels" text, mapped to its total value. */
function sampleMultiset(p: Profile): Map<string, bigint> {
  const m = new Map<string, bigint>();
  for (let i = 0; i < p.samples.count; i++) {
    const s = p.samples.get(i);
    const labels = s.labels.map((l) => `${l.key}=${l.kind === 'string' ? l.value : l.value}`).sort().join(',');
    const key = framesOf(s.locations).map((f) => `${f.name} ${f.file}:${f.line}`).join('\n') + `\n{${labels}}`;
    m.set(key, (m.get(key) ?? 0n) + s.values[0]!);
  }
  return m;
}

function diffMultisets(a: Map<string, bigint>, b: Map<string, bigint>): { same: number; onlyText: number; onlyProto: number; stacks: string[] } {
  let same = 0;
  let onlyText = 0;
  let onlyProto = 0;
  const stacks: string[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key) ?? 0n;
    const y = b.get(key) ?? 0n;
    same += Number(x < y ? x : y);
    if (x !== y) stacks.push(key);
    if (x > y) onlyText += Number(x - y);
    if (y > x) onlyProto += Number(y - x);
  }
  return { same, onlyText, onlyProto, stacks };
}

function cutAfterLines(s: string, n: number): string {
  return s.split('\n').slice(0, n).join('\n') + '\n';
}

function replaceLine(s: string, index: number, line: string): string {
  const lines = s.split('\n');
  lines[index] = line;
  return lines.join('\n');
}
