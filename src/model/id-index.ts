/**
 * Id -> position lookup for mappings, locations and functions, detecting
 * duplicate ids. Go numbers ids 1..N, so a dense Int32Array table serves the
 * hot path (sample stacks); sparse or huge (>= 2^53) ids fall back to maps.
 */

import { PprofError } from '../errors.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Lookup of entity positions by uint64 id. */
export class IdIndex {
  /**
   * While ids arrive as 1, 2, 3, ... at positions 0, 1, 2, ... (how Go numbers
   * them), position = id - 1 and nothing is stored: no map entry per entity,
   * and a duplicate is impossible. The first id out of that order moves the
   * run into the maps.
   */
  private run = 0;
  private mapped = false;
  private readonly small = new Map<number, number>();
  private readonly big = new Map<bigint, number>();
  private maxSmall = 0;
  private dense: Int32Array | null | undefined;

  /** `kind` names the entity in messages ("location", ...). */
  constructor(private readonly kind: string) {}

  /** Registers id at position; throws on the reserved id 0 and on duplicates. */
  add(id: bigint, position: number): void {
    if (id === 0n) throw new PprofError('invalid-profile', `${this.kind} #${position} has the reserved id 0`);
    this.dense = undefined;
    if (!this.mapped) {
      if (position === this.run && id <= MAX_SAFE && Number(id) === position + 1) {
        this.run = position + 1;
        this.maxSmall = position + 1;
        return;
      }
      for (let p = 0; p < this.run; p++) this.small.set(p + 1, p);
      this.mapped = true;
    }
    if (this.find(id) >= 0) {
      throw new PprofError('invalid-profile', `multiple ${this.kind}s with same id: ${id}`);
    }
    if (id <= MAX_SAFE) {
      const n = Number(id);
      this.small.set(n, position);
      if (n > this.maxSmall) this.maxSmall = n;
    } else {
      this.big.set(id, position);
    }
  }

  /** `add` of an id below 2^53 given as a number: no bigint per entity while ids run 1..N. */
  addSafe(id: number, position: number): void {
    if (!this.mapped && position === this.run && id === position + 1) {
      this.dense = undefined;
      this.run = position + 1;
      this.maxSmall = position + 1;
      return;
    }
    this.add(BigInt(id), position);
  }

  /** Position of id, or -1. */
  find(id: bigint): number {
    return id <= MAX_SAFE ? this.findNumber(Number(id)) : (this.big.get(id) ?? -1);
  }

  /** Position of a safe-integer id, or -1. */
  findNumber(id: number): number {
    if (!this.mapped) return id >= 1 && id <= this.run ? id - 1 : -1;
    return this.small.get(id) ?? -1;
  }

  /** A table t with t[id] = position (or -1), when ids are dense enough; else null. */
  denseTable(): Int32Array | null {
    if (this.dense !== undefined) return this.dense;
    if (!this.mapped) {
      const t = new Int32Array(this.run + 1);
      t[0] = -1;
      for (let id = 1; id <= this.run; id++) t[id] = id - 1;
      this.dense = t;
      return t;
    }
    const size = this.maxSmall + 1;
    if (size > 4 * this.small.size + 1024) {
      this.dense = null;
      return null;
    }
    const t = new Int32Array(size).fill(-1);
    for (const [id, pos] of this.small) t[id] = pos;
    this.dense = t;
    return t;
  }
}
