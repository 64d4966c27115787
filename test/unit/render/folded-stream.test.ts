/**
 * `folded` streams: foldedChunks yields the same text as foldedText in
 * bounded pieces, sorting stacks as tree nodes instead of holding every line
 * (a 100 MB profile's output exceeded V8's string limit, then the heap).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProfile } from '../../../src/parse.js';
import { foldedChunks, foldedText } from '../../../src/render/folded.js';
import { PROFILES } from '../../helpers/paths.js';
import { Strings, encodeProfile } from '../../helpers/proto.js';

test('foldedChunks joins to foldedText, each piece about the chunk size', () => {
  const p = parseProfile(readFileSync(join(PROFILES, 'cpu.pb.gz')));
  const whole = foldedText(p);
  const chunks = [...foldedChunks(p, {}, 4096)];
  assert.equal(chunks.join(''), whole);
  assert.ok(chunks.length > 2, `${chunks.length} chunks`);
  for (const c of chunks.slice(0, -1)) assert.ok(c.length >= 4096 && c.length < 4096 + 10_000, `chunk of ${c.length}`);
  assert.ok(chunks.every((c) => c.endsWith('\n')));
});

test('foldedChunks equals foldedText on every fixture, every sample type, with and without filters', () => {
  for (const f of readdirSync(PROFILES).filter((n) => n.endsWith('.pb.gz') || n.endsWith('.txt')).sort()) {
    if (f === 'cmdline.txt') continue;
    const p = parseProfile(readFileSync(join(PROFILES, f)));
    for (let k = 0; k < p.sampleTypes.length; k++) {
      for (const extra of [{}, { hide: '^runtime\\.' }, { granularity: 'lines' as const }]) {
        const options = { sampleIndex: k, ...extra };
        assert.equal([...foldedChunks(p, options, 1000)].join(''), foldedText(p, options), `${f} ${k} ${JSON.stringify(extra)}`);
      }
    }
  }
});

test('stacks whose names are prefixes of each other sort as strings ("x" < "x.y" < "x;z")', () => {
  const s = new Strings();
  const names = ['x', 'x.y', 'z', 'x', 'a;b', 'a:b', ' '];
  const fns = names.map((n, i) => ({ id: i + 1, name: s.x(n), filename: s.x('f.go') }));
  const location = fns.map((f) => ({ id: f.id, line: [{ functionId: f.id, line: 1 }] }));
  // Stacks are leaf first.
  const stacks = [[1], [2], [3, 1], [4, 2], [3], [5], [6], [7, 1], [1, 7], [4], [3, 4]];
  const bytes = encodeProfile({
    sampleType: [{ type: s.x('samples'), unit: s.x('count') }],
    sample: stacks.map((st, i) => ({ locationId: st, value: [i + 1] })),
    location, function: fns, stringTable: s.table,
  });
  const p = parseProfile(bytes);
  const text = foldedText(p);
  assert.equal([...foldedChunks(p, {}, 1)].join(''), text);
  const keys = text.trim().split('\n').map((l) => l.slice(0, l.lastIndexOf(' ')));
  assert.deepEqual(keys, [...keys].sort());
});
