/**
 * Baseline child process for the benchmark.
 *
 *   node dist/bench/onepass.js gunzip  FILE   read + node:zlib gunzipSync (one output chunk) only
 *   node dist/bench/onepass.js onepass FILE   the same, then one pass over the
 *       protobuf bytes: every top-level field, and every varint inside sample
 *       messages (packed location_id / value, and the label fields)
 *
 * This is the floor any decoder has to pay: "gunzip plus one pass over the
 * protobuf bytes". Prints one JSON line: in-process milliseconds (excluding
 * node startup), maxRSS and a checksum that keeps the loop from being optimised
 * away.
 */

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { outputChunkSize } from '../src/decode/gzip-size.js';

/** What a baseline child prints on stdout. */
export interface ChildReport {
  mode: string;
  /** Time spent inside the process after startup, in milliseconds. */
  inProcMs: number;
  /** process.resourceUsage().maxRSS, in KiB. */
  maxRssKb: number;
  rawBytes: number;
  samples: number;
  varints: number;
  checksum: number;
}

/**
 * Walks the top level of a Profile message and every varint inside its
 * samples. Returns [samples, varints seen in samples, checksum].
 */
export function onePass(buf: Uint8Array): [number, number, number] {
  let pos = 0;
  const end = buf.length;
  let samples = 0;
  let varints = 0;
  let sum = 0;
  while (pos < end) {
    // Tag.
    let tag = 0;
    for (let shift = 0; ; shift += 7) {
      const b = buf[pos++]!;
      tag |= (b & 0x7f) << shift;
      if (b < 0x80) break;
    }
    const wt = tag & 7;
    if (wt === 0) {
      while (buf[pos++]! >= 0x80) { /* skip varint */ }
      continue;
    }
    if (wt === 1) { pos += 8; continue; }
    if (wt === 5) { pos += 4; continue; }
    if (wt !== 2) throw new Error(`unexpected wire type ${wt} at ${pos}`);
    let len = 0;
    for (let shift = 0; ; shift += 7) {
      const b = buf[pos++]!;
      len += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
    }
    const stop = pos + len;
    if (tag >>> 3 !== 2) {
      pos = stop;
      continue;
    }
    // A Sample: every field is a varint, or a packed run / Label made of varints.
    samples++;
    while (pos < stop) {
      const b0 = buf[pos++]!;
      const t = b0 & 7; // sample tags fit one byte (fields 1..3)
      if (t === 0) {
        let v = 0;
        for (let shift = 0; ; shift += 7) {
          const b = buf[pos++]!;
          if (shift < 28) v |= (b & 0x7f) << shift;
          if (b < 0x80) break;
        }
        sum = (sum + v) | 0;
        varints++;
        continue;
      }
      let n = 0;
      for (let shift = 0; ; shift += 7) {
        const b = buf[pos++]!;
        n |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
      const inner = pos + n;
      // Packed varints, or a Label whose tags and values are all varints.
      while (pos < inner) {
        let v = 0;
        for (let shift = 0; ; shift += 7) {
          const b = buf[pos++]!;
          if (shift < 28) v |= (b & 0x7f) << shift;
          if (b < 0x80) break;
        }
        sum = (sum + v) | 0;
        varints++;
      }
    }
  }
  return [samples, varints, sum];
}

const [mode, file] = process.argv.slice(2);
if (mode === undefined || file === undefined || (mode !== 'gunzip' && mode !== 'onepass')) {
  process.stderr.write('usage: onepass.js gunzip|onepass FILE\n');
  process.exit(2);
}
/**
 * gunzipSync asked for one output chunk of the size the gzip trailer states,
 * exactly as src/decode/gunzip.ts asks (gzip-size.ts): with zlib's default
 * 64 KB chunks and their concatenation, every output byte is written twice to
 * fresh memory. The floor is the cheapest gunzip Node offers, not a slower
 * one (until 2026-12-02 it was the default).
 */
function gunzipOneChunk(gz: Uint8Array): Uint8Array {
  const max = 2 ** 31 - 1;
  return gunzipSync(gz, { maxOutputLength: max, chunkSize: outputChunkSize(gz, max) });
}

const t0 = performance.now();
const raw = gunzipOneChunk(readFileSync(file));
let result: [number, number, number] = [0, 0, raw[raw.length >>> 1] ?? 0];
if (mode === 'onepass') result = onePass(raw);
const report: ChildReport = {
  mode, inProcMs: performance.now() - t0, maxRssKb: process.resourceUsage().maxRSS, rawBytes: raw.length,
  samples: result[0], varints: result[1], checksum: result[2],
};
process.stdout.write(JSON.stringify(report) + '\n');
