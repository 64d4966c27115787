/**
 * The fuzzer's deterministic mutator: from a seed and an input number it
 * picks a fixture and applies one to three mutations. Generic byte-level
 * mutations (bit and byte flips, truncation, splicing two fixtures, inserted
 * and deleted runs), protobuf-aware ones on the decompressed profile.proto
 * (wire types, lengths, varint values, ids and indices set to 0, 2^63 or
 * 2^64-1, duplicated and dropped fields), text-aware ones on Go's text
 * formats (numbers made huge, lines duplicated, dropped or swapped, blank
 * runs, cut lines), and resource attacks (gzip bombs, huge claimed counts).
 * Same seed and number, same input: a failure is reproduced by its pair.
 */

import { gzipSync, gunzipSync } from 'node:zlib';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One fixture the mutator starts from. */
export interface Seed { name: string; bytes: Uint8Array }

/** A generated input and how it was made. */
export interface FuzzInput { bytes: Uint8Array; from: string; steps: string[] }

/** xorshift128: fast, seedable, identical everywhere (no Math.random). */
export class Rng {
  private s: Uint32Array;
  constructor(seed: number) {
    this.s = Uint32Array.of(seed >>> 0 || 1, 0x9e3779b9, 0x243f6a88, 0xb7e15162);
    for (let i = 0; i < 16; i++) this.u32();
  }
  u32(): number {
    const s = this.s;
    let t = s[3]!;
    t ^= t << 11; t ^= t >>> 8;
    s[3] = s[2]!; s[2] = s[1]!; s[1] = s[0]!;
    t ^= s[0]! ^ (s[0]! >>> 19);
    s[0] = t;
    return t >>> 0;
  }
  /** Integer in [0, n). */
  int(n: number): number { return n <= 0 ? 0 : this.u32() % n; }
  pick<T>(a: readonly T[]): T { return a[this.int(a.length)]!; }
  chance(p: number): boolean { return this.u32() / 2 ** 32 < p; }
}

/** Loads the fixtures: every profile and text capture under the given folders. */
export function loadSeeds(dirs: readonly string[]): Seed[] {
  const seeds: Seed[] = [];
  for (const dir of dirs) {
    for (const f of readdirSync(dir).sort()) {
      if (!/\.(pb\.gz|pb|txt)$/.test(f) || f === 'cmdline.txt') continue;
      seeds.push({ name: f, bytes: new Uint8Array(readFileSync(join(dir, f))) });
    }
  }
  return seeds;
}

function varint(v: bigint): number[] {
  let x = BigInt.asUintN(64, v);
  const out: number[] = [];
  while (x >= 0x80n) { out.push(Number(x & 0x7fn) | 0x80); x >>= 7n; }
  out.push(Number(x));
  return out;
}

/** A field found while walking protobuf bytes: where its key, varint value or length prefix lies. */
interface WireSpot { keyAt: number; keyEnd: number; wt: number; valueAt: number; valueEnd: number; payloadEnd: number }

function readVarint(b: Uint8Array, at: number): [bigint, number] | null {
  let v = 0n;
  for (let k = 0; k < 10; k++) {
    if (at + k >= b.length) return null;
    const x = b[at + k]!;
    v |= BigInt(x & 0x7f) << BigInt(7 * k);
    if (x < 0x80) return [v, at + k + 1];
  }
  return null;
}

/** Fields of a protobuf message, descending one level into length-delimited ones that parse as messages. */
function wireSpots(b: Uint8Array, start: number, end: number, depth: number, out: WireSpot[]): boolean {
  let at = start;
  while (at < end) {
    const key = readVarint(b, at);
    if (key === null) return false;
    const wt = Number(key[0] & 7n);
    const keyEnd = key[1];
    if (wt === 0) {
      const v = readVarint(b, keyEnd);
      if (v === null) return false;
      out.push({ keyAt: at, keyEnd, wt, valueAt: keyEnd, valueEnd: v[1], payloadEnd: v[1] });
      at = v[1];
    } else if (wt === 2) {
      const len = readVarint(b, keyEnd);
      if (len === null || len[1] + Number(len[0]) > end) return false;
      const pend = len[1] + Number(len[0]);
      out.push({ keyAt: at, keyEnd, wt, valueAt: keyEnd, valueEnd: len[1], payloadEnd: pend });
      if (depth < 2) {
        const inner: WireSpot[] = [];
        if (wireSpots(b, len[1], pend, depth + 1, inner)) out.push(...inner);
      }
      at = pend;
    } else if (wt === 1 || wt === 5) {
      const n = wt === 1 ? 8 : 4;
      out.push({ keyAt: at, keyEnd, wt, valueAt: keyEnd, valueEnd: keyEnd + n, payloadEnd: keyEnd + n });
      at = keyEnd + n;
    } else {
      return false;
    }
  }
  return at === end;
}

const splice = (b: Uint8Array, at: number, del: number, ins: ArrayLike<number>): Uint8Array => {
  const out = new Uint8Array(b.length - del + ins.length);
  out.set(b.subarray(0, at), 0);
  out.set(Array.from(ins), at);
  out.set(b.subarray(at + del), at + ins.length);
  return out;
};

const HUGE_VARINTS = [0n, 1n, 127n, 128n, (1n << 31n) - 1n, 1n << 32n, (1n << 53n) + 1n, (1n << 63n) - 1n, 1n << 63n, (1n << 64n) - 1n];

/** Protobuf-aware mutations of decompressed profile.proto bytes. */
function mutateProto(rng: Rng, b: Uint8Array, steps: string[]): Uint8Array {
  const spots: WireSpot[] = [];
  wireSpots(b, 0, b.length, 0, spots);
  if (spots.length === 0) return b;
  const s = rng.pick(spots);
  switch (rng.int(6)) {
    case 0: { // wire type
      const key = readVarint(b, s.keyAt)!;
      const wt = BigInt(rng.int(8));
      steps.push(`proto: wire type of field ${key[0] >> 3n} at ${s.keyAt} -> ${wt}`);
      return splice(b, s.keyAt, s.keyEnd - s.keyAt, varint((key[0] & ~7n) | wt));
    }
    case 1: { // varint value or length prefix
      const v = rng.pick(HUGE_VARINTS);
      steps.push(`proto: ${s.wt === 2 ? 'length' : 'value'} at ${s.valueAt} -> ${v}`);
      if (s.wt !== 0 && s.wt !== 2) return b;
      return splice(b, s.valueAt, s.valueEnd - s.valueAt, varint(v));
    }
    case 2: { // small id or index change
      if (s.wt !== 0) return b;
      const v = readVarint(b, s.valueAt)!;
      const nv = v[0] + BigInt(rng.int(5)) - 2n;
      steps.push(`proto: id/index at ${s.valueAt} ${v[0]} -> ${nv}`);
      return splice(b, s.valueAt, s.valueEnd - s.valueAt, varint(nv));
    }
    case 3: { // duplicate a field
      steps.push(`proto: duplicate field at ${s.keyAt}`);
      return splice(b, s.payloadEnd, 0, b.subarray(s.keyAt, s.payloadEnd));
    }
    case 4: { // drop a field
      steps.push(`proto: drop field at ${s.keyAt}`);
      return splice(b, s.keyAt, s.payloadEnd - s.keyAt, []);
    }
    default: { // huge claimed count: a packed field claiming a length far beyond the input
      steps.push(`proto: packed field claiming 2^40 bytes at ${s.keyAt}`);
      return splice(b, s.keyAt, 0, [0x12, ...varint(1n << 40n)]);
    }
  }
}

const HUGE_NUMBERS = ['0', '-1', '9223372036854775807', '9223372036854775808', '18446744073709551616', '9'.repeat(310), '1e309', 'NaN', ''];

/** Text-aware mutations of Go's text formats. */
function mutateText(rng: Rng, text: string, steps: string[]): string {
  const lines = text.split('\n');
  const i = rng.int(lines.length);
  switch (rng.int(6)) {
    case 0: {
      const n = rng.pick(HUGE_NUMBERS);
      let k = 0;
      const which = rng.int(4);
      lines[i] = lines[i]!.replace(/\d+/g, (m) => (k++ === which ? n : m));
      steps.push(`text: number ${which} on line ${i + 1} -> ${n.slice(0, 20)}`);
      break;
    }
    case 1: steps.push(`text: duplicate line ${i + 1}`); lines.splice(i, 0, lines[i]!); break;
    case 2: steps.push(`text: drop line ${i + 1}`); lines.splice(i, 1); break;
    case 3: {
      const j = rng.int(lines.length);
      steps.push(`text: swap lines ${i + 1} and ${j + 1}`);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      break;
    }
    case 4: {
      const run = rng.pick([' ', '\t', '@', ':', '0', '\n', '# ']).repeat(1 + rng.int(20_000));
      const at = rng.int(lines[i]!.length + 1);
      steps.push(`text: ${run.length} × ${JSON.stringify(run[0])} inside line ${i + 1}`);
      lines[i] = lines[i]!.slice(0, at) + run + lines[i]!.slice(at);
      break;
    }
    default: {
      const at = rng.int(lines[i]!.length + 1);
      steps.push(`text: cut in line ${i + 1} at ${at}`);
      return [...lines.slice(0, i), lines[i]!.slice(0, at)].join('\n');
    }
  }
  return lines.join('\n');
}

/** Byte-level mutations. */
function mutateBytes(rng: Rng, b: Uint8Array, other: Uint8Array, steps: string[]): Uint8Array {
  if (b.length === 0) return b;
  const at = rng.int(b.length);
  switch (rng.int(6)) {
    case 0: { const c = b.slice(); c[at]! ^= 1 << rng.int(8); steps.push(`bit flip at ${at}`); return c; }
    case 1: { const c = b.slice(); c[at] = rng.int(256); steps.push(`byte set at ${at}`); return c; }
    case 2: steps.push(`truncate at ${at}`); return b.subarray(0, at);
    case 3: {
      const from = rng.int(other.length);
      steps.push(`splice at ${at} with other from ${from}`);
      const out = new Uint8Array(at + other.length - from);
      out.set(b.subarray(0, at)); out.set(other.subarray(from), at);
      return out;
    }
    case 4: { const n = 1 + rng.int(16); steps.push(`insert ${n} random bytes at ${at}`); return splice(b, at, 0, Array.from({ length: n }, () => rng.int(256))); }
    default: { const n = 1 + rng.int(64); steps.push(`delete ${n} bytes at ${at}`); return splice(b, at, Math.min(n, b.length - at), []); }
  }
}

const isGzip = (b: Uint8Array): boolean => b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;
const isText = (b: Uint8Array): boolean => b.length > 0 && b.subarray(0, 64).every((x) => x >= 0x09 && x !== 0x7f);

/** The input number `n` of the run seeded with `seed`. */
export function fuzzInput(seeds: readonly Seed[], seed: number, n: number): FuzzInput {
  const rng = new Rng((seed * 0x9e3779b1 + n * 0x85ebca6b) >>> 0);
  const s = rng.pick(seeds);
  const steps: string[] = [];
  // One input in 40 is a resource attack instead of a mutation.
  if (rng.int(40) === 0) {
    if (rng.chance(0.5)) {
      steps.push('gzip bomb: 64 MiB of zeros');
      return { bytes: new Uint8Array(gzipSync(new Uint8Array(64 << 20), { level: 9 })), from: 'bomb', steps };
    }
    steps.push('huge claimed count: sample field claiming 2^62 bytes');
    return { bytes: Uint8Array.from([0x0a, 0x04, 0x08, 0x01, 0x10, 0x02, 0x12, ...varint(1n << 62n), 0x08]), from: 'claim', steps };
  }
  let bytes: Uint8Array = s.bytes;
  let gz = isGzip(bytes);
  if (gz) {
    try { bytes = new Uint8Array(gunzipSync(bytes)); } catch { gz = false; } // a cut fixture stays as it is
  }
  const text = isText(bytes);
  const rounds = 1 + rng.int(3);
  for (let r = 0; r < rounds; r++) {
    const kind = rng.int(3);
    if (kind === 0 && text) bytes = new TextEncoder().encode(mutateText(rng, new TextDecoder().decode(bytes), steps));
    else if (kind === 0) bytes = mutateProto(rng, bytes, steps);
    else bytes = mutateBytes(rng, bytes, rng.pick(seeds).bytes, steps);
  }
  // Compressed fixtures are re-compressed half of the time, so both paths are fuzzed.
  if (gz && rng.chance(0.5)) { bytes = new Uint8Array(gzipSync(bytes, { level: 1 })); steps.push('gzip'); }
  return { bytes, from: s.name, steps };
}
