/**
 * A gzip file read piece by piece into one small reused buffer, as the
 * gunzip worker's input (gunzip-worker.ts): on a big profile, the compressed
 * bytes then never sit whole in memory, nor cost a page fault per 4 KB of
 * fresh memory to read, and decompression starts with the first piece
 * instead of after the whole file.
 */

import { closeSync, openSync, readSync } from 'node:fs';
import type { InflateInput } from './inflate-direct.js';

/** Bytes read at a time: small enough to stay in the core's cache between the read and the inflate. */
const FILE_PIECE_BYTES = 256 * 1024;

/** A file opened for reading from its start; `next` throws the file system's error. */
export class FileInput implements InflateInput {
  private readonly buf: Uint8Array;
  private readonly fd: number;
  private pos = 0;

  constructor(path: string, pieceBytes = FILE_PIECE_BYTES) {
    this.fd = openSync(path, 'r');
    this.buf = new Uint8Array(pieceBytes);
  }

  /** The next piece of the file (a view of the reused buffer), empty at its end. */
  next(): Uint8Array {
    const n = readSync(this.fd, this.buf, 0, this.buf.length, this.pos);
    this.pos += n;
    return this.buf.subarray(0, n);
  }

  /** Closes the file (once). */
  close(): void {
    closeSync(this.fd);
  }
}
