/**
 * Renders the comparison of two goroutine dumps (`compareGoroutines`) as the
 * text and JSON output of `pprof-ts goroutines --base OLD NEW`: totals, the
 * two-dump leak rule, then each stack whose count changed, largest growth
 * first. Unchanged stacks are counted, and listed with `all`.
 */

import type { GoroutineGrowthReport, GroupGrowth } from '../query/goroutine-growth.js';
import { bigintAsHex, groupStates, groupTitle, idList, plural, stackLines, stateList, trimNote } from './goroutines.js';

/** Text rendering options. */
export interface GrowthTextOptions {
  /** Also list the stacks whose count did not change. */
  all?: boolean;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function rowLines(row: GroupGrowth): string[] {
  const g = row.group;
  const flags = [g.lockedToThread > 0 && row.count > 0 ? `${g.lockedToThread} locked to thread` : '', row.suspectedLeak ? 'SUSPECTED LEAK' : '']
    .filter((f) => f !== '');
  const title = row.count === 0 ? `gone: ${plural(row.baseCount, 'goroutine')} [${groupStates(g.states)}] in the base dump, none in this one`
    : `${signed(row.growth)}: ${row.baseCount} -> ${groupTitle(g, row.count)}`;
  const out = [title + (flags.length > 0 ? `  ${flags.map((f) => `[${f}]`).join(' ')}` : ''), ...stackLines(g)];
  if (row.count > 0 && row.baseCount === 0) out.push(`    all new since the base dump; ids: ${idList(row.newIds)}`);
  else if (row.count > 0) {
    out.push(`    still there from the base dump: ${row.survivors} of ${row.baseCount}` +
      (row.newIds.length > 0 ? `; new ids: ${idList(row.newIds)}` : ''));
  }
  return out;
}

/** Renders the comparison as text. */
export function renderGrowthText(r: GoroutineGrowthReport, options: GrowthTextOptions = {}): string {
  const changed = r.groups.length - r.unchanged;
  const out = [
    `${r.baseTotal} -> ${plural(r.total, 'goroutine')} (${r.total === r.baseTotal ? 'no change' : signed(r.total - r.baseTotal)}) between the base dump and this one: ${stateList(r.states)}`,
    `${plural(changed, 'stack')} changed, ${r.unchanged} unchanged${options.all === true || r.unchanged === 0 ? '' : ' (not shown; --all lists them)'}; ` +
      `${plural(r.suspectedLeaks, 'suspected leak')} (blocked goroutines at one stack grew by >= ${r.leakRule.minGrowth})`,
    ...trimNote(r.trimmedPrefixes),
  ];
  for (const row of r.groups) {
    if (row.growth === 0 && options.all !== true) continue;
    out.push('', ...rowLines(row));
  }
  return out.join('\n') + '\n';
}

/** Renders the comparison as pretty-printed JSON (the report object itself). */
export function renderGrowthJson(r: GoroutineGrowthReport): string {
  return JSON.stringify(r, bigintAsHex, 2) + '\n';
}
