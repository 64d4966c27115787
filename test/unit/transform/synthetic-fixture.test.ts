/**
 * The committed synthetic fixtures (fixtures/synthetic/) are exactly what
 * their generators (test/helpers/synthetic-profiles.ts,
 * synthetic-label-sums.ts) make, so the goldens made from them by go tool
 * pprof can be re-made.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ROOT } from '../../helpers/paths.js';
import {
  SYNTHETIC_DROP_FRAMES, SYNTHETIC_INLINE_EDGES, SYNTHETIC_LABEL_CANCEL, SYNTHETIC_LABEL_SUMS, SYNTHETIC_LABEL_UNITS, SYNTHETIC_NAMES,
} from '../../helpers/report-cases.js';
import { inlineEdgesProfileProto } from '../../helpers/synthetic-inline-edges.js';
import { namesProfileProto } from '../../helpers/synthetic-names.js';
import { labelSumsProfileProto } from '../../helpers/synthetic-label-sums.js';
import { dropFramesProfileProto, SYNTHETIC_DROP, SYNTHETIC_KEEP } from '../../helpers/synthetic-profiles.js';
import { parseProfile } from '../../../src/parse.js';

test('drop-frames.pb.gz decompresses to the generator\'s bytes and sets drop_frames / keep_frames', () => {
  const committed = readFileSync(join(ROOT, SYNTHETIC_DROP_FRAMES));
  assert.deepEqual(new Uint8Array(gunzipSync(committed)), dropFramesProfileProto());
  const p = parseProfile(committed);
  assert.equal(p.dropFrames, SYNTHETIC_DROP);
  assert.equal(p.keepFrames, SYNTHETIC_KEEP);
});

test('label-sums.pb.gz, label-cancel.pb.gz and label-units.pb.gz decompress to their generator\'s bytes', () => {
  const unsigned = readFileSync(join(ROOT, SYNTHETIC_LABEL_SUMS));
  assert.deepEqual(new Uint8Array(gunzipSync(unsigned)), labelSumsProfileProto('unsigned'));
  const signed = readFileSync(join(ROOT, SYNTHETIC_LABEL_CANCEL));
  assert.deepEqual(new Uint8Array(gunzipSync(signed)), labelSumsProfileProto('signed'));
  const units = readFileSync(join(ROOT, SYNTHETIC_LABEL_UNITS));
  assert.deepEqual(new Uint8Array(gunzipSync(units)), labelSumsProfileProto('units'));
});

test('cpp-names.pb.gz decompresses to its generator\'s bytes', () => {
  assert.deepEqual(new Uint8Array(gunzipSync(readFileSync(join(ROOT, SYNTHETIC_NAMES)))), namesProfileProto());
});

test('inline-edges.pb.gz decompresses to its generator\'s bytes', () => {
  assert.deepEqual(new Uint8Array(gunzipSync(readFileSync(join(ROOT, SYNTHETIC_INLINE_EDGES)))), inlineEdgesProfileProto());
});
