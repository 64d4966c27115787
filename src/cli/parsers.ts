/**
 * Commander argument parsers shared by the commands, so the same kind of
 * flag is checked, and its error worded, the same way everywhere.
 */

import { InvalidArgumentError } from 'commander';

/** A whole number >= 0 (`--nodecount`, `--max-bytes`). */
export function nonNegativeInt(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a non-negative integer');
  return Number(v);
}

/** A whole number >= 1 (`--seconds`, `--concurrency`, `--leak-count`). */
export function positiveInt(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) === 0) throw new InvalidArgumentError('expected a positive whole number');
  return Number(v);
}

/** A number of seconds > 0 (`--timeout`). */
export function positiveSeconds(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number of seconds');
  return n;
}

/** A number >= 0 (`--nodefraction`, `--edgefraction`). */
export function nonNegativeNumber(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a non-negative number');
  return n;
}

/** A number in [0, 1] (`--min-width`). */
export function unitFraction(v: string): number {
  const n = nonNegativeNumber(v);
  if (n > 1) throw new InvalidArgumentError('expected a number between 0 and 1');
  return n;
}

/**
 * A number as Go's strconv.ParseFloat reads a decimal one (`--divide-by`):
 * `7`, `-2.5`, `.5`, `1e3`, `Inf`, `-infinity`, `NaN`. Hexadecimal floats
 * and digit separators, which Go also takes, are refused here.
 */
export function goFloat(v: string): number {
  if (/^[+-]?inf(inity)?$/i.test(v)) return v.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(v)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) throw new InvalidArgumentError('expected a number');
  return Number(v);
}
