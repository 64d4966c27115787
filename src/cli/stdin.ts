/**
 * `-` as an input argument: the whole of standard input, bounded by
 * `--max-bytes` so a runaway pipe cannot exhaust memory. One reader for every
 * command (reports, goroutines).
 */

import { PprofError } from '../errors.js';
import { BoundedBytes } from '../bounded-bytes.js';

/** The argument that names standard input. */
export const STDIN_ARG = '-';

/**
 * Reads stdin to the end. Throws PprofError: 'io' when stdin is a terminal
 * or cannot be read, 'too-large' past `maxBytes`, 'bad-format' when empty
 * (unless `allowEmpty`: the caller's parser then names what is missing).
 */
export async function readStdin(
  maxBytes: number, stream: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
  { allowEmpty = false }: { allowEmpty?: boolean } = {},
): Promise<Uint8Array> {
  if (stream.isTTY === true) {
    throw new PprofError('io', 'reading "-" from standard input, but it is a terminal: pipe the input in ' +
      '(e.g. `curl -s host:6060/debug/pprof/heap | pprof-ts top -`)');
  }
  const got = new BoundedBytes(maxBytes, () => `standard input exceeds the limit of ${maxBytes} bytes (--max-bytes)`);
  try {
    for await (const chunk of stream) got.add(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  } catch (e) {
    if (e instanceof PprofError) throw e;
    throw new PprofError('io', `cannot read standard input: ${(e as Error).message}`, { cause: e });
  }
  if (got.length === 0 && !allowEmpty) throw new PprofError('bad-format', 'standard input is empty: expected a profile');
  return got.bytes();
}
