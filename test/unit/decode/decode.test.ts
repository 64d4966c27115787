// Per-field wire tests of the profile.proto decoder, in the style of the
// pprof-format test suite: every field of every message is encoded (by the
// protobufjs reference encoder, or byte by byte where protobufjs cannot
// produce the encoding) and then looked up in the decoded model.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { parseProfile } from '../../../src/parse.js';
import type { Profile } from '../../../src/model/profile.js';
import {
  Strings, bytes, cat, encodeProfile, encodeProfileRaw, fixed32, fixed64, group, ld, packed, str, unknownFields, varint,
  vint,
  type ProfileObj,
} from '../../helpers/proto.js';

const U64_MAX = 2n ** 64n - 1n;
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const P53 = 2n ** 53n;

/** A plain, comparable picture of a whole profile (ids instead of object links). */
function snapshot(p: Profile): unknown {
  return {
    sampleTypes: p.sampleTypes.map((t) => ({ ...t })),
    samples: [...p.samples].map((s) => ({
      locations: s.locations.map((l) => l.id),
      values: s.values,
      labels: s.labels,
    })),
    mappings: p.mappings.map((m) => ({ ...m })),
    locations: p.locations.map((l) => ({
      id: l.id,
      mapping: l.mapping === null ? null : l.mapping.id,
      address: l.address,
      isFolded: l.isFolded,
      lines: l.lines.map((ln) => ({ function: ln.function.id, line: ln.line, column: ln.column })),
    })),
    functions: p.functions.map((f) => ({ ...f })),
    dropFrames: p.dropFrames,
    keepFrames: p.keepFrames,
    timeNanos: p.timeNanos,
    durationNanos: p.durationNanos,
    periodType: p.periodType === null ? null : { ...p.periodType },
    period: p.period,
    comments: [...p.comments],
    defaultSampleType: p.defaultSampleType,
    docUrl: p.docUrl,
  };
}

/** A profile that sets every field of every message to a distinct value. */
function fullProfile(): ProfileObj {
  const s = new Strings();
  const obj: ProfileObj = {
    sampleType: [
      { type: s.x('samples'), unit: s.x('count') },
      { type: s.x('cpu'), unit: s.x('nanoseconds') },
    ],
    sample: [
      {
        locationId: [1, 2],
        value: [3, 30_000_000],
        label: [
          { key: s.x('thread'), str: s.x('worker-1') },
          { key: s.x('alloc'), num: 4096, numUnit: s.x('bytes') },
          { key: s.x('delta'), num: -7 },
        ],
      },
      { locationId: [3, 2], value: [1, 10_000_000] },
      { locationId: [], value: [0, 0], label: [{ key: s.x('thread'), str: s.x('worker-2') }] },
    ],
    mapping: [
      {
        id: 1, memoryStart: 0x400000, memoryLimit: 0x4a0000, fileOffset: 0x1000,
        filename: s.x('/usr/bin/app'), buildId: s.x('9f86d081884c7d65'),
        hasFunctions: true, hasFilenames: true, hasLineNumbers: true, hasInlineFrames: true,
      },
      { id: 2, memoryStart: 0x7f0000000000, memoryLimit: 0x7f0000100000, filename: s.x('libc.so.6'), hasFunctions: true },
      { id: 3, filename: s.x('[vdso]'), hasFilenames: true },
      { id: 4, hasLineNumbers: true },
      { id: 5, hasInlineFrames: true },
    ],
    location: [
      {
        // Two inlined callees in one physical frame: innermost first.
        id: 1, mappingId: 1, address: 0x401234,
        line: [
          { functionId: 3, line: 12, column: 5 },
          { functionId: 2, line: 34, column: 9 },
          { functionId: 1, line: 56, column: 2 },
        ],
        isFolded: true,
      },
      { id: 2, mappingId: 2, address: 0x7f0000000abc, line: [{ functionId: 1, line: 60 }] },
      { id: 3, address: 0x500000 },
    ],
    function: [
      { id: 1, name: s.x('main.main'), systemName: s.x('main.main.abi0'), filename: s.x('/src/app/main.go'), startLine: 50 },
      { id: 2, name: s.x('main.work'), systemName: s.x('main.work.sys'), filename: s.x('/src/app/work.go'), startLine: 30 },
      { id: 3, name: s.x('strings.Index'), filename: s.x('/go/src/strings/strings.go'), startLine: 10 },
    ],
    dropFrames: s.x('runtime\\..*'),
    keepFrames: s.x('runtime\\.main'),
    timeNanos: 1_700_000_000_123_456_789n,
    durationNanos: 10_000_000_123n,
    periodType: { type: s.x('cpu'), unit: s.x('nanoseconds') },
    period: 10_000_000,
    comment: [s.x('first comment'), s.x('second comment')],
    defaultSampleType: s.x('cpu'),
    docUrl: s.x('https://pkg.go.dev/runtime/pprof'),
  };
  obj.stringTable = s.table;
  return obj;
}

describe('every field of every message', () => {
  const p = parseProfile(encodeProfile(fullProfile()));

  test('Profile.sample_type and default_sample_type', () => {
    assert.deepEqual(p.sampleTypes, [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }]);
    assert.equal(p.defaultSampleType, 'cpu');
  });

  test('Sample.location_id and value', () => {
    assert.equal(p.samples.count, 3);
    assert.equal(p.samples.stride, 2);
    assert.deepEqual(p.samples.values, BigInt64Array.from([3n, 30_000_000n, 1n, 10_000_000n, 0n, 0n]));
    assert.deepEqual([...p.samples].map((s) => s.locations.map((l) => l.id)), [[1n, 2n], [3n, 2n], []]);
    assert.deepEqual([...p.samples].map((s) => s.values), [[3n, 30_000_000n], [1n, 10_000_000n], [0n, 0n]]);
    // Stacks point at the profile's own Location objects.
    const s1 = p.samples.get(1);
    assert.equal(s1.locations[0], p.locations[2]);
    assert.equal(s1.locations[1], p.locations[1]);
    assert.deepEqual([...p.samples.locationOffsets], [0, 2, 4, 4]);
    assert.deepEqual([...p.samples.locationIndices], [0, 1, 2, 1]);
  });

  test('Label: str, num, num_unit', () => {
    assert.deepEqual(p.samples.get(0).labels, [
      { key: 'thread', kind: 'string', value: 'worker-1' },
      { key: 'alloc', kind: 'number', value: 4096n, unit: 'bytes' },
      { key: 'delta', kind: 'number', value: -7n, unit: '' },
    ]);
    assert.deepEqual(p.samples.get(1).labels, []);
    assert.deepEqual(p.samples.get(2).labels, [{ key: 'thread', kind: 'string', value: 'worker-2' }]);
    // The label columns.
    assert.deepEqual([...p.samples.labelOffsets], [0, 3, 3, 4]);
    assert.deepEqual(p.samples.labelKeys, ['thread', 'alloc', 'delta', 'thread']);
    assert.deepEqual(p.samples.labelStrs, ['worker-1', '', '', 'worker-2']);
    assert.deepEqual(p.samples.labelNums, BigInt64Array.from([0n, 4096n, -7n, 0n]));
    assert.deepEqual(p.samples.labelNumUnits, ['', 'bytes', '', '']);
  });

  test('Mapping: all fields', () => {
    assert.deepEqual({ ...p.mappings[0]! }, {
      index: 0, id: 1n, memoryStart: 0x400000n, memoryLimit: 0x4a0000n, fileOffset: 0x1000n,
      filename: '/usr/bin/app', buildId: '9f86d081884c7d65',
      hasFunctions: true, hasFilenames: true, hasLineNumbers: true, hasInlineFrames: true,
    });
    assert.deepEqual({ ...p.mappings[1]! }, {
      index: 1, id: 2n, memoryStart: 0x7f0000000000n, memoryLimit: 0x7f0000100000n, fileOffset: 0n,
      filename: 'libc.so.6', buildId: '',
      hasFunctions: true, hasFilenames: false, hasLineNumbers: false, hasInlineFrames: false,
    });
  });

  test('Mapping: each of the four bools is its own field', () => {
    const flags = p.mappings.map((m) => [m.hasFunctions, m.hasFilenames, m.hasLineNumbers, m.hasInlineFrames]);
    assert.deepEqual(flags, [
      [true, true, true, true],
      [true, false, false, false],
      [false, true, false, false],
      [false, false, true, false],
      [false, false, false, true],
    ]);
  });

  test('Location: mapping, address, lines innermost first, is_folded', () => {
    const [l1, l2, l3] = p.locations;
    assert.equal(l1!.id, 1n);
    assert.equal(l1!.mapping, p.mappings[0]);
    assert.equal(l1!.address, 0x401234n);
    assert.equal(l1!.isFolded, true);
    assert.deepEqual(l1!.lines.map((ln) => [ln.function.name, ln.line, ln.column]), [
      ['strings.Index', 12, 5],
      ['main.work', 34, 9],
      ['main.main', 56, 2],
    ]);
    assert.equal(l1!.lines[0]!.function, p.functions[2]);
    assert.equal(l2!.mapping, p.mappings[1]);
    assert.equal(l2!.isFolded, false);
    assert.deepEqual(l2!.lines.map((ln) => [ln.function.id, ln.line, ln.column]), [[1n, 60, 0]]);
    assert.equal(l3!.mapping, null);
    assert.equal(l3!.address, 0x500000n);
    assert.deepEqual(l3!.lines, []);
    assert.deepEqual(p.locations.map((l) => l.index), [0, 1, 2]);
  });

  test('Function: all fields', () => {
    assert.deepEqual(p.functions.map((f) => ({ ...f })), [
      { index: 0, id: 1n, name: 'main.main', systemName: 'main.main.abi0', filename: '/src/app/main.go', startLine: 50 },
      { index: 1, id: 2n, name: 'main.work', systemName: 'main.work.sys', filename: '/src/app/work.go', startLine: 30 },
      { index: 2, id: 3n, name: 'strings.Index', systemName: '', filename: '/go/src/strings/strings.go', startLine: 10 },
    ]);
  });

  test('drop_frames, keep_frames, time, duration, period_type, period, comments, doc_url', () => {
    assert.equal(p.dropFrames, 'runtime\\..*');
    assert.equal(p.keepFrames, 'runtime\\.main');
    assert.equal(p.timeNanos, 1_700_000_000_123_456_789n);
    assert.equal(p.durationNanos, 10_000_000_123n);
    assert.deepEqual(p.periodType, { type: 'cpu', unit: 'nanoseconds' });
    assert.equal(p.period, 10_000_000n);
    assert.deepEqual(p.comments, ['first comment', 'second comment']);
    assert.equal(p.docUrl, 'https://pkg.go.dev/runtime/pprof');
  });

  test('unset optional fields have their documented defaults', () => {
    const s = new Strings();
    const q = parseProfile(encodeProfile({ sampleType: [{ type: s.x('x'), unit: s.x('y') }], stringTable: s.table }));
    assert.equal(q.samples.count, 0);
    assert.equal(q.dropFrames, '');
    assert.equal(q.keepFrames, '');
    assert.equal(q.timeNanos, 0n);
    assert.equal(q.durationNanos, 0n);
    assert.equal(q.periodType, null);
    assert.equal(q.period, 0n);
    assert.deepEqual(q.comments, []);
    assert.equal(q.defaultSampleType, '');
    assert.equal(q.docUrl, '');
  });

  test('the raw test encoder agrees byte for byte with protobufjs', () => {
    assert.deepEqual(encodeProfileRaw(fullProfile()), encodeProfile(fullProfile()));
  });
});

describe('packed and unpacked repeated fields', () => {
  const obj = fullProfile();

  test('location_id, value and comment unpacked decode like packed', () => {
    const packedBytes = encodeProfileRaw(obj, { packed: true });
    const unpackedBytes = encodeProfileRaw(obj, { packed: false });
    assert.notDeepEqual(unpackedBytes, packedBytes);
    const a = parseProfile(packedBytes);
    const b = parseProfile(unpackedBytes);
    assert.deepEqual(snapshot(b), snapshot(a));
    assert.deepEqual(b.comments, ['first comment', 'second comment']);
    assert.deepEqual(b.samples.values, BigInt64Array.from([3n, 30_000_000n, 1n, 10_000_000n, 0n, 0n]));
  });

  test('packed and unpacked runs of one field concatenate in order', () => {
    const s = new Strings();
    const head = cat(
      ld(1, vint(1, s.x('a')), vint(2, s.x('count'))),
      ld(1, vint(1, s.x('b')), vint(2, s.x('bytes'))),
      ld(1, vint(1, s.x('c')), vint(2, s.x('ns'))),
    );
    const fn = ld(5, vint(1, 1), vint(2, s.x('f')));
    const locs = cat(...[1, 2, 3, 4].map((id) => ld(4, vint(1, id), ld(4, vint(1, 1)))));
    const sample = ld(2,
      packed(1, [1, 2]), vint(1, 3), packed(1, [4]),
      vint(2, -5n), packed(2, [6, I64_MIN]),
    );
    const c1 = s.x('one');
    const c2 = s.x('two');
    const c3 = s.x('three');
    const tail = cat(...s.table.map((x) => str(6, x)), vint(13, c1), packed(13, [c2, c3]));
    const p = parseProfile(bytes(head, sample, locs, fn, tail));
    assert.deepEqual(p.samples.get(0).locations.map((l) => l.id), [1n, 2n, 3n, 4n]);
    assert.deepEqual(p.samples.values, BigInt64Array.from([-5n, 6n, I64_MIN]));
    assert.deepEqual(p.comments, ['one', 'two', 'three']);
  });

  test('an empty packed field adds nothing', () => {
    const s = new Strings();
    const p = parseProfile(bytes(
      ld(1, vint(1, s.x('n')), vint(2, s.x('count'))),
      ld(2, packed(1, []), packed(2, [9]), packed(2, [])),
      ...s.table.map((x) => str(6, x)),
      packed(13, []),
    ));
    assert.deepEqual(p.samples.get(0).locations, []);
    assert.deepEqual(p.samples.get(0).values, [9n]);
    assert.deepEqual(p.comments, []);
  });
});

describe('64-bit integers stay exact', () => {
  const signed = [0n, 1n, -1n, -(2n ** 31n), 2n ** 31n, -(P53 - 1n), P53 - 1n, -P53, P53, P53 + 1n, -(P53 + 1n), I64_MIN, I64_MAX];

  function valuesProfile(values: bigint[], enc: (o: ProfileObj) => Uint8Array): Profile {
    const s = new Strings();
    const sampleType = [{ type: s.x('a'), unit: s.x('count') }, { type: s.x('b'), unit: s.x('bytes') }];
    const sample = [];
    for (let i = 0; i < values.length; i += 2) sample.push({ value: [values[i]!, values[i + 1] ?? 0n] });
    return parseProfile(enc({ sampleType, sample, stringTable: s.table }));
  }

  test('negative and large int64 sample values, packed (protobufjs) and unpacked', () => {
    const expected = signed.length % 2 === 0 ? signed : [...signed, 0n];
    for (const enc of [encodeProfile, (o: ProfileObj) => encodeProfileRaw(o, { packed: false })]) {
      const p = valuesProfile(signed, enc);
      assert.deepEqual(p.samples.values, BigInt64Array.from(expected));
      assert.deepEqual([...p.samples].flatMap((s) => s.values), expected);
    }
  });

  test('the encodings of the extremes are the 10-byte two\'s complement ones', () => {
    // Hand-written bytes, so the test does not depend on either encoder.
    const s = new Strings();
    const p = parseProfile(bytes(
      ld(1, vint(1, s.x('v')), vint(2, s.x('count'))),
      ld(2, [0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), // -1
      ld(2, [0x10, 0x80, 0x80, 0x80, 0x80, 0xf8, 0xff, 0xff, 0xff, 0xff, 0x01]), // -2^31
      ld(2, [0x10, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0xf0, 0xff, 0x01]), // -2^53+1
      ld(2, [0x10, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), // INT64_MIN
      ld(2, [0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]), // INT64_MAX
      ld(2, [0x10, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10]), // 2^53+1
      ld(2, [0x10, 0x85, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]), // 5, overlong
      ...s.table.map((x) => str(6, x)),
    ));
    assert.deepEqual(p.samples.values, BigInt64Array.from([-1n, -(2n ** 31n), -(P53 - 1n), I64_MIN, I64_MAX, P53 + 1n, 5n]));
    assert.deepEqual(varint(-1n), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
  });

  test('numeric label values are exact int64', () => {
    const s = new Strings();
    const nums = [-1n, -(2n ** 31n), -(P53 - 1n), I64_MIN, I64_MAX, P53 + 1n];
    const p = parseProfile(encodeProfile({
      sampleType: [{ type: s.x('v'), unit: s.x('count') }],
      sample: [{ value: [1], label: nums.map((num) => ({ key: s.x('k'), num, numUnit: s.x('bytes') })) }],
      stringTable: s.table,
    }));
    assert.deepEqual(p.samples.labelNums, BigInt64Array.from(nums));
    assert.deepEqual(p.samples.get(0).labels.map((l) => l.value), nums);
  });

  test('time, duration and period are exact int64', () => {
    const s = new Strings();
    const p = parseProfile(encodeProfile({
      stringTable: s.table, timeNanos: I64_MAX, durationNanos: P53 + 1n, period: I64_MIN,
    }));
    assert.equal(p.timeNanos, I64_MAX);
    assert.equal(p.durationNanos, P53 + 1n);
    assert.equal(p.period, I64_MIN);
    const q = parseProfile(encodeProfile({ stringTable: [''], timeNanos: -1, durationNanos: -(P53 - 1n), period: -(2n ** 31n) }));
    assert.equal(q.timeNanos, -1n);
    assert.equal(q.durationNanos, -(P53 - 1n));
    assert.equal(q.period, -(2n ** 31n));
  });

  test('uint64 ids and addresses above 2^53, and samples referencing them', () => {
    const s = new Strings();
    const ids = [U64_MAX, P53 + 1n, P53, P53 - 1n, 2n ** 63n, 7n];
    const obj: ProfileObj = {
      sampleType: [{ type: s.x('v'), unit: s.x('count') }],
      // One sample per location, and one walking all of them.
      sample: [...ids.map((id, i) => ({ locationId: [id], value: [i + 1] })), { locationId: ids, value: [100] }],
      mapping: [{
        id: U64_MAX, memoryStart: U64_MAX - 0xfffn, memoryLimit: U64_MAX, fileOffset: 2n ** 63n + 1n,
        filename: s.x('/big'),
      }, { id: P53 + 1n, memoryStart: P53 + 1n, memoryLimit: P53 + 3n }],
      location: ids.map((id, i) => ({
        id, mappingId: i % 2 === 0 ? U64_MAX : P53 + 1n, address: U64_MAX - BigInt(i),
        line: [{ functionId: i % 2 === 0 ? U64_MAX : P53 + 1n, line: i }],
      })),
      function: [{ id: U64_MAX, name: s.x('f.max') }, { id: P53 + 1n, name: s.x('f.p53') }],
      stringTable: s.table,
    };
    for (const enc of [encodeProfile, (o: ProfileObj) => encodeProfileRaw(o, { packed: false })]) {
      const p = parseProfile(enc(obj));
      assert.deepEqual(p.mappings.map((m) => [m.id, m.memoryStart, m.memoryLimit, m.fileOffset]), [
        [U64_MAX, U64_MAX - 0xfffn, U64_MAX, 2n ** 63n + 1n],
        [P53 + 1n, P53 + 1n, P53 + 3n, 0n],
      ]);
      assert.deepEqual(p.locations.map((l) => l.id), ids);
      assert.deepEqual(p.locations.map((l) => l.address), ids.map((_, i) => U64_MAX - BigInt(i)));
      assert.deepEqual(p.locations.map((l) => l.mapping!.id), ids.map((_, i) => (i % 2 === 0 ? U64_MAX : P53 + 1n)));
      assert.deepEqual(p.locations.map((l) => l.lines[0]!.function.name), ids.map((_, i) => (i % 2 === 0 ? 'f.max' : 'f.p53')));
      assert.deepEqual(p.functions.map((f) => f.id), [U64_MAX, P53 + 1n]);
      for (let i = 0; i < ids.length; i++) {
        const sample = p.samples.get(i);
        assert.equal(sample.locations.length, 1);
        assert.equal(sample.locations[0], p.locations[i], `sample ${i} -> location ${ids[i]}`);
        assert.equal(sample.locations[0]!.id, ids[i]);
      }
      assert.deepEqual(p.samples.get(ids.length).locations.map((l) => l.id), ids);
    }
  });

  test('a sample referencing a missing id above 2^53 names it exactly', () => {
    const s = new Strings();
    assert.throws(() => parseProfile(encodeProfile({
      sampleType: [{ type: s.x('v'), unit: s.x('count') }],
      sample: [{ locationId: [U64_MAX - 1n], value: [1] }],
      location: [{ id: U64_MAX }],
      stringTable: s.table,
    })), { name: 'PprofError', code: 'invalid-profile', message: `sample 0 references missing location ${U64_MAX - 1n}` });
  });
});

describe('samples.numberColumn()', () => {
  function column(values: bigint[][]): Profile {
    const s = new Strings();
    return parseProfile(encodeProfile({
      sampleType: [{ type: s.x('a'), unit: s.x('count') }, { type: s.x('b'), unit: s.x('count') }],
      sample: values.map((value) => ({ value })),
      stringTable: s.table,
    }));
  }

  test('exact when every value is a safe integer', () => {
    const p = column([[P53 - 1n, 1n], [-(P53 - 1n), -1n], [0n, I64_MIN]]);
    const c = p.samples.numberColumn(0);
    assert.equal(c.exact, true);
    assert.deepEqual([...c.values], [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 0]);
    // Column 1 holds INT64_MIN: not exact, rounded (here exactly -2^63).
    const c1 = p.samples.numberColumn(1);
    assert.equal(c1.exact, false);
    assert.deepEqual([...c1.values], [1, -1, -(2 ** 63)]);
    assert.equal(p.samples.numberColumn(0), c, 'cached');
  });

  test('not exact as soon as one magnitude reaches 2^53; the bigint values stay exact', () => {
    for (const big of [P53, P53 + 1n, -P53, -(P53 + 1n), I64_MAX, I64_MIN]) {
      const p = column([[1n, 2n], [big, 3n]]);
      const c = p.samples.numberColumn(0);
      assert.equal(c.exact, false, `value ${big}`);
      assert.equal(c.values[1], Number(big), `value ${big} rounds to the nearest double`);
      assert.equal(p.samples.values[2], big);
      assert.equal(p.samples.numberColumn(1).exact, true, 'the other column is unaffected');
      assert.deepEqual([...p.samples.numberColumn(1).values], [2, 3]);
    }
  });

  test('absSum is the float64 sum of |value|; exact below 2^53, as reports rely on', () => {
    const p = column([[5n, -7n], [-3n, 2n ** 60n], [0n, -(2n ** 60n)]]);
    const c = p.samples.numberColumn(0);
    assert.equal(c.absSum, 8);
    assert.equal(c.exact && c.absSum < 2 ** 53, true);
    const big = p.samples.numberColumn(1);
    let want = 0;
    for (const v of big.values) want += Math.abs(v);
    assert.equal(big.absSum, want);
    // 2^60 is outside the safe range: the column is not exact, so reports split it into digits
    // (aggregate.ts) however small the float sum may look.
    assert.equal(big.exact, false);
  });

  test('values on both sides of the small-integer path (below 2^29, non-negative) sum exactly', () => {
    const edges = [0n, 1n, 2n ** 29n - 1n, 2n ** 29n, 2n ** 30n, 2n ** 31n - 1n, 2n ** 32n - 1n, 2n ** 32n, -1n, -(2n ** 29n), -(2n ** 32n)];
    const rows: bigint[][] = [];
    for (let i = 0; i < 40; i++) rows.push([edges[i % edges.length]!, 2n ** 29n - 1n]);
    const p = column(rows);
    for (const t of [0, 1]) {
      const c = p.samples.numberColumn(t);
      let want = 0n;
      for (const r of rows) want += r[t]! < 0n ? -r[t]! : r[t]!;
      assert.equal(c.exact, true);
      assert.deepEqual([...c.values], rows.map((r) => Number(r[t]!)));
      assert.equal(BigInt(c.absSum), want, `column ${t}`);
    }
  });

  test('absSum reaches 2^53 exactly when the exact sum does, whatever path its terms took', () => {
    const near = 2n ** 53n - 2n ** 29n;
    const below = column([[near, 0n], [2n ** 29n - 2n, 0n], [1n, 0n]]).samples.numberColumn(0);
    assert.equal(below.exact && below.absSum < 2 ** 53, true, 'sum 2^53 - 1');
    assert.equal(below.absSum, 2 ** 53 - 1);
    const at = column([[near, 0n], [2n ** 29n - 1n, 0n], [1n, 0n]]).samples.numberColumn(0);
    assert.equal(at.absSum >= 2 ** 53, true, 'sum 2^53');
    const smallFirst = column([[2n ** 29n - 1n, 0n], [1n, 0n], [near, 0n]]).samples.numberColumn(0);
    assert.equal(smallFirst.absSum >= 2 ** 53, true, 'sum 2^53, small terms first');
  });

  test('rejects a type index outside the sample types', () => {
    const p = column([[1n, 2n]]);
    assert.throws(() => p.samples.numberColumn(2), RangeError);
    assert.throws(() => p.samples.numberColumn(-1), RangeError);
  });
});

describe('unknown fields', () => {
  test('of every wire type are skipped at top level and inside every nested message', () => {
    const obj = fullProfile();
    const expected = snapshot(parseProfile(encodeProfile(obj)));
    for (const packed of [true, false]) {
      const withUnknown = encodeProfileRaw(obj, { packed, extra: unknownFields() });
      assert.ok(withUnknown.length > 10 * encodeProfile(obj).length, 'unknown fields really were inserted');
      assert.deepEqual(snapshot(parseProfile(withUnknown)), expected, `packed=${packed}`);
    }
  });

  test('each wire type on its own, in each message', () => {
    const obj = fullProfile();
    const expected = snapshot(parseProfile(encodeProfile(obj)));
    const singles = [
      vint(300, -1n),
      fixed64(301, 0x0102030405060708n),
      ld(302, [1, 2, 3]),
      group(303, vint(1, 1)),
      group(304),
      fixed32(305, 0x01020304),
    ];
    const all = unknownFields(200);
    for (const extra of [...singles, all]) {
      assert.deepEqual(snapshot(parseProfile(encodeProfileRaw(obj, { extra }))), expected);
    }
  });
});

describe('repeated scalars inside a message', () => {
  test('the last occurrence wins inside nested messages', () => {
    const s = new Strings();
    const p = parseProfile(bytes(
      ld(1, vint(1, s.x('wrong')), vint(2, s.x('count')), vint(1, s.x('samples'))),
      ld(2, vint(1, 1), vint(2, 1), ld(3, vint(1, s.x('k')), vint(2, s.x('old')), vint(2, s.x('new')))),
      ld(3, vint(1, 1), vint(2, 10), vint(2, 20), vint(7, 1), vint(7, 0)),
      ld(4, vint(1, 1), vint(1, 1), vint(3, 5), vint(3, 6), ld(4, vint(1, 1), vint(2, 1), vint(2, 2))),
      ld(5, vint(1, 1), vint(2, s.x('old.f')), vint(2, s.x('new.f')), vint(5, 3), vint(5, 4)),
      ...s.table.map((x) => str(6, x)),
    ));
    assert.deepEqual(p.sampleTypes, [{ type: 'samples', unit: 'count' }]);
    assert.deepEqual(p.samples.get(0).labels, [{ key: 'k', kind: 'string', value: 'new' }]);
    assert.equal(p.mappings[0]!.memoryStart, 20n);
    assert.equal(p.mappings[0]!.hasFunctions, false);
    assert.equal(p.locations[0]!.address, 6n);
    assert.equal(p.locations[0]!.lines[0]!.line, 2);
    assert.equal(p.functions[0]!.name, 'new.f');
    assert.equal(p.functions[0]!.startLine, 4);
  });
});

describe('strings', () => {
  test('UTF-8 strings of every length decode (short ASCII fast path and TextDecoder path)', () => {
    const s = new Strings();
    const names = ['ä', 'main.(*T).日本', 'x'.repeat(32), 'y'.repeat(33), `${'z'.repeat(40)}é`, '😀 emoji'];
    const p = parseProfile(encodeProfile({
      function: names.map((n, i) => ({ id: i + 1, name: s.x(n) })),
      stringTable: s.table,
    }));
    assert.deepEqual(p.functions.map((f) => f.name), names);
  });
});
