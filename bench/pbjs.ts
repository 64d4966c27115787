/**
 * protobufjs child process for the benchmark:
 *
 *   node dist/bench/pbjs.js FILE
 *
 * Reads and gunzips FILE (node:zlib, as pprof-ts does), then decodes the bytes
 * into protobufjs message objects using proto/profile.proto. It shows what a
 * generic reflection-based decoder costs on the hot path compared with
 * pprof-ts's hand-written one (src/decode/). Prints one JSON line like
 * onepass.js (in-process ms excluding startup, maxRSS, sample count).
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import protobuf from 'protobufjs';

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: pbjs.js FILE\n');
  process.exit(2);
}
const protoPath = fileURLToPath(new URL('../../proto/profile.proto', import.meta.url));
const Profile = protobuf.loadSync(protoPath).lookupType('perftools.profiles.Profile');

const t0 = performance.now();
const raw = gunzipSync(readFileSync(file), { maxOutputLength: 2 ** 31 - 1 });
const tGunzip = performance.now();
const msg = Profile.decode(raw) as unknown as { sample: { locationId: unknown[] }[] };
const tDecode = performance.now();
let frames = 0;
for (const s of msg.sample) frames += s.locationId.length;
process.stdout.write(JSON.stringify({
  mode: 'protobufjs', inProcMs: tDecode - t0, gunzipMs: tGunzip - t0, decodeMs: tDecode - tGunzip,
  maxRssKb: process.resourceUsage().maxRSS, rawBytes: raw.length, samples: msg.sample.length, frames,
}) + '\n');
