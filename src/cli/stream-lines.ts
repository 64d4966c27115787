/**
 * Writes a report's lines to the CLI's stdout in chunks of about 64 KiB, so
 * big reports (traces and raw of a 100 MB profile) are never held as one string.
 */

import type { CliIo } from './main.js';

const CHUNK_CHARS = 64 * 1024;

/** Writes every line followed by a newline. */
export function writeLines(io: CliIo, lines: Iterable<string>): void {
  let buf = '';
  for (const line of lines) {
    buf += line + '\n';
    if (buf.length >= CHUNK_CHARS) {
      io.stdout(buf);
      buf = '';
    }
  }
  if (buf !== '') io.stdout(buf);
}
