/**
 * Goroutine questions for assertions, on a debug=2 dump (states, waits,
 * groups; see src/query/goroutine-groups.ts) or on a goroutine profile
 * (counts only: a protobuf goroutine profile has no states or wait times).
 */

import type { GoroutineDump } from '../decode/text/goroutine-dump.js';
import { groupGoroutines, isWaiting, type GoroutineGroup, type GoroutineGroupOptions } from '../query/goroutine-groups.js';
import { compileRegex } from '../query/regex.js';

/** A goroutine dump prepared for assertions. */
export interface GoroutineInspector {
  /** Goroutines in the dump. */
  readonly total: number;
  /** Goroutines per state (`running`, `chan receive`, `select`...). */
  readonly states: Readonly<Record<string, number>>;
  /** Goroutines with a frame (function or `file:line`) matching `match` (a Go-syntax regex string or RegExp). */
  count(match?: string | RegExp): number;
  /** Groups by identical stack, most goroutines first (src/query/goroutine-groups.ts). */
  groups(options?: GoroutineGroupOptions): GoroutineGroup[];
  /** Groups with more than `maxCount` goroutines blocked (a waiting state) for at least `minutes`. */
  groupsWaiting(minutes: number, maxCount: number): GoroutineGroup[];
}

/** Prepares a goroutine dump (from `parseGoroutineDump` / `loadGoroutineDump`) for assertions. */
export function inspectGoroutines(dump: GoroutineDump): GoroutineInspector {
  const states: Record<string, number> = {};
  for (const g of dump.goroutines) states[g.state] = (states[g.state] ?? 0) + 1;
  return {
    total: dump.goroutines.length,
    states,
    count(match) {
      if (match === undefined) return dump.goroutines.length;
      const re = typeof match === 'string' ? compileRegex(match, 'match') : match;
      return dump.goroutines.filter((g) => g.frames.some((f) => {
        re.lastIndex = 0;
        if (re.test(f.function)) return true;
        re.lastIndex = 0;
        return re.test(`${f.file}:${f.line}`);
      })).length;
    },
    groups(options) {
      return groupGoroutines(dump, options).groups;
    },
    groupsWaiting(minutes, maxCount) {
      // Group only the goroutines blocked that long, so a group's count is exactly what the rule counts.
      const blocked = { ...dump, goroutines: dump.goroutines.filter((g) => isWaiting(g) && g.waitMinutes >= minutes) };
      return groupGoroutines(blocked).groups.filter((g) => g.count > maxCount);
    },
  };
}
