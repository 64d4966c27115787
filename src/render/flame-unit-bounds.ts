/**
 * The unit `top` would print a flame page's sample type in, settled from
 * what the page has already built, without the flat/cum pass over every
 * frame (flame-units.ts) where that is enough.
 *
 * pprof picks the unit from the smallest value among the nodes `top` keeps
 * (|cum| at least the node fraction of the flat sum): a node's |flat|, or
 * its |cum| when flat is 0. Only which side of a unit's bounds that value
 * falls on matters (report/units.ts's outputUnitWithin). With no negative
 * value in the column, the page knows without the pass:
 * - every node's flat (one read per sample: the innermost node of its stack);
 * - a lower bound of every node's cum from a call tree: the samples through
 *   a tree node all hold its frame, and tree nodes of one frame with no
 *   ancestor of that frame hold disjoint samples, so their values add up to
 *   at most the frame's cum (the cut tree's merged nodes are left out);
 * so the smallest value is at most the flat of any node proven kept (flat
 * or cum bound at least the cut-off) and at least the least nonzero flat
 * or, for a kept node of flat 0, max(cut-off, least nonzero sample value).
 * When the unit is the same at both ends it is the unit; otherwise the
 * caller runs the pass. On the CPU profiles here the bounds of the nodes
 * one call above a hot leaf settle it; a type without a unit family (a
 * count) is settled as soon as one node is proven kept.
 */

import { DEFAULT_NODE_FRACTION } from '../defaults.js';
import { cutoffOf } from '../query/graph/trim.js';
import type { SplitInput } from '../query/split-input.js';
import type { SplitTree } from '../query/tree-split.js';
import type { TreeValues } from '../query/call-tree.js';
import { outputUnitWithin } from '../report/units.js';

/** Trees of more nodes give no bounds (the pass then settles their units): about 80 MB of working memory. */
const MAX_BOUND_TREE_NODES = 1 << 22;

/** A call tree built so far, with its values of every sample type (query/call-tree.ts's treeValuesOfEveryType). */
export interface BuiltTree {
  readonly tree: SplitTree;
  readonly values: readonly TreeValues[];
}

/** What the unit of one sample type depends on besides the nodes. */
export interface TypeUnitInput {
  /** The sample type's unit as in the profile. */
  readonly sampleUnit: string;
  /** The report total of the type (its 100%). */
  readonly total: number;
}

/**
 * For each sample type, the output unit `top` would choose, or null where
 * the trees do not settle it. `cols[t]` is type t's value column (exact in
 * float64, see flame-units.ts); `trees` are call trees of `input` already
 * built (either orientation; none gives the weakest bounds).
 */
export function unitsFromTrees(
  input: SplitInput, cols: readonly Float64Array[], trees: readonly BuiltTree[], types: readonly TypeUnitInput[],
): Array<string | null> {
  const nTypes = cols.length;
  const nFrames = input.nFrames;
  const { flat, leastWeight } = leafFlats(input, cols);
  // A tree cut finely (--min-width 0) can have tens of millions of nodes: its bounds would cost more than the pass.
  const bounding = trees.filter((t) => t.tree.size <= MAX_BOUND_TREE_NODES);
  const tops = bounding.map((t) => topmostNodes(t.tree, nFrames));
  return types.map((type, t) => {
    // Bounds of |cum| need every value on one side of zero (NaN marks a negative one).
    if (Number.isNaN(leastWeight[t])) return null;
    let flatSum = 0;
    let leastFlat = Infinity;
    for (let n = 0; n < nFrames; n++) {
      const f = flat[n * nTypes + t]!;
      flatSum += f;
      if (f > 0 && f < leastFlat) leastFlat = f;
    }
    if (leastFlat === Infinity) return null;
    const cutoff = Number(cutoffOf(BigInt(flatSum), DEFAULT_NODE_FRACTION));
    const bound = cumBounds(bounding, tops, t, nFrames);
    let hi = Infinity;
    for (let n = 0; n < nFrames; n++) {
      const f = flat[n * nTypes + t]!;
      // Kept for sure: cum >= flat for values of one sign, and cum >= its bound.
      if (f > 0 && f < hi && (f >= cutoff || bound[n]! >= cutoff)) hi = f;
    }
    if (hi === Infinity) return null;
    const lo = Math.min(leastFlat, Math.max(cutoff, leastWeight[t]!));
    return outputUnitWithin(lo, hi, type.total, type.sampleUnit);
  });
}

/**
 * Every node's flat for every type, `flat[n * T + t]` (each placed sample's
 * value goes to the innermost node of its first frame, as the pass does),
 * and per type the least positive value of a placed sample, or NaN when
 * one is negative.
 */
function leafFlats(input: SplitInput, cols: readonly Float64Array[]): { flat: Float64Array; leastWeight: Float64Array } {
  const { placed, offsets, ends, codes, runStart, runNodes, nFrames } = input;
  const nTypes = cols.length;
  const flat = new Float64Array(nFrames * nTypes);
  const leastWeight = new Float64Array(nTypes).fill(Infinity);
  for (let t = 0; t < nTypes; t++) {
    const col = cols[t]!;
    let least = Infinity;
    for (let j = 0; j < placed.length; j++) {
      const v = col[placed[j]!]!;
      if (v < 0) { least = NaN; break; }
      if (v > 0 && v < least) least = v;
    }
    leastWeight[t] = least;
  }
  for (let j = 0; j < placed.length; j++) {
    const k = offsets[j]!;
    if (k >= ends[j]!) continue;
    const c = codes[k]!;
    const leaf = c < nFrames ? c : runNodes[runStart[c - nFrames]!]!;
    for (let t = 0; t < nTypes; t++) flat[leaf * nTypes + t]! += cols[t]![placed[j]!]!;
  }
  return { flat, leastWeight };
}

/** Per node of a tree, 1 when no ancestor has its frame (one of `nFrames` report nodes), in one walk from the root. */
function topmostNodes(tree: SplitTree, nFrames: number): Uint8Array {
  const { size, parent, frame } = tree;
  // Children lists: children come after their parents.
  const start = new Int32Array(size + 1);
  for (let x = 1; x < size; x++) start[parent[x]! + 1]!++;
  for (let x = 0; x < size; x++) start[x + 1]! += start[x]!;
  const fill = start.slice(0, size);
  const kids = new Int32Array(Math.max(0, size - 1));
  for (let x = 1; x < size; x++) kids[fill[parent[x]!]!++] = x;
  const onPath = new Int32Array(nFrames);
  const out = new Uint8Array(size);
  // Depth first; a negative entry -1 - x leaves node x. Each node enters and leaves once.
  const stack = new Int32Array(2 * size);
  let depth = 0;
  stack[depth++] = 0;
  while (depth > 0) {
    const e = stack[--depth]!;
    if (e < 0) {
      onPath[frame[-1 - e]!]!--;
      continue;
    }
    const f = frame[e]!;
    if (f >= 0) {
      if (onPath[f] === 0) out[e] = 1;
      onPath[f]!++;
      stack[depth++] = -1 - e;
    }
    for (let k = start[e + 1]! - 1; k >= start[e]!; k--) stack[depth++] = kids[k]!;
  }
  return out;
}

/**
 * Per report node, the greatest lower bound of its cum for type t any of the
 * trees gives (see the file's header); a tree node's total is the sum of the
 * samples through it.
 */
function cumBounds(trees: readonly BuiltTree[], tops: readonly Uint8Array[], t: number, nFrames: number): Float64Array {
  const best = new Float64Array(nFrames);
  trees.forEach(({ tree, values }, k) => {
    const through = values[t]!.total;
    const sum = new Float64Array(nFrames);
    const top = tops[k]!;
    for (let x = 1; x < tree.size; x++) {
      const f = tree.frame[x]!;
      if (top[x] === 1) sum[f]! += through[x]!;
    }
    for (let n = 0; n < nFrames; n++) if (sum[n]! > best[n]!) best[n] = sum[n]!;
  });
  return best;
}
