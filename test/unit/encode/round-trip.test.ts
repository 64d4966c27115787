// Encoding profile.proto: decode(encode(p)) equals p, field for field, on
// every fixture (protobuf and Go's text forms) and on synthetic profiles that
// exercise what the fixtures lack (64-bit values, labels of both kinds,
// mappings with every flag, folded locations, columns).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { parseProfile } from '../../../src/parse.js';
import { encodeProfile, encodeProfileGzip } from '../../../src/encode/profile.js';
import { ProfileBuilder } from '../../../src/model/builder.js';
import { PROFILES } from '../../helpers/paths.js';
import { profileSnapshot } from '../../helpers/profile-snapshot.js';

/** Every fixture file that parses as a profile, subfolders included. */
function fixtureFiles(dir = PROFILES): string[] {
  return readdirSync(dir).sort().flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return fixtureFiles(path);
    return /\.(pb\.gz|debug[12]\.txt)$/.test(f) ? [path] : [];
  });
}

describe('rule: decode(encode(p)) equals p on every fixture', () => {
  const files = fixtureFiles();
  test('the fixture set is not empty', () => assert.ok(files.length >= 20, `${files.length} fixtures`));
  for (const path of files) {
    test(path.slice(PROFILES.length + 1), async () => {
      const p = parseProfile(readFileSync(path));
      const back = parseProfile(await encodeProfileGzip(p));
      assert.deepEqual(profileSnapshot(back), profileSnapshot(p));
    });
  }
});

describe('rule: every field survives, exactly', () => {
  test('64-bit values, labels of both kinds, mappings, folded locations, columns, header fields', async () => {
    const b = new ProfileBuilder({
      sampleTypes: [{ type: 'alloc_space', unit: 'bytes' }, { type: 'samples', unit: 'count' }],
      periodType: { type: 'space', unit: 'bytes' }, period: 524288n, timeNanos: 1_700_000_000_123_456_789n,
      durationNanos: 5_000_000_000n, comments: ['first', '#annotation'], dropFrames: 'runtime\\..*',
      keepFrames: 'keep', defaultSampleType: 'alloc_space', docUrl: 'https://example.com/doc',
    });
    const m = b.mapping({
      memoryStart: 0x400000n, memoryLimit: 0xffffffffffff0000n, fileOffset: 0x1000n, filename: '/bin/daemon',
      buildId: 'abc123', hasFunctions: true, hasFilenames: true, hasLineNumbers: true, hasInlineFrames: true,
    });
    const f1 = b.function({ name: 'main.f', systemName: 'main.f·1', filename: 'main.go', startLine: 10 });
    const f2 = b.function({ name: 'main.g', filename: 'g.go' });
    const l1 = b.location({ mappingId: m, address: 0xfffffffffffffff0n, lines: [{ functionId: f1, line: 12, column: 3 }, { functionId: f2, line: 7 }], isFolded: true });
    const l2 = b.location({ lines: [{ functionId: f2, line: 8 }] });
    b.addSample([l1, l2], [9_007_199_254_740_993n, -1n], [
      { key: 'tenant', kind: 'string', value: 'a' },
      { key: 'bytes', kind: 'number', value: -4096n, unit: 'bytes' },
      { key: 'tenant', kind: 'string', value: 'b' },
    ]);
    b.addSample([l2], [-9_223_372_036_854_775_808n, 9_223_372_036_854_775_807n]);
    b.addSample([], [0n, 0n]);
    const p = b.build();
    const raw = await encodeProfile(p);
    assert.deepEqual(profileSnapshot(parseProfile(raw)), profileSnapshot(p));
    const gz = await encodeProfileGzip(p);
    assert.deepEqual([...gz.subarray(0, 2)], [0x1f, 0x8b], 'gzip magic');
    assert.deepEqual(gunzipSync(gz), Buffer.from(raw));
  });
  test('an empty profile (no samples, no types) encodes and decodes', async () => {
    const p = new ProfileBuilder({ sampleTypes: [] }).build();
    assert.deepEqual(profileSnapshot(parseProfile(await encodeProfile(p))), profileSnapshot(p));
  });
});
