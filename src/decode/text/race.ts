/**
 * Reader for one report of Go's race detector (`go run -race`, `go test
 * -race`), printed between two `==================` fences:
 *
 *   WARNING: DATA RACE
 *   Read at 0x00c0000ac008 by goroutine 8:        (or `by main goroutine:`)
 *     main.(*stats).count()
 *         /src/race.go:14 +0x74
 *
 *   Previous write at 0x00c0000ac008 by goroutine 7:
 *     ...
 *   Goroutine 8 (running) created at:
 *     ...
 *
 * Sections this reader does not know (e.g. `Mutex M1 ... created at:`) are
 * skipped, frames and all; a frame that does not parse is an error naming
 * the line.
 */

import { quoteLine, textError } from './lines.js';
import type { DumpFrame, RaceAccess, RaceGoroutine, RaceReport } from './goroutine-dump.js';

/** The fence line around each race report. */
export const RACE_FENCE = '==================';
/** The first line of a race report, right after the fence. */
export const RACE_WARNING = 'WARNING: DATA RACE';

const FORMAT = 'data race report';
const ACCESS = /^(.+?) at (0x[0-9a-fA-F]+) by (?:goroutine (\d+)|main goroutine):$/;
const GOROUTINE = /^Goroutine (\d+) \((.+)\) created at:$/;
const FRAME = /^ {2}(\S.*)\(\)$/;
const POSITION = /^ {6}(.+):(\d+)(?: \+0x([0-9a-fA-F]+))?$/;

/** Reads the indented frames of one section, innermost first. */
function readFrames(lines: readonly string[], from: number): { frames: DumpFrame[]; next: number } {
  const frames: DumpFrame[] = [];
  let i = from;
  while (i < lines.length && lines[i]!.startsWith('  ')) {
    const fn = FRAME.exec(lines[i]!);
    const pos = i + 1 < lines.length ? POSITION.exec(lines[i + 1]!) : null;
    if (fn === null || pos === null) {
      throw textError(FORMAT, fn === null ? i + 1 : i + 2,
        `expected "  function()" and "      file:line +0xoffset", found ${quoteLine(lines[fn === null ? i : i + 1]!)}`);
    }
    const pcOffset = pos[3] === undefined ? null : BigInt(`0x${pos[3]}`);
    frames.push({ function: fn[1]!, args: '', file: pos[1]!, line: Number(pos[2]), pcOffset, inlined: false });
    i += 2;
  }
  return { frames, next: i };
}

/** Parses the report whose opening fence is at line index `from`; returns it and the index after its closing fence. */
export function parseRaceReport(lines: readonly string[], from: number): { report: RaceReport; next: number } {
  const report: RaceReport = { accesses: [], goroutines: [], lineNumber: from + 2 };
  let i = from + 2;
  while (i < lines.length && lines[i] !== RACE_FENCE) {
    const line = lines[i]!;
    if (line.trim() === '') { i++; continue; }
    const access = ACCESS.exec(line);
    const created = GOROUTINE.exec(line);
    const { frames, next } = readFrames(lines, i + 1);
    if (access !== null) {
      const a: RaceAccess = { access: access[1]!, address: access[2]!, goroutine: access[3] === undefined ? null : Number(access[3]), frames };
      report.accesses.push(a);
    } else if (created !== null) {
      const g: RaceGoroutine = { id: Number(created[1]), status: created[2]!, createdAt: frames };
      report.goroutines.push(g);
    }
    i = next;
  }
  if (i >= lines.length) throw textError(FORMAT, from + 2, `the report has no closing "${RACE_FENCE}" line`);
  if (report.accesses.length === 0) throw textError(FORMAT, from + 2, 'the report names no memory access');
  return { report, next: i + 1 };
}
