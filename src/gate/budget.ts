/**
 * The budget file of `pprof-ts check` (JSON; schema in
 * schema/pprof-budget.schema.json, shipped in the package): parsed and
 * validated here by hand so every error names the rule (number and name)
 * and the field. YAML is not accepted: JSON only, no extra parser.
 */

import { PprofError } from '../errors.js';
import { parseAmount } from '../testing/amount.js';
import { compileRegex } from '../query/regex.js';
import type { Metric } from '../testing/inspect.js';
import type { Selector } from '../testing/select.js';

/** Rule kinds of a budget. */
export type RuleKind = 'share' | 'value' | 'total' | 'goroutines' | 'goroutine-wait' | 'new-functions';

/** All rule kinds, for validation and the schema test. */
export const RULE_KINDS: readonly RuleKind[] = ['share', 'value', 'total', 'goroutines', 'goroutine-wait', 'new-functions'];

/** A selection as written in a budget file. */
export interface BudgetSelect {
  function?: string;
  functionRegex?: string;
  package?: string;
  file?: string;
  label?: Record<string, string>;
}

interface RuleBase {
  /** Shown in every result and error; default `rule N`. */
  name: string;
  /** Sample type the rule reads (`cpu`, `alloc_space`...); default each profile's default. */
  sampleType?: string;
}

/** A validated rule. */
export type BudgetRule = RuleBase & (
  | { kind: 'share'; select: BudgetSelect; metric: Metric; max: number; allowMissing: boolean }
  | { kind: 'value'; select: BudgetSelect; metric: Metric; max: string | number; allowMissing: boolean }
  | { kind: 'total'; max: string | number }
  | { kind: 'goroutines'; max: number }
  | { kind: 'goroutine-wait'; maxGroup: number; minWait: string }
  | { kind: 'new-functions'; baseline: string; metric: Metric; maxShare: number }
);

/** A validated budget. */
export interface Budget {
  readonly rules: readonly BudgetRule[];
}

const COMMON = ['name', 'kind', 'sampleType'];
const FIELDS: Record<RuleKind, readonly string[]> = {
  share: [...COMMON, 'select', 'metric', 'max', 'allowMissing'],
  value: [...COMMON, 'select', 'metric', 'max', 'allowMissing'],
  total: [...COMMON, 'max'],
  goroutines: [...COMMON, 'max'],
  'goroutine-wait': [...COMMON, 'maxGroup', 'minWait'],
  'new-functions': [...COMMON, 'baseline', 'metric', 'maxShare'],
};

/** Minutes in a `minWait` like `10m`, `1h`, `90s` (rounded up to whole minutes, as dumps print them). */
export function waitMinutes(text: string, where: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|min|h)\s*$/.exec(text);
  if (m === null) throw new PprofError('bad-option', `${where}: expected a duration like '90s', '10m' or '1h', got ${JSON.stringify(text)}`);
  const n = Number(m[1]);
  const unit = m[2]!;
  return Math.ceil(unit === 's' ? n / 60 : unit === 'h' ? n * 60 : n);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Converts a budget selection to the assertion API's selector. */
export function toSelectorOf(s: BudgetSelect): Selector {
  return {
    function: s.functionRegex !== undefined ? compileRegex(s.functionRegex, 'functionRegex') : s.function,
    package: s.package,
    file: s.file,
    label: s.label,
  };
}

/**
 * Validates a parsed budget document. Throws PprofError 'bad-option' with
 * `budget rule N ("name"): field "x": ...` for the first problem.
 */
export function validateBudget(doc: unknown): Budget {
  if (!isObject(doc)) throw new PprofError('bad-option', 'budget: expected a JSON object with a "rules" array');
  for (const k of Object.keys(doc)) {
    if (k !== 'rules' && k !== '$schema' && k !== 'version') throw new PprofError('bad-option', `budget: unknown field "${k}"`);
  }
  if (doc.version !== undefined && doc.version !== 1) throw new PprofError('bad-option', `budget: field "version": expected 1, got ${JSON.stringify(doc.version)}`);
  if (!Array.isArray(doc.rules) || doc.rules.length === 0) throw new PprofError('bad-option', 'budget: field "rules": expected a non-empty array');
  const rules = doc.rules.map((raw, i) => validateRule(raw, i + 1));
  const names = new Set<string>();
  for (const r of rules) {
    if (names.has(r.name)) throw new PprofError('bad-option', `budget: two rules are named "${r.name}"`);
    names.add(r.name);
  }
  return { rules };
}

function validateRule(raw: unknown, n: number): BudgetRule {
  const label = isObject(raw) && typeof raw.name === 'string' ? `budget rule ${n} ("${raw.name}")` : `budget rule ${n}`;
  const bad = (field: string, msg: string): never => { throw new PprofError('bad-option', `${label}: field "${field}": ${msg}`); };
  if (!isObject(raw)) throw new PprofError('bad-option', `${label}: expected an object`);
  const kind = raw.kind;
  if (typeof kind !== 'string' || !(RULE_KINDS as readonly string[]).includes(kind)) {
    bad('kind', `expected one of ${RULE_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
  }
  const k = kind as RuleKind;
  for (const f of Object.keys(raw)) if (!FIELDS[k].includes(f)) bad(f, `unknown for a ${k} rule (allowed: ${FIELDS[k].join(', ')})`);
  if (raw.name !== undefined && (typeof raw.name !== 'string' || raw.name === '')) bad('name', 'expected a non-empty string');
  if (raw.sampleType !== undefined && (typeof raw.sampleType !== 'string' || raw.sampleType === '')) bad('sampleType', 'expected a sample type name like "cpu"');
  const base: RuleBase = { name: (raw.name as string | undefined) ?? `rule ${n}`, sampleType: raw.sampleType as string | undefined };
  const metric = (): Metric => {
    if (raw.metric === undefined) return 'flat';
    if (raw.metric !== 'flat' && raw.metric !== 'cum') bad('metric', `expected "flat" or "cum", got ${JSON.stringify(raw.metric)}`);
    return raw.metric as Metric;
  };
  const fraction = (field: string): number => {
    const v = raw[field];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) bad(field, `expected a share in [0, 1] (0.05 = 5%), got ${JSON.stringify(v)}`);
    return v as number;
  };
  const count = (field: string): number => {
    const v = raw[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) bad(field, `expected a whole number >= 0, got ${JSON.stringify(v)}`);
    return v as number;
  };
  const amount = (field: string): string | number => {
    const v = raw[field];
    if (typeof v !== 'string' && typeof v !== 'number') bad(field, `expected an amount like "200ms", "64MB" or a number, got ${JSON.stringify(v)}`);
    try { parseAmount(v as string | number, field); } catch (e) { bad(field, (e as Error).message.replace(/^[^:]*: /, '')); }
    return v as string | number;
  };
  const allowMissing = (): boolean => {
    if (raw.allowMissing !== undefined && typeof raw.allowMissing !== 'boolean') bad('allowMissing', 'expected true or false');
    return raw.allowMissing === true;
  };
  switch (k) {
    case 'share': return { ...base, kind: k, select: validateSelect(raw.select, bad), metric: metric(), max: fraction('max'), allowMissing: allowMissing() };
    case 'value': return { ...base, kind: k, select: validateSelect(raw.select, bad), metric: metric(), max: amount('max'), allowMissing: allowMissing() };
    case 'total': return { ...base, kind: k, max: amount('max') };
    case 'goroutines': return { ...base, kind: k, max: count('max') };
    case 'goroutine-wait': {
      if (typeof raw.minWait !== 'string') bad('minWait', 'expected a duration like "10m"');
      try { waitMinutes(raw.minWait as string, 'minWait'); } catch (e) { bad('minWait', (e as Error).message.replace(/^[^:]*: /, '')); }
      return { ...base, kind: k, maxGroup: count('maxGroup'), minWait: raw.minWait as string };
    }
    case 'new-functions': {
      if (typeof raw.baseline !== 'string' || raw.baseline === '') bad('baseline', 'expected the path of a baseline profile (relative to the budget file)');
      return { ...base, kind: k, baseline: raw.baseline as string, metric: metric(), maxShare: fraction('maxShare') };
    }
  }
}

function validateSelect(v: unknown, bad: (field: string, msg: string) => never): BudgetSelect {
  if (!isObject(v)) return bad('select', 'expected an object with function, functionRegex, package, file or label');
  const allowed = ['function', 'functionRegex', 'package', 'file', 'label'];
  for (const k of Object.keys(v)) if (!allowed.includes(k)) bad(`select.${k}`, `unknown (allowed: ${allowed.join(', ')})`);
  if (Object.keys(v).length === 0) bad('select', 'is empty: give function, functionRegex, package, file or label');
  if (v.function !== undefined && v.functionRegex !== undefined) bad('select', 'give function or functionRegex, not both');
  for (const k of ['function', 'functionRegex', 'package', 'file']) {
    if (v[k] !== undefined && (typeof v[k] !== 'string' || v[k] === '')) bad(`select.${k}`, 'expected a non-empty string');
  }
  if (typeof v.functionRegex === 'string') {
    try { compileRegex(v.functionRegex, 'functionRegex'); } catch (e) { bad('select.functionRegex', (e as Error).message); }
  }
  if (v.label !== undefined) {
    if (!isObject(v.label) || Object.keys(v.label).length === 0) bad('select.label', 'expected an object of label key to value');
    for (const [lk, lv] of Object.entries(v.label as object)) if (typeof lv !== 'string') bad(`select.label.${lk}`, 'expected a string');
  }
  return v as BudgetSelect;
}

/** Parses and validates budget text. Throws PprofError 'bad-option'. */
export function parseBudget(text: string, source = 'budget'): Budget {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new PprofError('bad-option', `${source}: not valid JSON (YAML is not supported): ${(e as Error).message}`, { cause: e });
  }
  return validateBudget(doc);
}
