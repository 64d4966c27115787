/**
 * Evaluates a budget (./budget.ts) against profiles and goroutine dumps:
 * one result per rule and input it applies to. A rule applies to a profile
 * that has its sample type (any profile when it names none); goroutine rules
 * apply to debug=2 dumps (and `goroutines` also to goroutine profiles). A
 * rule that applies to no input, or whose selection matches nothing
 * (without allowMissing), is a budget error (PprofError 'bad-option'), never
 * a silent pass.
 */

import type { Profile } from '../model/profile.js';
import type { GoroutineDump } from '../decode/text/goroutine-dump.js';
import { PprofError, isPprofError } from '../errors.js';
import { inspect, shareOf, type ProfileInspector } from '../testing/inspect.js';
import { inspectGoroutines } from '../testing/goroutines.js';
import { limitInUnit } from '../testing/amount.js';
import { formatLabel } from '../report/units.js';
import { toSelectorOf, waitMinutes, type Budget, type BudgetRule } from './budget.js';

/** One input of a check: a profile or a goroutine dump, with the name it was given by. */
export type CheckInput =
  | { readonly name: string; readonly kind: 'profile'; readonly profile: Profile }
  | { readonly name: string; readonly kind: 'dump'; readonly dump: GoroutineDump };

/** One rule evaluated on one input. */
export interface RuleResult {
  readonly rule: string;
  readonly kind: BudgetRule['kind'];
  readonly input: string;
  readonly ok: boolean;
  /** The measured value, as a person reads it (`7.31%`, `230ms`, `512`). */
  readonly actual: string;
  /** The limit, as written. */
  readonly limit: string;
  /** Why it failed, with the top contributors; '' when ok. */
  readonly detail: string;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(2)}%`;
}

function fmt(v: bigint, unit: string): string {
  return formatLabel(Number(v), unit) || '0';
}

function top(ins: ProfileInspector, list: readonly { name: string; flat: bigint; flatShare: number }[]): string {
  return list.length === 0 ? '' : ' top: ' + list.map((c) => `${c.name} ${fmt(c.flat, ins.unit)} (${pct(c.flatShare)})`).join(', ');
}

function appliesTo(rule: BudgetRule, input: CheckInput): boolean {
  switch (rule.kind) {
    case 'goroutine-wait': return input.kind === 'dump';
    case 'goroutines':
      return input.kind === 'dump' || input.profile.sampleTypes.some((t) => t.type === (rule.sampleType ?? 'goroutine'));
    case 'share': case 'value': case 'total': case 'new-functions':
      return input.kind === 'profile' && (rule.sampleType === undefined || input.profile.sampleTypes.some((t) => t.type === rule.sampleType));
  }
}

/** Evaluates every rule on every input it applies to. `baselines` maps a new-functions rule's baseline path to its profile. */
export function evaluateBudget(budget: Budget, inputs: readonly CheckInput[], baselines: ReadonlyMap<string, Profile> = new Map()): RuleResult[] {
  const results: RuleResult[] = [];
  for (const rule of budget.rules) {
    const targets = inputs.filter((i) => appliesTo(rule, i));
    if (targets.length === 0) {
      const what = rule.kind === 'goroutine-wait' ? 'a goroutine dump (goroutine?debug=2)'
        : rule.kind === 'goroutines' ? 'a goroutine dump or goroutine profile'
          : rule.sampleType !== undefined ? `a profile with sample type "${rule.sampleType}"` : 'a profile';
      throw new PprofError('bad-option', `budget rule "${rule.name}": applies to none of the inputs (needs ${what})`);
    }
    for (const input of targets) {
      try {
        results.push(evaluateRule(rule, input, baselines));
      } catch (e) {
        if (isPprofError(e)) throw new PprofError('bad-option', `budget rule "${rule.name}" on ${input.name}: ${e.message}`, { cause: e });
        throw e;
      }
    }
  }
  return results;
}

function evaluateRule(rule: BudgetRule, input: CheckInput, baselines: ReadonlyMap<string, Profile>): RuleResult {
  const base = { rule: rule.name, kind: rule.kind, input: input.name };
  if (input.kind === 'dump') {
    const g = inspectGoroutines(input.dump);
    if (rule.kind === 'goroutines') {
      const ok = g.total <= rule.max;
      const groups = g.groups().slice(0, 5).map((gr) => `${gr.count} x ${gr.frames[0]?.function ?? '?'}`).join(', ');
      return { ...base, ok, actual: String(g.total), limit: `<= ${rule.max}`, detail: ok ? '' : `largest groups: ${groups}` };
    }
    if (rule.kind === 'goroutine-wait') {
      const minutes = waitMinutes(rule.minWait, 'minWait');
      const bad = g.groupsWaiting(minutes, rule.maxGroup);
      const worst = bad[0]?.count ?? Math.max(0, ...g.groupsWaiting(minutes, -1).map((x) => x.count));
      return {
        ...base, ok: bad.length === 0, actual: `${worst} blocked >= ${rule.minWait} in one group`, limit: `<= ${rule.maxGroup}`,
        detail: bad.slice(0, 5).map((x) => `${x.count} x ${x.frames[0]?.function ?? '?'} [${x.states.map((s) => s.state).join(', ')}]` +
          (x.createdBy ? ` created by ${x.createdBy.function}` : '')).join('; '),
      };
    }
    throw new PprofError('bad-option', `a ${rule.kind} rule cannot read a goroutine dump`);
  }
  const ins = inspect(input.profile, { sampleType: rule.kind === 'goroutines' ? rule.sampleType ?? 'goroutine' : rule.sampleType });
  switch (rule.kind) {
    case 'share': {
      const sel = ins.select(toSelectorOf(rule.select), { allowMissing: rule.allowMissing });
      const share = sel.share(rule.metric);
      const ok = share <= rule.max;
      return { ...base, ok, actual: `${rule.metric} ${pct(share)}`, limit: `<= ${pct(rule.max)}`, detail: ok ? '' : `${sel.description}:${top(ins, sel.contributors(rule.metric))}` };
    }
    case 'value': {
      const sel = ins.select(toSelectorOf(rule.select), { allowMissing: rule.allowMissing });
      const v = sel.value(rule.metric);
      const max = limitInUnit(rule.max, ins.unit, 'max');
      const ok = Math.abs(Number(v)) <= max;
      return { ...base, ok, actual: `${rule.metric} ${fmt(v, ins.unit)}`, limit: `<= ${String(rule.max)}`, detail: ok ? '' : `${sel.description}:${top(ins, sel.contributors(rule.metric))}` };
    }
    case 'total': {
      const max = limitInUnit(rule.max, ins.unit, 'max');
      const ok = Number(ins.total) <= max;
      return { ...base, ok, actual: fmt(ins.total, ins.unit), limit: `<= ${String(rule.max)}`, detail: ok ? '' : top(ins, ins.hottest(5)).trim() };
    }
    case 'goroutines': {
      const ok = Number(ins.total) <= rule.max;
      return { ...base, ok, actual: String(ins.total), limit: `<= ${rule.max}`, detail: ok ? '' : top(ins, ins.hottest(5)).trim() };
    }
    case 'new-functions': {
      const baseline = baselines.get(rule.baseline);
      if (baseline === undefined) throw new PprofError('bad-option', `baseline ${rule.baseline} was not loaded`);
      const old = inspect(baseline, { sampleType: rule.sampleType });
      // Known = anywhere in the baseline's stacks: a function that only moved from cum to flat is not new.
      const known = new Set(old.functions().map((f) => f.name));
      const fresh = ins.functions()
        .map((f) => ({ name: f.name, v: rule.metric === 'flat' ? f.flat : f.cum }))
        .filter((f) => !known.has(f.name) && shareOf(f.v, ins.total) > rule.maxShare)
        .sort((a, b) => (a.v > b.v ? -1 : a.v < b.v ? 1 : a.name < b.name ? -1 : 1));
      const worst = fresh[0];
      return {
        ...base, ok: fresh.length === 0,
        actual: worst === undefined ? 'none above the limit' : `${fresh.length} new, largest ${worst.name} ${pct(shareOf(worst.v, ins.total))}`,
        limit: `new ${rule.metric} <= ${pct(rule.maxShare)}`,
        detail: fresh.slice(0, 5).map((f) => `${f.name} ${fmt(f.v, ins.unit)} (${pct(shareOf(f.v, ins.total))})`).join(', '),
      };
    }
    case 'goroutine-wait':
      throw new PprofError('bad-option', 'a goroutine-wait rule needs a goroutine dump (goroutine?debug=2)');
  }
}
