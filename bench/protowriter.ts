/**
 * The benchmark generator's protobuf writer: src/encode/writer.ts's
 * ProtoWriter (varints, strings, nested messages, packed varints, zero fields
 * left out, the way Go's `github.com/google/pprof/profile` encoder writes
 * them) plus the two things only the generator needs: a varint field written
 * even when zero (Go writes a repeated field of one or two values unpacked,
 * zeros included), and draining the buffer in chunks (`take()`), so a 100 MB
 * profile streams through gzip without being held in memory.
 */

import { ProtoWriter } from '../src/encode/writer.js';

/** ProtoWriter with unpacked repeated values and chunked draining. */
export class GenWriter extends ProtoWriter {
  /** One value of an unpacked repeated varint field: written even when 0. */
  unpacked(field: number, v: number): void {
    this.varint(field * 8);
    this.varint(v);
  }

  /** A copy of the bytes written so far; the writer is emptied. */
  take(): Uint8Array {
    const out = this.bytes();
    this.reset();
    return out;
  }
}
