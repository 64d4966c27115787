/**
 * Line access for the legacy importers. pprof reads these formats line by
 * line, splitting at `\n` and dropping one `\r` before it; a last line
 * without a newline still counts. Errors name the format and the 1-based
 * line, so a user can open the file at the spot that is wrong.
 */

import { PprofError } from '../../errors.js';

/** Splits text into lines the way pprof's line scanner does. */
export function scanLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

function isAsciiSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/**
 * Go's strings.TrimSpace for the ASCII white space pprof's files use.
 * A loop, not a regex: `\s+$` retried at every space of a long run is quadratic.
 */
export function trimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isAsciiSpace(s.charCodeAt(a))) a++;
  while (b > a && isAsciiSpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** True for blank lines and `#` comments, which every legacy text format skips. */
export function isSpaceOrComment(line: string): boolean {
  const t = trimSpace(line);
  return t === '' || t.startsWith('#');
}

/** A 'bad-format' PprofError naming the format and, when known, the 1-based line. */
export function legacyError(format: string, lineNumber: number | null, message: string): PprofError {
  return new PprofError('bad-format', lineNumber === null ? `${format}: ${message}` : `${format}: line ${lineNumber}: ${message}`);
}

/** Shortens a line for quoting in an error message. */
export function quote(line: string): string {
  return JSON.stringify(line.length > 80 ? line.slice(0, 80) + '…' : line);
}

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/**
 * A decimal int64 as Go's strconv.ParseInt reads it; an out-of-range value
 * is a PprofError 'out-of-range' naming the field and line (pprof refuses it too).
 */
export function parseInt64(text: string, what: string, format: string, lineNumber: number): bigint {
  const v = BigInt(text);
  if (v > INT64_MAX || v < -INT64_MAX - 1n) {
    throw new PprofError('out-of-range', `${format}: line ${lineNumber}: ${what} ${text.length > 30 ? text.slice(0, 30) + '…' : text} does not fit in 64 bits`);
  }
  return v;
}

/** A hexadecimal uint64 (with or without 0x), or null when it has more than 64 bits. */
export function parseHex64(text: string): bigint | null {
  const digits = text.startsWith('0x') || text.startsWith('0X') ? text.slice(2) : text;
  const v = BigInt('0x' + digits);
  return v > UINT64_MAX ? null : v;
}

/**
 * A product that must fit int64. pprof's Go arithmetic would wrap around
 * silently; a wrapped value is a wrong answer, so this is a PprofError
 * 'out-of-range' naming the field and where.
 */
export function checkedInt64(v: bigint, what: string, where: string): bigint {
  if (v > INT64_MAX || v < -INT64_MAX - 1n) throw new PprofError('out-of-range', `${where}: ${what} ${v} does not fit in 64 bits`);
  return v;
}

/** Truncation toward zero of a float64 to int64, as Go's int64(f) on in-range values. */
export function truncToInt64(f: number, what: string, format: string): bigint {
  if (!Number.isFinite(f) || Math.abs(f) >= 2 ** 63) {
    throw new PprofError('out-of-range', `${format}: ${what} ${f} does not fit in 64 bits`);
  }
  return BigInt(Math.trunc(f));
}
