/**
 * Amounts with units for assertions and budgets: `'200ms'`, `'64MB'`, `'1.5s'`,
 * `'500'` parsed, and exact sample values converted to a requested unit
 * through the shared unit table (src/report/units.ts), refusing a unit of
 * another family instead of silently falling back as pprof's `--unit` does.
 */

import { PprofError } from '../errors.js';
import { findUnit } from '../report/units.js';

/** A number and the unit it is written in ('' for a plain count). */
export interface ParsedAmount {
  readonly value: number;
  readonly unit: string;
}

/** Parses `'200ms'`, `'64MB'`, `'1.5 s'`, `'12'`. Throws PprofError 'bad-option' naming `what`. */
export function parseAmount(text: string | number, what = 'amount'): ParsedAmount {
  if (typeof text === 'number') {
    if (!Number.isFinite(text) || text < 0) throw new PprofError('bad-option', `${what}: expected a non-negative number, got ${text}`);
    return { value: text, unit: '' };
  }
  const m = /^\s*(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*([A-Za-z\u03bc*]*)\s*$/.exec(text);
  if (m === null) throw new PprofError('bad-option', `${what}: expected a number with an optional unit like '200ms' or '64MB', got ${JSON.stringify(text)}`);
  const unit = m[2]!;
  if (unit !== '' && findUnit(unit) === undefined) {
    throw new PprofError('bad-option', `${what}: unknown unit ${JSON.stringify(unit)} in ${JSON.stringify(text)} (use e.g. ns, us, ms, s, B, kB, MB, GB)`);
  }
  return { value: Number(m[1]), unit };
}

/**
 * Converts `value` (in `fromUnit`) to `toUnit`. Both must be in the same unit
 * family (time, bytes), or `toUnit` must be '' or equal to `fromUnit`.
 * Throws PprofError 'bad-option' otherwise: 'MB' of a CPU profile is a mistake.
 */
export function convertValue(value: number, fromUnit: string, toUnit: string, what = 'unit'): number {
  if (toUnit === '' || toUnit === fromUnit) return value;
  const from = findUnit(fromUnit);
  const to = findUnit(toUnit);
  if (from === undefined || to === undefined || from.family !== to.family) {
    throw new PprofError('bad-option', `${what}: cannot express ${fromUnit || 'a count'} in ${JSON.stringify(toUnit)}`);
  }
  return (value * from.unit.factor) / to.unit.factor;
}

/** A limit like `'200ms'` in the profile's sample unit. Throws PprofError 'bad-option'. */
export function limitInUnit(limit: string | number, sampleUnit: string, what = 'limit'): number {
  const a = parseAmount(limit, what);
  return a.unit === '' ? a.value : convertValue(a.value, a.unit, sampleUnit, what);
}
