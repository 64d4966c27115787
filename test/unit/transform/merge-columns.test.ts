/**
 * The column-wise merge (transform/merge*.ts) against the plain one kept in
 * test/helpers/reference-merge.ts (a string key per location and sample, the
 * ProfileBuilder numbering the result): byte for byte the same encoded
 * profile, for every group of fixtures with the same sample types in
 * several orders, for generated profiles with string and numeric labels,
 * with every hash colliding, with packed and copied stacks, with sources
 * whose locations were rewritten by a filter, and with the scaling and
 * relabelling that -base, -diff_base and -normalize ask of the merge.
 */

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseProfile } from '../../../src/parse.js';
import type { Profile } from '../../../src/model/profile.js';
import { encodeProfileSync } from '../../../src/encode/profile.js';
import { mergeProfiles, mergeScaled } from '../../../src/transform/merge.js';
import { scaleProfile } from '../../../src/transform/scale.js';
import { setLabel, DIFF_BASE_LABEL } from '../../../src/transform/labels.js';
import { filterByName } from '../../../src/transform/samples.js';
import { diffProfiles } from '../../../src/transform/diff.js';
import { ProfileBuilder } from '../../../src/model/builder.js';
import { generateProfile } from '../../../bench/gen.js';
import { referenceMerge } from '../../helpers/reference-merge.js';
import { PROFILES } from '../../helpers/paths.js';
import { protobufFixtures } from '../../helpers/top-cases.js';

const bytesOf = (p: Profile): Buffer => Buffer.from(encodeProfileSync(p));
const load = (f: string): Profile => parseProfile(readFileSync(join(PROFILES, f)));

function assertSame(actual: Profile, expected: Profile, what: string): void {
  assert.equal(actual.samples.count, expected.samples.count, `${what}: sample count`);
  assert.ok(bytesOf(actual).equals(bytesOf(expected)), `${what}: encoded profiles differ`);
}

/** Fixtures grouped by sample types (only those can be merged). */
function groups(): string[][] {
  const by = new Map<string, string[]>();
  for (const f of protobufFixtures()) {
    const p = load(f);
    const key = JSON.stringify([p.sampleTypes, p.periodType]);
    by.set(key, [...(by.get(key) ?? []), f]);
  }
  return [...by.values()];
}

describe('column-wise merge equals the plain merge', () => {
  for (const group of groups()) {
    test(`fixtures ${group.join(' ')}: alone, together, reversed, repeated`, () => {
      const ps = group.map(load);
      for (const p of ps) assertSame(mergeProfiles([p]), referenceMerge([p]), 'one profile');
      assertSame(mergeProfiles(ps), referenceMerge(ps), 'all');
      const rev = [...ps].reverse();
      assertSame(mergeProfiles([...rev, ps[0]!]), referenceMerge([...rev, ps[0]!]), 'reversed and repeated');
    });
  }

  test('every hash colliding: the field-by-field checks alone decide, with the same result', () => {
    for (const group of groups()) {
      const ps = group.map(load).filter((p) => p.samples.count <= 2000);
      if (ps.length === 0) continue;
      assertSame(mergeScaled(ps.map((profile) => ({ profile })), { hashMask: 0 }), referenceMerge(ps), group.join(' '));
    }
  });

  test('every hash colliding: locations without addresses stay apart by line, folding and function lists', () => {
    const make = (lines: number[], folded: boolean): Profile => {
      const b = new ProfileBuilder({ sampleTypes: [{ type: 'samples', unit: 'count' }] });
      const f = b.function({ name: 'f', filename: 'f.go' });
      const g = b.function({ name: 'g', filename: 'g.go' });
      for (const line of lines) {
        b.addSample([b.location({ isFolded: folded, lines: [{ functionId: f, line }] })], [1n]);
        b.addSample([b.location({ isFolded: folded, lines: [{ functionId: f, line }, { functionId: g, line }] })], [1n]);
      }
      return b.build();
    };
    const ps = [make([1, 2, 3], false), make([3, 4], false), make([1, 4], true)];
    const m = mergeScaled(ps.map((profile) => ({ profile })), { hashMask: 0 });
    assert.equal(m.locations.length, 12, '4 lines x 2 line lists, and 2 folded lines x 2');
    assertSame(m, referenceMerge(ps), 'no addresses');
  });

  test('packed and copied stacks merge alike', () => {
    for (const f of protobufFixtures()) {
      const gz = readFileSync(join(PROFILES, f));
      const packed = parseProfile(gz);
      const copied = parseProfile(gunzipSync(gz));
      assert.equal(copied.samples.packedStacks, null);
      assertSame(mergeProfiles([packed, copied]), referenceMerge([copied, copied]), f);
    }
  });

  test('a source whose locations a filter rewrote (read through Location objects) merges as the plain way', () => {
    const p = load('cpu.pb.gz');
    const hidden = filterByName(p, { hide: 'runtime\\.' });
    assertSame(mergeProfiles([hidden, p]), referenceMerge([hidden, p]), 'hidden runtime frames');
  });

  test('scaled and relabelled sources equal scaling and relabelling first (pprof ScaleN, SetLabel, then Merge)', () => {
    for (const group of groups()) {
      const ps = group.map(load);
      const a = ps[0]!;
      const b = ps[ps.length - 1]!;
      const ratios = a.sampleTypes.map((_, i) => [0.37, 2.5, 1, 0.001][i % 4]!);
      const neg = b.sampleTypes.map(() => -1);
      const label = { key: DIFF_BASE_LABEL, values: ['true'] };
      assertSame(
        mergeScaled([{ profile: a, ratios }, { profile: b, ratios: neg, label }]),
        referenceMerge([scaleProfile(a, ratios), scaleProfile(setLabel(b, label.key, label.values), -1)]),
        group.join(' '),
      );
    }
  });

  test('the first mapping of the first profile with mappings comes first, though samples use another first', () => {
    const make = (withMappings: boolean): Profile => {
      const b = new ProfileBuilder({ sampleTypes: [{ type: 'samples', unit: 'count' }] });
      const main = withMappings ? b.mapping({ memoryStart: 0x400000n, memoryLimit: 0x500000n, filename: '/bin/main' }) : null;
      const lib = withMappings ? b.mapping({ memoryStart: 0x7f0000n, memoryLimit: 0x7f1000n, filename: '/lib/libc.so.6' }) : null;
      const f = b.function({ name: 'f' });
      b.addSample([b.location({ mappingId: lib, address: 0x7f0010n, lines: [{ functionId: f }] })], [1n]);
      b.addSample([b.location({ mappingId: main, address: 0x400010n, lines: [{ functionId: f }] })], [2n]);
      return b.build();
    };
    for (const ps of [[make(true)], [make(false), make(true)]]) {
      const m = mergeProfiles(ps);
      assert.deepEqual(m.mappings.map((x) => x.filename), ['/bin/main', '/lib/libc.so.6']);
      assertSame(m, referenceMerge(ps), `${ps.length} profiles`);
    }
  });

  test('a source label replaces that key\'s string labels, in the identity and in the merged sample (pprof SetLabel)', () => {
    const b = new ProfileBuilder({ sampleTypes: [{ type: 'samples', unit: 'count' }] });
    const loc = b.location({ lines: [{ functionId: b.function({ name: 'f' }) }] });
    b.addSample([loc], [1n], [{ key: DIFF_BASE_LABEL, kind: 'string', value: 'false' }, { key: 'k', kind: 'string', value: 'v' }]);
    b.addSample([loc], [2n], [{ key: 'k', kind: 'string', value: 'v' }]);
    b.addSample([loc], [4n], [{ key: DIFF_BASE_LABEL, kind: 'number', value: 3n, unit: '' }]);
    const p = b.build();
    const label = { key: DIFF_BASE_LABEL, values: ['true'] };
    const m = mergeScaled([{ profile: p, label }]);
    assert.deepEqual([...m.samples].map((s) => [s.values, s.labels.map((l) => `${l.key}=${String(l.value)}`)]), [
      [[3n], ['k=v', `${DIFF_BASE_LABEL}=true`]],
      [[4n], [`${DIFF_BASE_LABEL}=3`, `${DIFF_BASE_LABEL}=true`]],
    ]);
    assertSame(m, referenceMerge([setLabel(p, label.key, label.values)]), 'as SetLabel then Merge');
  });

  test('numeric labels past 32 bits, negative ones too, keep their exact values through a merge and a diff', () => {
    const b = new ProfileBuilder({ sampleTypes: [{ type: 'samples', unit: 'count' }] });
    const loc = b.location({ lines: [{ functionId: b.function({ name: 'f' }) }] });
    const values = [2n ** 40n + 7n, -(2n ** 35n) - 3n, 2n ** 62n + 1n, -1n, 5n];
    values.forEach((v, i) => b.addSample([loc], [BigInt(i + 1)], [{ key: 'bytes', kind: 'number', value: v, unit: 'bytes' }]));
    const p = b.build();
    const bytesOfSamples = (x: Profile): bigint[] => [...x.samples].map((s) => s.labels.find((l) => l.key === 'bytes')!.value as bigint);
    const label = { key: DIFF_BASE_LABEL, values: ['true'] };
    const m = mergeScaled([{ profile: p }, { profile: p, ratios: [-1], label }]);
    assert.deepEqual(bytesOfSamples(m), [...values, ...values]);
    assertSame(m, referenceMerge([p, scaleProfile(setLabel(p, label.key, label.values), -1)]), 'merged with its negation');
    // diffProfiles reads each side's one-profile merge as a view: the labels come through it too.
    assert.deepEqual(bytesOfSamples(diffProfiles(p, p, { mode: 'diff-base' })), [...values, ...values]);
  });

  test('labels Go drops (no string, no number, no unit) are neither part of the identity nor kept', () => {
    const b = new ProfileBuilder({ sampleTypes: [{ type: 'samples', unit: 'count' }] });
    const loc = b.location({ lines: [{ functionId: b.function({ name: 'f' }) }] });
    b.addSample([loc], [1n], [{ key: 'gone', kind: 'number', value: 0n, unit: '' }]);
    b.addSample([loc], [2n], []);
    const m = mergeProfiles([b.build()]);
    assert.equal(m.samples.count, 1);
    assert.deepEqual(m.samples.get(0).values, [3n]);
    assert.deepEqual(m.samples.get(0).labels, []);
  });
});

describe('column-wise merge on generated profiles with labels', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-merge-'));
  test.after(() => rmSync(dir, { recursive: true, force: true }));

  test('two seeds, string and numeric labels, inline frames: merged, subtracted and labelled alike', async () => {
    const ps: Profile[] = [];
    for (const seed of [1, 2]) {
      const out = join(dir, `g${seed}.pb.gz`);
      await generateProfile({ out, targetBytes: 1_000_000, seed });
      ps.push(parseProfile(readFileSync(out)));
    }
    const [a, b] = ps as [Profile, Profile];
    assert.ok(a.samples.labelOffsets[a.samples.count]! > 0, 'the generated profile has labels');
    assertSame(mergeProfiles([a, b, a]), referenceMerge([a, b, a]), 'a b a');
    const neg = b.sampleTypes.map(() => -1);
    assertSame(
      mergeScaled([{ profile: a }, { profile: b, ratios: neg, label: { key: DIFF_BASE_LABEL, values: ['true'] } }]),
      referenceMerge([a, scaleProfile(setLabel(b, DIFF_BASE_LABEL, ['true']), -1)]),
      'a minus labelled b',
    );
  });
});

/** A small random profile: mappings of one file at two load addresses, inline frames, labels, zero and negative values. */
function randomProfile(seed: number): Profile {
  let x = seed * 2654435761 >>> 0;
  const rnd = (n: number): number => {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return x % n;
  };
  const b = new ProfileBuilder({ sampleTypes: [{ type: 'alloc_objects', unit: 'count' }, { type: 'alloc_space', unit: 'bytes' }] });
  const maps = [0x400000n, 0x800000n, 0x1000000n].map((start, i) =>
    b.mapping({ memoryStart: start, memoryLimit: start + 0x10000n, filename: i < 2 ? '/bin/app' : '/lib/x.so', buildId: i < 2 ? 'B' : 'L' }));
  const fns = ['a', 'b', 'c', 'd'].map((name) => b.function({ name, filename: `${name}.go` }));
  const locs = Array.from({ length: 10 }, (_, i) => {
    const m = rnd(3);
    const lines = Array.from({ length: 1 + rnd(2) }, () => ({ functionId: fns[rnd(4)]!, line: 1 + rnd(3) }));
    return b.location({ mappingId: maps[m], address: [0x400000n, 0x800000n, 0x1000000n][m]! + BigInt(0x10 * (i % 5)), lines });
  });
  for (let s = 0; s < 25; s++) {
    const stack = Array.from({ length: 1 + rnd(4) }, () => locs[rnd(10)]!);
    const v = BigInt(rnd(5) - 1);
    // Some profiles carry pprof::base labels themselves: -diff_base then cannot take its shortcut of distinct sides.
    const key = seed % 4 === 0 ? DIFF_BASE_LABEL : 'k';
    const labels = rnd(3) === 0 ? [{ key, kind: 'string' as const, value: `v${rnd(2)}` }] : [];
    b.addSample(stack, [v, v * 7n], labels);
  }
  return b.build();
}

describe('-base, -diff_base and -normalize equal pprof\'s steps done the plain way', () => {
  const plain = (p: Profile, base: Profile, mode: 'base' | 'diff-base', normalize: boolean): Profile => {
    const m = referenceMerge([p]);
    let b = referenceMerge([base]);
    if (mode === 'diff-base') b = setLabel(b, DIFF_BASE_LABEL, ['true']);
    const sum = (q: Profile, t: number): number => {
      let total = 0n;
      for (let i = 0; i < q.samples.count; i++) total += q.samples.values[i * q.samples.stride + t]!;
      return Number(total);
    };
    const ratios = m.sampleTypes.map((_, t) => (sum(m, t) === 0 ? 0 : sum(b, t) / sum(m, t)));
    return referenceMerge([normalize ? scaleProfile(m, ratios) : m, scaleProfile(b, -1)]);
  };
  test('random small profiles (same file mapped twice, zero sums within a side, labels, inline frames)', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const p = randomProfile(seed);
      const base = randomProfile(seed + 1000);
      for (const mode of ['base', 'diff-base'] as const) {
        for (const normalize of [false, true]) {
          assertSame(diffProfiles(p, base, { mode, normalize }), plain(p, base, mode, normalize), `seed ${seed} ${mode} ${normalize}`);
        }
      }
    }
  });
  test('fixture groups and the CPU pair', () => {
    for (const group of groups()) {
      const ps = group.map(load);
      for (const mode of ['base', 'diff-base'] as const) {
        for (const normalize of [false, true]) {
          const [a, b] = [ps[ps.length - 1]!, ps[0]!];
          assertSame(diffProfiles(a, b, { mode, normalize }), plain(a, b, mode, normalize), `${group.join(' ')} ${mode} ${normalize}`);
        }
      }
    }
  });
});
