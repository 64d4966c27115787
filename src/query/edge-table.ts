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

/** Edges as plain arrays, e.g. to send from a worker and merge. */
export interface EdgeLists {
  readonly parent: Int32Array;
  readonly child: Int32Array;
  readonly weight: Float64Array;
  readonly call: Uint8Array;
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

/** Growable edge table. */
export class EdgeTable {
  private slots = new Int32Array(1024).fill(-1);
  private mask = 1023;
  /** Number of edges. */
  count = 0;
  private keys = new Int32Array(2 * 256);
  private weight = new Float64Array(2 * 256);
  private meta = new Int32Array(this.weight.buffer);

  /** The id of edge parent -> child, created on first use. */
  idOf(parent: number, child: number): number {
    const slots = this.slots;
    const keys = this.keys;
    let h = hash(parent, child) & this.mask;
    for (;;) {
      const e = slots[h]!;
      if (e < 0) return this.insert(h, parent, child);
      if (keys[2 * e] === parent && keys[2 * e + 1] === child) return e;
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

  /** Adds another table's edges (from a disjoint set of samples) into this one. */
  merge(other: EdgeLists): void {
    for (let k = 0; k < other.parent.length; k++) {
      const e = this.idOf(other.parent[k]!, other.child[k]!);
      this.weight[2 * e]! += other.weight[k]!;
      if (other.call[k] === 1) this.meta[4 * e + 3]! |= CALL;
    }
  }

  /** The edges as plain arrays (pending flags are read as settled). */
  lists(): EdgeLists {
    const n = this.count;
    const parent = new Int32Array(n);
    const child = new Int32Array(n);
    const weight = new Float64Array(n);
    const call = new Uint8Array(n);
    for (let e = 0; e < n; e++) {
      parent[e] = this.keys[2 * e]!;
      child[e] = this.keys[2 * e + 1]!;
      weight[e] = this.weight[2 * e]!;
      const f = this.meta[4 * e + 3]!;
      call[e] = (f | (f >> 1)) & CALL;
    }
    return { parent, child, weight, call };
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
