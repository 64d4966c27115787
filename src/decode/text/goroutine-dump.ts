/**
 * Reader for goroutine dumps: the text of `/debug/pprof/goroutine?debug=2`
 * (the same traceback format as a Go panic or SIGQUIT). Each goroutine is a
 * header `goroutine N [state, M minutes, locked to thread]:`, frames written
 * as `function(args)` + `\tfile:line +0xoff` (inlined frames show `(...)`
 * and no offset), optionally `...additional frames elided...`, and
 * `created by F` (Go 1.21+: `created by F in goroutine N`) + its position.
 *
 * A dump cut short keeps every complete goroutine: the cut one is dropped
 * and a warning says which it was and where. Anything else that does not
 * fit the format is an error naming the line.
 */

import { quoteLine, safeIntField, textError, uint64HexField, type TextLines } from './lines.js';

/** One frame of a goroutine's stack. */
export interface DumpFrame {
  /** Function name as printed, e.g. `main.(*conntrack).loop`. */
  function: string;
  /** The argument list as printed (without parentheses); `...` for inlined frames. */
  args: string;
  file: string;
  line: number;
  /** Offset of the pc from the function entry; null when not printed (inlined frames). */
  pcOffset: bigint | null;
  /** True when the frame was inlined into the next (caller) frame. */
  inlined: boolean;
}

/** Where a goroutine was started. */
export interface DumpCreatedBy {
  function: string;
  file: string;
  line: number;
  /** The creating goroutine's id (printed by Go 1.21 and later), else null. */
  goroutine: number | null;
}

/** One goroutine of a dump. */
export interface DumpGoroutine {
  id: number;
  /** Wait reason or status: `chan receive`, `select`, `running`, `IO wait`, ... */
  state: string;
  /** Whole minutes blocked as printed (`, N minutes`); 0 when not printed (under a minute). */
  waitMinutes: number;
  lockedToThread: boolean;
  /** Stack, innermost frame first. */
  frames: DumpFrame[];
  /** True when the runtime stopped printing frames (`...additional frames elided...`). */
  framesElided: boolean;
  createdBy: DumpCreatedBy | null;
  /** 1-based line number of the goroutine's header. */
  lineNumber: number;
  /**
   * True when the runtime printed `goroutine running on other thread; stack
   * unavailable` instead of frames (crash tracebacks with GOTRACEBACK=all).
   */
  stackUnavailable?: boolean;
}

/** A parsed goroutine dump, or a crash traceback read as one. */
export interface GoroutineDump {
  goroutines: DumpGoroutine[];
  /** What could not be read (a cut at the end), one sentence each. */
  warnings: string[];
  /** For a panic or fatal-error traceback: its header; absent (or null) for a dump. */
  crash?: CrashInfo | null;
  /** Data race reports (`WARNING: DATA RACE`) found in the input, in order. */
  races?: RaceReport[];
  /** The `exit status N` trailer that `go run` / `go test` print, when present. */
  exitStatus?: number | null;
}

/** One `panic:` of a panic header, outermost (first raised) first. */
export interface PanicValue {
  /** The value as printed, e.g. `runtime error: index out of range [5] with length 3` (may span lines). */
  message: string;
  /** True when this panic was recovered (`[recovered]`) and a later one followed. */
  recovered: boolean;
}

/** The header of a Go crash: what failed, before the goroutine stacks. */
export interface CrashInfo {
  /**
   * `panic` for `panic: ...` (recoverable), `fatal-error` for the runtime's
   * `fatal error: ...` (never recoverable), `signal` for a deadly signal the
   * runtime reports (`SIGQUIT: quit` from Ctrl-\ or `kill -QUIT`).
   */
  kind: 'panic' | 'fatal-error' | 'signal';
  /** The message that crashed the program: the last panic's value, the fatal error's text, or the signal line (`SIGQUIT: quit`). */
  message: string;
  /** Every panic of the chain, first raised first (empty for a fatal error). */
  panics: PanicValue[];
  /**
   * The `[signal ...]` line's text without brackets, e.g. `SIGSEGV: segmentation
   * violation code=0x1 addr=0x0 pc=0x45816b`; for kind `signal`, the `PC=... m=0 sigcode=0` line.
   */
  signal: string | null;
  /** `runtime: ...` lines printed just before the header (e.g. the stack limit of a stack overflow). */
  runtimeNotes: string[];
  /** Frames of the `runtime stack:` section (the system stack of a fatal error), innermost first; empty when absent. */
  runtimeStack: DumpFrame[];
  /** Id of the goroutine that crashed: the first one printed after the header, when it is `running`; else null (e.g. a deadlock). */
  goroutine: number | null;
  /** 1-based line number of the header's first line. */
  lineNumber: number;
}

/** One memory access of a data race report. */
export interface RaceAccess {
  /** As printed: `Read`, `Write`, `Previous write`, `Atomic read`, ... */
  access: string;
  /** The address, e.g. `0x00c0000ac008`. */
  address: string;
  /** The accessing goroutine's id; null for `main goroutine`. */
  goroutine: number | null;
  /** Stack, innermost first (no arguments or offsets-less inlining in race reports). */
  frames: DumpFrame[];
}

/** A goroutine named in a race report, with where it was created. */
export interface RaceGoroutine {
  id: number;
  /** `running` or `finished`, as printed. */
  status: string;
  /** The creation stack, innermost first. */
  createdAt: DumpFrame[];
}

/** One `WARNING: DATA RACE` report of the race detector (`go run -race`). */
export interface RaceReport {
  accesses: RaceAccess[];
  goroutines: RaceGoroutine[];
  /** 1-based line number of `WARNING: DATA RACE`. */
  lineNumber: number;
}

const FORMAT = 'goroutine dump (debug=2)';
/** Header line; Go 1.21+ debug tracebacks may put `gp=... m=...` between the id and the state. */
export const DUMP_HEADER = /^goroutine (\d+)(?: [^[]*?)? \[(.*)\]:$/;
const POSITION = /^\t(.+):(\d+)(?: \+0x([0-9a-fA-F]+))?(?: fp=\S+ sp=\S+ pc=\S+)?$/;
const CREATED_BY = /^created by (.+?)(?: in goroutine (\d+))?$/;
const ELIDED = '...additional frames elided...';
const ANCESTOR = /^\[originating from goroutine \d+\]:$/;

/** Splits the bracketed status into state, wait and lock flag. */
function parseStatus(inner: string, lineNumber: number): { state: string; waitMinutes: number; lockedToThread: boolean } {
  const parts = inner.split(', ');
  let waitMinutes = 0;
  let lockedToThread = false;
  const state: string[] = [parts[0]!.replace(/ \(scan\)$/, '')];
  for (const p of parts.slice(1)) {
    const m = /^(\d+) minutes$/.exec(p);
    if (m !== null) waitMinutes = safeIntField(m[1]!, FORMAT, lineNumber, 'wait minutes');
    else if (p === 'locked to thread') lockedToThread = true;
    else state.push(p); // an unknown qualifier stays part of the state rather than being lost
  }
  return { state: state.join(', '), waitMinutes, lockedToThread };
}

/** Parses a goroutine dump. Throws PprofError 'bad-format' (with the line number) on malformed input. */
export function parseGoroutineDumpLines(text: TextLines): GoroutineDump {
  const { goroutines, warnings } = parseGoroutineBlocks(text, 0, false);
  if (goroutines.length === 0 && warnings.length === 0) throw textError(FORMAT, 1, 'no goroutines in the dump');
  return { goroutines, warnings };
}

/** What `parseGoroutineBlocks` read, and where it stopped. */
export interface GoroutineBlocks {
  goroutines: DumpGoroutine[];
  warnings: string[];
  /** Index of the first line not read (lines.length at the end of the input). */
  next: number;
}

const STACK_UNAVAILABLE = '\tgoroutine running on other thread; stack unavailable';

/**
 * Reads consecutive goroutine blocks from line index `from`. In a plain dump
 * (`stopAtForeign` false) every line must belong to a block. In a crash
 * traceback other text may follow the stacks (`exit status 2`, a race
 * report, program output): with `stopAtForeign` true, a line that is neither
 * a goroutine header nor part of a block's frames ends the reading there,
 * once the current goroutine has at least one frame.
 */
export function parseGoroutineBlocks(text: TextLines, from: number, stopAtForeign: boolean): GoroutineBlocks {
  const { lines } = text;
  const goroutines: DumpGoroutine[] = [];
  const warnings: string[] = [];
  // A line that fails to parse is a cut, not an error, when it is the unterminated last line.
  const isCutLine = (idx: number): boolean => text.cutMidLine && idx === lines.length - 1;
  const cutWarning = (which: string, line: number, why: string): string =>
    `input cut short: ${which} (from line ${line}) is incomplete (${why}) and was left out; ` +
    `${goroutines.length} complete goroutines before it were kept`;
  let i = from;
  while (i < lines.length) {
    if (lines[i]!.trim() === '') { i++; continue; }
    const start = i;
    const h = DUMP_HEADER.exec(lines[i]!);
    if (h === null && stopAtForeign) break;
    if (h === null && isCutLine(i)) {
      warnings.push(cutWarning('a goroutine header', i + 1, `the input ends in the middle of line ${i + 1}`));
      break;
    }
    if (h === null) throw textError(FORMAT, i + 1, `expected "goroutine <id> [<state>]:", found ${quoteLine(lines[i]!)}`);
    const g: DumpGoroutine = {
      id: safeIntField(h[1]!, FORMAT, i + 1, 'goroutine id'), ...parseStatus(h[2]!, i + 1), frames: [], framesElided: false, createdBy: null, lineNumber: i + 1,
    };
    i++;
    let cut: string | null = null;
    let foreign = false;
    while (i < lines.length && lines[i]!.trim() !== '' && cut === null) {
      const line = lines[i]!;
      if (line === ELIDED) { g.framesElided = true; i++; continue; }
      if (line === STACK_UNAVAILABLE) { g.stackUnavailable = true; i++; continue; }
      if (ANCESTOR.test(line)) {
        // Ancestor tracebacks (GODEBUG=tracebackancestors) describe other goroutines; skip them.
        while (i < lines.length && lines[i]!.trim() !== '') i++;
        break;
      }
      const created = CREATED_BY.exec(line);
      const isCreated = created !== null && g.createdBy === null;
      let fn = '';
      let args = '';
      if (!isCreated) {
        const open = line.lastIndexOf('(');
        if (!line.endsWith(')') || open <= 0 || line.startsWith('\t')) {
          if (isCutLine(i)) { cut = `the input ends in the middle of line ${i + 1}`; break; }
          if (stopAtForeign && (g.frames.length > 0 || g.stackUnavailable === true)) { foreign = true; break; }
          throw textError(FORMAT, i + 1, `expected a frame "function(args)" or "created by", found ${quoteLine(line)}`);
        }
        fn = line.slice(0, open);
        args = line.slice(open + 1, -1);
      }
      if (i + 1 >= lines.length) { cut = `its last line (${i + 1}) has no source position after it`; break; }
      const pos = POSITION.exec(lines[i + 1]!);
      if (pos === null && isCutLine(i + 1)) { cut = `the input ends in the middle of line ${i + 2}`; break; }
      if (pos === null) throw textError(FORMAT, i + 2, `expected "\\t<file>:<line> +0x<offset>", found ${quoteLine(lines[i + 1]!)}`);
      const file = pos[1]!;
      const lineNo = safeIntField(pos[2]!, FORMAT, i + 2, 'line number');
      if (isCreated) {
        g.createdBy = { function: created[1]!, file, line: lineNo, goroutine: created[2] === undefined ? null : safeIntField(created[2], FORMAT, i + 1, 'creating goroutine id') };
      } else {
        const pcOffset = pos[3] === undefined ? null : uint64HexField(`0x${pos[3]}`, FORMAT, i + 2, 'pc offset');
        g.frames.push({ function: fn, args, file, line: lineNo, pcOffset, inlined: pcOffset === null });
      }
      i += 2;
    }
    const last = i >= lines.length;
    if (cut === null && last && text.cutMidLine) cut = `the input ends in the middle of line ${lines.length}`;
    if (cut === null && g.frames.length === 0 && g.stackUnavailable !== true) {
      if (!last) throw textError(FORMAT, start + 1, `goroutine ${g.id} has no frames`);
      cut = 'it has no frames';
    }
    if (cut !== null) {
      warnings.push(cutWarning(`goroutine ${g.id}`, start + 1, cut));
      break;
    }
    if (last && !stopAtForeign && g.createdBy === null && g.id !== 1 && !g.framesElided) {
      // Only the main goroutine lacks "created by"; a missing one at the very end hints at a cut between frames.
      warnings.push(`the last goroutine (${g.id}, line ${start + 1}) has no "created by" line: the dump may have been cut after line ${lines.length}`);
    }
    goroutines.push(g);
    if (foreign) break;
  }
  return { goroutines, warnings, next: i };
}
