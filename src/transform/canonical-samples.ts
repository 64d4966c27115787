/**
 * The sample half of canonicalProfile: pprof's Merge of one profile merges
 * samples with the same stack (new location ids) and the same labels,
 * summing their values, and drops samples whose values are all zero.
 *
 * A 100 MB profile has over a million samples, so nothing here is made per
 * sample on the heap: identities are 32-bit hashes of (stack, labels) in an
 * open-addressing table of typed arrays, checked against the first sample
 * of the same hash field by field (so a collision costs a comparison, never
 * a wrong merge), and the merged table is written straight into typed
 * arrays that select the kept samples' stacks and label entries.
 */

import { SampleTable, type FrameArray } from '../model/sample-table.js';
import type { Location } from '../model/types.js';
import { labelKind } from '../query/labels.js';
import { bigintHash, mix, stringHash } from './hash.js';

/** The merged samples: a table over the new locations, and whether any sum came out all zero. */
export interface MergedSamples {
  readonly table: SampleTable;
  /** True when some merged sample's values summed to zero (pprof merges again to drop it). */
  readonly zeroSums: boolean;
}

/** Label kinds in pprof's key order: string labels, then numeric ones ('none' entries do not exist for Go). */
const KIND_RANK = { string: 0, number: 1, none: -1 } as const;

/**
 * Merges the samples of `s`. `mapLocation(i)` gives the new index of
 * location i; it is called once per location, in order of first use by a
 * kept sample (which numbers the new locations as pprof does).
 * `hashMask` narrows the hashes (tests use it to make every identity collide).
 */
export function mergeSamples(
  s: SampleTable, mapLocation: (index: number) => number, locationCount: number, newLocations: () => readonly Location[],
  hashMask = -1,
): MergedSamples {
  const stride = s.stride;
  const vals = s.values;
  const lo = s.locationOffsets;
  const li = s.locationIndices;
  const newLoc = new Int32Array(locationCount).fill(-1);
  const hasLabels = s.labelOffsets[s.count]! > 0;
  const keys = hasLabels ? s.labelKeys : [];
  const strs = hasLabels ? s.labelStrs : [];
  const units = hasLabels ? s.labelNumUnits : [];
  const nums = s.labelNums;
  const rank = new Int8Array(s.labelOffsets[s.count]!);
  for (let k = 0; k < rank.length; k++) rank[k] = KIND_RANK[labelKind(s, k)];

  /** Sample i's label entries in identity order (kind, then key; file order within a key), into `out`. */
  const labelOrder = (i: number, out: number[]): void => {
    out.length = 0;
    for (let k = s.labelOffsets[i]!; k < s.labelOffsets[i + 1]!; k++) {
      if (rank[k]! < 0) continue;
      let at = out.length;
      // Insertion sort, stable: labels per sample are few.
      while (at > 0) {
        const p = out[at - 1]!;
        if (rank[p]! < rank[k]! || (rank[p] === rank[k] && keys[p]! <= keys[k]!)) break;
        out[at] = p;
        at--;
      }
      out[at] = k;
    }
  };
  const mine: number[] = [];
  const theirs: number[] = [];
  const sameLabels = (i: number, j: number): boolean => {
    labelOrder(i, mine);
    labelOrder(j, theirs);
    if (mine.length !== theirs.length) return false;
    for (let q = 0; q < mine.length; q++) {
      const a = mine[q]!;
      const b = theirs[q]!;
      if (rank[a] !== rank[b] || keys[a] !== keys[b]) return false;
      if (rank[a] === KIND_RANK.string ? strs[a] !== strs[b] : nums[a] !== nums[b] || units[a] !== units[b]) return false;
    }
    return true;
  };
  const sameStack = (i: number, j: number): boolean => {
    const n = lo[i + 1]! - lo[i]!;
    if (n !== lo[j + 1]! - lo[j]!) return false;
    for (let q = 0; q < n; q++) if (newLoc[li[lo[i]! + q]!] !== newLoc[li[lo[j]! + q]!]) return false;
    return true;
  };

  let size = 1024;
  while (size < s.count * 2) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  const hashes = new Int32Array(s.count);
  const rep = new Int32Array(s.count);
  const sums = new BigInt64Array(s.count * stride);
  let merged = 0;
  samples: for (let i = 0; i < s.count; i++) {
    let zero = true;
    for (let t = 0; t < stride; t++) if (vals[i * stride + t] !== 0n) { zero = false; break; }
    if (zero) continue;
    let h = lo[i + 1]! - lo[i]!;
    for (let k = lo[i]!; k < lo[i + 1]!; k++) {
      const from = li[k]!;
      let to = newLoc[from]!;
      if (to < 0) newLoc[from] = to = mapLocation(from);
      h = mix(h, to);
    }
    if (hasLabels && s.labelOffsets[i] !== s.labelOffsets[i + 1]) {
      labelOrder(i, mine);
      for (const k of mine) {
        h = mix(h, rank[k]!);
        h = stringHash(h, keys[k]!);
        if (rank[k] === KIND_RANK.string) {
          h = stringHash(h, strs[k]!);
        } else {
          h = bigintHash(h, nums[k]!);
          h = stringHash(h, units[k]!);
        }
      }
    }
    h &= hashMask;
    let slot = h & mask;
    for (let j = table[slot]!; j >= 0; slot = (slot + 1) & mask, j = table[slot]!) {
      if (hashes[j] !== h || !sameStack(i, rep[j]!) || !sameLabels(i, rep[j]!)) continue;
      for (let t = 0; t < stride; t++) sums[j * stride + t] = sums[j * stride + t]! + vals[i * stride + t]!;
      continue samples;
    }
    table[slot] = merged;
    hashes[merged] = h;
    rep[merged] = i;
    for (let t = 0; t < stride; t++) sums[merged * stride + t] = vals[i * stride + t]!;
    merged++;
  }
  return build(s, rep.subarray(0, merged), sums, newLoc, newLocations());
}

function build(s: SampleTable, rep: Int32Array, sums: BigInt64Array, newLoc: Int32Array, locations: readonly Location[]): MergedSamples {
  const count = rep.length;
  const stride = s.stride;
  let frames = 0;
  let labels = 0;
  for (const i of rep) {
    frames += s.locationOffsets[i + 1]! - s.locationOffsets[i]!;
    labels += s.labelOffsets[i + 1]! - s.labelOffsets[i]!;
  }
  const locationOffsets = new Uint32Array(count + 1);
  const locationIndices: FrameArray = locations.length > 0xffff ? new Uint32Array(frames) : new Uint16Array(frames);
  const labelOffsets = new Uint32Array(count + 1);
  const picks = new Uint32Array(labels);
  const labelNums = new BigInt64Array(labels);
  let f = 0;
  let l = 0;
  for (let m = 0; m < count; m++) {
    const i = rep[m]!;
    for (let k = s.locationOffsets[i]!; k < s.locationOffsets[i + 1]!; k++) locationIndices[f++] = newLoc[s.locationIndices[k]!]!;
    locationOffsets[m + 1] = f;
    for (let k = s.labelOffsets[i]!; k < s.labelOffsets[i + 1]!; k++) {
      picks[l] = k;
      labelNums[l++] = s.labelNums[k]!;
    }
    labelOffsets[m + 1] = l;
  }
  let zeroSums = false;
  for (let m = 0; m < count && !zeroSums; m++) {
    let zero = true;
    for (let t = 0; t < stride; t++) if (sums[m * stride + t] !== 0n) { zero = false; break; }
    zeroSums = zero;
  }
  let text: { keys: string[]; strs: string[]; numUnits: string[] } | null = null;
  const table = new SampleTable({
    count, stride, locationOffsets, locationIndices,
    values: count * stride === sums.length ? sums : sums.slice(0, count * stride),
    labelOffsets, labelNums,
    labelText: () => (text ??= {
      keys: Array.from(picks, (k) => s.labelKeys[k]!),
      strs: Array.from(picks, (k) => s.labelStrs[k]!),
      numUnits: Array.from(picks, (k) => s.labelNumUnits[k]!),
    }),
    locations,
  });
  return { table, zeroSums };
}
