/**
 * Importer for the heap profiles of gperftools and C++ servers:
 * `heap profile: <inuse objs>: <inuse bytes> [<alloc objs>: <alloc bytes>] @ <tag>`,
 * one record per stack in the same layout followed by `@ <pcs>`, then the
 * memory map after a `MAPPED_LIBRARIES:` (or `--- Memory map: ---`) line.
 *
 * Format facts (pprof's reader, google/pprof profile/legacy_profile.go, and
 * gperftools' docs/heapprofile): the tag says how the numbers were sampled,
 * and so how to scale them:
 * - `heapprofile` (gperftools' HEAPPROFILE): every allocation recorded;
 *   period 1, no scaling;
 * - `heap_v2/<rate>`, `heapz_v2/<rate>` (tcmalloc's sampled heap): a
 *   Poisson sample of one per <rate> bytes; each record is divided by its
 *   chance of being sampled, 1-e^(-avg size/rate), and the period is <rate>;
 * - `heap/<2*rate>` (Go before protobuf, read by decode/text/heap.ts): as
 *   v2 at half the printed number;
 * - `growthz` and `fragmentationz` (`@ growthz`, `@ fragmentationz`):
 *   period 1, no scaling, only the first pair of numbers.
 * The allocation columns are kept (as alloc_objects/alloc_space, before
 * inuse_objects/inuse_space) only when the header's differ from the in-use
 * ones and are not 0; otherwise the types are objects/space. Every pc is a
 * return address and is moved back one byte. Each sample is labelled
 * `bytes` = its average object size. The header's totals are not checked
 * (pprof ignores them).
 */

import type { DecodedProfile } from '../types.js';
import { LegacyBuilder } from './build.js';
import { parseMaps } from './maps.js';
import { isSpaceOrComment, legacyError, parseInt64, quote, scanLines, trimSpace, truncToInt64 } from './lines.js';
import { hexAddresses } from './java.js';

const HEAP_HEADER = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *(heap[_a-z0-9]*)\/?(\d*)/;
const GROWTH_HEADER = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ growthz?/;
const FRAGMENTATION_HEADER = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ fragmentationz?/;
// Anchored (pprof searches the trimmed line, which starts with the record anyway): an unanchored
// search retried at every digit of a long run is quadratic. A record after junk is refused.
const SAMPLE = /^(-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *] @([ x0-9a-f]*)/;
const MAP_SENTINELS = ['--- Memory map: ---', 'MAPPED_LIBRARIES:'];

/** True for the lines that start the memory map section of the text formats. */
export function isMemoryMapSentinel(line: string): boolean {
  return MAP_SENTINELS.some((s) => line.includes(s));
}

/** How a heap profile's header says its numbers are to be read. */
export interface HeapHeader {
  /** The tag after `@` (`heapprofile`, `heap_v2`, `growthz`, ...). */
  tag: string;
  /** 'v2' when records are Poisson samples to scale up. */
  sampling: 'v2' | 'none';
  period: bigint;
  hasAlloc: boolean;
}

/**
 * Reads the first line of a heap profile, or returns null when it is not a
 * heap profile header pprof knows (any tag but `heap`, `heap_v2`, `heapz_v2`,
 * `heapprofile`, or a growthz/fragmentationz header).
 */
export function readHeapHeader(line: string): HeapHeader | null {
  const h = HEAP_HEADER.exec(line);
  if (h !== null) {
    let period = 0n;
    if (h[6] !== '') {
      period = BigInt(h[6]!);
      if (period >= 1n << 63n) return null;
    }
    const hasAlloc = (h[3] !== h[1] && h[3] !== '0') || (h[4] !== h[2] && h[4] !== '0');
    switch (h[5]) {
      case 'heapz_v2': case 'heap_v2': return { tag: h[5], sampling: 'v2', period, hasAlloc };
      case 'heapprofile': return { tag: h[5], sampling: 'none', period: 1n, hasAlloc };
      case 'heap': return { tag: h[5], sampling: 'v2', period: period / 2n, hasAlloc };
      default: return null;
    }
  }
  if (GROWTH_HEADER.test(line)) return { tag: 'growthz', sampling: 'none', period: 1n, hasAlloc: false };
  if (FRAGMENTATION_HEADER.test(line)) return { tag: 'fragmentationz', sampling: 'none', period: 1n, hasAlloc: false };
  return null;
}

/** Reads a gperftools/tcmalloc heap profile (text). Throws PprofError. */
export function importLegacyHeap(text: string): DecodedProfile {
  const lines = scanLines(text);
  const header = readHeapHeader(lines[0] ?? '');
  if (header === null) {
    throw legacyError('heap profile', 1, `unknown header ${quote(lines[0] ?? '')}: expected "heap profile: <n>: <n> [<n>: <n>] @ ` +
      'heapprofile", "@ heap_v2/<rate>", "@ heapz_v2/<rate>", "@ growthz" or "@ fragmentationz"');
  }
  const format = `heap profile (${header.tag})`;
  const b = new LegacyBuilder();
  let i = 1;
  for (; i < lines.length; i++) {
    const line = trimSpace(lines[i]!);
    if (isSpaceOrComment(line)) continue;
    if (isMemoryMapSentinel(line)) break;
    const m = SAMPLE.exec(line);
    if (m === null) throw legacyError(format, i + 1, `expected a record "<n>: <n> [<n>: <n>] @ <addresses>", found ${quote(line)}`);
    const values: bigint[] = [];
    let blockSize = 0n;
    const add = (countText: string, sizeText: string, label: string): void => {
      let count = parseInt64(countText, `${label} count`, format, i + 1);
      let size = parseInt64(sizeText, `${label} bytes`, format, i + 1);
      if (count === 0n && size !== 0n) throw legacyError(format, i + 1, `${label} count is 0 but ${label} bytes is ${size}`);
      if (count !== 0n) {
        blockSize = size / count;
        if (header.sampling === 'v2') [count, size] = unsampleHeap(count, size, header.period, `${format}: line ${i + 1}`);
      }
      values.push(count, size);
    };
    if (header.hasAlloc) add(m[3]!, m[4]!, 'allocation');
    add(m[1]!, m[2]!, 'in-use');
    const locs = hexAddresses(m[5]!, format, i + 1).map((a) => b.location(BigInt.asUintN(64, a - 1n)));
    b.addSample(locs, values, [['bytes', blockSize]]);
  }
  // The map starts after the sentinel line (when there is none, there is no map).
  const mapLines = lines.slice(i + 1);
  b.applyMemoryMap(parseMaps(mapLines, { format: `${format}, memory map`, firstLine: i + 2 }));
  return b.finish({
    sampleTypes: header.hasAlloc
      ? [{ type: 'alloc_objects', unit: 'count' }, { type: 'alloc_space', unit: 'bytes' },
        { type: 'inuse_objects', unit: 'count' }, { type: 'inuse_space', unit: 'bytes' }]
      : [{ type: 'objects', unit: 'count' }, { type: 'space', unit: 'bytes' }],
    periodType: { type: 'space', unit: 'bytes' },
    period: header.period,
  });
}

/**
 * Scales a sampled (count, bytes) pair by 1/(1-e^(-avg/rate)) in float64,
 * truncating toward zero, as pprof does; rate <= 1 means unsampled.
 * A result beyond 64 bits is a PprofError 'out-of-range' naming `where`.
 */
export function unsampleHeap(count: bigint, size: bigint, rate: bigint, where: string): [bigint, bigint] {
  if (count === 0n || size === 0n) return [0n, 0n];
  if (rate <= 1n) return [count, size];
  const avg = Number(size) / Number(count);
  const scale = 1 / (1 - Math.exp(-avg / Number(rate)));
  return [truncToInt64(Number(count) * scale, 'scaled count', where), truncToInt64(Number(size) * scale, 'scaled bytes', where)];
}
