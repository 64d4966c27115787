/**
 * Profile -> profile.proto bytes (and gzip). The writing itself is done by
 * protobufjs from the repository's proto/profile.proto, imported only when a
 * profile is written so that reading never pays for it; this file only lays
 * the model out as the message: one string table (index 0 is ""), ids as the
 * model holds them, zero fields left out as Go's encoder does.
 * 64-bit integers stay exact: numbers below 2^53, decimal strings above.
 */

import { PprofError } from '../errors.js';
import type { Profile } from '../model/profile.js';
import { nodeBuiltin } from '../node-builtin.js';

type Int = number | string;

/** A bigint as protobufjs takes a 64-bit field: a number when exact, else a decimal string. */
function int(v: bigint): Int {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v.toString();
}

/** Interns strings into the table, "" first. */
class StringTable {
  readonly table: string[] = [''];
  private readonly index = new Map<string, number>([['', 0]]);
  of(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.table.length;
      this.index.set(s, i);
      this.table.push(s);
    }
    return i;
  }
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
export function profileMessage(p: Profile): Record<string, unknown> {
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

interface ProfileType {
  encode(m: Record<string, unknown>): { finish(): Uint8Array };
}
let profileType: Promise<ProfileType> | null = null;

/** protobufjs and the Profile message type, loaded on first use. */
function loadProfileType(): Promise<ProfileType> {
  profileType ??= (async () => {
    const fs = nodeBuiltin<typeof import('node:fs')>('node:fs');
    if (fs === null) throw new PprofError('io', 'encoding profiles needs Node (proto/profile.proto is read from the package)');
    const { default: protobuf } = await import('protobufjs');
    // dist/src/encode/ -> the package root's proto/ (also in the published package).
    const text = fs.readFileSync(new URL('../../../proto/profile.proto', import.meta.url), 'utf8');
    const root = protobuf.parse(text, { keepCase: false }).root;
    // Resolving computes proto3's defaults, among them packed repeated numbers (location ids,
    // values, comments) as Go writes them; without it protobufjs writes one tag per element.
    root.resolveAll();
    return root.lookupType('perftools.profiles.Profile') as unknown as ProfileType;
  })();
  return profileType;
}

/** The profile as uncompressed profile.proto bytes. */
export async function encodeProfile(p: Profile): Promise<Uint8Array> {
  const type = await loadProfileType();
  return type.encode(profileMessage(p)).finish();
}

/** The profile as gzip-compressed profile.proto, the form Go writes and serves. */
export async function encodeProfileGzip(p: Profile): Promise<Uint8Array> {
  const raw = await encodeProfile(p);
  const zlib = nodeBuiltin<typeof import('node:zlib')>('node:zlib');
  if (zlib !== null) return new Uint8Array(zlib.gzipSync(raw));
  const { gzip } = await import('pako');
  return gzip(raw);
}
