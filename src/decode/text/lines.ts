/**
 * Line access for the text importers: splits input into numbered lines and
 * builds the errors they throw, which always name the 1-based line so a user
 * can open the file at the spot that is wrong.
 */

import { PprofError } from '../../errors.js';

/** The input split into lines, plus whether the last line was cut short. */
export interface TextLines {
  /** Lines without their terminators (CRLF is accepted). */
  lines: string[];
  /**
   * True when the input does not end with a newline. The Go runtime ends
   * every line it writes with one, so a missing final newline means the
   * input was cut and its last line may be incomplete.
   */
  cutMidLine: boolean;
}

/** Splits text into lines; a final empty piece after the last newline is dropped. */
export function splitLines(text: string): TextLines {
  const lines = text.split(/\r?\n/);
  const cutMidLine = lines.length > 0 && lines[lines.length - 1] !== '';
  if (!cutMidLine) lines.pop();
  return { lines, cutMidLine };
}

/** A 'bad-format' PprofError that names the format and the 1-based line number. */
export function textError(format: string, lineNumber: number, message: string): PprofError {
  return new PprofError('bad-format', `${format}: line ${lineNumber}: ${message}`);
}

/** Shortens a line for quoting in an error message. */
export function quoteLine(line: string): string {
  return JSON.stringify(line.length > 80 ? line.slice(0, 80) + '…' : line);
}

/** An 'out-of-range' PprofError that names the format, the 1-based line and the field. */
export function rangeError(format: string, lineNumber: number, field: string, value: string): PprofError {
  const shown = value.length > 40 ? `${value.slice(0, 40)}… (${value.length} digits)` : value;
  return new PprofError('out-of-range', `${format}: line ${lineNumber}: ${field} ${shown} is out of range`);
}

/** Largest value of a signed 64-bit profile value. */
export const INT64_MAX = (1n << 63n) - 1n;

/** A decimal field that must fit a signed 64-bit value (counts, bytes, cycles). */
export function int64Field(digits: string, format: string, lineNumber: number, field: string): bigint {
  // Checked by length first: converting a megabyte of digits to a BigInt is slow.
  if (significantLength(digits, 0) > 19) throw rangeError(format, lineNumber, field, digits);
  const v = BigInt(digits);
  if (v > INT64_MAX) throw rangeError(format, lineNumber, field, digits);
  return v;
}

/** A decimal field that must be an exact JavaScript number (ids, line numbers, minutes). */
export function safeIntField(digits: string, format: string, lineNumber: number, field: string): number {
  const v = Number(digits);
  if (!Number.isSafeInteger(v)) throw rangeError(format, lineNumber, field, digits);
  return v;
}

/**
 * A float64 result converted to a 64-bit value, truncated toward zero, or an
 * 'out-of-range' error when it is not finite or does not fit.
 */
export function int64OfFloat(x: number, format: string, lineNumber: number, field: string): bigint {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 63) throw rangeError(format, lineNumber, field, String(x));
  return BigInt(Math.trunc(x));
}

/** Length of a digit string without its leading zeros (from `start`). */
function significantLength(digits: string, start: number): number {
  let i = start;
  while (i < digits.length - 1 && digits[i] === '0') i++;
  return digits.length - i;
}

/** A `0x` hexadecimal field that must fit 64 bits unsigned (addresses, pcs). */
export function uint64HexField(hex: string, format: string, lineNumber: number, field: string): bigint {
  if (significantLength(hex, 2) > 16) throw rangeError(format, lineNumber, field, hex);
  return BigInt(hex);
}
