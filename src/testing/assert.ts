/**
 * Assertion helpers over {@link inspect}: each throws node's `AssertionError`
 * (so node:test, Jest, Vitest and Mocha report it the same way) with a
 * message a person can act on: the measured value, the limit, and the five
 * largest contributors. A selector that matches nothing throws PprofError
 * 'no-match' with the closest names instead of passing with 0%.
 */

import { AssertionError } from 'node:assert';
import type { Profile } from '../model/profile.js';
import type { GoroutineDump } from '../decode/text/goroutine-dump.js';
import { formatLabel } from '../report/units.js';
import { limitInUnit } from './amount.js';
import { inspect, ProfileInspector, type FunctionStat, type InspectOptions, type Metric, type Selection } from './inspect.js';
import { inspectGoroutines } from './goroutines.js';
import type { SelectorInput } from './select.js';
import { PprofError } from '../errors.js';

/** A profile or an already prepared inspector. */
export type Inspectable = Profile | ProfileInspector;

/** Options of the share and value assertions. */
export interface AssertOptions extends InspectOptions {
  /** flat (default) or cum. */
  metric?: Metric;
  /** A selector that matches nothing counts as 0 instead of throwing 'no-match'. */
  allowMissing?: boolean;
  /** Extra text prepended to the failure message. */
  message?: string;
}

function toInspector(p: Inspectable, options: InspectOptions): ProfileInspector {
  if (p instanceof ProfileInspector) return p;
  return inspect(p, options);
}

function pct(share: number): string {
  return `${(100 * share).toFixed(2)}%`;
}

function fmt(v: bigint, unit: string): string {
  return formatLabel(Number(v), unit) || '0';
}

function contributorLines(list: readonly FunctionStat[], unit: string): string {
  if (list.length === 0) return '\nTop contributors: none (no samples)';
  return '\nTop contributors:' + list.map((c, i) =>
    `\n  ${i + 1}. ${c.name}  ${fmt(c.flat, unit)} (${pct(c.flatShare)})`).join('');
}

function fail(message: string, actual: unknown, expected: unknown, operator: string, prefix?: string): never {
  throw new AssertionError({ message: (prefix ? `${prefix}: ` : '') + message, actual, expected, operator });
}

function selectionText(sel: Selection, metric: Metric, sampleType: string): string {
  return `${metric} of ${sel.description} (${sampleType})`;
}

/** Asserts that a selection's flat (or cum) share of the total is at most `max` (a number in [0, 1]). */
export function assertShareAtMost(p: Inspectable, selector: SelectorInput, max: number, options: AssertOptions = {}): Selection {
  if (!(max >= 0 && max <= 1)) throw new PprofError('bad-option', `share limit must be in [0, 1], got ${max}`);
  const ins = toInspector(p, options);
  const metric = options.metric ?? 'flat';
  const sel = ins.select(selector, { allowMissing: options.allowMissing });
  const share = sel.share(metric);
  if (share > max) {
    fail(`${selectionText(sel, metric, ins.sampleType.type)} is ${pct(share)} of the total, above the limit of ${pct(max)} ` +
      `(${fmt(sel.value(metric), ins.unit)} of ${fmt(ins.total, ins.unit)})` + contributorLines(sel.contributors(metric), ins.unit),
    share, max, '<=', options.message);
  }
  return sel;
}

/** Asserts that a selection's flat (or cum) share is at least `min` (a number in [0, 1]). */
export function assertShareAtLeast(p: Inspectable, selector: SelectorInput, min: number, options: AssertOptions = {}): Selection {
  if (!(min >= 0 && min <= 1)) throw new PprofError('bad-option', `share limit must be in [0, 1], got ${min}`);
  const ins = toInspector(p, options);
  const metric = options.metric ?? 'flat';
  const sel = ins.select(selector, { allowMissing: options.allowMissing });
  const share = sel.share(metric);
  if (share < min) {
    fail(`${selectionText(sel, metric, ins.sampleType.type)} is ${pct(share)} of the total, below the minimum of ${pct(min)} ` +
      `(${fmt(sel.value(metric), ins.unit)} of ${fmt(ins.total, ins.unit)})` + contributorLines(ins.hottest(5), ins.unit),
    share, min, '>=', options.message);
  }
  return sel;
}

/**
 * Asserts that a selection's flat (or cum) value is at most `limit`: an amount
 * with a unit (`'200ms'`, `'64MB'`) or a plain number / bigint in the sample unit.
 */
export function assertValueAtMost(p: Inspectable, selector: SelectorInput, limit: string | number | bigint, options: AssertOptions = {}): Selection {
  const ins = toInspector(p, options);
  const metric = options.metric ?? 'flat';
  const sel = ins.select(selector, { allowMissing: options.allowMissing });
  const v = sel.value(metric);
  const mag = v < 0n ? -v : v;
  // A bigint limit is compared exactly; an amount is converted to the sample unit first.
  if (typeof limit === 'bigint' ? mag > limit : Number(mag) > limitInUnit(limit, ins.unit, 'limit')) {
    fail(`${selectionText(sel, metric, ins.sampleType.type)} is ${fmt(v, ins.unit)} (${pct(sel.share(metric))}), ` +
      `above the limit of ${String(limit)}` + contributorLines(sel.contributors(metric), ins.unit),
    v, limit, '<=', options.message);
  }
  return sel;
}

/** Asserts that the profile's total (sum of |values|) is at most `limit` (`'200ms'`, `'64MB'`, or a number in the sample unit). */
export function assertTotalAtMost(p: Inspectable, limit: string | number | bigint, options: Omit<AssertOptions, 'metric' | 'allowMissing'> = {}): bigint {
  const ins = toInspector(p, options);
  if (typeof limit === 'bigint' ? ins.total > limit : Number(ins.total) > limitInUnit(limit, ins.unit, 'limit')) {
    fail(`total ${ins.sampleType.type} is ${fmt(ins.total, ins.unit)}, above the limit of ${String(limit)}` +
      contributorLines(ins.hottest(5), ins.unit), ins.total, limit, '<=', options.message);
  }
  return ins.total;
}

/** Asserts that no sample has a frame of the selection (absence is expected, so a name that matches nothing passes). */
export function assertAbsent(p: Inspectable, selector: SelectorInput, options: Omit<AssertOptions, 'metric' | 'allowMissing'> = {}): void {
  const ins = toInspector(p, options);
  const sel = ins.select(selector, { allowMissing: true });
  if (sel.samples > 0) {
    fail(`expected no samples with ${sel.description} (${ins.sampleType.type}), found ${sel.samples} ` +
      `worth ${fmt(sel.cum, ins.unit)} (${pct(sel.cumShare)})` + contributorLines(sel.contributors('cum'), ins.unit),
    sel.cum, 0n, '==', options.message);
  }
}

/** Asserts that a dump (or a goroutine profile's total count) has at most `max` goroutines. */
export function assertGoroutinesAtMost(input: GoroutineDump | Inspectable, max: number, options: { message?: string } = {}): number {
  let count: number;
  let detail = '';
  if ('goroutines' in input) {
    const g = inspectGoroutines(input);
    count = g.total;
    detail = '\nLargest groups:' + g.groups().slice(0, 5).map((gr, i) =>
      `\n  ${i + 1}. ${gr.count} x ${gr.frames[0]?.function ?? '?'} [${gr.states.map((s) => s.state).join(', ')}]`).join('');
  } else {
    const ins = toInspector(input, {});
    count = Number(ins.total);
    detail = contributorLines(ins.hottest(5, 'flat'), ins.unit);
  }
  if (count > max) fail(`${count} goroutines, above the limit of ${max}` + detail, count, max, '<=', options.message);
  return count;
}

/** Asserts that no group of identical stacks has more than `maxCount` goroutines blocked for at least `minutes`. */
export function assertNoGoroutinesWaiting(dump: GoroutineDump, maxCount: number, minutes: number, options: { message?: string } = {}): void {
  const bad = inspectGoroutines(dump).groupsWaiting(minutes, maxCount);
  if (bad.length > 0) {
    fail(`${bad.length} goroutine group(s) have more than ${maxCount} goroutines blocked for >= ${minutes} min:` +
      bad.slice(0, 5).map((g, i) => `\n  ${i + 1}. ${g.count} x ${g.frames[0]?.function ?? '?'} [${g.states.map((s) => s.state).join(', ')}], ` +
        `up to ${g.maxWaitMinutes} min` + (g.createdBy ? `, created by ${g.createdBy.function}` : '')).join(''),
    bad.map((g) => g.count), maxCount, '<=', options.message);
  }
}
