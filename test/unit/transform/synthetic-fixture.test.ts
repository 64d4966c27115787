/**
 * The committed synthetic fixture (fixtures/synthetic/drop-frames.pb.gz) is
 * exactly what its generator (test/helpers/synthetic-profiles.ts) makes, so
 * the goldens made from it by go tool pprof can be re-made.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ROOT } from '../../helpers/paths.js';
import { SYNTHETIC_DROP_FRAMES } from '../../helpers/report-cases.js';
import { dropFramesProfileProto, SYNTHETIC_DROP, SYNTHETIC_KEEP } from '../../helpers/synthetic-profiles.js';
import { parseProfile } from '../../../src/parse.js';

test('drop-frames.pb.gz decompresses to the generator\'s bytes and sets drop_frames / keep_frames', () => {
  const committed = readFileSync(join(ROOT, SYNTHETIC_DROP_FRAMES));
  assert.deepEqual(new Uint8Array(gunzipSync(committed)), dropFramesProfileProto());
  const p = parseProfile(committed);
  assert.equal(p.dropFrames, SYNTHETIC_DROP);
  assert.equal(p.keepFrames, SYNTHETIC_KEEP);
});
