/**
 * `node dist/bench/encode.js [profile]`: the measurement behind the choice of
 * profile.proto writer (src/encode/). Decodes a profile (default: the bench's
 * big one, bench/out/big-100mb.pb.gz), then encodes it with (a) the shipped
 * hand-written writer (src/encode/writer.ts) and (b) protobufjs from
 * proto/profile.proto fed one message object per sample, alternating, and
 * prints both times, their ratio and the output sizes. Each output is checked
 * to decode to the same number of samples. `BENCH_SKIP_PBJS=1` measures only
 * the shipped writer (protobufjs ran out of a 4 GB heap on the 100 MB profile).
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { parseProfile } from '../src/parse.js';
import type { Profile } from '../src/model/profile.js';
import { encodeProfileSync } from '../src/encode/profile.js';
import { StringTable } from '../src/encode/string-table.js';

const here = dirname(fileURLToPath(import.meta.url));
const path = process.argv[2] ?? join(here, '..', '..', 'bench', 'out', 'big-100mb.pb.gz');
const REPS = Number(process.env['BENCH_REPS'] ?? '3');
const SKIP_PBJS = process.env['BENCH_SKIP_PBJS'] === '1';

const root = protobuf.loadSync(join(here, '..', '..', 'proto', 'profile.proto'));
root.resolveAll(); // proto3 defaults: packed repeated numbers, as Go writes them
const ProfileType = root.lookupType('perftools.profiles.Profile');

type Int = number | string;

/** A bigint as protobufjs takes a 64-bit field: a number when exact, else a decimal string. */
function int(v: bigint): Int {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v.toString();
}

/** Drops fields equal to their proto3 default, as Go's encoder leaves them out. */
function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v === 0 || v === false || v === '0' || v === undefined || v === null || (Array.isArray(v) && v.length === 0)) delete o[k];
  }
  return o;
}

/** The profile as a profile.proto message object (protobufjs field names). */
function profileMessage(p: Profile): Record<string, unknown> {
  const st = new StringTable();
  const s = p.samples;
  const labelKeys = s.labelNums.length > 0 ? s.labelKeys : [];
  const labelStrs = s.labelNums.length > 0 ? s.labelStrs : [];
  const labelUnits = s.labelNums.length > 0 ? s.labelNumUnits : [];
  const valueType = (t: { type: string; unit: string }): Record<string, unknown> => compact({ type: st.of(t.type), unit: st.of(t.unit) });
  const sampleType = p.sampleTypes.map(valueType);
  const sample: Record<string, unknown>[] = new Array(s.count);
  for (let i = 0; i < s.count; i++) {
    const locationId: Int[] = [];
    for (let k = s.locationOffsets[i]!; k < s.locationOffsets[i + 1]!; k++) locationId.push(int(p.locations[s.locationIndices[k]!]!.id));
    const value: Int[] = [];
    for (let t = 0; t < s.stride; t++) value.push(int(s.values[i * s.stride + t]!));
    const label: Record<string, unknown>[] = [];
    for (let k = s.labelOffsets[i]!; k < s.labelOffsets[i + 1]!; k++) {
      const str = labelStrs[k]!;
      label.push(str !== ''
        ? { key: st.of(labelKeys[k]!), str: st.of(str) }
        : compact({ key: st.of(labelKeys[k]!), num: int(s.labelNums[k]!), numUnit: st.of(labelUnits[k]!) }));
    }
    sample[i] = compact({ locationId, value, label });
  }
  const mapping = p.mappings.map((m) => compact({
    id: int(m.id), memoryStart: int(m.memoryStart), memoryLimit: int(m.memoryLimit), fileOffset: int(m.fileOffset),
    filename: st.of(m.filename), buildId: st.of(m.buildId), hasFunctions: m.hasFunctions, hasFilenames: m.hasFilenames,
    hasLineNumbers: m.hasLineNumbers, hasInlineFrames: m.hasInlineFrames,
  }));
  const location = p.locations.map((l) => compact({
    id: int(l.id), mappingId: l.mapping === null ? 0 : int(l.mapping.id), address: int(l.address),
    line: l.lines.map((ln) => compact({ functionId: int(ln.function.id), line: ln.line, column: ln.column })),
    isFolded: l.isFolded,
  }));
  const fn = p.functions.map((f) => compact({
    id: int(f.id), name: st.of(f.name), systemName: st.of(f.systemName), filename: st.of(f.filename), startLine: f.startLine,
  }));
  return compact({
    sampleType, sample, mapping, location, function: fn,
    dropFrames: st.of(p.dropFrames), keepFrames: st.of(p.keepFrames),
    timeNanos: int(p.timeNanos), durationNanos: int(p.durationNanos),
    periodType: p.periodType === null ? undefined : valueType(p.periodType),
    period: int(p.period), comment: p.comments.map((c) => st.of(c)),
    defaultSampleType: st.of(p.defaultSampleType), docUrl: st.of(p.docUrl),
    stringTable: st.table,
  });
}


function pbjsEncode(p: Profile): Uint8Array {
  return ProfileType.encode(profileMessage(p) as unknown as protobuf.Message).finish();
}

const p = parseProfile(readFileSync(path));
process.stdout.write(`${path}: ${p.samples.count} samples, ${p.locations.length} locations\n`);
const times: Record<string, number[]> = { hand: [], protobufjs: [] };
const sizes: Record<string, number> = {};
for (let r = 0; r < REPS; r++) {
  const encoders: Array<[string, (q: Profile) => Uint8Array]> = [['hand', encodeProfileSync]];
  if (!SKIP_PBJS) encoders.push(['protobufjs', pbjsEncode]);
  for (const [name, encode] of encoders) {
    const t0 = performance.now();
    const bytes = encode(p);
    times[name]!.push(performance.now() - t0);
    sizes[name] = bytes.length;
    if (r === 0 && parseProfile(bytes).samples.count !== p.samples.count) throw new Error(`${name}: sample count differs`);
  }
}
const med = (xs: number[]): number => xs.slice().sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const line = (name: string): string => `${name} ${(med(times[name]!) / 1000).toFixed(2)} s (${sizes[name]} bytes)`;
process.stdout.write(`encode, median of ${REPS}: ${line('hand')}` +
  (SKIP_PBJS ? '\n' : `, ${line('protobufjs')}, protobufjs/hand ${(med(times['protobufjs']!) / med(times['hand']!)).toFixed(2)}x\n`));
