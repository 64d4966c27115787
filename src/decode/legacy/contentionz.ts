/**
 * Importer for the lock contention profile of C++ servers (contentionz):
 * a `--- contentionz ...` line, `name = value` attributes, records
 * `<delay cycles> <count> @ <pcs>`, then a `--- Memory map: ---` section.
 *
 * Format facts (pprof's reader, google/pprof profile/legacy_profile.go):
 * attributes `cycles/second` (CPU clock), `sampling period` (one event in
 * <n> recorded, default 1), `ms since reset` (the duration) and
 * `discarded samples` (ignored); any other attribute means another format
 * (`format`/`resolution` are the Java agents' `--- contentionz 1 ---`,
 * java.ts). Values as pprof computes them: contentions = count x period;
 * delay = trunc(cycles x period / (cycles per second / 1e9)) nanoseconds,
 * or the raw cycles when the clock is unknown. Every pc is a return address
 * and is moved back one byte.
 */

import type { DecodedProfile } from '../types.js';
import { LegacyBuilder } from './build.js';
import { parseMaps } from './maps.js';
import { isSpaceOrComment, legacyError, parseInt64, quote, scanLines, trimSpace, truncToInt64, checkedInt64 } from './lines.js';
import { goInt, hexAddresses } from './java.js';
import { isMemoryMapSentinel } from './heap.js';

const FORMAT = 'contentionz profile';
// pprof's `(\d+) *(\d+) @`, anchored and split into its two unambiguous cases (spaces between the
// numbers, or none: then the last digit is the count), so no input makes it backtrack more than linearly.
const SAMPLE_SPACED = /^(\d+) +(\d+) @([ x0-9a-f]*)/;
const SAMPLE_JOINED = /^(\d+)(\d) @([ x0-9a-f]*)/;

/** True when a `--- contentionz` text is the Java agents' form (it has `format` or `resolution` attributes). */
export function isJavaContention(lines: readonly string[]): boolean {
  for (const raw of lines.slice(1)) {
    const line = trimSpace(raw);
    if (isSpaceOrComment(line)) continue;
    const eq = line.indexOf('=');
    if (line.startsWith('---') || eq < 0) return false;
    const key = trimSpace(line.slice(0, eq));
    if (key === 'format' || key === 'resolution') return true;
  }
  return false;
}

/** Reads a C++ contentionz profile. Throws PprofError. */
export function importContentionz(text: string): DecodedProfile {
  const lines = scanLines(text);
  if (!(lines[0] ?? '').startsWith('--- contentionz ')) throw legacyError(FORMAT, 1, 'expected "--- contentionz ..."');
  let period = 1n;
  let cpuHz = 0n;
  let duration = 0n;
  let i = 1;
  for (; i < lines.length; i++) {
    const line = trimSpace(lines[i]!);
    if (isSpaceOrComment(line)) continue;
    if (line.startsWith('---')) break;
    const eq = line.indexOf('=');
    if (eq < 0) break;
    const key = trimSpace(line.slice(0, eq));
    const val = trimSpace(line.slice(eq + 1));
    switch (key) {
      case 'cycles/second': cpuHz = goInt(val, key, FORMAT, i + 1); break;
      case 'sampling period': period = goInt(val, key, FORMAT, i + 1); break;
      case 'ms since reset': duration = checkedInt64(goInt(val, key, FORMAT, i + 1) * 1000000n, 'duration in ns', `${FORMAT}: line ${i + 1}`); break;
      case 'discarded samples': break;
      default: throw legacyError(FORMAT, i + 1, `unknown attribute ${quote(line)}`);
    }
  }
  const b = new LegacyBuilder();
  const cpuGHz = Number(cpuHz) / 1e9;
  for (; i < lines.length; i++) {
    const line = trimSpace(lines[i]!);
    if (line.startsWith('---')) break;
    if (isSpaceOrComment(line)) continue;
    const m = SAMPLE_SPACED.exec(line) ?? SAMPLE_JOINED.exec(line);
    if (m === null) throw legacyError(FORMAT, i + 1, `expected a record "<cycles> <count> @ <addresses>", found ${quote(line)}`);
    let delay = parseInt64(m[1]!, 'delay', FORMAT, i + 1);
    let count = parseInt64(m[2]!, 'count', FORMAT, i + 1);
    if (period > 0n) {
      if (cpuHz > 0n) delay = truncToInt64(Number(delay) * Number(period) / cpuGHz, 'delay', `${FORMAT}: line ${i + 1}`);
      count = checkedInt64(count * period, 'count x sampling period', `${FORMAT}: line ${i + 1}`);
    }
    const locs = hexAddresses(m[3]!, FORMAT, i + 1).map((a) => b.location(BigInt.asUintN(64, a - 1n)));
    b.addSample(locs, [count, delay]);
  }
  while (i < lines.length && !isMemoryMapSentinel(lines[i]!)) i++;
  b.applyMemoryMap(parseMaps(lines.slice(i + 1), { format: `${FORMAT}, memory map`, firstLine: i + 2 }));
  return b.finish({
    sampleTypes: [{ type: 'contentions', unit: 'count' }, { type: 'delay', unit: 'nanoseconds' }],
    periodType: { type: 'contentions', unit: 'count' },
    period,
    durationNanos: duration,
  });
}
