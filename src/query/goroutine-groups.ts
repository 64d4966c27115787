/**
 * Groups the goroutines of a dump by identical stack (function, file and
 * line of every frame, plus the `created by` site), optionally also by
 * state, and flags groups that look like leaks.
 *
 * Leak rule: a group is a suspected leak when at least `leakMinCount` of its
 * goroutines have been blocked for at least `leakMinWaitMinutes` (a waiting
 * state such as `chan receive` or `semacquire`, not running, runnable or in a
 * syscall). Many goroutines parked for a long time at one code site is the
 * usual signature of a leak: each started for a request or connection and
 * waiting for a message that will never come. The thresholds are options
 * because "many" and "long" depend on the daemon.
 */

import type { DumpCreatedBy, DumpGoroutine, GoroutineDump } from '../decode/text/goroutine-dump.js';
import { compileRegex } from './regex.js';

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
}

/** The analysis of a dump: summary, groups and any warnings from reading it. */
export interface GoroutineReport {
  /** Goroutines in the dump. */
  total: number;
  /** All goroutines of the dump per state, most first (ties by name). */
  states: StateCount[];
  /** Goroutines left after the filters. */
  shown: number;
  /** Groups, most goroutines first; ties by longest wait, then by stack text. */
  groups: GoroutineGroup[];
  /** Number of groups flagged as suspected leaks. */
  suspectedLeaks: number;
  /** The leak thresholds applied. */
  leakRule: { minCount: number; minWaitMinutes: number };
  /** Warnings from reading the dump (for example a cut at the end). */
  warnings: string[];
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

/** Filters and groups the goroutines of a dump. Throws PprofError 'bad-option' for a bad regex. */
export function groupGoroutines(dump: GoroutineDump, options: GoroutineGroupOptions = {}): GoroutineReport {
  const byState = options.byState === true;
  const re = options.match === undefined ? null : compileRegex(options.match, '--match');
  const minWait = options.minWaitMinutes ?? 0;
  const leakMinCount = options.leakMinCount ?? DEFAULT_LEAK_MIN_COUNT;
  const leakMinWait = options.leakMinWaitMinutes ?? DEFAULT_LEAK_MIN_WAIT_MINUTES;

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

  const keyed = [...byKey].map(([key, gs]) => ({ key, group: makeGroup(gs, leakMinCount, leakMinWait) }));
  keyed.sort((a, b) => b.group.count - a.group.count || b.group.maxWaitMinutes - a.group.maxWaitMinutes ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const groups = keyed.map((k) => k.group);
  return {
    total: dump.goroutines.length,
    states: countStates(dump.goroutines),
    shown: kept.length,
    groups,
    suspectedLeaks: groups.filter((g) => g.suspectedLeak).length,
    leakRule: { minCount: leakMinCount, minWaitMinutes: leakMinWait },
    warnings: [...dump.warnings],
  };
}

function makeGroup(gs: readonly DumpGoroutine[], leakMinCount: number, leakMinWait: number): GoroutineGroup {
  const first = gs[0]!;
  const waits = gs.map((g) => g.waitMinutes);
  const longBlocked = gs.filter((g) => isWaiting(g) && g.waitMinutes >= leakMinWait).length;
  return {
    count: gs.length,
    ids: gs.map((g) => g.id).sort((a, b) => a - b),
    states: countStates(gs),
    // reduce rather than Math.min(...waits): a group can hold more goroutines than the call stack allows arguments.
    minWaitMinutes: waits.reduce((a, b) => Math.min(a, b)),
    maxWaitMinutes: waits.reduce((a, b) => Math.max(a, b)),
    lockedToThread: gs.filter((g) => g.lockedToThread).length,
    frames: first.frames.map((f) => ({ function: f.function, file: f.file, line: f.line, inlined: f.inlined })),
    framesElided: first.framesElided,
    createdBy: first.createdBy === null ? null
      : { function: first.createdBy.function, file: first.createdBy.file, line: first.createdBy.line },
    suspectedLeak: longBlocked >= leakMinCount && longBlocked > 0,
  };
}
