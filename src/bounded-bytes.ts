/**
 * Bytes gathered piece by piece under a limit. Input with no size to check
 * before it is read (standard input, a pipe or device named as the profile,
 * a file that grows while it is read) goes through here, so that input
 * that never ends is refused once it passes the limit instead of taking
 * memory without bound. Portable: no Node built-ins.
 */

import { PprofError } from './errors.js';

/** Chunks kept in order, refused with 'too-large' once their total passes a limit. */
export class BoundedBytes {
  private readonly chunks: Uint8Array[] = [];
  private total = 0;

  /** `tooLarge` is the message of the error thrown past `limit` bytes. */
  constructor(private readonly limit: number, private readonly tooLarge: () => string) {}

  /** Bytes gathered so far. */
  get length(): number {
    return this.total;
  }

  /** Keeps `chunk` (not a copy: the caller must not reuse it). Throws PprofError 'too-large' past the limit. */
  add(chunk: Uint8Array): void {
    this.total += chunk.length;
    if (this.total > this.limit) throw new PprofError('too-large', this.tooLarge());
    if (chunk.length > 0) this.chunks.push(chunk);
  }

  /**
   * Every byte gathered, in order, as a plain Uint8Array (never a Buffer, whose `slice` is a view):
   * over the one chunk's memory, or the chunks joined into one new array.
   */
  bytes(): Uint8Array {
    if (this.chunks.length === 1) {
      const c = this.chunks[0]!;
      return new Uint8Array(c.buffer, c.byteOffset, c.length);
    }
    const out = new Uint8Array(this.total);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
