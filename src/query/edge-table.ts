/**
 * (parent, child) -> edge id in an open-addressing table over typed arrays,
 * with each edge's weight, whether any first-in-sample use was a call (not
 * inlined), and the last sample that touched it (pprof counts an edge once
 * per sample). A Map keyed by pairs costs several times more per lookup, and
 * this lookup runs once per stack frame.
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

/** Growable edge table. */
export class EdgeTable {
  private slots = new Int32Array(1024).fill(-1);
  private mask = 1023;
  /** Number of edges. */
  count = 0;
  parent = new Int32Array(256);
  child = new Int32Array(256);
  weight = new Float64Array(256);
  call = new Uint8Array(256);
  private stamp = new Int32Array(256);
  /** addFromLeaf's call flag of the edge's latest use in its last sample, not yet in `call` (see settle). */
  private pending = new Uint8Array(256);

  /** The id of edge parent -> child, created on first use. */
  idOf(parent: number, child: number): number {
    let h = hash(parent, child) & this.mask;
    for (;;) {
      const e = this.slots[h]!;
      if (e < 0) return this.insert(h, parent, child);
      if (this.parent[e] === parent && this.child[e] === child) return e;
      h = (h + 1) & this.mask;
    }
  }

  /** Counts edge e for sample `stamp` (once per sample: later uses in the same sample change nothing). */
  add(e: number, stamp: number, w: number, isCall: boolean): void {
    if (this.stamp[e] === stamp) return;
    this.stamp[e] = stamp;
    this.weight[e]! += w;
    if (isCall) this.call[e] = 1;
  }

  /**
   * `add` for a stack walked leaf first. pprof walks root first and lets the
   * first use of an edge in a sample decide whether it is a call; leaf first,
   * that is the last use, so each use overwrites the sample's flag, and the
   * flag joins `call` when a later sample first uses the edge, or in settle().
   */
  addFromLeaf(e: number, stamp: number, w: number, isCall: boolean): void {
    if (this.stamp[e] !== stamp) {
      this.stamp[e] = stamp;
      this.weight[e]! += w;
      this.call[e]! |= this.pending[e]!;
    }
    this.pending[e] = isCall ? 1 : 0;
  }

  /** Folds addFromLeaf's pending flags into `call`; call it after a walk, before reading `call`. */
  settle(): void {
    for (let e = 0; e < this.count; e++) this.call[e]! |= this.pending[e]!;
  }

  /** Adds another table's edges (from a disjoint set of samples) into this one. */
  merge(other: EdgeLists): void {
    for (let k = 0; k < other.parent.length; k++) {
      const e = this.idOf(other.parent[k]!, other.child[k]!);
      this.weight[e]! += other.weight[k]!;
      if (other.call[k] === 1) this.call[e] = 1;
    }
  }

  /** The edges as trimmed arrays. */
  lists(): EdgeLists {
    return {
      parent: this.parent.slice(0, this.count),
      child: this.child.slice(0, this.count),
      weight: this.weight.slice(0, this.count),
      call: this.call.slice(0, this.count),
    };
  }

  private insert(slot: number, parent: number, child: number): number {
    const e = this.count++;
    if (e === this.parent.length) this.growEdges();
    this.parent[e] = parent;
    this.child[e] = child;
    this.slots[slot] = e;
    if (this.count * 2 > this.mask) this.rehash();
    return e;
  }

  private growEdges(): void {
    const n = this.parent.length * 2;
    const parent = new Int32Array(n); parent.set(this.parent); this.parent = parent;
    const child = new Int32Array(n); child.set(this.child); this.child = child;
    const weight = new Float64Array(n); weight.set(this.weight); this.weight = weight;
    const call = new Uint8Array(n); call.set(this.call); this.call = call;
    const stamp = new Int32Array(n); stamp.set(this.stamp); this.stamp = stamp;
    const pending = new Uint8Array(n); pending.set(this.pending); this.pending = pending;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let e = 0; e < this.count; e++) {
      let h = hash(this.parent[e]!, this.child[e]!) & this.mask;
      while (this.slots[h]! >= 0) h = (h + 1) & this.mask;
      this.slots[h] = e;
    }
  }
}
