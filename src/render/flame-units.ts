/**
 * The unit `top` would print each sample type of a flame page in. pprof
 * picks it from the flat and cum values of the nodes `top` shows (those left
 * by the default node fraction), so they are needed for every sample type;
 * a page of a two-type CPU profile used to pay two full passes over the
 * samples (one per type, each as costly as `top`'s own) after building its
 * trees. Now, on a profile big enough for `top`'s helper thread, the helper
 * runs those passes (top's flat/cum kernel, one job per type) while this
 * thread builds the page's call trees (`work`); otherwise one pass here adds
 * every sample into every type's flat and cum. Each type's kept nodes are
 * then picked from the sums as pprof's trimming does, without sorting them.
 * With --mean, or when a column's sums could leave the exact range of
 * float64, the per-type path that `top` itself uses is taken instead.
 */

import { DEFAULT_NODE_FRACTION } from '../defaults.js';
import { locationNodes, stackArrays } from '../query/aggregate.js';
import { flatCumKernel, singleNodes } from '../query/kernels.js';
import { PassWorker, type ParallelMode } from '../query/parallel.js';
import { reportNodes, cutoffOf } from '../query/graph/trim.js';
import { withValue, type QueryView } from '../query/view.js';
import { reportUnit, type ReportUnit } from '../report/common/labels.js';

/** Sums above this may round in float64; the fast pass is then not used. */
const EXACT_LIMIT = 2 ** 53;

/**
 * The output unit and value format `top` would use, for every sample type of
 * the view's profile. Runs every function of `work` on this thread (while
 * the helper thread, when there is one, runs the passes) before it returns.
 */
export function unitsOfEveryType(view: QueryView, work: ReadonlyArray<() => void> = [], parallel: ParallelMode = 'auto'): ReportUnit[] {
  const types = view.profile.sampleTypes;
  const cols = view.mean ? null : exactColumns(view);
  const helper = cols === null ? null : PassWorker.start(parallel, view.profile.samples);
  let sums: TypeSums | null = null;
  if (cols !== null && helper !== null) sums = passesOnHelper(view, cols, helper, work);
  else {
    for (const w of work) w();
    if (cols !== null) sums = flatCumOfEveryType(view, cols);
  }
  return types.map((_, t) => {
    const v = withValue(view, t);
    if (sums === null) {
      const shown = reportNodes(v, {
        nodeFraction: DEFAULT_NODE_FRACTION, edgeFraction: 0, nodeCount: 0, cum: false, visual: false, dropNegative: false,
      });
      return reportUnit(v, shown.nodes.map((n) => ({ flat: shown.flatValue[n]!, cum: shown.cumValue[n]! })));
    }
    return reportUnit(v, keptNodes(sums, t));
  });
}

/** Flat and cum sums of every node for every type. */
interface TypeSums {
  flatOf(node: number, type: number): number;
  cumOf(node: number, type: number): number;
  readonly nodeCount: number;
}

/** The value columns when every one sums exactly in float64; null otherwise. */
function exactColumns(view: QueryView): Float64Array[] | null {
  const s = view.profile.samples;
  const cols: Float64Array[] = [];
  for (let t = 0; t < view.profile.sampleTypes.length; t++) {
    const col = s.numberColumn(t);
    let abs = 0;
    for (let i = 0; i < col.values.length; i++) abs += Math.abs(col.values[i]!);
    if (!col.exact || abs >= EXACT_LIMIT) return null;
    cols.push(col.values);
  }
  return cols;
}

/**
 * One flat/cum pass per type, each on the helper thread while this thread
 * runs the next piece of `work` (or, when the work is done and two types are
 * left, the next type's pass); a failed helper job is redone here.
 */
function passesOnHelper(view: QueryView, cols: readonly Float64Array[], helper: PassWorker, work: ReadonlyArray<() => void>): TypeSums {
  const walk = { profile: view.profile, view: view.filters, nodes: view.nodes };
  const st = stackArrays(walk);
  const ln = locationNodes(walk);
  const single = singleNodes(ln);
  const count = view.profile.samples.count;
  const n = ln.nodeCount;
  const flat: Float64Array[] = [];
  const cum: Float64Array[] = [];
  const here = (t: number): void => {
    flat[t] = new Float64Array(n);
    cum[t] = new Float64Array(n);
    flatCumKernel(st, ln, single, cols[t]!, 0, count, flat[t]!, cum[t]!);
  };
  const queue = cols.map((_, t) => t);
  const todo = [...work];
  while (queue.length > 0 || todo.length > 0) {
    const t = queue.shift();
    if (t === undefined) { todo.shift()!(); continue; }
    const nextWork = todo.shift();
    const other = nextWork === undefined ? queue.shift() : undefined;
    const r = helper.run(
      { kind: 'flatcum', st, ln, w: cols[t]!, from: 0, to: count },
      () => { if (nextWork !== undefined) nextWork(); else if (other !== undefined) here(other); },
      () => {
        here(t);
        return { kind: 'flatcum', flat: flat[t]!, cum: cum[t]! };
      },
    );
    if (r.kind !== 'flatcum') throw new Error('helper thread answered the wrong job');
    flat[t] = r.flat;
    cum[t] = r.cum;
  }
  return { flatOf: (node, t) => flat[t]![node]!, cumOf: (node, t) => cum[t]![node]!, nodeCount: n };
}

/**
 * The nodes `top` keeps for one type (pprof's trimming with the default node
 * fraction and no node count: present nodes whose |cum| reaches the fraction
 * of the flat sum), with their values.
 */
function keptNodes(sums: TypeSums, t: number): Array<{ flat: bigint; cum: bigint }> {
  let flatSum = 0;
  for (let n = 0; n < sums.nodeCount; n++) flatSum += sums.flatOf(n, t);
  const cutoff = Number(cutoffOf(BigInt(flatSum), DEFAULT_NODE_FRACTION));
  const kept: Array<{ flat: bigint; cum: bigint }> = [];
  for (let n = 0; n < sums.nodeCount; n++) {
    const flat = sums.flatOf(n, t);
    const cum = sums.cumOf(n, t);
    if (flat === 0 && cum === 0) continue;
    if (cutoff > 0 && Math.abs(cum) < cutoff) continue;
    kept.push({ flat: BigInt(flat), cum: BigInt(cum) });
  }
  return kept;
}

/**
 * One pass over the kept samples adding each into the flat and cum of every
 * type (pprof's rules, as in query/kernels.ts: a node counts once per sample
 * in cum, the innermost kept line gets flat).
 * The columns are exact (see exactColumns).
 */
function flatCumOfEveryType(view: QueryView, cols: readonly Float64Array[]): TypeSums {
  const { profile, filters, nodes } = view;
  const s = profile.samples;
  const nTypes = profile.sampleTypes.length;
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
  return { flatOf: (n, t) => flat[n * nTypes + t]!, cumOf: (n, t) => cum[n * nTypes + t]!, nodeCount };
}
