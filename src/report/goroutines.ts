/**
 * Renders a goroutine report (`groupGoroutines`) as the text and JSON
 * output of `pprof-ts goroutines`. Output depends only on the report, so
 * the same dump and options always print the same bytes.
 */

import type { GoroutineGroup, GoroutineReport, StateCount } from '../query/goroutine-groups.js';

/** At most this many goroutine ids are listed per group in text output. */
const MAX_IDS = 10;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function states(list: readonly StateCount[]): string {
  return list.map((s) => `${s.count} ${s.state}`).join(', ');
}

/** A group's states: just the name when all share one, else counts per state. */
function groupStates(list: readonly StateCount[]): string {
  return list.length === 1 ? list[0]!.state : states(list);
}

function minutes(m: number): string {
  return m === 0 ? '<1m' : `${m}m`;
}

function waitRange(g: GoroutineGroup): string {
  return g.minWaitMinutes === g.maxWaitMinutes ? minutes(g.maxWaitMinutes)
    : `${minutes(g.minWaitMinutes)} to ${minutes(g.maxWaitMinutes)}`;
}

/** The summary lines: totals per state, groups shown, suspected leaks. */
export function goroutineSummaryLines(r: GoroutineReport): string[] {
  const rule = `>= ${r.leakRule.minCount} goroutines blocked >= ${minutes(r.leakRule.minWaitMinutes)} at one stack`;
  return [
    `${plural(r.total, 'goroutine')}: ${states(r.states)}`,
    `${plural(r.groups.length, 'group')} of ${plural(r.shown, 'goroutine')} shown; ` +
      `${plural(r.suspectedLeaks, 'suspected leak')} (${rule})`,
  ];
}

/** Renders the report as text: summary, then one block per group. */
export function renderGoroutinesText(r: GoroutineReport): string {
  const out = goroutineSummaryLines(r);
  for (const g of r.groups) {
    out.push('');
    const flags = [
      g.lockedToThread > 0 ? `${g.lockedToThread} locked to thread` : '',
      g.suspectedLeak ? 'SUSPECTED LEAK' : '',
    ].filter((f) => f !== '');
    out.push(`${plural(g.count, 'goroutine')} [${groupStates(g.states)}] waiting ${waitRange(g)}` +
      (flags.length > 0 ? `  ${flags.map((f) => `[${f}]`).join(' ')}` : ''));
    for (const f of g.frames) {
      out.push(`    ${f.function}${f.inlined ? ' (inline)' : ''}`);
      out.push(`        ${f.file}:${f.line}`);
    }
    if (g.framesElided) out.push('    ...additional frames elided...');
    if (g.createdBy !== null) {
      out.push(`    created by ${g.createdBy.function}`);
      out.push(`        ${g.createdBy.file}:${g.createdBy.line}`);
    }
    const ids = g.ids.slice(0, MAX_IDS).join(' ');
    out.push(`    ids: ${ids}${g.ids.length > MAX_IDS ? ` ... (${g.ids.length - MAX_IDS} more)` : ''}`);
  }
  return out.join('\n') + '\n';
}

/** Renders the report as pretty-printed JSON (the report object itself). */
export function renderGoroutinesJson(r: GoroutineReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}
