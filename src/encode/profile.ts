/**
 * Profile -> profile.proto bytes (and gzip), laid out as Go's encoder does:
 * fields in field-number order, one string table (index 0 is ""), ids as the
 * model holds them, repeated numbers packed, zero fields left out. 64-bit
 * integers stay exact. The writer is hand-written (./writer.ts says why).
 */

import type { Profile } from '../model/profile.js';
import { nodeBuiltin } from '../node-builtin.js';
import { ProtoWriter } from './writer.js';
import { StringTable } from './string-table.js';

/** The profile as uncompressed profile.proto bytes. */
export async function encodeProfile(p: Profile): Promise<Uint8Array> {
  return encodeProfileSync(p);
}

/** The profile as uncompressed profile.proto bytes, synchronously. */
export function encodeProfileSync(p: Profile): Uint8Array {
  const st = new StringTable();
  const out = new ProtoWriter(1 << 16);
  const inner = new ProtoWriter();
  const line = new ProtoWriter();
  const valueType = (field: number, t: { type: string; unit: string }): void => {
    inner.reset();
    inner.uint(1, st.of(t.type));
    inner.uint(2, st.of(t.unit));
    out.message(field, inner);
  };
  for (const t of p.sampleTypes) valueType(1, t);

  const s = p.samples;
  const hasLabels = s.labelNums.length > 0;
  const keys = hasLabels ? s.labelKeys : [];
  const strs = hasLabels ? s.labelStrs : [];
  const units = hasLabels ? s.labelNumUnits : [];
  const locIds = p.locations.map((l) => l.id);
  // Fast path (every real profile): ids and values are exact as float64, written from number arrays.
  const safeIds = locIds.every((id) => id <= 9007199254740991n);
  const idNums = Float64Array.from(locIds, Number);
  const columns = p.sampleTypes.map((_, t) => s.numberColumn(t));
  const fast = safeIds && columns.every((c) => c.exact);
  const stackIds = new Float64Array(64);
  let stackBuf = stackIds;
  const rowValues = new Float64Array(s.stride);
  const ids: bigint[] = [];
  const values: bigint[] = [];
  for (let i = 0; i < s.count; i++) {
    inner.reset();
    const from = s.locationOffsets[i]!;
    const to = s.locationOffsets[i + 1]!;
    if (fast) {
      if (to - from > stackBuf.length) stackBuf = new Float64Array(2 * (to - from));
      for (let k = from; k < to; k++) stackBuf[k - from] = idNums[s.locationIndices[k]!]!;
      inner.packedNumbers(1, stackBuf, 0, to - from);
      for (let t = 0; t < s.stride; t++) rowValues[t] = columns[t]!.values[i]!;
      inner.packedNumbers(2, rowValues, 0, s.stride);
    } else {
      ids.length = 0;
      for (let k = from; k < to; k++) ids.push(locIds[s.locationIndices[k]!]!);
      inner.packed64(1, ids);
      values.length = 0;
      for (let t = 0; t < s.stride; t++) values.push(s.values[i * s.stride + t]!);
      inner.packed64(2, values);
    }
    for (let k = s.labelOffsets[i]!; k < s.labelOffsets[i + 1]!; k++) {
      line.reset();
      line.uint(1, st.of(keys[k]!));
      const str = strs[k]!;
      if (str !== '') {
        line.uint(2, st.of(str));
      } else {
        line.int64(3, s.labelNums[k]!);
        line.uint(4, st.of(units[k]!));
      }
      inner.message(3, line);
    }
    out.message(2, inner);
  }
  for (const m of p.mappings) {
    inner.reset();
    inner.int64(1, m.id);
    inner.int64(2, m.memoryStart);
    inner.int64(3, m.memoryLimit);
    inner.int64(4, m.fileOffset);
    inner.uint(5, st.of(m.filename));
    inner.uint(6, st.of(m.buildId));
    inner.bool(7, m.hasFunctions);
    inner.bool(8, m.hasFilenames);
    inner.bool(9, m.hasLineNumbers);
    inner.bool(10, m.hasInlineFrames);
    out.message(3, inner);
  }
  for (const l of p.locations) {
    inner.reset();
    inner.int64(1, l.id);
    inner.int64(2, l.mapping?.id ?? 0n);
    inner.int64(3, l.address);
    for (const ln of l.lines) {
      line.reset();
      line.int64(1, ln.function.id);
      line.int64(2, BigInt(ln.line));
      line.int64(3, BigInt(ln.column));
      inner.message(4, line);
    }
    inner.bool(5, l.isFolded);
    out.message(4, inner);
  }
  for (const f of p.functions) {
    inner.reset();
    inner.int64(1, f.id);
    inner.uint(2, st.of(f.name));
    inner.uint(3, st.of(f.systemName));
    inner.uint(4, st.of(f.filename));
    inner.int64(5, BigInt(f.startLine));
    out.message(5, inner);
  }
  // Every string the remaining fields use must be in the table before it is written.
  const dropFrames = st.of(p.dropFrames);
  const keepFrames = st.of(p.keepFrames);
  const comments = p.comments.map((c) => BigInt(st.of(c)));
  const defaultSampleType = st.of(p.defaultSampleType);
  const docUrl = st.of(p.docUrl);
  if (p.periodType !== null) {
    st.of(p.periodType.type);
    st.of(p.periodType.unit);
  }
  for (const text of st.table) out.string(6, text);
  out.uint(7, dropFrames);
  out.uint(8, keepFrames);
  out.int64(9, p.timeNanos);
  out.int64(10, p.durationNanos);
  if (p.periodType !== null) valueType(11, p.periodType);
  out.int64(12, p.period);
  out.packed64(13, comments);
  out.uint(14, defaultSampleType);
  out.uint(15, docUrl);
  return out.bytes();
}

/** The profile as gzip-compressed profile.proto, the form Go writes and serves. */
export async function encodeProfileGzip(p: Profile): Promise<Uint8Array> {
  const raw = encodeProfileSync(p);
  const zlib = nodeBuiltin<typeof import('node:zlib')>('node:zlib');
  if (zlib !== null) return new Uint8Array(zlib.gzipSync(raw));
  const { gzip } = await import('pako');
  return gzip(raw);
}
