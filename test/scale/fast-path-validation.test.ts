/**
 * The fast path (stacks kept as byte ranges of the decompressed input and
 * checked in place, model/packed-stacks.ts) must reject exactly what the
 * copying path rejects, with the same code and message, and read every
 * valid shape the same way. Each case is a big, real-shaped profile (thousands of
 * samples, 70,000 locations with ids past 65,535, labels) with one fault,
 * parsed several ways: raw bytes the caller keeps (the copying path), gzip
 * on the main thread, gzip decompressed on a worker while decoding (overlap
 * 'always'), raw bytes pprof-ts owns (read from a file), and with the check
 * of the stack ids left to their first pass (`checkStacks: 'first-pass'`, as
 * the CLI's `top` and `flamegraph` parse): a top table's pass on one thread
 * or two, a flame page's frame codes made in two halves (on this thread, or
 * one on the helper thread), or the first read of the stacks.
 */

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';

import { parseOwnedProfile, parseProfile } from '../../src/parse.js';
import { PprofError } from '../../src/errors.js';
import type { Profile } from '../../src/model/profile.js';
import { topTable } from '../../src/report/top.js';
import { buildFlamePayload } from '../../src/render/flame-data.js';
import { prepareView } from '../../src/query/view.js';
import { codesHalves, fillHalf, settleHalves } from '../../src/query/split-halves.js';
import { Strings, cat, ld, packed, str, unpacked, varint, vint, WT, tag } from '../helpers/proto.js';
import { rng } from '../helpers/rng.js';

/** Knobs of the generated profile; each hook may replace one part to plant a fault. */
interface Shape {
  samples?: number;
  /** Location ids are `idOf(k)` for k = 1..locations. */
  idOf?: (k: number) => number | bigint;
  /** The bytes of sample i's location ids (default: one packed run). */
  stackField?: (i: number, ids: (number | bigint)[]) => number[];
  /** Sample i's whole message body, given the default one. */
  sample?: (i: number, body: number[]) => number[];
  /** Extra top-level bytes after the functions (e.g. a duplicate location). */
  extra?: (s: Strings) => number[];
  /** Location k's function id (default: a function of the profile). */
  functionOf?: (k: number, f: number) => number;
  /** Location k's mapping id. */
  mappingOf?: (k: number) => number;
}

const LOCATIONS = 70_000;
const FUNCTIONS = 3_000;

/** A profile of `samples` samples with stacks of 10-40 frames over 70,000 locations. */
function profileBytes(shape: Shape = {}): Uint8Array {
  const s = new Strings();
  const r = rng(42);
  const idOf = shape.idOf ?? ((k: number) => k);
  const parts: number[][] = [];
  parts.push(ld(1, vint(1, s.x('samples')), vint(2, s.x('count'))));
  parts.push(ld(1, vint(1, s.x('cpu')), vint(2, s.x('nanoseconds'))));
  const workload = s.x('workload');
  const bytesKey = s.x('bytes');
  const n = shape.samples ?? 8_000;
  for (let i = 0; i < n; i++) {
    const depth = 10 + Math.floor(r() * 30);
    const ids: (number | bigint)[] = [];
    for (let d = 0; d < depth; d++) ids.push(idOf(1 + Math.floor(r() * r() * LOCATIONS)));
    const stack = shape.stackField ? shape.stackField(i, ids) : packed(1, ids);
    let body = cat(
      stack,
      packed(2, [1 + (i % 7), 10_000_000 * (1 + (i % 13))]),
      ld(3, vint(1, workload), vint(2, s.x(`w${i % 300}`))),
      i % 3 === 0 ? ld(3, vint(1, bytesKey), vint(3, 4096 * (i % 11)), vint(4, s.x('bytes'))) : [],
    );
    if (shape.sample) body = shape.sample(i, body);
    parts.push(ld(2, body));
  }
  parts.push(ld(3, vint(1, 1), vint(2, 0x400000), vint(3, 0x800000), vint(5, s.x('/bin/daemon'))));
  for (let k = 1; k <= LOCATIONS; k++) {
    const f = 1 + (k % FUNCTIONS);
    const fn = shape.functionOf ? shape.functionOf(k, f) : f;
    const line = ld(4, vint(1, fn), vint(2, 10 + (k % 500)));
    // Every fifth location has an inlined line too.
    const inlined = k % 5 === 0 ? ld(4, vint(1, 1 + ((k * 7) % FUNCTIONS)), vint(2, 3)) : [];
    parts.push(ld(4, vint(1, idOf(k)), vint(2, shape.mappingOf ? shape.mappingOf(k) : 1), vint(3, 0x400000 + k * 16), inlined, line));
  }
  for (let f = 1; f <= FUNCTIONS; f++) {
    parts.push(ld(5, vint(1, f), vint(2, s.x(`pkg${f % 40}.fn${f}`)), vint(4, s.x(`/src/pkg${f % 40}/f.go`))));
  }
  if (shape.extra) parts.push(shape.extra(s));
  for (const x of s.table) parts.push(str(6, x));
  return Uint8Array.from(cat(...parts));
}

type Way = readonly [name: string, parse: (raw: Uint8Array) => Profile];

/** A profile whose stack ids are left to the first pass, after a top table ran that pass (as the CLI's `top`). */
function checkedByTop(p: Profile, parallel: 'off' | 'always'): Profile {
  assert.equal(p.samples.stacksChecked, p.samples.uncheckedStacks() === null, 'packed stacks wait for their pass');
  topTable(p, { parallel });
  assert.equal(p.samples.stacksChecked, true);
  return p;
}

/**
 * A profile whose stack ids are left to the first pass, after a flame page's
 * call trees read them as frame codes made in two halves (query/split-halves.ts):
 * on this thread, or one half on the helper thread, which builds a tree from them.
 */
function checkedByHalves(p: Profile, helper: boolean): Profile {
  const packed = p.samples.uncheckedStacks() !== null;
  assert.equal(p.samples.stacksChecked, !packed, 'packed stacks wait for their pass');
  if (helper) {
    buildFlamePayload(p, { minWidth: 0.0002, title: 't', parallel: 'always' });
  } else if (packed) {
    const h = codesHalves(prepareView(p, {}), 0.0002);
    assert.ok(h !== null, 'the codes can be made in halves');
    fillHalf(h, 1);
    fillHalf(h, 0);
    settleHalves(h, p.samples);
  }
  assert.equal(p.samples.stacksChecked, true);
  return p;
}

const WAYS: readonly Way[] = [
  ['raw, copying path', (raw) => parseProfile(raw)],
  ['gzip, main thread', (raw) => parseProfile(gzipSync(raw), { overlap: 'off' })],
  ['gzip, overlapped on a worker', (raw) => parseProfile(gzipSync(raw), { overlap: 'always' })],
  ['raw, owned', (raw) => parseOwnedProfile(raw.slice())],
  ['gzip, ids checked by top\'s pass', (raw) => checkedByTop(parseProfile(gzipSync(raw), { overlap: 'off', checkStacks: 'first-pass' }), 'off')],
  ['gzip overlapped, ids checked by top\'s pass on two threads',
    (raw) => checkedByTop(parseProfile(gzipSync(raw), { overlap: 'always', checkStacks: 'first-pass' }), 'always')],
  ['gzip overlapped, ids checked by the halves of a call tree\'s codes', (raw) =>
    checkedByHalves(parseProfile(gzipSync(raw), { overlap: 'always', checkStacks: 'first-pass' }), false)],
  ['gzip overlapped, ids checked by a flame page, one half on the helper thread', (raw) =>
    checkedByHalves(parseProfile(gzipSync(raw), { overlap: 'always', checkStacks: 'first-pass' }), true)],
  ['raw, owned, ids checked on the first read of the stacks', (raw) => {
    const p = parseOwnedProfile(raw.slice(), { checkStacks: 'first-pass' });
    void p.samples.packedStacks;
    return p;
  }],
];

function errorOf(parse: () => Profile): PprofError {
  try {
    const p = parse();
    assert.fail(`expected a PprofError, but it parsed (${p.samples.count} samples)`);
  } catch (e) {
    if (!(e instanceof PprofError)) throw e;
    return e;
  }
}

/** Every way rejects `raw` with the same code and message, which match `code` and `message`. */
function rejectsEveryWay(raw: Uint8Array, code: string, message: RegExp): void {
  const first = errorOf(() => WAYS[0]![1](raw));
  assert.equal(first.code, code, first.message);
  assert.match(first.message, message);
  for (const [name, parse] of WAYS.slice(1)) {
    const e = errorOf(() => parse(raw));
    assert.deepEqual({ code: e.code, message: e.message }, { code: first.code, message: first.message }, name);
  }
}

/** Every way reads `raw` into the same stacks and the same top table as the copying path. */
function readsSameEveryWay(raw: Uint8Array): void {
  const ref = WAYS[0]![1](raw);
  const refTop = topTable(ref, { parallel: 'off' });
  assert.ok(refTop.rows.length > 10);
  for (const [name, parse] of WAYS.slice(1)) {
    const p = parse(raw);
    assert.deepEqual(Array.from(p.samples.locationOffsets), Array.from(ref.samples.locationOffsets), name);
    assert.deepEqual(Array.from(p.samples.locationIndices), Array.from(ref.samples.locationIndices), name);
    const again = parse(raw);
    assert.deepEqual(topTable(again, { parallel: 'always' }), refTop, `${name}, helper thread`);
    assert.deepEqual(topTable(again, { parallel: 'off', granularity: 'lines', hide: 'fn1\\d$' }),
      topTable(ref, { parallel: 'off', granularity: 'lines', hide: 'fn1\\d$' }), `${name}, lines with hide`);
  }
}

describe('the fast path rejects what the copying path rejects, with the same error', () => {
  test('the generated profile is valid, takes the fast path, and reads the same every way', () => {
    const raw = profileBytes();
    assert.ok(raw.length > 1_000_000);
    const fast = parseProfile(gzipSync(raw));
    assert.notEqual(fast.samples.packedStacks, null, 'stacks are kept as bytes');
    assert.equal(parseProfile(raw).samples.packedStacks, null, 'bytes the caller keeps are copied');
    assert.ok(fast.samples.packedStacks!.idToLoc.length > 65_536, 'location ids pass 65,535');
    // The frame count and deepest stack come from the decoder's summary of the ids (no walk of their own).
    const offsets = parseProfile(raw).samples.locationOffsets;
    let maxDepth = 0;
    for (let i = 0; i + 1 < offsets.length; i++) maxDepth = Math.max(maxDepth, offsets[i + 1]! - offsets[i]!);
    assert.equal(fast.samples.packedStacks!.frameCount, offsets[offsets.length - 1]);
    assert.equal(fast.samples.packedStacks!.maxDepth, maxDepth);
    // Left to top's pass, they come from that pass's count, on one thread or two.
    for (const parallel of ['off', 'always'] as const) {
      const later = parseProfile(gzipSync(raw), { checkStacks: 'first-pass' });
      assert.equal(later.samples.stacksChecked, false);
      assert.equal(later.samples.uncheckedStacks()!.frameCount, -1);
      checkedByTop(later, parallel);
      assert.equal(later.samples.packedStacks!.frameCount, offsets[offsets.length - 1], parallel);
      assert.equal(later.samples.packedStacks!.maxDepth, maxDepth, parallel);
    }
    // Left to a flame page's halves, from the halves' counts.
    for (const helper of [false, true]) {
      const later = checkedByHalves(parseProfile(gzipSync(raw), { overlap: 'always', checkStacks: 'first-pass' }), helper);
      assert.equal(later.samples.packedStacks!.frameCount, offsets[offsets.length - 1], `halves, helper ${helper}`);
      assert.equal(later.samples.packedStacks!.maxDepth, maxDepth, `halves, helper ${helper}`);
    }
    readsSameEveryWay(raw);
  });

  test('a sample references a missing location (late in the profile, and id 0)', () => {
    rejectsEveryWay(profileBytes({ stackField: (i, ids) => packed(1, i === 6_000 ? [...ids, 99_999] : ids) }),
      'invalid-profile', /^sample 6000 references missing location 99999$/);
    rejectsEveryWay(profileBytes({ stackField: (i, ids) => packed(1, i === 7_999 ? [0, ...ids] : ids) }),
      'invalid-profile', /^sample 7999 references missing location 0$/);
    rejectsEveryWay(profileBytes({ stackField: (i, ids) => packed(1, i === 7 ? [...ids, 2n ** 40n] : ids) }),
      'invalid-profile', /^sample 7 references missing location 1099511627776$/);
  });

  test('duplicate location, function and mapping ids', () => {
    rejectsEveryWay(profileBytes({ extra: () => ld(4, vint(1, 70_000), vint(2, 1)) }),
      'invalid-profile', /^multiple locations with same id: 70000$/);
    rejectsEveryWay(profileBytes({ extra: (s) => ld(5, vint(1, 3), vint(2, s.x('dup'))) }),
      'invalid-profile', /^multiple functions with same id: 3$/);
    rejectsEveryWay(profileBytes({ extra: () => ld(3, vint(1, 1)) }),
      'invalid-profile', /^multiple mappings with same id: 1$/);
  });

  test('a location references a missing function or mapping', () => {
    rejectsEveryWay(profileBytes({ functionOf: (k, f) => (k === 66_000 ? 5_000 : f) }),
      'invalid-profile', /^location 66000 references missing function 5000$/);
    rejectsEveryWay(profileBytes({ mappingOf: (k) => (k === 123 ? 9 : 1) }),
      'invalid-profile', /^location 123 references missing mapping 9$/);
  });

  test('the number of values differs from the number of sample types', () => {
    rejectsEveryWay(profileBytes({ sample: (i, body) => (i === 5_432 ? cat(body, vint(2, 5)) : body) }),
      'invalid-profile', /^sample 5432 has 3 values but the profile has 2 sample types$/);
  });

  test('string indices out of range: label key, label str, num_unit, function name', () => {
    rejectsEveryWay(profileBytes({ sample: (i, body) => (i === 3_000 ? cat(body, ld(3, vint(1, 999_999), vint(2, 1))) : body) }),
      'invalid-profile', /^label key: string index 999999 out of range/);
    rejectsEveryWay(profileBytes({ sample: (i, body) => (i === 3_000 ? cat(body, ld(3, vint(1, 1), vint(2, 999_999))) : body) }),
      'invalid-profile', /^label str: string index 999999 out of range/);
    rejectsEveryWay(profileBytes({ sample: (i, body) => (i === 3_000 ? cat(body, ld(3, vint(1, 1), vint(3, 5), vint(4, -1))) : body) }),
      'invalid-profile', /^label num_unit: string index -1 out of range/);
    rejectsEveryWay(profileBytes({ extra: () => ld(5, vint(1, 4_000), vint(2, 888_888)) }),
      'invalid-profile', /^function 4000 name: string index 888888 out of range/);
  });

  test('a packed run of location ids ends inside a varint, or overruns its sample', () => {
    // The run's last byte continues a varint.
    rejectsEveryWay(profileBytes({ stackField: (i, ids) => (i === 7_111 ? ld(1, ...ids.map((v) => varint(v)), [0x81]) : packed(1, ids)) }),
      'bad-wire', /^corrupt protobuf in sample 7111 at byte \d+: truncated varint$/);
    // The run's length points past the end of the sample.
    rejectsEveryWay(profileBytes({ sample: (i, body) => (i === 500 ? cat(tag(1, WT.Bytes), varint(200), body.slice(0, 10)) : body) }),
      'bad-wire', /^corrupt protobuf in sample 500 at byte \d+: length 200 runs past the end of the data$/);
    // A location id of wire type fixed32.
    rejectsEveryWay(profileBytes({ sample: (i, body) => (i === 3 ? cat(body, tag(1, WT.Fixed32), [1, 0, 0, 0]) : body) }),
      'bad-wire', /^corrupt protobuf in sample 3 at byte \d+: sample 3 location_id has wire type 5$/);
  });

  test('a label overrunning its length, a truncated value', () => {
    rejectsEveryWay(profileBytes({ sample: (i, body) => (i === 4_321 ? cat(body, tag(3, WT.Bytes), [1], [0x08, 0x81, 0x01]) : body) }),
      'bad-wire', /label overruns its length|truncated varint/);
    rejectsEveryWay(profileBytes({ sample: (i, body) => (i === 4_321 ? cat(body, ld(2, [0x85])) : body) }),
      'bad-wire', /truncated varint/);
  });
});

/** Every way that may keep the bytes (gzip, or raw bytes it owns) keeps the stacks as byte ranges. */
function takesFastPath(raw: Uint8Array): void {
  for (const [name, parse] of WAYS.slice(1)) assert.notEqual(parse(raw).samples.packedStacks, null, name);
}

/**
 * A sample as runtime/pprof writes it: values first, then the location ids,
 * each repeated field packed only when it has more than two elements.
 */
function goSample(ids: readonly (number | bigint)[], values: readonly number[], rest: number[] = []): number[] {
  const field = (f: number, xs: readonly (number | bigint)[]): number[] => (xs.length > 2 ? packed(f, xs) : unpacked(f, xs));
  return cat(field(2, values), field(1, ids), rest);
}

describe('stacks written in other valid shapes stay on the fast path and read the same every way', () => {
  test('stacks of one or two frames, unpacked as Go writes them (runtime._System, runtime._GC)', () => {
    const raw = profileBytes({
      sample: (i, body) => (i % 97 === 5 ? goSample([1 + (i % 60_000), 65_000 + (i % 5_000)], [1, 10_000_000])
        : i % 97 === 50 ? goSample([69_999], [2, 20_000_000]) : body),
    });
    takesFastPath(raw);
    readsSameEveryWay(raw);
    // The frame count and deepest stack of the summary still match the stacks.
    const fast = parseProfile(gzipSync(raw));
    const offsets = parseProfile(raw).samples.locationOffsets;
    assert.equal(fast.samples.packedStacks!.frameCount, offsets[offsets.length - 1]);
  });

  test('unpacked location ids from some sample on', () => {
    const raw = profileBytes({ stackField: (i, ids) => (i >= 4_000 ? unpacked(1, ids) : packed(1, ids)) });
    takesFastPath(raw);
    readsSameEveryWay(raw);
  });

  test('two packed runs in one sample, packed and unpacked ids mixed, ids around labels', () => {
    const raw = profileBytes({
      stackField: (i, ids) => (i === 7_000 ? cat(packed(1, ids.slice(0, 3)), packed(1, ids.slice(3)))
        : i === 7_001 ? cat(unpacked(1, ids.slice(0, 2)), packed(1, ids.slice(2, 6)), packed(1, []), unpacked(1, ids.slice(6)))
        : packed(1, ids)),
      sample: (i, body) => (i === 7_500 ? cat(vint(1, 7), body, vint(1, 8), ld(3, vint(1, 1), vint(3, 9)), vint(1, 9)) : body),
    });
    takesFastPath(raw);
    readsSameEveryWay(raw);
    // The deepest stack is one of the stacks moved together.
    const deep = profileBytes({
      stackField: (i, ids) => (i === 3_333 ? cat(unpacked(1, ids), unpacked(1, ids), packed(1, ids)) : packed(1, ids)),
    });
    const fast = parseProfile(gzipSync(deep));
    const ref = parseProfile(deep).samples.locationOffsets;
    let maxDepth = 0;
    for (let i = 0; i + 1 < ref.length; i++) maxDepth = Math.max(maxDepth, ref[i + 1]! - ref[i]!);
    assert.equal(fast.samples.packedStacks!.maxDepth, maxDepth);
    assert.equal(ref[3_334]! - ref[3_333]!, maxDepth);
    readsSameEveryWay(deep);
  });

  test('faults in unpacked ids fail as on the copying path', () => {
    rejectsEveryWay(profileBytes({ sample: (i, body) => (i === 6_100 ? goSample([5, 99_999], [1, 1]) : body) }),
      'invalid-profile', /^sample 6100 references missing location 99999$/);
    rejectsEveryWay(profileBytes({ sample: (i, body) => (i === 6_101 ? goSample([0], [1, 1]) : body) }),
      'invalid-profile', /^sample 6101 references missing location 0$/);
    rejectsEveryWay(profileBytes({ sample: (i, body) => (i === 6_102 ? cat(unpacked(2, [1, 1]), vint(1, 5), tag(1, WT.Varint), [0x81]) : body) }),
      'bad-wire', /^corrupt protobuf in sample 6102 at byte \d+: truncated varint$/);
  });
});

describe('valid shapes off the fast path read the same every way', () => {

  test('sparse location ids (no dense table), ids past 2^32', () => {
    readsSameEveryWay(profileBytes({ idOf: (k) => k * 1000 }));
    readsSameEveryWay(profileBytes({ idOf: (k) => (k === 5 ? 2n ** 40n : k) }));
  });

  test('overlong varints for small ids, and samples without a stack', () => {
    readsSameEveryWay(profileBytes({
      stackField: (i, ids) => (i === 2_000 ? ld(1, [0x81, 0x80, 0x80, 0x80, 0x00], ...ids.map((v) => varint(v)))
        : i % 1000 === 1 ? [] : packed(1, ids)),
    }));
  });
});
