/**
 * Renders a goroutine report (`groupGoroutines`) as the text and JSON
 * output of `pprof-ts goroutines`. Output depends only on the report, so
 * the same dump and options always print the same bytes. Only goroutines in
 * a wait state are called blocked; running, runnable and syscall ones are
 * shown by state alone.
 */

import type { CrashInfo, DumpFrame, RaceReport } from '../decode/text/goroutine-dump.js';
import type { GoroutineGroup, GoroutineReport, StateCount } from '../query/goroutine-groups.js';

/** At most this many goroutine ids are listed per group in text output. */
export const MAX_IDS = 10;

/** `n word(s)`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `3 chan receive, 1 running`. */
export function stateList(list: readonly StateCount[]): string {
  return list.map((s) => `${s.count} ${s.state}`).join(', ');
}

/** A group's states: just the name when all share one, else counts per state. */
export function groupStates(list: readonly StateCount[]): string {
  return list.length === 1 ? list[0]!.state : stateList(list);
}

function minutes(m: number): string {
  return m === 0 ? '<1m' : `${m}m`;
}

/** How long the group's blocked goroutines have waited; empty when none is blocked. */
function blockedText(g: GoroutineGroup): string {
  if (g.waiting === 0) return '';
  const range = g.minWaitMinutes === g.maxWaitMinutes ? minutes(g.maxWaitMinutes)
    : `${minutes(g.minWaitMinutes)} to ${minutes(g.maxWaitMinutes)}`;
  return g.waiting === g.count ? ` blocked ${range}` : ` ${g.waiting} blocked ${range}`;
}

/** `ids: 1 2 3 ... (n more)`. */
export function idList(ids: readonly number[]): string {
  return `${ids.slice(0, MAX_IDS).join(' ')}${ids.length > MAX_IDS ? ` ... (${ids.length - MAX_IDS} more)` : ''}`;
}

/** The title line of a group (count, states, blocked time) and its stack lines, indented by four. */
export function groupTitle(g: GoroutineGroup, count = g.count): string {
  return `${plural(count, 'goroutine')} [${groupStates(g.states)}]${blockedText(g)}`;
}

/** A group's stack: frames, elision mark and creation site. */
export function stackLines(g: GoroutineGroup): string[] {
  const out: string[] = [];
  for (const f of g.frames) {
    out.push(`    ${f.function}${f.inlined ? ' (inline)' : ''}`);
    out.push(`        ${f.file}:${f.line}`);
  }
  if (g.framesElided) out.push('    ...additional frames elided...');
  if (g.frames.length === 0) out.push('    (stack unavailable: running on another thread)');
  if (g.createdBy !== null) {
    out.push(`    created by ${g.createdBy.function}`);
    out.push(`        ${g.createdBy.file}:${g.createdBy.line}`);
  }
  return out;
}

/** The note saying which prefixes were cut from file names (none: no line). */
export function trimNote(prefixes: readonly string[]): string[] {
  return prefixes.length === 0 ? [] : [`file names shown without ${prefixes.join(', ')} (--full-paths keeps them)`];
}

/** The summary lines: totals per state, groups shown, suspected leaks. */
export function goroutineSummaryLines(r: GoroutineReport): string[] {
  const rule = `>= ${r.leakRule.minCount} goroutines blocked >= ${minutes(r.leakRule.minWaitMinutes)} at one stack`;
  return [
    `${plural(r.total, 'goroutine')} (${r.waiting} blocked): ${stateList(r.states)}`,
    `${plural(r.groups.length, 'group')} of ${plural(r.shown, 'goroutine')} shown; ` +
      `${plural(r.suspectedLeaks, 'suspected leak')} (${rule}; compare two dumps with --base to see a leak grow)`,
  ];
}

function frameLines(frames: readonly DumpFrame[], indent: string): string[] {
  return frames.flatMap((f) => [`${indent}${f.function}${f.inlined ? ' (inline)' : ''}`, `${indent}    ${f.file}:${f.line}`]);
}

/** The crash header as Go printed it (notes, panic chain, signal), then which goroutine crashed and the runtime stack. */
export function crashLines(c: CrashInfo, exitStatus: number | null | undefined): string[] {
  const out = [...c.runtimeNotes];
  if (c.kind === 'fatal-error') out.push(`fatal error: ${c.message}`);
  if (c.kind === 'signal') out.push(c.message);
  c.panics.forEach((p, i) => out.push(`${i === 0 ? '' : '\t'}panic: ${p.message}${p.recovered ? ' [recovered]' : ''}`));
  if (c.signal !== null) out.push(c.kind === 'signal' ? c.signal : `[signal ${c.signal}]`);
  out.push(c.goroutine === null ? 'no goroutine was running at the crash'
    : `crashed in goroutine ${c.goroutine} (its group is listed first, marked [CRASHED])`);
  if (exitStatus !== null && exitStatus !== undefined) out.push(`exit status ${exitStatus}`);
  if (c.runtimeStack.length > 0) out.push('', 'runtime stack:', ...frameLines(c.runtimeStack, '    '));
  return out;
}

/** Each race report: its accesses and the goroutines' creation sites. */
export function raceLines(races: readonly RaceReport[]): string[] {
  const out: string[] = [];
  races.forEach((r, i) => {
    out.push(`DATA RACE ${i + 1} of ${races.length} (line ${r.lineNumber})`);
    for (const a of r.accesses) {
      out.push(`  ${a.access} at ${a.address} by ${a.goroutine === null ? 'main goroutine' : `goroutine ${a.goroutine}`}:`);
      out.push(...frameLines(a.frames, '    '));
    }
    for (const g of r.goroutines) {
      out.push(`  goroutine ${g.id} (${g.status}) created at:`);
      out.push(...frameLines(g.createdAt, '    '));
    }
    out.push('');
  });
  return out;
}

/** Renders the report as text: crash header or races if any, summary, then one block per group. */
export function renderGoroutinesText(r: GoroutineReport): string {
  const out: string[] = [];
  if (r.crash) out.push(...crashLines(r.crash, r.exitStatus), '');
  if (r.races && r.races.length > 0) {
    out.push(...raceLines(r.races));
    if (!r.crash && r.exitStatus !== null && r.exitStatus !== undefined) out.push(`exit status ${r.exitStatus}`, '');
    if (r.total === 0) return out.join('\n').replace(/\n+$/, '') + '\n';
  }
  out.push(...goroutineSummaryLines(r), ...trimNote(r.trimmedPrefixes));
  for (const g of r.groups) {
    out.push('');
    const flags = [
      g.crashed ? 'CRASHED' : '',
      g.lockedToThread > 0 ? `${g.lockedToThread} locked to thread` : '',
      g.suspectedLeak ? 'SUSPECTED LEAK' : '',
    ].filter((f) => f !== '');
    out.push(groupTitle(g) + (flags.length > 0 ? `  ${flags.map((f) => `[${f}]`).join(' ')}` : ''));
    out.push(...stackLines(g));
    out.push(`    ids: ${idList(g.ids)}`);
  }
  return out.join('\n') + '\n';
}

/** Renders the report as pretty-printed JSON (the report object itself; pc offsets as hex strings). */
export function renderGoroutinesJson(r: GoroutineReport): string {
  return JSON.stringify(r, bigintAsHex, 2) + '\n';
}

/** JSON has no bigint: pc offsets (crash and race frames) are written as `0x...` strings. */
export function bigintAsHex(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `0x${value.toString(16)}` : value;
}
