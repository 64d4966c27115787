/**
 * `node dist/bench/encode.js [profile]`: the measurement behind the choice of
 * profile.proto encoder (src/encode/profile.ts). Decodes the bench's big
 * profile (bench/out/big-100mb.pb.gz by default), then writes it with
 * (a) protobufjs, the encoder pprof-ts ships, and (b) a hand-written writer on
 * bench/protowriter.ts that follows Go's encoder, alternating, and prints
 * both times and their ratio side by side. Both outputs are checked to decode
 * to the same sample count. Not part of `npm run bench` (it measures the
 * writer, not a report).
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseProfile } from '../src/parse.js';
import type { Profile } from '../src/model/profile.js';
import { encodeProfile } from '../src/encode/profile.js';
import { ProtoWriter } from './protowriter.js';

const here = dirname(fileURLToPath(import.meta.url));
const path = process.argv[2] ?? join(here, '..', '..', 'bench', 'out', 'big-100mb.pb.gz');
const REPS = Number(process.env['BENCH_REPS'] ?? '3');

/** Go's encoder, by hand: field numbers of profile.proto, zero fields left out. */
function handEncode(p: Profile): Uint8Array {
  const strings = new Map<string, number>([['', 0]]);
  const table = [''];
  const str = (s: string): number => {
    let i = strings.get(s);
    if (i === undefined) { strings.set(s, i = table.length); table.push(s); }
    return i;
  };
  const out = new ProtoWriter(1 << 24);
  const inner = new ProtoWriter();
  const line = new ProtoWriter();
  const vt = (field: number, t: { type: string; unit: string }): void => {
    inner.reset(); inner.uintOpt(1, str(t.type)); inner.uintOpt(2, str(t.unit)); out.message(field, inner);
  };
  for (const t of p.sampleTypes) vt(1, t);
  const s = p.samples;
  const ids: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < s.count; i++) {
    inner.reset();
    ids.length = 0;
    for (let k = s.locationOffsets[i]!; k < s.locationOffsets[i + 1]!; k++) ids.push(Number(p.locations[s.locationIndices[k]!]!.id));
    inner.packed(1, ids);
    vals.length = 0;
    for (let t = 0; t < s.stride; t++) vals.push(Number(s.values[i * s.stride + t]!));
    inner.packed(2, vals);
    out.message(2, inner);
  }
  for (const m of p.mappings) {
    inner.reset();
    inner.uintBigOpt(1, m.id); inner.uintBigOpt(2, m.memoryStart); inner.uintBigOpt(3, m.memoryLimit);
    inner.uintBigOpt(4, m.fileOffset); inner.uintOpt(5, str(m.filename)); inner.uintOpt(6, str(m.buildId));
    inner.boolOpt(7, m.hasFunctions); inner.boolOpt(8, m.hasFilenames); inner.boolOpt(9, m.hasLineNumbers); inner.boolOpt(10, m.hasInlineFrames);
    out.message(3, inner);
  }
  for (const l of p.locations) {
    inner.reset();
    inner.uintBigOpt(1, l.id); inner.uintBigOpt(2, l.mapping?.id ?? 0n); inner.uintBigOpt(3, l.address);
    for (const ln of l.lines) {
      line.reset(); line.uintBigOpt(1, ln.function.id); line.uintOpt(2, ln.line); line.uintOpt(3, ln.column); inner.message(4, line);
    }
    inner.boolOpt(5, l.isFolded);
    out.message(4, inner);
  }
  for (const f of p.functions) {
    inner.reset();
    inner.uintBigOpt(1, f.id); inner.uintOpt(2, str(f.name)); inner.uintOpt(3, str(f.systemName));
    inner.uintOpt(4, str(f.filename)); inner.uintOpt(5, f.startLine);
    out.message(5, inner);
  }
  const drop = str(p.dropFrames); const keep = str(p.keepFrames);
  const comments = p.comments.map(str);
  const dst = str(p.defaultSampleType);
  if (p.periodType !== null) str(p.periodType.type), str(p.periodType.unit);
  for (const t of table) out.string(6, t);
  out.uintOpt(7, drop); out.uintOpt(8, keep);
  out.uintBigOpt(9, p.timeNanos); out.uintBigOpt(10, p.durationNanos);
  if (p.periodType !== null) vt(11, p.periodType);
  out.uintBigOpt(12, p.period);
  if (comments.length > 0) out.packed(13, comments);
  out.uintOpt(14, dst);

  return out.take();
}

const p = parseProfile(readFileSync(path));
process.stdout.write(`${path}: ${p.samples.count} samples, ${p.locations.length} locations\n`);
const times: Record<'protobufjs' | 'hand', number[]> = { protobufjs: [], hand: [] };
let sizes: Record<string, number> = {};
for (let r = 0; r < REPS; r++) {
  let t0 = performance.now();
  const a = await encodeProfile(p);
  times.protobufjs.push(performance.now() - t0);
  t0 = performance.now();
  const b = handEncode(p);
  times.hand.push(performance.now() - t0);
  sizes = { protobufjs: a.length, hand: b.length };
  if (r === 0) {
    const ca = parseProfile(a).samples.count;
    const cb = parseProfile(b).samples.count;
    if (ca !== p.samples.count || cb !== p.samples.count) throw new Error(`decoded sample counts differ: ${ca} ${cb}`);
  }
}
const med = (xs: number[]): number => xs.slice().sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
process.stdout.write(`encode (median of ${REPS}): protobufjs ${(med(times.protobufjs) / 1000).toFixed(2)} s, ` +
  `hand-written ${(med(times.hand) / 1000).toFixed(2)} s, ratio ${(med(times.protobufjs) / med(times.hand)).toFixed(2)}x; ` +
  `bytes ${sizes['protobufjs']} vs ${sizes['hand']}\n`);
