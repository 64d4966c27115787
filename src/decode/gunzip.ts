/**
 * gzip detection and decompression with a size limit.
 * Profiles are sniffed by content (the gzip magic bytes), never by file name.
 * In Node, `node:zlib` is used (native, several times faster than pako); in a
 * browser, where it does not exist, pako does the same job.
 */

import { Inflate } from 'pako';
import { PprofError } from '../errors.js';
import { nodeBuiltin } from '../node-builtin.js';
import { DEFAULT_MAX_DECOMPRESSED_BYTES } from '../defaults.js';
import { outputChunkSize } from './gzip-size.js';

/** True when the bytes start with the gzip magic number (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

interface ZlibLike {
  gunzipSync(buf: Uint8Array, options?: { maxOutputLength?: number; chunkSize?: number }): Uint8Array;
}

/**
 * node:zlib, loaded on the first gzip input rather than at module load: the
 * CLI loads this module at every start, and commands on plain input (text
 * formats, stdin from a pipe that gunzipped already, --help) never need it.
 * Undefined until asked; null where it does not exist (browsers).
 */
let zlibModule: ZlibLike | null | undefined;
const zlibOrNull = (): ZlibLike | null => (zlibModule === undefined ? (zlibModule = nodeBuiltin<ZlibLike>('node:zlib')) : zlibModule);

/**
 * The longest buffer this Node can make (4 GiB on Node 20). zlib refuses a
 * `maxOutputLength` above it with a RangeError, which would read as "too
 * large" for any input, so a higher limit is asked for as this one.
 */
const MAX_BUFFER = nodeBuiltin<{ constants: { MAX_LENGTH: number } }>('node:buffer')?.constants.MAX_LENGTH ?? 2 ** 32;

/**
 * Decompresses gzip bytes, refusing output larger than `maxBytes`.
 * Throws PprofError `bad-gzip` for corrupt or truncated input and `too-large`
 * for output over the limit.
 */
export function gunzip(bytes: Uint8Array, maxBytes: number = DEFAULT_MAX_DECOMPRESSED_BYTES): Uint8Array {
  const zlib = zlibOrNull();
  if (zlib !== null) {
    const limit = Math.min(maxBytes, MAX_BUFFER);
    try {
      return zlib.gunzipSync(bytes, { maxOutputLength: limit, chunkSize: outputChunkSize(bytes, limit) });
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
        if (limit < maxBytes) {
          throw new PprofError('too-large', `decompressed profile exceeds ${limit} bytes, the largest buffer Node can make`, { cause: e });
        }
        throw tooLarge(maxBytes, e);
      }
      throw new PprofError('bad-gzip', `corrupt or truncated gzip data: ${(e as Error).message}`, { cause: e });
    }
  }
  return gunzipPako(bytes, maxBytes);
}

function tooLarge(maxBytes: number, cause?: unknown): PprofError {
  return new PprofError('too-large',
    `decompressed profile exceeds the limit of ${maxBytes} bytes (raise it with the maxDecompressedBytes option / --max-bytes)`,
    { cause });
}

/** Browser path: pako, streaming, with the same limit and error codes. */
export function gunzipPako(bytes: Uint8Array, maxBytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflator = new Inflate();
  // Count output as it is produced so a bomb is stopped early, not after it filled memory.
  inflator.onData = (chunk: Uint8Array): void => {
    total += chunk.length;
    if (total > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  };
  try {
    inflator.push(bytes, true);
  } catch (e) {
    if (e instanceof PprofError) throw e;
    throw new PprofError('bad-gzip', `corrupt or truncated gzip data: ${String(e)}`, { cause: e });
  }
  if (inflator.err !== 0) {
    // pako leaves msg empty when the input simply ends early (zlib says "unexpected end of file").
    throw new PprofError('bad-gzip', `corrupt or truncated gzip data: ${inflator.msg || 'unexpected end of file'}`);
  }
  if (!(inflator as unknown as { ended: boolean }).ended) {
    throw new PprofError('bad-gzip', 'corrupt or truncated gzip data: unexpected end of file');
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}
