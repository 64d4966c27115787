/**
 * `-` as an input argument: the whole of standard input, bounded by
 * `--max-bytes` so a runaway pipe cannot exhaust memory.
 */

import { PprofError } from '../errors.js';

/** Reads stdin to the end. Throws PprofError 'too-large' past `maxBytes`, 'io' when stdin is a terminal. */
export async function readStdin(maxBytes: number, stream: NodeJS.ReadStream = process.stdin): Promise<Uint8Array> {
  if (stream.isTTY === true) {
    throw new PprofError('io', 'reading "-" from standard input, but it is a terminal: pipe the dump in (e.g. `go run . 2>&1 | pprof-ts goroutines -`)');
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += b.length;
    // Compressed input is checked again after gunzip; this bounds what is held before that.
    if (total > maxBytes) throw new PprofError('too-large', `standard input exceeds the limit of ${maxBytes} bytes (--max-bytes)`);
    chunks.push(b);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
