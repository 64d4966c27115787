/**
 * Importer for the debug=1 text of Go's block and mutex profiles:
 * `--- contention:` or `--- mutex:`, `cycles/second=N`, for mutex
 * `sampling period=N`, then records `<cycles> <count> @ <pcs>`.
 *
 * The text holds raw CPU cycles; the runtime's protobuf writer converts
 * them to nanoseconds (cycles / (cycles per second / 1e9)) and, for mutex,
 * multiplies count and delay by the sampling period. Both steps are repeated
 * here in the same float64 order, so the values equal the protobuf's.
 */

import type { DecodedProfile } from '../types.js';
import { ProfileAssembler } from './assemble.js';
import { INT64_MAX, int64Field, int64OfFloat, rangeError, textError, type TextLines } from './lines.js';
import { readRecords } from './records.js';

/** First line of a contention profile; group 1 is `contention` (block) or `mutex`. */
export const CONTENTION_HEADER = /^--- (contention|mutex):$/;

const RECORD_HEAD = /^(\d+) (\d+)$/;

/** Parses a block or mutex debug=1 profile. Throws PprofError 'bad-format'. */
export function importContentionProfile(text: TextLines): DecodedProfile {
  const { lines } = text;
  const h = CONTENTION_HEADER.exec(lines[0] ?? '');
  if (h === null) throw textError('contention profile', 1, 'expected "--- contention:" or "--- mutex:"');
  const isMutex = h[1] === 'mutex';
  const format = `${isMutex ? 'mutex' : 'block'} profile (debug=1)`;
  if (text.cutMidLine) throw textError(format, lines.length, 'the input ends in the middle of a line: it was cut short');
  let i = 1;
  let cyclesPerSecond: bigint | null = null;
  let period = 1n;
  for (; i < lines.length; i++) {
    const m = /^([a-z/ ]+)=(\d+)$/.exec(lines[i]!);
    if (m === null) break;
    if (m[1] === 'cycles/second') cyclesPerSecond = int64Field(m[2]!, format, i + 1, 'cycles/second');
    else if (m[1] === 'sampling period') period = int64Field(m[2]!, format, i + 1, 'sampling period');
    // Other "key=value" lines (older runtimes wrote more) carry nothing the profile needs.
  }
  if (cyclesPerSecond === null || cyclesPerSecond === 0n) {
    throw textError(format, i + 1, 'missing "cycles/second=<n>" line: delays cannot be converted to nanoseconds');
  }
  const { records } = readRecords(lines, i, format);
  const countType = { type: 'contentions', unit: 'count' };
  const asm = new ProfileAssembler({
    sampleTypes: [countType, { type: 'delay', unit: 'nanoseconds' }], periodType: countType, period: 1n, catchAllMapping: true,
  });
  const cpuGHz = Number(cyclesPerSecond) / 1e9;
  for (const r of records) {
    const m = RECORD_HEAD.exec(r.head);
    if (m === null) throw textError(format, r.lineNumber, `expected "<cycles> <count>" before "@", found ${JSON.stringify(r.head)}`);
    const cycles = int64Field(m[1]!, format, r.lineNumber, 'cycles');
    const count = int64Field(m[2]!, format, r.lineNumber, 'count');
    let nanos = Number(cycles) / cpuGHz;
    // Only mutex profiles are scaled by their sampling period; block values are kept as recorded.
    if (isMutex) nanos *= Number(period);
    const scaledCount = isMutex ? count * period : count;
    if (scaledCount > INT64_MAX) throw rangeError(format, r.lineNumber, 'count times sampling period', String(scaledCount));
    asm.addSample(r.stack, [scaledCount, int64OfFloat(nanos, format, r.lineNumber, 'delay in nanoseconds')], r.labels);
  }
  return asm.finish();
}
