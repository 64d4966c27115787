/**
 * The unit `top` would print each sample type of a flame page in. pprof
 * picks it from the flat and cum values of the nodes `top` shows (those left
 * by the default node fraction), so they are needed for every sample type;
 * a page of a two-type CPU profile used to pay two full passes over the
 * samples (one per type, each as costly as `top`'s own). Here one pass adds
 * every sample into every type's flat and cum, then each type's kept nodes
 * are picked from those sums as pprof's trimming does, without sorting them.
 * With --mean, or when a column's sums could leave the exact range of
 * float64, the per-type path that `top` itself uses is taken instead.
 */

import { DEFAULT_NODE_FRACTION } from '../defaults.js';
import { reportNodes, cutoffOf } from '../query/graph/trim.js';
import { withValue, type QueryView } from '../query/view.js';
import { reportUnit, type ReportUnit } from '../report/common/labels.js';

/** Sums above this may round in float64; the fast pass is then not used. */
const EXACT_LIMIT = 2 ** 53;

/** The output unit and value format `top` would use, for every sample type of the view's profile. */
export function unitsOfEveryType(view: QueryView): ReportUnit[] {
  const types = view.profile.sampleTypes;
  const sums = view.mean ? null : flatCumOfEveryType(view);
  return types.map((_, t) => {
    const v = withValue(view, t);
    if (sums === null) {
      const shown = reportNodes(v, {
        nodeFraction: DEFAULT_NODE_FRACTION, edgeFraction: 0, nodeCount: 0, cum: false, visual: false, dropNegative: false,
      });
      return reportUnit(v, shown.nodes.map((n) => ({ flat: shown.flatValue[n]!, cum: shown.cumValue[n]! })));
    }
    return reportUnit(v, keptNodes(sums, t, types.length));
  });
}

/** Flat and cum sums of every node, type-major within a node: `flat[node * types + t]`. */
interface TypeSums {
  readonly flat: Float64Array;
  readonly cum: Float64Array;
  readonly nodeCount: number;
}

/**
 * The nodes `top` keeps for one type (pprof's trimming with the default node
 * fraction and no node count: present nodes whose |cum| reaches the fraction
 * of the flat sum), with their values.
 */
function keptNodes(sums: TypeSums, t: number, nTypes: number): Array<{ flat: bigint; cum: bigint }> {
  let flatSum = 0;
  for (let n = 0; n < sums.nodeCount; n++) flatSum += sums.flat[n * nTypes + t]!;
  const cutoff = Number(cutoffOf(BigInt(flatSum), DEFAULT_NODE_FRACTION));
  const kept: Array<{ flat: bigint; cum: bigint }> = [];
  for (let n = 0; n < sums.nodeCount; n++) {
    const flat = sums.flat[n * nTypes + t]!;
    const cum = sums.cum[n * nTypes + t]!;
    if (flat === 0 && cum === 0) continue;
    if (cutoff > 0 && Math.abs(cum) < cutoff) continue;
    kept.push({ flat: BigInt(flat), cum: BigInt(cum) });
  }
  return kept;
}

/**
 * One pass over the kept samples adding each into the flat and cum of every
 * type (pprof's rules, as in query/kernels.ts: a node counts once per sample
 * in cum, the innermost kept line gets flat). Null when some column is not
 * exact in float64.
 */
function flatCumOfEveryType(view: QueryView): TypeSums | null {
  const { profile, filters, nodes } = view;
  const s = profile.samples;
  const nTypes = profile.sampleTypes.length;
  const cols: Float64Array[] = [];
  for (let t = 0; t < nTypes; t++) {
    const col = s.numberColumn(t);
    let abs = 0;
    for (let i = 0; i < col.values.length; i++) abs += Math.abs(col.values[i]!);
    if (!col.exact || abs >= EXACT_LIMIT) return null;
    cols.push(col.values);
  }
  const nodeCount = nodes.infos.length;
  const flat = new Float64Array(nodeCount * nTypes);
  const cum = new Float64Array(nodeCount * nTypes);
  const seen = new Int32Array(nodeCount);
  const w = new Float64Array(nTypes);
  const { locationOffsets: offsets, locationIndices: frames } = s;
  const { locOffsets: lo, locNodes } = nodes;
  const { keep, hidden } = filters;
  // Most locations have one line: their node in one load (-1: several lines, -2: hidden).
  const single = new Int32Array(lo.length - 1);
  for (let loc = 0; loc < single.length; loc++) {
    single[loc] = hidden !== null && hidden[loc] === 1 ? -2 : lo[loc + 1]! - lo[loc]! === 1 ? locNodes[lo[loc]!]! : -1;
  }
  for (let i = 0; i < s.count; i++) {
    if (keep !== null && keep[i] === 0) continue;
    let any = false;
    for (let t = 0; t < nTypes; t++) {
      const v = cols[t]![i]!;
      w[t] = v;
      if (v !== 0) any = true;
    }
    if (!any) continue;
    const stamp = i + 1;
    let leaf = -1;
    const first = offsets[i]!;
    for (let k = offsets[i + 1]! - 1; k >= first; k--) {
      const loc = frames[k]!;
      const one = single[loc]!;
      if (one >= 0) {
        if (seen[one] !== stamp) {
          seen[one] = stamp;
          for (let t = 0; t < nTypes; t++) cum[one * nTypes + t]! += w[t]!;
        }
        leaf = one;
        continue;
      }
      if (one === -2) continue;
      for (let q = lo[loc + 1]! - 1; q >= lo[loc]!; q--) {
        const node = locNodes[q]!;
        if (seen[node] !== stamp) {
          seen[node] = stamp;
          for (let t = 0; t < nTypes; t++) cum[node * nTypes + t]! += w[t]!;
        }
        leaf = node;
      }
    }
    if (leaf >= 0) for (let t = 0; t < nTypes; t++) flat[leaf * nTypes + t]! += w[t]!;
  }
  return { flat, cum, nodeCount };
}
