/**
 * A small protobuf writer for the benchmark's profile generator.
 *
 * Only what profile.proto needs: varints (non-negative numbers up to 2^53,
 * negative ones as 10-byte two's complement), length-delimited strings and
 * nested messages, and packed repeated varints — the way Go's
 * `github.com/google/pprof/profile` encoder writes them. Bytes accumulate in a
 * growable buffer that the caller drains in chunks (`take()`), so a 100 MB
 * profile can be streamed through gzip without holding it in memory.
 */

const TWO_32 = 4294967296;

/** Protobuf wire types used here. */
export const enum Wire {
  Varint = 0,
  Bytes = 2,
}

const utf8 = new TextEncoder();

/** Number of bytes the varint encoding of a non-negative safe integer takes. */
export function varintSize(v: number): number {
  let n = 1;
  while (v >= 128) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

/**
 * Growable byte buffer with protobuf encoding helpers. Nested messages are
 * written into a scratch ProtoWriter and copied in with `message()`.
 */
export class ProtoWriter {
  private buf: Uint8Array;
  /** Number of bytes written so far (and not yet taken). */
  len = 0;

  constructor(initialCapacity = 1 << 16) {
    this.buf = new Uint8Array(initialCapacity);
  }

  private ensure(extra: number): void {
    const need = this.len + extra;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const bigger = new Uint8Array(cap);
    bigger.set(this.buf.subarray(0, this.len));
    this.buf = bigger;
  }

  /** Appends a raw varint. Accepts safe integers; negatives use 10-byte two's complement. */
  varint(v: number): void {
    this.ensure(10);
    const buf = this.buf;
    let p = this.len;
    if (v < 0) {
      let b = BigInt.asUintN(64, BigInt(v));
      while (b >= 128n) {
        buf[p++] = Number(b & 127n) | 128;
        b >>= 7n;
      }
      buf[p++] = Number(b);
      this.len = p;
      return;
    }
    while (v >= TWO_32) {
      buf[p++] = (v % 128) | 128;
      v = Math.floor(v / 128);
    }
    while (v >= 128) {
      buf[p++] = (v & 127) | 128;
      v >>>= 7;
    }
    buf[p++] = v;
    this.len = p;
  }

  /** Appends a field tag. */
  tag(field: number, wire: Wire): void {
    this.varint(field * 8 + wire);
  }

  /** Appends a varint field. */
  uint(field: number, v: number): void {
    this.tag(field, Wire.Varint);
    this.varint(v);
  }

  /** Appends a varint field unless it is zero (proto3 default, as Go omits it). */
  uintOpt(field: number, v: number): void {
    if (v !== 0) this.uint(field, v);
  }

  /** Appends a uint64/int64 varint field given as a bigint, unless zero. */
  uintBigOpt(field: number, v: bigint): void {
    if (v === 0n) return;
    this.tag(field, Wire.Varint);
    this.ensure(10);
    let b = BigInt.asUintN(64, v);
    while (b >= 128n) {
      this.buf[this.len++] = Number(b & 127n) | 128;
      b >>= 7n;
    }
    this.buf[this.len++] = Number(b);
  }

  /** Appends a bool field unless false. */
  boolOpt(field: number, v: boolean): void {
    if (v) this.uint(field, 1);
  }

  /** Appends raw bytes. */
  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }

  /** Appends a length-delimited bytes field. */
  bytes(field: number, bytes: Uint8Array): void {
    this.tag(field, Wire.Bytes);
    this.varint(bytes.length);
    this.raw(bytes);
  }

  /** Appends a string field (always, even when empty: string_table[0] is ""). */
  string(field: number, s: string): void {
    this.bytes(field, utf8.encode(s));
  }

  /** Appends the contents of `inner` as a nested message field. */
  message(field: number, inner: ProtoWriter): void {
    this.tag(field, Wire.Bytes);
    this.varint(inner.len);
    this.ensure(inner.len);
    this.buf.set(inner.buf.subarray(0, inner.len), this.len);
    this.len += inner.len;
  }

  /** Appends a packed repeated varint field; `values[0..count)`. Omitted when empty. */
  packed(field: number, values: ArrayLike<number>, count = values.length): void {
    if (count === 0) return;
    let size = 0;
    for (let i = 0; i < count; i++) size += varintSize(values[i]!);
    this.tag(field, Wire.Bytes);
    this.varint(size);
    for (let i = 0; i < count; i++) this.varint(values[i]!);
  }

  /** Forgets the contents, keeping the capacity (for scratch writers). */
  reset(): void {
    this.len = 0;
  }

  /** A view of the bytes written so far (valid until the next write). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  /** Returns a copy of the bytes written so far and empties the writer. */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.len);
    this.len = 0;
    return out;
  }
}
