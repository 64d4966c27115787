/**
 * What a gzip member's trailer says about its output, and the output chunk
 * to ask zlib for. No imports: the benchmark's one-pass baseline
 * (bench/onepass.ts) asks zlib exactly as the decoder does, without loading
 * the decoder.
 */

/** The least length of a gzip member: a 10-byte header, an empty deflate stream, an 8-byte trailer. */
export const GZIP_MIN_BYTES = 18;

/** The uncompressed size (mod 2^32) stated by a gzip member's trailer, or 0 when too short to tell. */
export function gzipTrailerSize(bytes: Uint8Array): number {
  return bytes.length < GZIP_MIN_BYTES ? 0 : trailerSizeField(bytes.subarray(bytes.length - 4));
}

/** The little-endian size field, the last 4 bytes of a gzip trailer, read from `last4`. */
export function trailerSizeField(last4: Uint8Array): number {
  return (last4[0]! | (last4[1]! << 8) | (last4[2]! << 16) | (last4[3]! << 24)) >>> 0;
}

/** zlib's default output chunk, and the largest single chunk worth asking for. */
const MIN_CHUNK = 64 * 1024;
const MAX_CHUNK = 512 * 1024 * 1024;

/**
 * gzip's trailer holds the uncompressed size (mod 2^32). Asking zlib for one
 * output chunk of that size spares it from allocating and concatenating
 * thousands of small ones (every output byte would be written twice to fresh
 * memory: 0.9 s against 0.58 s on a 96 MB profile). The trailer is only a
 * hint: a wrong value just means more chunks, and the size limit (`maxBytes`)
 * is enforced by zlib either way.
 */
export function outputChunkSize(bytes: Uint8Array, maxBytes: number): number {
  const isize = gzipTrailerSize(bytes);
  if (isize === 0 || isize >= maxBytes || isize >= MAX_CHUNK) return MIN_CHUNK;
  return Math.max(MIN_CHUNK, isize + 1);
}
