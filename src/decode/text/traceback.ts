/**
 * Reader for Go crash output: what a program prints when it dies of a panic
 * (`panic: ...`, possibly `[recovered]` and re-panicked, `[signal ...]`) or
 * a runtime fatal error (`fatal error: ...`, `runtime stack:`) or a signal
 * (`SIGQUIT: quit` + `PC=...`, registers after the stacks), then its
 * goroutines (the crashing one first, `[running]`), then whatever `go run` or
 * `go test` add (`exit status 2`, `FAIL\tpkg\t0.05s`); plus the race detector's
 * `WARNING: DATA RACE` reports. The goroutine stacks are the same format as
 * a debug=2 dump and are read by the same code (goroutine-dump.ts).
 *
 * Program output before the crash header is skipped, as panicparse does.
 * Lines that are not understood after the first goroutine are skipped with
 * a warning naming them, so nothing is dropped silently.
 */

import { quoteLine, textError, type TextLines } from './lines.js';
import {
  DUMP_HEADER, parseGoroutineBlocks,
  type CrashInfo, type DumpFrame, type DumpGoroutine, type GoroutineDump, type PanicValue, type RaceReport,
} from './goroutine-dump.js';
import { parseRaceReport, RACE_FENCE, RACE_WARNING } from './race.js';

const FORMAT = 'crash traceback';
const PANIC = /^panic: (.*?)( \[recovered(?:, repanicked)?\])?$/;
const NESTED_PANIC = /^\tpanic: (.*?)( \[recovered(?:, repanicked)?\])?$/;
const FATAL = /^fatal error: (.*)$/;
/** A deadly signal the runtime reports itself (SIGQUIT from Ctrl-\\ or `kill -QUIT`, SIGABRT, ...), then `PC=... m=N sigcode=N`. */
const SIGNAL_HEADER = /^(SIG[A-Z0-9]+: .+)$/;
const SIGNAL_PC = /^PC=0x[0-9a-fA-F]+ m=\d+ sigcode=\d+.*$/;
const SIGNAL = /^\[signal (.*)\]$/;
const EXIT_STATUS = /^exit status (\d+)$/;
const RUNTIME_NOTE = /^runtime: /;
/** What follows the stacks: `go test`'s `FAIL\tpkg\t0.01s` and `FAIL`, `Found 1 data race(s)`, a signal crash's registers (`rax    0x0`). */
const GO_TOOL_TRAILER = /^(?:FAIL(?:\t.*)?|Found \d+ data race\(s\)|[a-z0-9]{2,6} +0x[0-9a-f]+)$/;
const FRAME_POSITION = /^\t(.+):(\d+)(?: \+0x([0-9a-fA-F]+))?(?: fp=\S+ sp=\S+ pc=\S+)?$/;

/** True when the text holds a crash header or a race report, i.e. it is for `parseTracebackLines`. */
export function looksLikeTraceback(text: TextLines): boolean {
  const { lines } = text;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (PANIC.test(line) || FATAL.test(line) || (line === RACE_FENCE && lines[i + 1] === RACE_WARNING)) return true;
    if (SIGNAL_HEADER.test(line) && SIGNAL_PC.test(lines[i + 1] ?? '')) return true;
  }
  return false;
}

/** Reads the `panic:` chain: the first line, then indented `\tpanic:` lines, with multi-line values. */
function readPanics(lines: readonly string[], from: number): { panics: PanicValue[]; next: number } {
  const first = PANIC.exec(lines[from]!)!;
  const panics: PanicValue[] = [{ message: first[1]!, recovered: first[2] !== undefined }];
  let i = from + 1;
  while (i < lines.length && lines[i]!.trim() !== '' && !SIGNAL.test(lines[i]!) && !DUMP_HEADER.test(lines[i]!)) {
    const nested = NESTED_PANIC.exec(lines[i]!);
    if (nested !== null) panics.push({ message: nested[1]!, recovered: nested[2] !== undefined });
    else panics[panics.length - 1]!.message += `\n${lines[i]!}`; // a value whose text spans lines
    i++;
  }
  return { panics, next: i };
}

/** Reads `function(args)` + position pairs (the `runtime stack:` section) until a blank line. */
function readFrames(lines: readonly string[], from: number): { frames: DumpFrame[]; next: number } {
  const frames: DumpFrame[] = [];
  let i = from;
  while (i + 1 < lines.length && lines[i]!.trim() !== '') {
    const line = lines[i]!;
    const open = line.lastIndexOf('(');
    const pos = FRAME_POSITION.exec(lines[i + 1]!);
    if (!line.endsWith(')') || open <= 0 || pos === null) {
      throw textError(FORMAT, i + 1, `expected a frame "function(args)" and its position, found ${quoteLine(line)}`);
    }
    const pcOffset = pos[3] === undefined ? null : BigInt(`0x${pos[3]}`);
    frames.push({ function: line.slice(0, open), args: line.slice(open + 1, -1), file: pos[1]!, line: Number(pos[2]), pcOffset, inlined: pcOffset === null });
    i += 2;
  }
  return { frames, next: i };
}

/**
 * Parses crash output (panic, fatal error, race reports) into a GoroutineDump
 * with `crash`, `races` and `exitStatus` set. Throws PprofError 'bad-format'
 * naming the line for malformed stacks, or when nothing was found.
 */
export function parseTracebackLines(text: TextLines): GoroutineDump {
  const { lines } = text;
  const goroutines: DumpGoroutine[] = [];
  const warnings: string[] = [];
  const races: RaceReport[] = [];
  const skipped: number[] = [];
  let crash: CrashInfo | null = null;
  let exitStatus: number | null = null;
  let notes: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') { i++; continue; }
    if (RUNTIME_NOTE.test(line) && crash === null) { notes.push(line); i++; continue; }
    const fatal = FATAL.exec(line);
    if ((PANIC.test(line) || fatal !== null) && crash === null) {
      const lineNumber = i + 1;
      let panics: PanicValue[] = [];
      if (fatal !== null) i++;
      else ({ panics, next: i } = readPanics(lines, i));
      const sig = i < lines.length ? SIGNAL.exec(lines[i]!) : null;
      if (sig !== null) i++;
      crash = {
        kind: fatal !== null ? 'fatal-error' : 'panic',
        message: fatal !== null ? fatal[1]! : panics[panics.length - 1]!.message,
        panics, signal: sig === null ? null : sig[1]!, runtimeNotes: notes, runtimeStack: [], goroutine: null, lineNumber,
      };
      notes = [];
      continue;
    }
    if (crash === null && SIGNAL_HEADER.test(line) && SIGNAL_PC.test(lines[i + 1] ?? '')) {
      crash = {
        kind: 'signal', message: line, panics: [], signal: lines[i + 1]!, runtimeNotes: notes, runtimeStack: [], goroutine: null, lineNumber: i + 1,
      };
      notes = [];
      i += 2;
      continue;
    }
    if (line === 'runtime stack:' && crash !== null && goroutines.length === 0) {
      const r = readFrames(lines, i + 1);
      crash.runtimeStack = r.frames;
      i = r.next;
      continue;
    }
    if (DUMP_HEADER.test(line)) {
      const blocks = parseGoroutineBlocks(text, i, true);
      // The runtime prints the goroutine that crashed first, as [running]; a deadlock has none running.
      const first = blocks.goroutines[0];
      if (crash !== null && goroutines.length === 0 && first !== undefined && first.state === 'running') crash.goroutine = first.id;
      goroutines.push(...blocks.goroutines);
      warnings.push(...blocks.warnings);
      i = blocks.next;
      if (blocks.warnings.length > 0) break; // cut short: the warning says what was kept
      continue;
    }
    if (line === RACE_FENCE && lines[i + 1] === RACE_WARNING) {
      const r = parseRaceReport(lines, i);
      races.push(r.report);
      i = r.next;
      continue;
    }
    const exit = EXIT_STATUS.exec(line);
    if (exit !== null) { exitStatus = Number(exit[1]); i++; continue; }
    // Program output, `Found N data race(s)`, `FAIL`, ...: skipped; named below if it sits among the stacks.
    if (goroutines.length > 0 || crash !== null) skipped.push(i + 1);
    i++;
  }
  if (crash === null && races.length === 0) {
    throw textError(FORMAT, 1, 'no "panic:", "fatal error:", "SIG...: " or "WARNING: DATA RACE" found');
  }
  if (crash !== null && goroutines.length === 0 && races.length === 0) {
    const what = crash.kind === 'panic' ? 'panic: ...' : crash.kind === 'fatal-error' ? 'fatal error: ...' : crash.message;
    throw textError(FORMAT, crash.lineNumber, `"${what}" is not followed by any goroutine stack`);
  }
  const unexpected = skipped.filter((n) => !GO_TOOL_TRAILER.test(lines[n - 1]!));
  if (unexpected.length > 0) {
    warnings.push(`${unexpected.length} line${unexpected.length === 1 ? '' : 's'} after the crash header ` +
      `${unexpected.length === 1 ? 'is' : 'are'} not part of a traceback and ${unexpected.length === 1 ? 'was' : 'were'} ` +
      `skipped (first: line ${unexpected[0]}, ${quoteLine(lines[unexpected[0]! - 1]!)})`);
  }
  return { goroutines, warnings, crash, races, exitStatus };
}
