// Invalid, malformed and truncated profiles: each is rejected with a
// PprofError whose `code` says what kind of failure it is and whose message
// names what is wrong (the field, the id, the sample).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';

import { parseProfile, safeParseProfile } from '../../../src/parse.js';
import { PprofError, type PprofErrorCode } from '../../../src/errors.js';
import { decodeProfileProto } from '../../../src/decode/profile.js';
import {
  Strings, bytes, cat, encodeProfile, ld, str, tag, topLevelFields, varint, vint, WT,
  type ProfileObj,
} from '../../helpers/proto.js';

/** Parses and returns the PprofError it must throw (failing on success or on any other error type). */
function rejection(input: Uint8Array, what = 'input'): PprofError {
  let result;
  try {
    result = parseProfile(input);
  } catch (e) {
    if (!(e instanceof PprofError)) {
      assert.fail(`${what}: expected a PprofError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    }
    return e;
  }
  assert.fail(`${what}: expected a PprofError, but it parsed (${result.samples.count} samples)`);
}

/**
 * Bytes that do not even start with a protobuf key: the wire decoder names
 * the fault, and parsing refuses them as an unsupported format (src/decode/diagnose.ts).
 */
function notProtobuf(input: Uint8Array, wireMessage: RegExp): void {
  assert.throws(() => decodeProfileProto(input), (e: unknown) => e instanceof PprofError && e.code === 'bad-wire' && wireMessage.test(e.message));
  rejects(input, 'bad-format', /^unsupported format: the input looks like binary data \(starts with [0-9a-f ]+( …)?\); pprof-ts reads /);
}

/** Asserts that parsing throws a PprofError with this code and a message matching `message`. */
function rejects(input: Uint8Array, code: PprofErrorCode, message: RegExp | string): void {
  const e = rejection(input);
  assert.equal(e.code, code, `code of "${e.message}"`);
  if (typeof message === 'string') assert.equal(e.message, message);
  else assert.match(e.message, message);
}

/**
 * A small but real profile: two sample types, samples with string and
 * numeric labels, two mappings, locations with inlined lines, functions,
 * time, duration, period type and period. Every string is referenced, and
 * the last one from a message encoded before the string table.
 */
function smallProfile(): ProfileObj {
  const s = new Strings();
  const obj: ProfileObj = {
    sampleType: [
      { type: s.x('alloc_objects'), unit: s.x('count') },
      { type: s.x('alloc_space'), unit: s.x('bytes') },
    ],
    sample: [
      {
        locationId: [1, 2, 3], value: [1, 512],
        label: [{ key: s.x('bytes'), num: 512, numUnit: s.x('bytes') }, { key: s.x('goroutine'), str: s.x('worker') }],
      },
      { locationId: [2, 3], value: [4, 4096], label: [{ key: s.x('bytes'), num: 1024, numUnit: s.x('bytes') }] },
      { locationId: [4, 3], value: [300, 1_300_000_000] },
    ],
    mapping: [
      {
        id: 1, memoryStart: 0x400000, memoryLimit: 0x8a2000, fileOffset: 0,
        filename: s.x('/usr/local/bin/app'), buildId: s.x('4f3c2a1b'), hasFunctions: true, hasFilenames: true,
      },
      { id: 2, memoryStart: 0x7ffd00000000, memoryLimit: 0x7ffd00002000, filename: s.x('[vdso]') },
    ],
    location: [
      { id: 1, mappingId: 1, address: 0x4012a0, line: [{ functionId: 1, line: 88, column: 12 }, { functionId: 2, line: 140 }] },
      { id: 2, mappingId: 1, address: 0x40331f, line: [{ functionId: 2, line: 151 }] },
      { id: 3, mappingId: 1, address: 0x43c001, line: [{ functionId: 3, line: 250 }] },
      { id: 4, mappingId: 2, address: 0x7ffd00000a10 },
    ],
    function: [
      { id: 1, name: s.x('bytes.growSlice'), systemName: s.x('bytes.growSlice'), filename: s.x('/go/src/bytes/buffer.go'), startLine: 80 },
      { id: 2, name: s.x('main.fill'), systemName: s.x('main.fill'), filename: s.x('/src/app/fill.go'), startLine: 130 },
      { id: 3, name: s.x('runtime.main'), systemName: s.x('runtime.main'), filename: s.x('/go/src/runtime/proc.go'), startLine: 144 },
    ],
    timeNanos: 1_700_000_000_123_456_789n,
    durationNanos: 30_000_000_000,
    // Reuses strings: the last string-table entry must be referenced from a
    // field *before* the table (here function 3's filename) for the
    // truncation tests below; see there.
    periodType: { type: s.x('alloc_space'), unit: s.x('bytes') },
    period: 524_288,
  };
  obj.stringTable = s.table;
  return obj;
}

/** A deep copy to mutate. */
function clone(o: ProfileObj): ProfileObj {
  return structuredClone(o);
}

test('the small test profile itself is valid', () => {
  const p = parseProfile(encodeProfile(smallProfile()));
  assert.equal(p.samples.count, 3);
  assert.equal(p.locations[0]!.lines.length, 2);
  assert.equal(p.period, 524_288n);
});

describe('inconsistent profiles (invalid-profile)', () => {
  test('number of values per sample differs from the number of sample types', () => {
    const fewer = clone(smallProfile());
    fewer.sample![1]!.value = [4];
    rejects(encodeProfile(fewer), 'invalid-profile', 'sample 1 has 1 values but the profile has 2 sample types');
    const more = clone(smallProfile());
    more.sample![2]!.value = [1, 2, 3];
    rejects(encodeProfile(more), 'invalid-profile', 'sample 2 has 3 values but the profile has 2 sample types');
    const none = clone(smallProfile());
    delete none.sampleType;
    rejects(encodeProfile(none), 'invalid-profile', /missing sample type information/);
  });

  test('id 0 for a mapping, location or function', () => {
    for (const [kind, set] of [
      ['mapping', (o: ProfileObj) => { o.mapping![1]!.id = 0; }],
      ['location', (o: ProfileObj) => { o.location![2]!.id = 0; }],
      ['function', (o: ProfileObj) => { o.function![0]!.id = 0; }],
    ] as const) {
      const o = clone(smallProfile());
      set(o);
      const index = kind === 'mapping' ? 1 : kind === 'location' ? 2 : 0;
      rejects(encodeProfile(o), 'invalid-profile', `${kind} #${index} has the reserved id 0`);
    }
    // An absent id is id 0 too.
    const o = clone(smallProfile());
    delete o.function![2]!.id;
    rejects(encodeProfile(o), 'invalid-profile', 'function #2 has the reserved id 0');
  });

  test('duplicate ids', () => {
    const loc = clone(smallProfile());
    loc.location![1]!.id = 7;
    loc.location![3]!.id = 7;
    rejects(encodeProfile(loc), 'invalid-profile', 'multiple locations with same id: 7');
    const map = clone(smallProfile());
    map.mapping![1]!.id = 1;
    rejects(encodeProfile(map), 'invalid-profile', 'multiple mappings with same id: 1');
    const fn = clone(smallProfile());
    fn.function![2]!.id = 2;
    rejects(encodeProfile(fn), 'invalid-profile', 'multiple functions with same id: 2');
    const big = clone(smallProfile());
    big.location![0]!.id = 2n ** 64n - 1n;
    big.location![3]!.id = 2n ** 64n - 1n;
    rejects(encodeProfile(big), 'invalid-profile', 'multiple locations with same id: 18446744073709551615');
  });

  test('a sample references a missing location', () => {
    const o = clone(smallProfile());
    o.sample![0]!.locationId = [1, 12, 3];
    rejects(encodeProfile(o), 'invalid-profile', 'sample 0 references missing location 12');
    const later = clone(smallProfile());
    later.sample![2]!.locationId = [4, 99];
    rejects(encodeProfile(later), 'invalid-profile', 'sample 2 references missing location 99');
    const zero = clone(smallProfile());
    zero.sample![1]!.locationId = [0];
    rejects(encodeProfile(zero), 'invalid-profile', 'sample 1 references missing location 0');
  });

  test('a location references a missing function or mapping', () => {
    const fn = clone(smallProfile());
    fn.location![1]!.id = 7;
    fn.sample![0]!.locationId = [1];
    fn.sample![1]!.locationId = [7];
    fn.location![1]!.line = [{ functionId: 12, line: 3 }];
    rejects(encodeProfile(fn), 'invalid-profile', 'location 7 references missing function 12');
    const map = clone(smallProfile());
    map.location![0]!.mappingId = 12;
    rejects(encodeProfile(map), 'invalid-profile', 'location 1 references missing mapping 12');
    const noFn = clone(smallProfile());
    noFn.location![2]!.line = [{ functionId: 3 }, { line: 5 }];
    rejects(encodeProfile(noFn), 'invalid-profile', 'location 3 line 1 has no function (function id 0)');
  });

  test('string_table[0] is not the empty string', () => {
    const o = clone(smallProfile());
    o.stringTable![0] = 'x';
    rejects(encodeProfile(o), 'invalid-profile', 'string_table[0] must be the empty string, got "x"');
  });

  test('empty string table', () => {
    const o = clone(smallProfile());
    o.stringTable = [];
    rejects(encodeProfile(o), 'invalid-profile', /string table is empty/);
    rejects(encodeProfile({ timeNanos: 1 }), 'invalid-profile', /string table is empty/);
  });

  test('a string index out of range names the field that holds it', () => {
    const n = smallProfile().stringTable!.length;
    const cases: Array<[string, (o: ProfileObj) => void, string]> = [
      ['sample type unit', (o) => { o.sampleType![1]!.unit = 99; }, 'sample_type 1 unit'],
      ['label key', (o) => { o.sample![0]!.label![1]!.key = 99; }, 'label key'],
      ['label str', (o) => { o.sample![0]!.label![1]!.str = 99; }, 'label str'],
      ['label num_unit', (o) => { o.sample![1]!.label![0]!.numUnit = 99; }, 'label num_unit'],
      ['mapping filename', (o) => { o.mapping![1]!.filename = 99; }, 'mapping 2 filename'],
      ['mapping build id', (o) => { o.mapping![0]!.buildId = 99; }, 'mapping 1 build_id'],
      ['function name', (o) => { o.function![0]!.name = 99; }, 'function 1 name'],
      ['function system name', (o) => { o.function![1]!.systemName = 99; }, 'function 2 system_name'],
      ['function filename', (o) => { o.function![2]!.filename = 99; }, 'function 3 filename'],
      ['drop_frames', (o) => { o.dropFrames = 99; }, 'drop_frames'],
      ['keep_frames', (o) => { o.keepFrames = 99; }, 'keep_frames'],
      ['period type', (o) => { o.periodType = { type: 99, unit: 1 }; }, 'period_type type'],
      ['comment', (o) => { o.comment = [1, 99]; }, 'comment 1'],
      ['default_sample_type', (o) => { o.defaultSampleType = 99; }, 'default_sample_type'],
      ['doc_url', (o) => { o.docUrl = 99; }, 'doc_url'],
    ];
    for (const [, mutate, field] of cases) {
      const o = clone(smallProfile());
      mutate(o);
      rejects(encodeProfile(o), 'invalid-profile', `${field}: string index 99 out of range (string table has ${n} entries)`);
    }
    // A negative index is out of range too.
    const neg = clone(smallProfile());
    neg.function![0]!.name = -1;
    rejects(encodeProfile(neg), 'invalid-profile', /^function 1 name: string index -1 out of range/);
  });

  test('concatenated profiles are rejected', () => {
    const one = encodeProfile(smallProfile());
    const twice = bytes(one, one);
    const e = rejection(twice, 'the same profile twice');
    assert.equal(e.code, 'concatenated');
    assert.match(e.message, /appears twice: the input looks like concatenated profiles/);
    // Without any scalar field to repeat, the duplicated ids give it away.
    const bare = clone(smallProfile());
    delete bare.timeNanos;
    delete bare.durationNanos;
    delete bare.periodType;
    delete bare.period;
    const b = encodeProfile(bare);
    rejects(bytes(b, b), 'invalid-profile', 'multiple mappings with same id: 1');
  });
});

describe('numbers outside the exact range (out-of-range)', () => {
  test('line, column, start_line and string indices beyond 2^53', () => {
    const line = clone(smallProfile());
    line.location![1]!.line![0]!.line = 2n ** 53n;
    rejects(encodeProfile(line), 'out-of-range', /line 9007199254740992 is outside the range/);
    const column = clone(smallProfile());
    column.location![0]!.line![0]!.column = -(2n ** 63n);
    rejects(encodeProfile(column), 'out-of-range', /column -9223372036854775808 is outside the range/);
    const start = clone(smallProfile());
    start.function![1]!.startLine = 2n ** 60n;
    rejects(encodeProfile(start), 'out-of-range', /function #1: start_line 1152921504606846976 is outside the range/);
    // uint64-looking 2^64-1 is int64 -1 on the wire: a (meaningless but exact) negative start line.
    const minus = clone(smallProfile());
    minus.function![1]!.startLine = 2n ** 64n - 1n;
    assert.equal(parseProfile(encodeProfile(minus)).functions[1]!.startLine, -1);
    const index = clone(smallProfile());
    index.function![0]!.name = 2n ** 60n;
    rejects(encodeProfile(index), 'out-of-range', /function #0: name 1152921504606846976 is outside the range/);
  });

  test('the largest exact line numbers are accepted', () => {
    const o = clone(smallProfile());
    o.location![1]!.line![0]!.line = 2n ** 53n - 1n;
    o.location![1]!.line![0]!.column = -(2n ** 53n - 1n);
    const p = parseProfile(encodeProfile(o));
    assert.equal(p.locations[1]!.lines[0]!.line, Number.MAX_SAFE_INTEGER);
    assert.equal(p.locations[1]!.lines[0]!.column, -Number.MAX_SAFE_INTEGER);
  });
});

describe('malformed wire data (bad-wire)', () => {
  const s = new Strings();
  const strings = (): number[] => cat(...[...s.table, 'count'].map((x) => str(6, x)));
  const sampleType = ld(1, vint(1, 1), vint(2, 1));

  test('field number 0, invalid wire types, wrong wire type for a known field', () => {
    notProtobuf(bytes(vint(0, 1), strings()), /field number 0/);
    notProtobuf(bytes(tag(100, 6), [0], strings()), /invalid wire type 6 for field 100/);
    notProtobuf(bytes(tag(101, 7), strings()), /invalid wire type 7 for field 101/);
    rejects(bytes(vint(6, 1)), 'bad-wire', /field 6 has unexpected wire type 0/);
    rejects(bytes(vint(1, 1), strings()), 'bad-wire', /field 1 has unexpected wire type 0/);
    rejects(bytes(sampleType, ld(2, tag(1, WT.Fixed32), [1, 0, 0, 0]), strings()), 'bad-wire', /sample 0 location_id has wire type 5/);
    rejects(bytes(sampleType, ld(2, tag(2, WT.Fixed64), [1, 0, 0, 0, 0, 0, 0, 0]), strings()), 'bad-wire', /sample 0 value has wire type 1/);
    notProtobuf(bytes(tag(4, WT.EndGroup), strings()), /unexpected wire type 4/);
  });

  test('varints: longer than 10 bytes, too big for a length', () => {
    rejects(bytes(sampleType, ld(2, tag(2, WT.Varint), new Array(10).fill(0xff), [0x01]), strings()), 'bad-wire', /varint longer than 10 bytes/);
    rejects(bytes(tag(6, WT.Bytes), varint(2n ** 33n), [1, 2, 3]), 'bad-wire', /varint does not fit 32 bits/);
  });

  test('lengths running past the data or the enclosing message', () => {
    rejects(bytes(strings(), tag(6, WT.Bytes), [50], [0x61]), 'bad-wire', /length 50 runs past the end of the data/);
    // A Line whose length runs past its Location.
    rejects(bytes(ld(4, vint(1, 1), tag(4, WT.Bytes), [9], vint(1, 1)), strings()), 'bad-wire', /length 9 runs past/);
    // A label whose contents run past its declared length.
    rejects(bytes(sampleType, ld(2, vint(2, 1), tag(3, WT.Bytes), [1], [0x08, 0x81, 0x01]), strings()), 'bad-wire', /label overruns its length/);
  });

  test('messages name the location, its line, the function and the mapping by position', () => {
    // Location #1's second line holds a varint cut short.
    const badLine = bytes(ld(4, vint(1, 1)), ld(4, vint(1, 2), ld(4, vint(1, 1)), tag(4, WT.Bytes), [2], [0x08, 0x81]), strings());
    rejects(badLine, 'bad-wire', /^corrupt protobuf in location #1 line 1 at byte \d+: truncated varint/);
    rejects(bytes(ld(4, vint(1, 1)), ld(4, vint(1, 2), tag(3, WT.Varint), [0x81]), strings()), 'bad-wire',
      /^corrupt protobuf in location #1 at byte \d+: truncated varint/);
    rejects(bytes(ld(5, vint(1, 1)), ld(5, tag(1, WT.Varint), [0x81]), strings()), 'bad-wire',
      /^corrupt protobuf in function #1 at byte \d+: truncated varint/);
    rejects(bytes(ld(3, tag(1, WT.Varint), [0x81]), strings()), 'bad-wire',
      /^corrupt protobuf in mapping #0 at byte \d+: truncated varint/);
  });

  test('a varint must not run past the end of its packed field', () => {
    // Packed location_id of length 1 holding 0x81 (an unfinished varint), then a
    // byte that would complete it. Reading on would give location 129 and a
    // misaligned rest; the decoder must stop at the packed field's end.
    const loc = ld(4, vint(1, 129));
    rejects(bytes(sampleType, ld(2, [0x0a, 0x01, 0x81], [0x01], vint(2, 5)), loc, strings()), 'bad-wire', /truncated varint/);
    rejects(bytes(sampleType, ld(2, vint(1, 129), [0x12, 0x01, 0x85], [0x01]), loc, strings()), 'bad-wire', /truncated varint/);
    // The same bytes with a correct length parse.
    const ok = parseProfile(bytes(sampleType, ld(2, [0x0a, 0x02, 0x81, 0x01], vint(2, 5)), loc, strings()));
    assert.equal(ok.samples.get(0).locations[0]!.id, 129n);
    rejects(bytes(vint(13, 1), ld(13, [0x81]), [0x00], strings()), 'bad-wire', /truncated varint|comment overruns/);
  });

  test('groups: mismatched end, unterminated, nested deeper than the call stack', () => {
    rejects(bytes(tag(100, WT.StartGroup), vint(1, 1), tag(101, WT.EndGroup), strings()), 'bad-wire', /group 100 closed by field 101/);
    rejects(bytes(strings(), tag(100, WT.StartGroup), vint(1, 1)), 'bad-wire', /unterminated group 100/);
    // 200k nested start-group tags: must be a PprofError, not a stack overflow.
    const deep = new Uint8Array(400_000);
    for (let i = 0; i < deep.length; i += 2) deep.set(tag(100, WT.StartGroup), i);
    rejects(deep, 'bad-wire', /unterminated group 100/);
    // Deeply nested but well-formed groups are skipped.
    const depth = 5000;
    const field = (d: number): number => 100 + (d % 7);
    const opens = Array.from({ length: depth }, (_, d) => tag(field(d), WT.StartGroup));
    const closes = Array.from({ length: depth }, (_, d) => tag(field(depth - 1 - d), WT.EndGroup));
    const p = parseProfile(bytes(...opens, vint(1, 1), ...closes, strings()));
    assert.equal(p.samples.count, 0);
  });
});

describe('empty and garbage input', () => {
  test('empty input', () => {
    rejects(new Uint8Array(0), 'bad-format', /empty input/);
  });

  test('garbage bytes', () => {
    notProtobuf(bytes(new Array(11).fill(0xff), [0x01]), /varint does not fit 32 bits/);
    const high = rejection(new Uint8Array(12).fill(0xff), 'twelve 0xff bytes');
    assert.ok(['bad-format', 'bad-wire'].includes(high.code), high.code);
    notProtobuf(bytes([0x07, 0x00, 0x01]), /invalid wire type 7 for field 0|field number 0/);
    notProtobuf(bytes([0x1e, 0x00]), /invalid wire type 6 for field 3|field 3 has unexpected wire type 6/);
    notProtobuf(bytes([0xde, 0xad, 0xbe, 0xef, 0x01, 0x02]), /invalid wire type 6/);
    const html = new TextEncoder().encode('<!DOCTYPE html>\n<html><body>404 page not found</body></html>\n');
    const e = rejection(html, 'an HTML page');
    assert.ok(['bad-format', 'bad-wire'].includes(e.code), e.code);
  });

  test('random bytes and random corruptions never escape as another error type', () => {
    let seed = 0x9e3779b9;
    const rand = (n: number): number => {
      seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const good = encodeProfile(smallProfile());
    let rejected = 0;
    for (let i = 0; i < 3000; i++) {
      let input: Uint8Array;
      if (i % 2 === 0) {
        input = new Uint8Array(rand(64));
        for (let k = 0; k < input.length; k++) input[k] = rand(256);
      } else {
        input = good.slice();
        for (let flips = 1 + rand(3); flips > 0; flips--) input[rand(input.length)] = rand(256);
      }
      const r = safeParseProfile(input);
      try {
        parseProfile(input);
      } catch (e) {
        assert.ok(e instanceof PprofError, `input ${i}: ${String(e)}`);
        assert.equal(r.success, false);
        rejected++;
        continue;
      }
      assert.equal(r.success, true);
    }
    assert.ok(rejected > 1500, `${rejected} of 3000 rejected`);
  });
});

describe('truncation', () => {
  const full = encodeProfile(smallProfile());
  const fields = topLevelFields(full);
  const boundaries = new Set(fields.map((f) => f.end));
  const stringTableEnd = Math.max(...fields.filter((f) => f.field === 6).map((f) => f.end));
  const reference = parseProfile(full);

  test('the test profile has the expected layout', () => {
    assert.ok(full.length > 300, `${full.length} bytes`);
    // String table, then the trailing scalars: time, duration, period type, period.
    assert.deepEqual(fields.filter((f) => f.start >= stringTableEnd).map((f) => f.field), [9, 10, 11, 12]);
    assert.ok(fields.filter((f) => f.field === 6).length === smallProfile().stringTable!.length);
  });

  test('gzip-compressed, cut at every byte offset: always a PprofError', () => {
    const gz = gzipSync(full);
    const codes = new Map<string, number>();
    for (let cut = 0; cut < gz.length; cut++) {
      const e = rejection(gz.subarray(0, cut), `gzip cut at ${cut} of ${gz.length}`);
      codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
      if (cut >= 2) {
        // Anything that still starts with the gzip magic is a truncated gzip stream.
        assert.equal(e.code, 'bad-gzip', `cut at ${cut}: ${e.message}`);
        assert.match(e.message, /corrupt or truncated gzip data: unexpected end of file/);
      }
    }
    assert.equal(codes.get('bad-gzip'), gz.length - 2);
    assert.equal(parseProfile(gz).samples.count, 3);
  });

  test('raw protobuf, cut at every offset before the end of the string table: always rejected', () => {
    for (let cut = 0; cut < stringTableEnd; cut++) {
      const e = rejection(full.subarray(0, cut), `raw cut at ${cut} of ${full.length}`);
      if (cut === 0) {
        assert.equal(e.code, 'bad-format');
      } else if (boundaries.has(cut)) {
        // Whole fields, but the string table is missing or short: the last
        // string (or all of them) can no longer be resolved.
        assert.equal(e.code, 'invalid-profile', `cut at ${cut}: ${e.message}`);
        assert.match(e.message, /string table is empty|string index \d+ out of range/);
      } else {
        // Inside a field (tiny prefixes may be taken for text first).
        assert.ok(e.code === 'bad-wire' || (cut < 8 && e.code === 'bad-format'), `cut at ${cut}: ${e.code} ${e.message}`);
        if (e.code === 'bad-wire') assert.match(e.message, /truncated varint|runs past the end of the data/);
      }
    }
  });

  test('raw protobuf, cut inside any trailing field: rejected; cut on a field boundary: the one undetectable case', () => {
    // A protobuf message has no end marker and every field is optional, so a
    // prefix that ends exactly between two top-level fields is itself a valid
    // encoding of a profile that lacks the fields that were cut off. Before
    // the end of the string table such a prefix still fails validation (the
    // strings other fields refer to are gone), but the scalar fields written
    // after it (time_nanos, duration_nanos, period_type, period, ...) are not
    // referred to by anything: cutting them off cleanly yields a valid profile
    // with those fields unset. No decoder can tell that apart from a profile
    // that never had them. Every cut *inside* a field is detected: a varint
    // ending with its continuation bit set, or a length running past the end.
    let boundaryCuts = 0;
    let insideCuts = 0;
    for (let cut = stringTableEnd; cut < full.length; cut++) {
      const prefix = full.subarray(0, cut);
      if (boundaries.has(cut)) {
        boundaryCuts++;
        const p = parseProfile(prefix);
        const kept = (field: number): boolean => fields.some((f) => f.field === field && f.end <= cut);
        assert.deepEqual(p.samples.values, reference.samples.values);
        assert.deepEqual(p.locations.map((l) => l.id), reference.locations.map((l) => l.id));
        assert.equal(p.timeNanos, kept(9) ? reference.timeNanos : 0n);
        assert.equal(p.durationNanos, kept(10) ? reference.durationNanos : 0n);
        assert.deepEqual(p.periodType, kept(11) ? reference.periodType : null);
        assert.equal(p.period, 0n, 'period is the last field, so any cut loses it');
      } else {
        insideCuts++;
        const e = rejection(prefix, `raw cut at ${cut} of ${full.length}`);
        assert.equal(e.code, 'bad-wire', `cut at ${cut}: ${e.message}`);
        assert.match(e.message, /truncated varint|runs past the end of the data/);
      }
    }
    assert.equal(boundaryCuts, 4);
    assert.ok(insideCuts > 10, `${insideCuts} cuts inside trailing fields`);
  });

  test('a truncated protobuf inside a complete gzip stream fails like the raw cut', () => {
    for (let cut = 1; cut < full.length; cut += 1) {
      const raw = safeParseProfile(full.subarray(0, cut));
      const gz = safeParseProfile(gzipSync(full.subarray(0, cut)));
      assert.equal(gz.success, raw.success, `cut at ${cut}`);
      if (!raw.success && !gz.success) {
        if (raw.error.code !== 'bad-format') assert.equal(gz.error.code, raw.error.code, `cut at ${cut}`);
      }
    }
  });
});

describe('safeParseProfile', () => {
  test('returns the error with its code instead of throwing', () => {
    const o = clone(smallProfile());
    o.sample![0]!.locationId = [12];
    const r = safeParseProfile(encodeProfile(o));
    assert.equal(r.success, false);
    if (r.success) return;
    assert.ok(r.error instanceof PprofError);
    assert.equal(r.error.code, 'invalid-profile');
    assert.equal(r.error.message, 'sample 0 references missing location 12');

    for (const [input, code] of [
      [new Uint8Array(0), 'bad-format'],
      [bytes([0x1f, 0x8b, 0x08, 0x00]), 'bad-gzip'],
      [bytes(vint(0, 1)), 'bad-format'],
      [bytes(encodeProfile(smallProfile()), encodeProfile(smallProfile())), 'concatenated'],
    ] as const) {
      const res = safeParseProfile(input);
      assert.equal(res.success, false);
      if (!res.success) assert.equal(res.error.code, code);
    }
  });

  test('returns the profile on success', () => {
    const r = safeParseProfile(encodeProfile(smallProfile()));
    assert.equal(r.success, true);
    if (r.success) {
      assert.equal(r.data.samples.count, 3);
      assert.deepEqual(r.data.sampleTypes.map((t) => t.type), ['alloc_objects', 'alloc_space']);
    }
  });
});
