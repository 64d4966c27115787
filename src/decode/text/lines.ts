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
