/**
 * Importer for the thread dump profile of C++ servers (threadz): one stack
 * per thread, counted, so `top` shows where threads are parked.
 *
 * Format facts (pprof's reader, google/pprof profile/legacy_profile.go):
 * an optional `--- threadz <n> ---` line and free text, then for each
 * thread a line `--- Thread <hex id> (name: <name>/<tid>) stack: ---`
 * followed by lines holding its pcs (every `0x...` on them, leaf first),
 * or a line containing `same as previous thread`, which counts the thread
 * on the previous stack. The dump ends at a `---- no stack trace for`
 * line or a memory map section (`--- Memory map: ---`); a dump that ends
 * inside a thread is refused, as pprof refuses it. The leaf pc is exact,
 * the others are return addresses moved back one byte; a leaf repeated as
 * its own caller is dropped once.
 */

import type { DecodedProfile } from '../types.js';
import { LegacyBuilder } from './build.js';
import { parseMaps } from './maps.js';
import { isSpaceOrComment, legacyError, quote, scanLines, trimSpace } from './lines.js';
import { hexAddresses } from './java.js';
import { isMemoryMapSentinel } from './heap.js';
import { dropDuplicateLeaves } from './cpu.js';

const FORMAT = 'threadz profile';
/** True for the optional dump header, `--- threadz <n> ---` (anywhere in the line, as pprof searches it). */
export function isThreadzStart(line: string): boolean {
  for (let i = line.indexOf('--- threadz '); i >= 0; i = line.indexOf('--- threadz ', i + 1)) {
    let j = i + '--- threadz '.length;
    const d = j;
    while (j < line.length && line.charCodeAt(j) >= 0x30 && line.charCodeAt(j) <= 0x39) j++;
    if (j > d && line.startsWith(' ---', j)) return true;
  }
  return false;
}

/**
 * True for a thread's header line, `--- Thread <hex> (name: <name>/<tid>) stack: ---`
 * (pprof's search for it, done in linear time: some `--- Thread <hex> (name: `
 * before some `/<digits>) stack: ---`).
 */
export function isThreadStart(line: string): boolean {
  let firstEnd = -1;
  for (let i = line.indexOf('--- Thread '); i >= 0 && firstEnd < 0; i = line.indexOf('--- Thread ', i + 1)) {
    let j = i + '--- Thread '.length;
    const h = j;
    while (j < line.length && /[0-9A-Fa-f]/.test(line[j]!)) j++;
    if (j > h && line.startsWith(' (name: ', j)) firstEnd = j + ' (name: '.length;
  }
  if (firstEnd < 0) return false;
  const tail = ') stack: ---';
  for (let k = line.lastIndexOf(tail); k >= firstEnd; k = k > 0 ? line.lastIndexOf(tail, k - 1) : -1) {
    let j = k;
    while (j > firstEnd && line.charCodeAt(j - 1) >= 0x30 && line.charCodeAt(j - 1) <= 0x39) j--;
    if (j < k && j - 1 >= firstEnd && line[j - 1] === '/') return true;
  }
  return false;
}

/** Index of the first line that is neither blank nor a `#` comment (lines.length when none). */
export function firstContentLine(lines: readonly string[]): number {
  let i = 0;
  while (i < lines.length && isSpaceOrComment(lines[i]!)) i++;
  return i;
}

/** Reads a threadz profile. Throws PprofError. */
export function importThreadz(text: string): DecodedProfile {
  const lines = scanLines(text);
  let i = firstContentLine(lines);
  let line = lines[i] ?? '';
  if (isThreadzStart(line)) {
    // Free text up to the first thread (or map) line.
    for (i++; i < lines.length; i++) {
      line = lines[i]!;
      if (isMemoryMapSentinel(line) || line.startsWith('-')) break;
    }
    if (i >= lines.length) throw legacyError(FORMAT, lines.length, 'no "--- Thread ..." line and no memory map: the dump is empty or cut short');
  } else if (!isThreadStart(line)) {
    throw legacyError(FORMAT, i + 1, `expected "--- threadz <n> ---" or "--- Thread <id> (name: <name>/<tid>) stack: ---", found ${quote(line)}`);
  }
  const b = new LegacyBuilder();
  let ended = false;
  while (!isMemoryMapSentinel(line)) {
    if (line.startsWith('---- no stack trace for')) { ended = true; break; }
    if (!isThreadStart(line)) {
      const where = i < lines.length ? `found ${quote(line)}` : 'the input ends inside a thread\'s stack: it was cut short';
      throw legacyError(FORMAT, Math.min(i + 1, lines.length), `expected a "--- Thread ..." line, "---- no stack trace for" or a memory map, ${where}`);
    }
    const addrs: bigint[] = [];
    let same = false;
    line = '';
    for (i++; i < lines.length; i++) {
      line = trimSpace(lines[i]!);
      if (line === '') continue;
      if (line.startsWith('---')) break;
      if (line.includes('same as previous thread')) { same = true; continue; }
      for (const a of hexAddresses(line, FORMAT, i + 1)) addrs.push(a);
    }
    if (same || addrs.length === 0) {
      // The thread is counted on the previous stack (pprof does so for an empty stack too).
      const last = b.samples[b.samples.length - 1];
      if (last !== undefined) last.values[0] = last.values[0]! + 1n;
      continue;
    }
    b.addSample(addrs.map((a, k) => b.location(k > 0 ? BigInt.asUintN(64, a - 1n) : a)), [1n]);
  }
  // The map follows the sentinel line; after "---- no stack trace for", the next sentinel.
  if (ended) while (i < lines.length && !isMemoryMapSentinel(lines[i]!)) i++;
  b.applyMemoryMap(parseMaps(lines.slice(i + 1), { format: `${FORMAT}, memory map`, firstLine: i + 2 }));
  dropDuplicateLeaves(b.samples);
  const type = { type: 'thread', unit: 'count' };
  return b.finish({ sampleTypes: [type], periodType: type, period: 1n });
}
