/**
 * Test-side protobuf encoding of profile.proto, independent of the decoder
 * under test:
 *
 * - `encodeProfile(obj)`: the reference encoder, protobufjs loaded from the
 *   repository's proto/profile.proto. `obj` uses the proto's camelCase field
 *   names; 64-bit fields accept number, bigint or decimal string (bigints are
 *   passed to protobufjs as strings, so values beyond 2^53 stay exact).
 *   protobufjs writes fields in field-number order and packs repeated scalars
 *   (proto3 default), as Go's encoder does.
 * - raw wire helpers (`varint`, `tag`, `ld`, ...) for bytes protobufjs cannot
 *   produce: unpacked repeated fields, unknown fields of every wire type
 *   (groups included), fixed32/fixed64, duplicated scalars, malformed data.
 * - `topLevelFields(bytes)`: the byte extent of every top-level field, for
 *   truncation tests that need to know where field boundaries are.
 */

import protobuf from 'protobufjs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
/** proto/profile.proto, resolved from dist/test/helpers/. */
export const PROFILE_PROTO = join(here, '..', '..', '..', 'proto', 'profile.proto');

const root = protobuf.loadSync(PROFILE_PROTO);
const ProfileType = root.lookupType('perftools.profiles.Profile');

/** A 64-bit integer as the encoder accepts it. */
export type Int = number | bigint | string;

export interface ValueTypeObj { type?: Int; unit?: Int }
export interface LabelObj { key?: Int; str?: Int; num?: Int; numUnit?: Int }
export interface SampleObj { locationId?: Int[]; value?: Int[]; label?: LabelObj[] }
export interface MappingObj {
  id?: Int; memoryStart?: Int; memoryLimit?: Int; fileOffset?: Int; filename?: Int; buildId?: Int;
  hasFunctions?: boolean; hasFilenames?: boolean; hasLineNumbers?: boolean; hasInlineFrames?: boolean;
}
export interface LineObj { functionId?: Int; line?: Int; column?: Int }
export interface LocationObj { id?: Int; mappingId?: Int; address?: Int; line?: LineObj[]; isFolded?: boolean }
export interface FunctionObj { id?: Int; name?: Int; systemName?: Int; filename?: Int; startLine?: Int }
export interface ProfileObj {
  sampleType?: ValueTypeObj[];
  sample?: SampleObj[];
  mapping?: MappingObj[];
  location?: LocationObj[];
  function?: FunctionObj[];
  stringTable?: string[];
  dropFrames?: Int;
  keepFrames?: Int;
  timeNanos?: Int;
  durationNanos?: Int;
  periodType?: ValueTypeObj;
  period?: Int;
  comment?: Int[];
  defaultSampleType?: Int;
  docUrl?: Int;
}

/** bigint -> decimal string, recursively (protobufjs takes strings for 64-bit fields). */
function forProtobufjs(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(forProtobufjs);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = forProtobufjs(x);
    return out;
  }
  return v;
}

/** Encodes a Profile with protobufjs (the reference encoder). */
export function encodeProfile(obj: ProfileObj): Uint8Array {
  const message = ProfileType.fromObject(forProtobufjs(obj) as Record<string, unknown>);
  const err = ProfileType.verify(message);
  if (err !== null) throw new Error(`encodeProfile: invalid test profile: ${err}`);
  // A plain Uint8Array (protobufjs returns a Buffer in Node), comparable with deepEqual.
  return new Uint8Array(ProfileType.encode(message).finish());
}

/** Builds a string table and hands out indices: `st.x('main')`. */
export class Strings {
  readonly table: string[] = [''];
  private readonly index = new Map<string, number>([['', 0]]);

  /** Index of s, appending it on first use. */
  x(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.table.length;
      this.table.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

// ------------------------------------------------------------ raw wire bytes

/** Protobuf wire types. */
export const WT = { Varint: 0, Fixed64: 1, Bytes: 2, StartGroup: 3, EndGroup: 4, Fixed32: 5 } as const;

/** A piece of encoded bytes. */
export type Bytes = readonly number[] | Uint8Array;

/** Base-128 varint of a 64-bit value; negative numbers as 10-byte two's complement. */
export function varint(v: number | bigint): number[] {
  let x = BigInt.asUintN(64, BigInt(v));
  const out: number[] = [];
  while (x >= 0x80n) {
    out.push(Number(x & 0x7fn) | 0x80);
    x >>= 7n;
  }
  out.push(Number(x));
  return out;
}

/** A field key (field number and wire type). */
export function tag(field: number, wireType: number): number[] {
  return varint((BigInt(field) << 3n) | BigInt(wireType));
}

/** Concatenates pieces into a plain byte array. */
export function cat(...parts: Bytes[]): number[] {
  const out: number[] = [];
  for (const p of parts) for (const b of p) out.push(b);
  return out;
}

/** Concatenates pieces into a Uint8Array. */
export function bytes(...parts: Bytes[]): Uint8Array {
  return Uint8Array.from(cat(...parts));
}

/** A varint field: tag + value. */
export function vint(field: number, v: number | bigint): number[] {
  return cat(tag(field, WT.Varint), varint(v));
}

/** A length-delimited field whose payload is the concatenation of `parts`. */
export function ld(field: number, ...parts: Bytes[]): number[] {
  const payload = cat(...parts);
  return cat(tag(field, WT.Bytes), varint(payload.length), payload);
}

/** A length-delimited UTF-8 string field. */
export function str(field: number, s: string): number[] {
  return ld(field, new TextEncoder().encode(s));
}

/** A packed repeated varint field. */
export function packed(field: number, values: readonly (number | bigint)[]): number[] {
  return ld(field, ...values.map((v) => varint(v)));
}

/** The same repeated varint field, unpacked: one tag per element. */
export function unpacked(field: number, values: readonly (number | bigint)[]): number[] {
  return cat(...values.map((v) => vint(field, v)));
}

/** A fixed32 field (little-endian). */
export function fixed32(field: number, v: number): number[] {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  return cat(tag(field, WT.Fixed32), b);
}

/** A fixed64 field (little-endian). */
export function fixed64(field: number, v: bigint): number[] {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, v), true);
  return cat(tag(field, WT.Fixed64), b);
}

/** A (deprecated) group: start-group tag, contents, matching end-group tag. */
export function group(field: number, ...parts: Bytes[]): number[] {
  return cat(tag(field, WT.StartGroup), ...parts, tag(field, WT.EndGroup));
}

/**
 * Unknown fields of every wire type, numbered from `base` (no message of
 * profile.proto uses numbers above 15): a varint (with a 10-byte value), a
 * fixed64, a bytes field holding message-like content, a group containing
 * fields of every type and a nested group, a fixed32, and a field with the
 * largest legal number (2^29 - 1), so multi-byte tags are exercised too.
 */
export function unknownFields(base = 100): number[] {
  return cat(
    vint(base, -1n),
    fixed64(base + 1, 0xdeadbeefcafef00dn),
    ld(base + 2, vint(1, 7), str(6, 'not a string table entry')),
    group(base + 3,
      vint(1, 1), fixed64(2, 2n), str(3, 'in a group'), fixed32(5, 5),
      group(6, vint(1, 0x7fffffffn), fixed32(2, 0xffffffff))),
    fixed32(base + 4, 0x01020304),
    vint(536870911, 42),
  );
}

/** Where one top-level field sits in an encoded message. */
export interface FieldExtent {
  field: number;
  wireType: number;
  /** Offset of the tag. */
  start: number;
  /** Offset just past the field. */
  end: number;
}

function readVarintAt(buf: Uint8Array, pos: number): { value: bigint; pos: number } {
  let value = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length) throw new Error('topLevelFields: truncated varint');
    const b = buf[pos++]!;
    value |= BigInt(b & 0x7f) << shift;
    shift += 7n;
    if (b < 0x80) return { value, pos };
  }
}

/** Lists the top-level fields of well-formed message bytes (no groups). */
export function topLevelFields(buf: Uint8Array): FieldExtent[] {
  const out: FieldExtent[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const start = pos;
    const t = readVarintAt(buf, pos);
    pos = t.pos;
    const field = Number(t.value >> 3n);
    const wireType = Number(t.value & 7n);
    switch (wireType) {
      case WT.Varint: pos = readVarintAt(buf, pos).pos; break;
      case WT.Fixed64: pos += 8; break;
      case WT.Fixed32: pos += 4; break;
      case WT.Bytes: {
        const len = readVarintAt(buf, pos);
        pos = len.pos + Number(len.value);
        break;
      }
      default: throw new Error(`topLevelFields: unsupported wire type ${wireType}`);
    }
    out.push({ field, wireType, start, end: pos });
  }
  return out;
}

// ------------------------------------------------- raw encoder (no protobufjs)

/** Options of `encodeProfileRaw`. */
export interface RawOptions {
  /** Encode repeated scalars packed (default true, as protobufjs and Go do). */
  packed?: boolean;
  /** Bytes inserted before every field and at the end of every message (e.g. `unknownFields()`). */
  extra?: Bytes;
}

/**
 * Encodes the same ProfileObj as `encodeProfile`, field by field with the
 * raw helpers. With default options the bytes equal protobufjs's; `packed:
 * false` writes location_id / value / comment unpacked, and `extra` sprinkles
 * bytes (unknown fields) through the top level and every nested message.
 */
export function encodeProfileRaw(obj: ProfileObj, options: RawOptions = {}): Uint8Array {
  const isPacked = options.packed ?? true;
  const extra = options.extra ?? [];
  const big = (v: Int): bigint => BigInt(v);
  /** One message: `fields` are [present?, bytes] in field order. */
  const msg = (fields: Array<number[] | null>): number[] =>
    cat(...fields.flatMap((f) => (f === null ? [] : [extra, f])), extra);
  const v = (field: number, x: Int | undefined): number[] | null => (x === undefined ? null : vint(field, big(x)));
  const b = (field: number, x: boolean | undefined): number[] | null => (x === undefined ? null : vint(field, x ? 1 : 0));
  const rep = (field: number, xs: Int[] | undefined): number[] | null => {
    if (xs === undefined || xs.length === 0) return null;
    const vals = xs.map(big);
    return isPacked ? packed(field, vals) : cat(...vals.map((x, i) => (i === 0 ? vint(field, x) : cat(extra, vint(field, x)))));
  };
  const sub = (field: number, body: number[]): number[] => ld(field, body);
  const valueType = (t: ValueTypeObj): number[] => msg([v(1, t.type), v(2, t.unit)]);
  const label = (l: LabelObj): number[] => msg([v(1, l.key), v(2, l.str), v(3, l.num), v(4, l.numUnit)]);
  const sample = (s: SampleObj): number[] => msg([
    rep(1, s.locationId), rep(2, s.value), ...(s.label ?? []).map((l) => sub(3, label(l))),
  ]);
  const mapping = (m: MappingObj): number[] => msg([
    v(1, m.id), v(2, m.memoryStart), v(3, m.memoryLimit), v(4, m.fileOffset), v(5, m.filename), v(6, m.buildId),
    b(7, m.hasFunctions), b(8, m.hasFilenames), b(9, m.hasLineNumbers), b(10, m.hasInlineFrames),
  ]);
  const line = (l: LineObj): number[] => msg([v(1, l.functionId), v(2, l.line), v(3, l.column)]);
  const location = (l: LocationObj): number[] => msg([
    v(1, l.id), v(2, l.mappingId), v(3, l.address), ...(l.line ?? []).map((x) => sub(4, line(x))), b(5, l.isFolded),
  ]);
  const func = (f: FunctionObj): number[] => msg([
    v(1, f.id), v(2, f.name), v(3, f.systemName), v(4, f.filename), v(5, f.startLine),
  ]);
  return bytes(msg([
    ...(obj.sampleType ?? []).map((t) => sub(1, valueType(t))),
    ...(obj.sample ?? []).map((s) => sub(2, sample(s))),
    ...(obj.mapping ?? []).map((m) => sub(3, mapping(m))),
    ...(obj.location ?? []).map((l) => sub(4, location(l))),
    ...(obj.function ?? []).map((f) => sub(5, func(f))),
    ...(obj.stringTable ?? []).map((s) => str(6, s)),
    v(7, obj.dropFrames), v(8, obj.keepFrames), v(9, obj.timeNanos), v(10, obj.durationNanos),
    obj.periodType === undefined ? null : sub(11, valueType(obj.periodType)),
    v(12, obj.period), rep(13, obj.comment), v(14, obj.defaultSampleType), v(15, obj.docUrl),
  ]));
}
