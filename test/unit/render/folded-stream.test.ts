/**
 * `folded` streams: foldedChunks yields the same text as foldedText in
 * bounded pieces, so the CLI never builds one string of the whole output
 * (a 100 MB profile's output exceeded V8's string limit).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProfile } from '../../../src/parse.js';
import { foldedChunks, foldedText } from '../../../src/render/folded.js';
import { PROFILES } from '../../helpers/paths.js';

test('foldedChunks joins to foldedText, each piece about the chunk size', () => {
  const p = parseProfile(readFileSync(join(PROFILES, 'cpu.pb.gz')));
  const whole = foldedText(p);
  const chunks = [...foldedChunks(p, {}, 4096)];
  assert.equal(chunks.join(''), whole);
  assert.ok(chunks.length > 2, `${chunks.length} chunks`);
  for (const c of chunks.slice(0, -1)) assert.ok(c.length >= 4096 && c.length < 4096 + 10_000, `chunk of ${c.length}`);
  assert.ok(chunks.every((c) => c.endsWith('\n')));
});
