/**
 * Writes a big report to the CLI's stdout piece by piece, waiting for the
 * reader: the output of a big profile (folded, traces or raw of a 100 MB
 * profile) fits neither one string nor memory, and a pipe's writes queue up
 * in memory until the event loop runs.
 */

import type { CliIo } from './main.js';
import { DEFAULT_CHUNK_CHARS } from '../defaults.js';

/** Lines joined (each followed by a newline) into pieces of about 64 KiB. */
export function* linesInChunks(lines: Iterable<string>, chunkChars = DEFAULT_CHUNK_CHARS): Generator<string> {
  let buf = '';
  for (const line of lines) {
    buf += line + '\n';
    if (buf.length >= chunkChars) {
      yield buf;
      buf = '';
    }
  }
  if (buf !== '') yield buf;
}

/** Writes every piece, waiting for stdout to drain when it can. */
export async function writeChunks(io: CliIo, chunks: Iterable<string>): Promise<void> {
  const write = io.stdoutDrained ?? (async (s: string): Promise<void> => io.stdout(s));
  for (const chunk of chunks) await write(chunk);
}
