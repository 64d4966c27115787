/**
 * Importer for the debug=1 text of Go's heap (and allocs) profile:
 * `heap profile: <inuse objs>: <inuse bytes> [<alloc objs>: <alloc bytes>] @ heap/<2*rate>`,
 * records in the same layout, then a `# runtime.MemStats` trailer.
 *
 * The text holds the sampled counts as recorded; the runtime's protobuf
 * writer un-samples them (each record's count and size are multiplied by
 * 1/(1-e^(-avg size/rate))) before writing. This importer applies the same
 * correction with the same floating-point steps, so the values equal the
 * protobuf's. The header prints twice the sampling rate (a convention kept
 * from the old C++ heap profiler), hence the division by two.
 * Header totals that differ from the records' sum (old runtimes) are read
 * as pprof reads them, with a reading warning (decode/legacy/warnings.ts);
 * records without `#` frame lines keep their addresses as unnamed frames.
 */

import type { DecodedProfile } from '../types.js';
import { ProfileAssembler } from './assemble.js';
import { int64Field, int64OfFloat, textError, type TextLines } from './lines.js';
import { readRecords } from './records.js';
import { recordStack } from '../legacy/go-text.js';
import { WARNING_PREFIX } from '../legacy/warnings.js';

/** Header of a heap debug=1 profile. */
export const HEAP_HEADER = /^heap profile: (\d+): (\d+) \[(\d+): (\d+)\] @ heap\/(\d+)$/;

const FORMAT = 'heap profile (debug=1)';
const RECORD_HEAD = /^(\d+): (\d+) \[(\d+): (\d+)\]$/;
const MEMSTATS = '# runtime.MemStats';

/** Parses a heap/allocs debug=1 profile. Throws PprofError 'bad-format'. */
export function importHeapProfile(text: TextLines): DecodedProfile {
  const { lines } = text;
  const h = HEAP_HEADER.exec(lines[0] ?? '');
  if (h === null) throw textError(FORMAT, 1, 'expected "heap profile: <n>: <n> [<n>: <n>] @ heap/<rate>"');
  if (text.cutMidLine) throw textError(FORMAT, lines.length, 'the input ends in the middle of a line: it was cut short');
  const headerFields = ['in-use objects', 'in-use bytes', 'allocated objects', 'allocated bytes'];
  const expected = [h[1]!, h[2]!, h[3]!, h[4]!].map((d, k) => int64Field(d, FORMAT, 1, `header ${headerFields[k]}`));
  const rate = int64Field(h[5]!, FORMAT, 1, 'sampling rate') / 2n;
  const { records, end } = readRecords(lines, 1, FORMAT, (l) => l === MEMSTATS);
  for (let i = end; i < lines.length; i++) {
    if (lines[i] !== '' && !lines[i]!.startsWith('#')) throw textError(FORMAT, i + 1, 'expected only "# name = value" lines after "# runtime.MemStats"');
  }
  const asm = new ProfileAssembler({
    sampleTypes: [
      { type: 'alloc_objects', unit: 'count' }, { type: 'alloc_space', unit: 'bytes' },
      { type: 'inuse_objects', unit: 'count' }, { type: 'inuse_space', unit: 'bytes' },
    ],
    periodType: { type: 'space', unit: 'bytes' },
    period: rate,
    catchAllMapping: true,
  });
  const totals = [0n, 0n, 0n, 0n];
  const framed = records.some((r) => r.stack.length > 0);
  for (const r of records) {
    const m = RECORD_HEAD.exec(r.head);
    if (m === null) throw textError(FORMAT, r.lineNumber, `expected "<n>: <n> [<n>: <n>]" before "@", found ${JSON.stringify(r.head)}`);
    const raw = [m[1]!, m[2]!, m[3]!, m[4]!].map((d, k) => int64Field(d, FORMAT, r.lineNumber, headerFields[k]!));
    raw.forEach((v, k) => { totals[k] = totals[k]! + v; });
    const [inuseObjs, inuseBytes, allocObjs, allocBytes] = raw as [bigint, bigint, bigint, bigint];
    const at = { format: FORMAT, lineNumber: r.lineNumber };
    const [ao, ab] = unsample(allocObjs, allocBytes, rate, { ...at, field: 'allocated' });
    const [io, ib] = unsample(inuseObjs, inuseBytes, rate, { ...at, field: 'in-use' });
    // The protobuf writer labels each sample with its average object size.
    const blockSize = allocObjs > 0n ? allocBytes / allocObjs : 0n;
    asm.addSample(recordStack(r.stack, r.addresses, framed), [ao, ab, io, ib], blockSize !== 0n ? [{ key: 'bytes', kind: 'number', value: blockSize, unit: '' }] : []);
  }
  // pprof ignores the header's totals; old runtimes wrote totals above the records' sum. Read it, but say so.
  if (expected.some((v, k) => v !== totals[k])) {
    asm.addComment(`${WARNING_PREFIX}${FORMAT}: records add up to ${totals[0]}: ${totals[1]} [${totals[2]}: ${totals[3]}] ` +
      `but the header says ${expected[0]}: ${expected[1]} [${expected[2]}: ${expected[3]}]: the header and the records disagree`);
  }
  return asm.finish();
}

/** Where an un-sampled pair comes from, for range errors. */
export interface UnsampleSite { format: string; lineNumber: number; field: string }

/**
 * The runtime's un-sampling of one (count, size) pair, in the same float64
 * steps: scale = 1/(1-exp(-avg/rate)); both values are multiplied and
 * truncated toward zero. A result that is not finite or does not fit 64 bits
 * (an average size far below the rate, absurd counts) is a PprofError
 * 'out-of-range' naming the line and field.
 */
export function unsample(
  count: bigint, size: bigint, rate: bigint, site: UnsampleSite = { format: FORMAT, lineNumber: 0, field: 'value' },
): [bigint, bigint] {
  if (count === 0n || size === 0n) return [0n, 0n];
  if (rate <= 1n) return [count, size];
  const avg = Number(size) / Number(count);
  const scale = 1 / (1 - Math.exp(-avg / Number(rate)));
  return [
    int64OfFloat(Number(count) * scale, site.format, site.lineNumber, `${site.field} objects after un-sampling`),
    int64OfFloat(Number(size) * scale, site.format, site.lineNumber, `${site.field} bytes after un-sampling`),
  ];
}
