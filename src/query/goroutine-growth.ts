/**
 * Compares two goroutine dumps of one process taken some seconds apart
 * (`pprof-ts goroutines --base OLD NEW`): the same stack grouping as one
 * dump (goroutine-groups.ts), matched by stack, with the growth of each
 * group. Goroutine ids are never reused within a process, so ids present in
 * both dumps are the same goroutines, still there.
 *
 * Leak rule (two dumps): a group is a suspected leak when its blocked
 * goroutines (wait states; not running, runnable or in a syscall) grew by at
 * least `leakMinGrowth` between the dumps. A leak that adds goroutines at
 * one stack is then visible within seconds, long before any of them has
 * waited the minutes the single-dump rule asks for.
 */

import type { GoroutineDump } from '../decode/text/goroutine-dump.js';
import {
  keyedGroups, trimPrefixesFor,
  type GoroutineGroup, type GoroutineGroupOptions, type KeyedGroup, type StateCount,
} from './goroutine-groups.js';

/** Default minimum growth, in blocked goroutines, for the two-dump leak rule. */
export const DEFAULT_LEAK_MIN_GROWTH = 10;

/** Options of a comparison: the grouping options, applied to both dumps, plus the growth threshold. */
export interface GoroutineGrowthOptions extends GoroutineGroupOptions {
  /** Leak rule: blocked goroutines of one group grew by at least this many (default 10). */
  leakMinGrowth?: number;
}

/** One stack's change between the two dumps. */
export interface GroupGrowth {
  /** The group in the newer dump (or, for a group that vanished, in the older one, with `count` 0 below). */
  group: GoroutineGroup;
  /** Goroutines at this stack in the older dump. */
  baseCount: number;
  /** Goroutines at this stack in the newer dump. */
  count: number;
  /** count - baseCount. */
  growth: number;
  /** Growth of the blocked (waiting) goroutines only: what the leak rule looks at. */
  waitingGrowth: number;
  /** Goroutines of the newer dump's group whose id was in the older dump's group (still there). */
  survivors: number;
  /** Ids in the newer group that were not in the older one, ascending. */
  newIds: number[];
  /** True when the group meets the two-dump leak rule. */
  suspectedLeak: boolean;
}

/** The comparison of two dumps. */
export interface GoroutineGrowthReport {
  /** Goroutines in the older and the newer dump. */
  baseTotal: number;
  total: number;
  /** States of all goroutines in the newer dump, most first. */
  states: StateCount[];
  /** Every stack seen in either dump (after filters): largest growth first, then most goroutines, then stack text. */
  groups: GroupGrowth[];
  /** Groups whose count did not change. */
  unchanged: number;
  suspectedLeaks: number;
  leakRule: { minGrowth: number };
  /** Reading warnings, each prefixed with `base:` or `new:`. */
  warnings: string[];
  /** Prefixes cut from file names. */
  trimmedPrefixes: string[];
}

function countStates(dump: GoroutineDump): StateCount[] {
  const m = new Map<string, number>();
  for (const g of dump.goroutines) m.set(g.state, (m.get(g.state) ?? 0) + 1);
  return [...m].map(([state, count]) => ({ state, count }))
    .sort((a, b) => b.count - a.count || (a.state < b.state ? -1 : a.state > b.state ? 1 : 0));
}

/** Compares two dumps of one process, older first. Throws PprofError 'bad-option' for a bad regex. */
export function compareGoroutines(base: GoroutineDump, current: GoroutineDump, options: GoroutineGrowthOptions = {}): GoroutineGrowthReport {
  const minGrowth = options.leakMinGrowth ?? DEFAULT_LEAK_MIN_GROWTH;
  // One prefix list for both, so equal stacks print equally.
  const prefixes = [...new Set([...trimPrefixesFor(base, options), ...trimPrefixesFor(current, options)])];
  const old = new Map<string, KeyedGroup>(keyedGroups(base, options, prefixes).groups.map((k) => [k.key, k]));
  const now = keyedGroups(current, options, prefixes).groups;
  const rows: { key: string; row: GroupGrowth }[] = [];
  for (const { key, group } of now) {
    const before = old.get(key)?.group;
    old.delete(key);
    const baseIds = new Set(before?.ids ?? []);
    const newIds = group.ids.filter((id) => !baseIds.has(id));
    const waitingGrowth = group.waiting - (before?.waiting ?? 0);
    rows.push({
      key,
      row: {
        group, baseCount: before?.count ?? 0, count: group.count, growth: group.count - (before?.count ?? 0),
        waitingGrowth, survivors: group.count - newIds.length, newIds, suspectedLeak: waitingGrowth >= minGrowth,
      },
    });
  }
  for (const [key, { group }] of old) {
    rows.push({
      key,
      row: {
        group, baseCount: group.count, count: 0, growth: -group.count, waitingGrowth: -group.waiting,
        survivors: 0, newIds: [], suspectedLeak: false,
      },
    });
  }
  rows.sort((a, b) => b.row.growth - a.row.growth || b.row.count - a.row.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const groups = rows.map((r) => r.row);
  return {
    baseTotal: base.goroutines.length,
    total: current.goroutines.length,
    states: countStates(current),
    groups,
    unchanged: groups.filter((g) => g.growth === 0).length,
    suspectedLeaks: groups.filter((g) => g.suspectedLeak).length,
    leakRule: { minGrowth },
    warnings: [...base.warnings.map((w) => `base: ${w}`), ...current.warnings.map((w) => `new: ${w}`)],
    trimmedPrefixes: prefixes,
  };
}
