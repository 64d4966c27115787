/**
 * (parent, child) -> edge id in an open-addressing table over typed arrays,
 * with each edge's weight, whether any first-in-sample use was a call (not
 * inlined), and the last sample that touched it (pprof counts an edge once
 * per sample). A Map keyed by pairs costs several times more per lookup, and
 * this lookup runs once per stack frame.
 *
 * The walk over a 100 MB profile adds to edges about 8 million times, spread
 * over some 10^5 edges (megabytes of state, beyond the core's cache). So
 * everything one add touches sits in one 16-byte record (one cache line
 * loaded where one array per field loaded four), and an edge's two key ids
 * sit side by side (a lookup loads its slot and one key line, not two).
 */

/** Edges as plain arrays. */
export interface EdgeLists {
  readonly parent: Int32Array;
  readonly child: Int32Array;
  readonly weight: Float64Array;
  readonly call: Uint8Array;
}

/** An edge table's arrays as another thread receives them (see EdgeTable.state). */
export interface EdgeTableState {
  readonly slots: Int32Array<ArrayBuffer>;
  readonly mask: number;
  readonly count: number;
  readonly keys: Int32Array<ArrayBuffer>;
  readonly weight: Float64Array<ArrayBuffer>;
}

function hash(parent: number, child: number): number {
  return Math.imul(parent, 0x9e3779b1) ^ Math.imul(child, 0x85ebca6b);
}

/*
 * An edge's record is 16 bytes: the weight as a float64 (`weight[2e]`), then
 * two int32s (`meta[4e+2]`, `meta[4e+3]`): the last sample that counted it,
 * and its flags. Its key is `keys[2e]` (parent), `keys[2e+1]` (child); a
 * slot of the hash holds an edge id, -1 when free.
 */
const CALL = 1;
/** addFromLeaf's call flag of the edge's latest use in its last sample, not yet in CALL (see settle). */
const PENDING = 2;

/** Least and most edge records a table reserves up front (see the constructor). */
const MIN_RESERVE = 256;
const MAX_RESERVE = 1 << 20;

/** Growable edge table. */
export class EdgeTable {
  private slots = new Int32Array(1024).fill(-1);
  private mask = 1023;
  /** Number of edges. */
  count = 0;
  private keys: Int32Array<ArrayBuffer>;
  private weight: Float64Array<ArrayBuffer>;
  private meta: Int32Array<ArrayBuffer>;

  /**
   * `expected` guesses the number of edges (a stack walk's: about one per
   * location). The records for that many are reserved at once: zeroed memory
   * takes no page until written, so an overestimate costs nothing, while
   * growing by doubling copied every record into fresh pages again (on a
   * 100 MB profile of 10^5 edges, a few megabytes and 15-20 ms a thread).
   */
  constructor(expected = MIN_RESERVE) {
    let n = MIN_RESERVE;
    while (n < expected && n < MAX_RESERVE) n *= 2;
    this.keys = new Int32Array(2 * n);
    this.weight = new Float64Array(2 * n);
    this.meta = new Int32Array(this.weight.buffer);
  }

  /** The id of edge parent -> child, created on first use. */
  idOf(parent: number, child: number): number {
    const h = this.slotOf(parent, child);
    const e = this.slots[h]!;
    return e >= 0 ? e : this.insert(h, parent, child);
  }

  /** The slot of edge parent -> child: the one holding it, or the free one where it would go. */
  private slotOf(parent: number, child: number): number {
    const slots = this.slots;
    const keys = this.keys;
    let h = hash(parent, child) & this.mask;
    for (;;) {
      const e = slots[h]!;
      if (e < 0 || (keys[2 * e] === parent && keys[2 * e + 1] === child)) return h;
      h = (h + 1) & this.mask;
    }
  }

  /** Counts edge e for sample `stamp` (once per sample: later uses in the same sample change nothing). */
  add(e: number, stamp: number, w: number, isCall: boolean): void {
    const meta = this.meta;
    if (meta[4 * e + 2] === stamp) return;
    meta[4 * e + 2] = stamp;
    this.weight[2 * e]! += w;
    if (isCall) meta[4 * e + 3]! |= CALL;
  }

  /**
   * `add` for a stack walked leaf first. pprof walks root first and lets the
   * first use of an edge in a sample decide whether it is a call; leaf first,
   * that is the last use, so each use overwrites the sample's flag, and the
   * flag joins CALL when a later sample first uses the edge, or in settle().
   */
  addFromLeaf(e: number, stamp: number, w: number, isCall: boolean): void {
    const meta = this.meta;
    let flags = meta[4 * e + 3]!;
    if (meta[4 * e + 2] !== stamp) {
      meta[4 * e + 2] = stamp;
      this.weight[2 * e]! += w;
      flags |= flags >> 1; // PENDING joins CALL
    }
    meta[4 * e + 3] = isCall ? flags | PENDING : flags & CALL;
  }

  /** Folds addFromLeaf's pending flags into the call flags; call it after a walk, before reading them. */
  settle(): void {
    const meta = this.meta;
    for (let e = 0; e < this.count; e++) {
      const f = meta[4 * e + 3]!;
      meta[4 * e + 3] = (f | (f >> 1)) & CALL;
    }
  }

  /** The id of edge parent -> child, or -1 when the table does not have it. */
  find(parent: number, child: number): number {
    return this.slots[this.slotOf(parent, child)]!;
  }

  /**
   * The edges whose weight, summed over this table and `other` (built from
   * another set of samples) and rounded to an integer, is at least
   * `minWeight` in magnitude (0n: every edge some sample counted); an edge is a call when it is
   * one in either table, pending flags read as settled. A weight is this
   * table's plus the other's, added in that order.
   *
   * Only edges holding about half of `minWeight` or more in one table are
   * looked up in the other: a sum can reach `minWeight` only through one of
   * those. Top's cut-off keeps a few hundred of some 10^5 edges, and looking
   * up every edge of one table in the other (a cache miss or more each)
   * was a measurable part of the pass.
   */
  heavy(other: EdgeTable | null, minWeight: bigint): EdgeLists {
    const m = minWeight < 0n ? 0n : minWeight;
    // Float bounds below the exact test's, with room for Number()'s rounding and the sum's.
    const floor = other === null ? Number(m) * (1 - 2 ** -20) - 1 : Number(m) * 0.4999 - 1;
    const parent: number[] = [];
    const child: number[] = [];
    const weight: number[] = [];
    const call: number[] = [];
    // An edge a sample walked through (its stamp is set): the shapes register the edges inside every
    // location up front, also those of locations no kept sample reaches, and pprof has no such edge.
    const take = (p: number, c: number, w: number, isCall: boolean, used: boolean): void => {
      if (!used) return;
      const r = BigInt(Math.round(w));
      if ((r < 0n ? -r : r) < m) return;
      parent.push(p);
      child.push(c);
      weight.push(w);
      call.push(isCall ? 1 : 0);
    };
    for (let e = 0; e < this.count; e++) {
      const w = this.weight[2 * e]!;
      if (Math.abs(w) < floor) continue;
      const p = this.keys[2 * e]!;
      const c = this.keys[2 * e + 1]!;
      const o = other === null ? -1 : other.find(p, c);
      if (o < 0) take(p, c, w, this.isCall(e), this.used(e));
      else take(p, c, w + other!.weight[2 * o]!, this.isCall(e) || other!.isCall(o), this.used(e) || other!.used(o));
    }
    if (other !== null) {
      for (let o = 0; o < other.count; o++) {
        const w = other.weight[2 * o]!;
        if (Math.abs(w) < floor) continue;
        const p = other.keys[2 * o]!;
        const c = other.keys[2 * o + 1]!;
        const e = this.find(p, c);
        if (e < 0) take(p, c, 0 + w, other.isCall(o), other.used(o));
        else if (Math.abs(this.weight[2 * e]!) < floor) {
          take(p, c, this.weight[2 * e]! + w, this.isCall(e) || other.isCall(o), this.used(e) || other.used(o));
        }
        // Otherwise the first loop took it.
      }
    }
    return { parent: Int32Array.from(parent), child: Int32Array.from(child), weight: Float64Array.from(weight), call: Uint8Array.from(call) };
  }

  /** The table's arrays, to send to another thread (their buffers may be transferred: the table is not used after). */
  state(): EdgeTableState {
    return { slots: this.slots, mask: this.mask, count: this.count, keys: this.keys, weight: this.weight };
  }

  /** A table over the arrays of another's `state()`. */
  static of(state: EdgeTableState): EdgeTable {
    const t = new EdgeTable();
    t.slots = state.slots;
    t.mask = state.mask;
    t.count = state.count;
    t.keys = state.keys;
    t.weight = state.weight;
    t.meta = new Int32Array(state.weight.buffer);
    return t;
  }

  /** Whether some sample counted edge e (add and addFromLeaf stamp it with the sample's number, from 1). */
  private used(e: number): boolean {
    return this.meta[4 * e + 2] !== 0;
  }

  /** Whether edge e was a call in some sample (pending flags read as settled). */
  private isCall(e: number): boolean {
    const f = this.meta[4 * e + 3]!;
    return ((f | (f >> 1)) & CALL) !== 0;
  }

  private insert(slot: number, parent: number, child: number): number {
    const e = this.count++;
    if (2 * e === this.keys.length) this.growEdges();
    this.keys[2 * e] = parent;
    this.keys[2 * e + 1] = child;
    this.slots[slot] = e;
    if (this.count * 2 > this.mask) this.rehash();
    return e;
  }

  private growEdges(): void {
    const keys = new Int32Array(2 * this.keys.length);
    keys.set(this.keys);
    this.keys = keys;
    const weight = new Float64Array(2 * this.weight.length);
    weight.set(this.weight);
    this.weight = weight;
    this.meta = new Int32Array(weight.buffer);
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    const slots = new Int32Array(size).fill(-1);
    const mask = size - 1;
    for (let e = 0; e < this.count; e++) {
      let h = hash(this.keys[2 * e]!, this.keys[2 * e + 1]!) & mask;
      while (slots[h]! >= 0) h = (h + 1) & mask;
      slots[h] = e;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
