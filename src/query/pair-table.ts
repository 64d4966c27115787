/**
 * A hash table from pairs of non-negative int32 (a, b) to dense ids
 * 0, 1, 2... in order of first insertion, stored in typed arrays. Building a
 * call tree looks up millions of (parent, frame) pairs; a JS Map with
 * composite keys is several times slower and larger.
 */

/** Open-addressing (linear probing) pair → id table. */
export class PairTable {
  private slots: Int32Array;
  private mask: number;
  private keysA: Int32Array;
  private keysB: Int32Array;
  /** Number of distinct pairs added. */
  size = 0;

  constructor(expected = 16) {
    const cap = capacityFor(expected);
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    this.keysA = new Int32Array(Math.max(16, expected));
    this.keysB = new Int32Array(Math.max(16, expected));
  }

  /** Empties the table, sized for about `expected` pairs. */
  reset(expected: number): void {
    const cap = capacityFor(expected);
    if (cap > this.slots.length) this.slots = new Int32Array(cap);
    else this.slots.fill(0, 0, cap);
    this.mask = cap - 1;
    this.size = 0;
  }

  /** First component of pair `id`. */
  a(id: number): number { return this.keysA[id]!; }

  /** Second component of pair `id`. */
  b(id: number): number { return this.keysB[id]!; }

  /** The id of (a, b), adding the pair if it is new. */
  idOf(a: number, b: number): number {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    let i = this.home(a, b);
    for (;;) {
      const s = this.slots[i]!;
      if (s === 0) break;
      if (this.keysA[s - 1] === a && this.keysB[s - 1] === b) return s - 1;
      i = (i + 1) & this.mask;
    }
    const id = this.size++;
    if (id >= this.keysA.length) {
      this.keysA = growInt32(this.keysA);
      this.keysB = growInt32(this.keysB);
    }
    this.keysA[id] = a;
    this.keysB[id] = b;
    this.slots[i] = id + 1; // 0 marks an empty slot
    return id;
  }

  /** First slot to probe for (a, b): a multiplicative hash of both, mixed down. */
  private home(a: number, b: number): number {
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) | 0;
    h ^= h >>> 15;
    return h & this.mask;
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    for (let id = 0; id < this.size; id++) {
      let i = this.home(this.keysA[id]!, this.keysB[id]!);
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.slots[i] = id + 1;
    }
  }
}

/** A power of two at least twice `expected` (load factor <= 1/2). */
function capacityFor(expected: number): number {
  let cap = 16;
  while (cap < expected * 2) cap *= 2;
  return cap;
}

/** A copy of `a` with twice the room. */
export function growInt32(a: Int32Array): Int32Array {
  const out = new Int32Array(Math.max(16, a.length * 2));
  out.set(a);
  return out;
}
