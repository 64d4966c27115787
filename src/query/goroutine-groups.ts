/**
 * Groups the goroutines of a dump by identical stack (function, file and
 * line of every frame, plus the `created by` site), optionally also by
 * state, and flags groups that look like leaks.
 *
 * Leak rule (one dump): a group is a suspected leak when at least
 * `leakMinCount` of its goroutines have been blocked for at least
 * `leakMinWaitMinutes` (a waiting state such as `chan receive` or
 * `semacquire`; running, runnable and syscall are not waiting). Many
 * goroutines parked for a long time at one code site is the usual signature
 * of a leak: each started for a request or connection and waiting for a
 * message that will never come. The thresholds are options because "many"
 * and "long" depend on the daemon. A young leak (minutes old) is found by
 * comparing two dumps instead (goroutine-growth.ts).
 *
 * File paths are shortened as pprof does (trim-path.ts): the GOROOT source
 * directory and module caches found in the dump, plus `trimPath` prefixes.
 * Grouping and `match` use the full paths.
 */

import type {
  CrashInfo, DumpCreatedBy, DumpFrame, DumpGoroutine, GoroutineDump, RaceReport,
} from '../decode/text/goroutine-dump.js';
import { compileRegex } from './regex.js';
import { detectGoPathPrefixes, trimPath } from './trim-path.js';

/** Default minimum group size for the leak rule. */
export const DEFAULT_LEAK_MIN_COUNT = 10;
/** Default minimum wait, in minutes, for the leak rule. */
export const DEFAULT_LEAK_MIN_WAIT_MINUTES = 10;

/** How to filter and group a dump. */
export interface GoroutineGroupOptions {
  /** Also split groups by state (default: one group per stack, with a state breakdown). */
  byState?: boolean;
  /** Keep only goroutines in this state (exact, e.g. `chan receive`). */
  state?: string;
  /** Keep only goroutines with a frame (function or `file:line`) matching this regex (Go syntax). */
  match?: string;
  /** Keep only goroutines blocked at least this many minutes. */
  minWaitMinutes?: number;
  /** Leak rule: at least this many goroutines... (default 10). */
  leakMinCount?: number;
  /** ...blocked at least this many minutes (default 10). */
  leakMinWaitMinutes?: number;
  /** Extra path prefixes to cut from file names (pprof's `-trim_path`), tried before the detected ones. */
  trimPath?: readonly string[];
  /** Keep file names as printed: no GOROOT / module cache trimming (`trimPath` still applies). */
  fullPaths?: boolean;
}

/** A frame of a group's shared stack (arguments differ per goroutine and are left out). */
export interface GroupFrame {
  function: string;
  file: string;
  line: number;
  inlined: boolean;
}

/** Number of goroutines in one state. */
export interface StateCount {
  state: string;
  count: number;
}

/** Goroutines sharing one stack (and state, with `byState`). */
export interface GoroutineGroup {
  count: number;
  /** Goroutine ids, ascending. */
  ids: number[];
  /** States in the group, most goroutines first (ties by name). */
  states: StateCount[];
  /** How many are blocked in a wait state (not running, runnable, in a syscall, ...). */
  waiting: number;
  /** Shortest and longest wait in whole minutes (0: under a minute or not waiting). */
  minWaitMinutes: number;
  maxWaitMinutes: number;
  /** How many are locked to their OS thread (runtime.LockOSThread). */
  lockedToThread: number;
  /** The shared stack, innermost frame first. */
  frames: GroupFrame[];
  framesElided: boolean;
  /** Where these goroutines were started (without the creator's id, which varies). */
  createdBy: Omit<DumpCreatedBy, 'goroutine'> | null;
  /** True when the group meets the leak rule. */
  suspectedLeak: boolean;
  /** True when the group holds the goroutine that crashed (crash tracebacks only). */
  crashed: boolean;
}

/** The analysis of a dump: summary, groups and any warnings from reading it. */
export interface GoroutineReport {
  /** Goroutines in the dump. */
  total: number;
  /** All goroutines of the dump per state, most first (ties by name). */
  states: StateCount[];
  /** Goroutines left after the filters. */
  shown: number;
  /** How many of all goroutines are blocked in a wait state. */
  waiting: number;
  /** Groups: the crashed goroutine's first, then most goroutines first; ties by longest wait, then by stack text. */
  groups: GoroutineGroup[];
  /** Number of groups flagged as suspected leaks. */
  suspectedLeaks: number;
  /** The leak thresholds applied. */
  leakRule: { minCount: number; minWaitMinutes: number };
  /** Warnings from reading the dump (for example a cut at the end). */
  warnings: string[];
  /** Prefixes cut from file names (detected GOROOT and module caches, and `trimPath`). */
  trimmedPrefixes: string[];
  /** For a crash traceback: its header, file names trimmed like the groups'. */
  crash?: CrashInfo | null;
  /** Data race reports, file names trimmed. */
  races?: RaceReport[];
  /** `go run`'s `exit status N` trailer, when present. */
  exitStatus?: number | null;
}

/** States in which a goroutine is not blocked waiting for something. */
const NOT_WAITING = new Set(['running', 'runnable', 'syscall', 'dead', 'idle', 'copystack', 'preempted']);

/** True when the goroutine is blocked in a wait state (what the leak rule counts). */
export function isWaiting(g: DumpGoroutine): boolean {
  return !NOT_WAITING.has(g.state);
}

function countStates(gs: readonly DumpGoroutine[]): StateCount[] {
  const m = new Map<string, number>();
  for (const g of gs) m.set(g.state, (m.get(g.state) ?? 0) + 1);
  return [...m].map(([state, count]) => ({ state, count }))
    .sort((a, b) => b.count - a.count || (a.state < b.state ? -1 : a.state > b.state ? 1 : 0));
}

/** The grouping key: every frame's position, the elision mark and the creation site. */
function stackKey(g: DumpGoroutine, byState: boolean): string {
  const frames = g.frames.map((f) => `${f.function} ${f.file}:${f.line}${f.inlined ? ' inl' : ''}`).join('\n');
  const created = g.createdBy === null ? '' : `${g.createdBy.function} ${g.createdBy.file}:${g.createdBy.line}`;
  return `${frames}\n${g.framesElided ? '...\n' : ''}created by ${created}${byState ? `\nstate ${g.state}` : ''}`;
}

/** A group with the key it was grouped by (full paths), for comparing dumps. */
export interface KeyedGroup {
  key: string;
  group: GoroutineGroup;
}

/** Orders groups: crashed first, then count, longest wait, key. */
function compareKeyed(a: KeyedGroup, b: KeyedGroup): number {
  return Number(b.group.crashed) - Number(a.group.crashed) || b.group.count - a.group.count ||
    b.group.maxWaitMinutes - a.group.maxWaitMinutes || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Every frame (and creation site) of a dump, for prefix detection. */
function* allFrames(dump: GoroutineDump): Iterable<{ function: string; file: string }> {
  for (const g of dump.goroutines) {
    yield* g.frames;
    if (g.createdBy !== null) yield g.createdBy;
  }
  if (dump.crash) yield* dump.crash.runtimeStack;
  for (const r of dump.races ?? []) {
    for (const a of r.accesses) yield* a.frames;
    for (const g of r.goroutines) yield* g.createdAt;
  }
}

/** The prefixes cut from a dump's file names under these options. */
export function trimPrefixesFor(dump: GoroutineDump, options: GoroutineGroupOptions): string[] {
  const detected = options.fullPaths === true ? [] : detectGoPathPrefixes(allFrames(dump));
  return [...(options.trimPath ?? []), ...detected];
}

/** Filters, groups and orders a dump's goroutines; keys use full paths, frames in groups are trimmed. */
export function keyedGroups(dump: GoroutineDump, options: GoroutineGroupOptions, prefixes: readonly string[]): {
  kept: DumpGoroutine[]; groups: KeyedGroup[];
} {
  const byState = options.byState === true;
  const re = options.match === undefined ? null : compileRegex(options.match, '--match');
  const minWait = options.minWaitMinutes ?? 0;
  const leakMinCount = options.leakMinCount ?? DEFAULT_LEAK_MIN_COUNT;
  const leakMinWait = options.leakMinWaitMinutes ?? DEFAULT_LEAK_MIN_WAIT_MINUTES;
  const crashed = dump.crash?.goroutine ?? null;

  const kept = dump.goroutines.filter((g) =>
    (options.state === undefined || g.state === options.state) &&
    g.waitMinutes >= minWait &&
    (re === null || g.frames.some((f) => re.test(f.function) || re.test(`${f.file}:${f.line}`))));

  const byKey = new Map<string, DumpGoroutine[]>();
  for (const g of kept) {
    const key = stackKey(g, byState);
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [g]);
    else list.push(g);
  }
  const groups = [...byKey].map(([key, gs]) => ({ key, group: makeGroup(gs, leakMinCount, leakMinWait, prefixes, crashed) }));
  groups.sort(compareKeyed);
  return { kept, groups };
}

/** Filters and groups the goroutines of a dump. Throws PprofError 'bad-option' for a bad regex. */
export function groupGoroutines(dump: GoroutineDump, options: GoroutineGroupOptions = {}): GoroutineReport {
  const prefixes = trimPrefixesFor(dump, options);
  const { kept, groups: keyed } = keyedGroups(dump, options, prefixes);
  const groups = keyed.map((k) => k.group);
  const trimFrames = (fs: readonly DumpFrame[]): DumpFrame[] => fs.map((f) => ({ ...f, file: trimPath(f.file, prefixes) }));
  const report: GoroutineReport = {
    total: dump.goroutines.length,
    states: countStates(dump.goroutines),
    waiting: dump.goroutines.filter(isWaiting).length,
    shown: kept.length,
    groups,
    suspectedLeaks: groups.filter((g) => g.suspectedLeak).length,
    leakRule: {
      minCount: options.leakMinCount ?? DEFAULT_LEAK_MIN_COUNT,
      minWaitMinutes: options.leakMinWaitMinutes ?? DEFAULT_LEAK_MIN_WAIT_MINUTES,
    },
    warnings: [...dump.warnings],
    trimmedPrefixes: prefixes,
  };
  if (dump.crash) report.crash = { ...dump.crash, runtimeStack: trimFrames(dump.crash.runtimeStack) };
  if (dump.races) {
    report.races = dump.races.map((r) => ({
      ...r,
      accesses: r.accesses.map((a) => ({ ...a, frames: trimFrames(a.frames) })),
      goroutines: r.goroutines.map((g) => ({ ...g, createdAt: trimFrames(g.createdAt) })),
    }));
  }
  if (dump.exitStatus !== undefined) report.exitStatus = dump.exitStatus;
  return report;
}

function makeGroup(gs: readonly DumpGoroutine[], leakMinCount: number, leakMinWait: number,
  prefixes: readonly string[], crashed: number | null): GoroutineGroup {
  const first = gs[0]!;
  const waits = gs.map((g) => g.waitMinutes);
  const longBlocked = gs.filter((g) => isWaiting(g) && g.waitMinutes >= leakMinWait).length;
  return {
    count: gs.length,
    ids: gs.map((g) => g.id).sort((a, b) => a - b),
    states: countStates(gs),
    waiting: gs.filter(isWaiting).length,
    // reduce rather than Math.min(...waits): a group can hold more goroutines than the call stack allows arguments.
    minWaitMinutes: waits.reduce((a, b) => Math.min(a, b)),
    maxWaitMinutes: waits.reduce((a, b) => Math.max(a, b)),
    lockedToThread: gs.filter((g) => g.lockedToThread).length,
    frames: first.frames.map((f) => ({ function: f.function, file: trimPath(f.file, prefixes), line: f.line, inlined: f.inlined })),
    framesElided: first.framesElided,
    createdBy: first.createdBy === null ? null
      : { function: first.createdBy.function, file: trimPath(first.createdBy.file, prefixes), line: first.createdBy.line },
    suspectedLeak: longBlocked >= leakMinCount && longBlocked > 0,
    crashed: crashed !== null && gs.some((g) => g.id === crashed),
  };
}
