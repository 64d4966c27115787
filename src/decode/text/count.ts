/**
 * Importer for the debug=1 text of Go's count profiles (goroutine,
 * threadcreate): `<name> profile: total N`, then records `<count> @ <pcs>`
 * with optional `# labels:` and frame lines.
 *
 * The result has the runtime's protobuf shape: sample type and period type
 * `<name>/count`, period 1. In a file without any `#` frame lines (old
 * runtimes) records keep their addresses as unnamed frames, as pprof reads
 * them (decode/legacy/go-text.ts). One difference is inherent to the text:
 * the runtime does not print the runtime-internal frames at the top of a
 * stack (runtime.gopark, runtime.chanrecv, ...) nor runtime.goexit, so those frames
 * are absent and the first printed frame is the leaf.
 */

import type { DecodedProfile } from '../types.js';
import { ProfileAssembler } from './assemble.js';
import { int64Field, textError, type TextLines } from './lines.js';
import { readRecords } from './records.js';
import { recordStack } from '../legacy/go-text.js';

/** Header line of a count profile; group 1 is the profile name. */
export const COUNT_HEADER = /^(\w+) profile: total (\d+)$/;

/** Parses a goroutine or threadcreate debug=1 profile. Throws PprofError 'bad-format'. */
export function importCountProfile(text: TextLines): DecodedProfile {
  const { lines } = text;
  const header = COUNT_HEADER.exec(lines[0] ?? '');
  if (header === null) throw textError('count profile', 1, 'expected "<name> profile: total <n>"');
  const name = header[1]!;
  const format = `${name} profile (debug=1)`;
  if (text.cutMidLine) throw textError(format, lines.length, 'the input ends in the middle of a line: it was cut short');
  const total = int64Field(header[2]!, format, 1, 'total');
  const { records } = readRecords(lines, 1, format);
  const type = { type: name, unit: 'count' };
  const asm = new ProfileAssembler({ sampleTypes: [type], periodType: type, period: 1n, catchAllMapping: true });
  let sum = 0n;
  const framed = records.some((r) => r.stack.length > 0);
  for (const r of records) {
    if (!/^\d+$/.test(r.head)) throw textError(format, r.lineNumber, `expected a count before "@", found ${JSON.stringify(r.head)}`);
    const count = int64Field(r.head, format, r.lineNumber, 'count');
    sum += count;
    asm.addSample(recordStack(r.stack, r.addresses, framed), [count], r.labels);
  }
  // The header total is the sum of all records, so a shortfall means records were lost.
  if (sum !== total) {
    throw textError(format, lines.length, `records add up to ${sum} but the header says total ${total}: the input is incomplete`);
  }
  return asm.finish();
}
