// The profile builder: parts interned by content, samples in order, and a
// result indistinguishable from a decoded profile (same SampleTable layout,
// same validation, same bytes once encoded and decoded again).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ProfileBuilder } from '../../../src/model/builder.js';
import { parseProfile } from '../../../src/parse.js';
import { encodeProfile } from '../../../src/encode/profile.js';
import { PprofError } from '../../../src/errors.js';
import { PROFILES } from '../../helpers/paths.js';
import { profileSnapshot } from '../../helpers/profile-snapshot.js';

const TYPES = [{ type: 'samples', unit: 'count' }];

describe('rule: parts are interned by content', () => {
  test('the same function, mapping and location added twice get one id each', () => {
    const b = new ProfileBuilder({ sampleTypes: TYPES });
    const m1 = b.mapping({ filename: '/bin/x', memoryStart: 0x1000n });
    const m2 = b.mapping({ filename: '/bin/x', memoryStart: 0x1000n });
    const f1 = b.function({ name: 'main.f', filename: 'f.go' });
    const f2 = b.function({ name: 'main.f', filename: 'f.go' });
    const f3 = b.function({ name: 'main.f', filename: 'other.go' });
    const l1 = b.location({ mappingId: m1, address: 0x1234n, lines: [{ functionId: f1, line: 3 }] });
    const l2 = b.location({ mappingId: m2, address: 0x1234n, lines: [{ functionId: f2, line: 3 }] });
    const l3 = b.location({ mappingId: m1, address: 0x1234n, lines: [{ functionId: f1, line: 4 }] });
    assert.equal(m1, m2);
    assert.equal(f1, f2);
    assert.notEqual(f1, f3);
    assert.equal(l1, l2);
    assert.notEqual(l1, l3);
    b.addSample([l1, l3], [5n]);
    const p = b.build();
    assert.deepEqual(p.mappings.map((m) => m.id), [1n]);
    assert.deepEqual(p.functions.map((f) => f.id), [1n, 2n]);
    assert.deepEqual(p.locations.map((l) => l.id), [1n, 2n]);
    assert.equal(p.functions[0]!.systemName, 'main.f', 'systemName defaults to name');
  });
});

describe('rule: samples keep their order, stacks, values and labels', () => {
  test('two samples read back as added', () => {
    const b = new ProfileBuilder({ sampleTypes: [...TYPES, { type: 'cpu', unit: 'nanoseconds' }] });
    const f = b.function({ name: 'main.f' });
    const g = b.function({ name: 'main.g' });
    const lf = b.location({ lines: [{ functionId: f }] });
    const lg = b.location({ lines: [{ functionId: g }] });
    b.addSample([lf, lg], [1n, 10n], [{ key: 'k', kind: 'string', value: 'v' }]);
    b.addSample([lg], [2n, -20n], [{ key: 'n', kind: 'number', value: 7n, unit: 'bytes' }]);
    const p = b.build();
    const s = [...p.samples];
    assert.deepEqual(s.map((x) => x.locations.map((l) => l.lines[0]!.function.name)), [['main.f', 'main.g'], ['main.g']]);
    assert.deepEqual(s.map((x) => x.values), [[1n, 10n], [2n, -20n]]);
    assert.deepEqual(s[0]!.labels, [{ key: 'k', kind: 'string', value: 'v' }]);
    assert.deepEqual(s[1]!.labels, [{ key: 'n', kind: 'number', value: 7n, unit: 'bytes' }]);
  });
});

describe('rule: a built profile is validated as a decoded one is', () => {
  test('a sample with the wrong number of values is rejected', () => {
    const b = new ProfileBuilder({ sampleTypes: TYPES });
    b.addSample([], [1n, 2n]);
    assert.throws(() => b.build(), (e) => e instanceof PprofError && e.code === 'invalid-profile' &&
      /sample 0 has 2 values but the profile has 1 sample types/.test(e.message));
  });
  test('a location id the builder never returned is rejected', () => {
    const b = new ProfileBuilder({ sampleTypes: TYPES });
    b.addSample([9n], [1n]);
    assert.throws(() => b.build(), (e) => e instanceof PprofError && /sample 0 references missing location 9/.test(e.message));
  });
  test('samples without sample types are rejected', () => {
    const b = new ProfileBuilder({ sampleTypes: [] });
    b.addSample([], []);
    assert.throws(() => b.build(), (e) => e instanceof PprofError && /missing sample type information/.test(e.message));
  });
});

describe('rule: built and decoded profiles are indistinguishable', () => {
  test('rebuilding a real profile part by part gives the same profile and the same SampleTable layout', async () => {
    const p = parseProfile(readFileSync(join(PROFILES, 'heap.pb.gz')));
    const b = new ProfileBuilder({ ...p, sampleTypes: p.sampleTypes });
    const mids = p.mappings.map((m) => b.mapping(m));
    const fids = p.functions.map((f) => b.function(f));
    const lids = p.locations.map((l) => b.location({
      mappingId: l.mapping === null ? null : mids[l.mapping.index]!, address: l.address, isFolded: l.isFolded,
      lines: l.lines.map((ln) => ({ functionId: fids[ln.function.index]!, line: ln.line, column: ln.column })),
    }));
    for (const s of p.samples) {
      b.addSample(s.locations.map((l) => lids[l.index]!), s.values, s.labels);
    }
    const built = b.build();
    assert.deepEqual(profileSnapshot(built), profileSnapshot(p));
    const decoded = parseProfile(await encodeProfile(built));
    for (const q of [built, decoded]) {
      assert.equal(q.samples.locationIndices.constructor, p.samples.locationIndices.constructor);
      assert.deepEqual(q.samples.locationOffsets, p.samples.locationOffsets);
      assert.deepEqual(q.samples.locationIndices, p.samples.locationIndices);
      assert.deepEqual(q.samples.values, p.samples.values);
      assert.deepEqual(q.samples.labelOffsets, p.samples.labelOffsets);
    }
  });
});
