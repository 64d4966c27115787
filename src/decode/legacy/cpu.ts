/**
 * Importer for the legacy binary CPU profile of gperftools' CPU profiler
 * (CPUPROFILE=...), old Go runtimes (before protobuf) and Java agents.
 *
 * Format facts (pprof's reader, google/pprof profile/legacy_profile.go, and
 * gperftools' docs/cpuprofile-fileformat): machine words, 32- or 64-bit, in
 * either byte order; pprof tries 32-bit little-endian, 32-bit big-endian,
 * 64-bit little-endian, 64-bit big-endian, and takes the first layout whose
 * first five words read `0, 3, 0 (C/C++, Go) or 1 (Java), period in
 * microseconds (> 0), 0`. Then records `count, depth, pc[depth]` (leaf
 * first) until the record `0, 1, 0`; after it, the text of
 * `/proc/self/maps` (C/C++, Go) or Java's `0x<id> <method> (<file>:<line>)`
 * symbol lines.
 *
 * As pprof reads it: sample types samples/count and cpu/nanoseconds
 * (count x period x 1000); every pc but the leaf is a return address and
 * is moved back by one byte onto its call instruction (not for Java, whose
 * "addresses" are method ids); the second frame is dropped from every
 * sample when nearly all samples (all but 1 in 32) share it, up to twice
 * (it is the signal handler's frame); a leaf that reappears as its own
 * caller (leaf + 1 as the second pc) is dropped once.
 */

import type { DecodedProfile } from '../types.js';
import { PprofError } from '../../errors.js';
import { LegacyBuilder, type LegacyLocation } from './build.js';
import { parseMaps } from './maps.js';
import { scanLines } from './lines.js';
import { readJavaSymbols } from './java.js';

/** A word layout of the binary format. */
export interface WordLayout {
  /** Bytes per word. */
  size: 4 | 8;
  littleEndian: boolean;
}

/** pprof's order of trying layouts. */
const LAYOUTS: readonly WordLayout[] = [
  { size: 4, littleEndian: true }, { size: 4, littleEndian: false },
  { size: 8, littleEndian: true }, { size: 8, littleEndian: false },
];

/** What the header says: the layout, C/C++ or Java, and the period in microseconds. */
export interface CpuHeader {
  layout: WordLayout;
  java: boolean;
  periodMicros: bigint;
}

function word(bytes: Uint8Array, at: number, layout: WordLayout): bigint {
  const dv = new DataView(bytes.buffer, bytes.byteOffset + at, layout.size);
  return layout.size === 8 ? dv.getBigUint64(0, layout.littleEndian) : BigInt(dv.getUint32(0, layout.littleEndian));
}

/** The header of a legacy CPU profile, or null when the bytes do not start with one in any layout. */
export function sniffCpuHeader(bytes: Uint8Array): CpuHeader | null {
  for (const layout of LAYOUTS) {
    if (bytes.length < 5 * layout.size) continue;
    const w = [0, 1, 2, 3, 4].map((i) => word(bytes, i * layout.size, layout));
    if (w[0] === 0n && w[1] === 3n && (w[2] === 0n || w[2] === 1n) && w[3]! > 0n && w[4] === 0n) {
      return { layout, java: w[2] === 1n, periodMicros: w[3]! };
    }
  }
  return null;
}

/**
 * True when the input is shorter than a header but what there is of it
 * reads `0, 3` in some layout: a legacy CPU profile cut inside its header,
 * to be refused as such rather than as broken protobuf.
 */
export function isCutCpuHeader(bytes: Uint8Array): boolean {
  return LAYOUTS.some((layout) => {
    const words = Math.floor(bytes.length / layout.size);
    if (words < 2 || words >= 5) return false;
    const w = [...Array(words).keys()].map((i) => word(bytes, i * layout.size, layout));
    const want: (bigint | null)[] = [0n, 3n, null, null, 0n];
    return w.every((v, i) => (i === 2 ? v <= 1n : i === 3 ? v > 0n : v === want[i]));
  });
}

const FORMAT = 'legacy CPU profile';
const INT64_MAX = (1n << 63n) - 1n;

/** Reads a legacy CPU profile. Throws PprofError 'bad-format' (or 'out-of-range') on a damaged one. */
export function importLegacyCpu(bytes: Uint8Array): DecodedProfile {
  const header = sniffCpuHeader(bytes);
  if (header === null) {
    throw new PprofError('bad-format', `${FORMAT}: the input does not start with the header words 0, 3, 0, <period>, 0 ` +
      `(32- or 64-bit, either byte order): ${isCutCpuHeader(bytes) ? `it ends after ${bytes.length} bytes, inside the header: it was cut short` : 'not this format'}`);
  }
  const { layout } = header;
  const format = `${FORMAT} (${layout.size * 8}-bit ${layout.littleEndian ? 'little' : 'big'}-endian)`;
  const periodNanos = header.periodMicros * 1000n;
  if (periodNanos > INT64_MAX) throw new PprofError('out-of-range', `${format}: period ${header.periodMicros} µs does not fit in 64 bits of nanoseconds`);
  const b = new LegacyBuilder();
  let at = 5 * layout.size;
  let ended = false;
  let index = 0;
  const need = (what: string): void => {
    if (at + layout.size > bytes.length) {
      throw new PprofError('bad-format', `${format}: the input ends inside the ${what} of sample ${index + 1} ` +
        `(byte ${at} of ${bytes.length}): it was cut short`);
    }
  };
  while (at < bytes.length) {
    need('count');
    const count = word(bytes, at, layout); at += layout.size;
    need('depth');
    const depth = word(bytes, at, layout); at += layout.size;
    if (depth > BigInt(Math.floor((bytes.length - at) / layout.size))) {
      throw new PprofError('bad-format', `${format}: sample ${index + 1} claims ${depth} frames but only ` +
        `${bytes.length - at} bytes follow (byte ${at}): the input is cut short or not this format`);
    }
    const addrs: bigint[] = [];
    for (let i = 0n; i < depth; i++) { addrs.push(word(bytes, at, layout)); at += layout.size; }
    if (count === 0n && depth === 1n && addrs[0] === 0n) { ended = true; break; }
    const locs = addrs.map((a, i) => b.location(!header.java && i > 0 ? BigInt.asUintN(64, a - 1n) : a));
    const cpu = count * periodNanos;
    if (count > INT64_MAX || cpu > INT64_MAX) {
      throw new PprofError('out-of-range', `${format}: sample ${index + 1}: count ${count} times the period overflows 64 bits`);
    }
    b.addSample(locs, [count, cpu]);
    index++;
  }
  if (!ended) b.warn(`${format}: no end-of-samples record (0, 1, 0): the profile may have been cut short after sample ${index}`);
  const rest = new TextDecoder('utf-8').decode(bytes.subarray(at));
  const header2 = {
    sampleTypes: [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }],
    periodType: { type: 'cpu', unit: 'nanoseconds' },
    period: periodNanos,
  };
  if (header.java) {
    readJavaSymbols(scanLines(rest), b);
    return b.finish(header2);
  }
  stripSignalFrames(b);
  b.applyMemoryMap(parseMaps(scanLines(rest), { format: `${format}, memory map after byte ${at}`, firstLine: 1 }));
  dropDuplicateLeaves(b.samples);
  return b.finish(header2);
}

/**
 * When (nearly) every sample has the same second frame, that frame is the
 * profiler's signal handler, not the program: remove it, up to twice.
 */
function stripSignalFrames(b: LegacyBuilder): void {
  const samples = b.samples;
  const margin = Math.floor(samples.length / 32);
  for (let iter = 0; iter < 2; iter++) {
    const counts = new Map<bigint, number>();
    for (const s of samples) {
      if (s.locations.length > 1) {
        const a = s.locations[1]!.address;
        counts.set(a, (counts.get(a) ?? 0) + 1);
      }
    }
    for (const [addr, n] of counts) {
      if (n >= samples.length - margin) {
        for (const s of samples) {
          if (s.locations.length > 1 && s.locations[1]!.address === addr) s.locations.splice(1, 1);
        }
        break;
      }
    }
  }
}

/**
 * The handler may record the leaf twice, once from the signal context and
 * once unwound (and so adjusted by one): drop the copy.
 */
export function dropDuplicateLeaves(samples: readonly { locations: LegacyLocation[] }[]): void {
  for (const s of samples) {
    const l = s.locations;
    if (l.length > 1 && l[0]!.address === BigInt.asUintN(64, l[1]!.address + 1n)) l.splice(1, 1);
  }
}
