/**
 * The unit `top` would print each sample type of a flame page in. pprof
 * picks it from the flat and cum values of the nodes `top` shows (those left
 * by the default node fraction). The call trees built so far settle it for
 * most types (flame-unit-bounds.ts: bounds of the smallest such value);
 * for the others, their flat and cum are needed. A page of a two-type CPU
 * profile used to pay two full passes over the
 * samples (one per type, each as costly as `top`'s own) after building its
 * trees. Now one pass adds every sample into every type's flat and cum
 * (query/type-kernels.ts), over the frame codes the page's call trees are
 * built from; on a profile big enough for
 * `top`'s helper thread, the helper builds one of the page's call trees
 * (`work`) meanwhile. Each type's kept nodes are
 * then picked from the sums as pprof's trimming does, without sorting them.
 * With --mean, or when a column's sums could leave the exact range of
 * float64, the per-type path that `top` itself uses is taken instead.
 */

import { DEFAULT_NODE_FRACTION } from '../defaults.js';
import { flatCumTypesOfCodes } from '../query/type-kernels.js';
import type { SplitInput } from '../query/split-input.js';
import { PassWorker, type ParallelMode, type PassJob, type PassResult } from '../query/parallel.js';
import { reportNodes, cutoffOf } from '../query/graph/trim.js';
import { withValue, type QueryView } from '../query/view.js';
import { sumsExactly } from '../query/aggregate.js';
import { reportUnit, reportUnitNamed, type ReportUnit } from '../report/common/labels.js';
import { unitsFromTrees, type BuiltTree } from './flame-unit-bounds.js';

/** A piece of a page's work: it runs here, or, when it has a job, possibly on the helper thread. */
export interface PageWork {
  /**
   * Makes the same work as a helper-thread job (called only when the helper
   * takes it), or null for work that runs only here.
   */
  readonly job: (() => PassJob) | null;
  /**
   * Runs first on this thread when the piece's job was posted (`posted`) or
   * would have been: this thread's share of what the job reads. `answered`
   * tells whether the helper has already answered (so it works no more).
   */
  readonly started?: (posted: boolean, answered: () => boolean) => void;
  /**
   * Runs on this thread after all its other work, when the piece's job was
   * posted: helps the helper finish it (`answered` as for `started`).
   */
  readonly joined?: (answered: () => boolean) => void;
  /** Does the work on this thread. */
  here(): void;
  /** Takes the helper's result of `job`, in place of `here`. */
  take(result: PassResult): void;
  /** The call tree this piece has built on this thread, with its values, if it is one and has (it bounds the nodes' cum). */
  readonly built?: () => BuiltTree | undefined;
}

/**
 * The output unit and value format `top` would use, for every sample type of
 * the view's profile. Does every piece of `work` (here, or on the helper
 * thread when there is one and the piece has a job) before it returns.
 * `input` gives the split input of the page's call trees, which the passes
 * read (made on first call, once for the trees and the passes).
 */
export function unitsOfEveryType(
  view: QueryView, work: readonly PageWork[], parallel: ParallelMode, input: () => SplitInput,
): ReportUnit[] {
  const types = view.profile.sampleTypes;
  const cols = view.mean ? null : exactColumns(view);
  const helper = cols === null ? null : PassWorker.start(parallel, view.profile.samples);
  let found: FoundUnits | null = null;
  if (cols !== null && helper !== null) found = passesOnHelper(view, cols, helper, work, input);
  else {
    for (const w of work) w.here();
    if (cols !== null) found = unitsOrSums(view, cols, work, input);
  }
  return types.map((_, t) => {
    const v = withValue(view, t);
    const named = found?.named[t];
    if (named !== undefined && named !== null) return reportUnitNamed(v, named);
    const sums = found?.sums ?? null;
    if (sums === null) {
      const shown = reportNodes(v, {
        nodeFraction: DEFAULT_NODE_FRACTION, edgeFraction: 0, nodeCount: 0, cum: false, visual: false, dropNegative: false,
      });
      return reportUnit(v, shown.nodes.map((n) => ({ flat: shown.flatValue[n]!, cum: shown.cumValue[n]! })));
    }
    return reportUnit(v, keptNodes(sums, t));
  });
}

/**
 * What the trees settled (`named[t]`: the unit of type t, or null) and, when
 * they left any type open, the flat and cum sums of every type.
 */
interface FoundUnits {
  readonly named: ReadonlyArray<string | null>;
  readonly sums: TypeSums | null;
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
    // Sums that may round in float64 take the per-type path instead of the fast pass.
    if (!sumsExactly(col)) return null;
    cols.push(col.values);
  }
  return cols;
}

/**
 * The first piece of `work` that has a job goes to the helper thread; this
 * thread meanwhile does the other pieces and then one pass adding every
 * sample into every type's flat and cum. On a flame page the helper thus
 * builds the callees tree (the costlier one) while this thread builds the
 * callers tree and runs the passes, then joins it (query/tree-steal.ts); a
 * failed helper job is redone here.
 */
function passesOnHelper(
  view: QueryView, cols: readonly Float64Array[], helper: PassWorker, work: readonly PageWork[], input: () => SplitInput,
): FoundUnits {
  const h = work.findIndex((w) => w.job !== null);
  let found: FoundUnits | null = null;
  const local = (posted: boolean): void => {
    work.forEach((w, k) => { if (k !== h) w.here(); });
    found = unitsOrSums(view, cols, work, input);
    if (posted) work[h]?.joined?.(() => helper.answered());
  };
  if (h < 0) {
    local(false);
  } else {
    const onHelper = work[h]!;
    const r = helper.run(onHelper.job!(), (posted) => {
      onHelper.started?.(posted, () => helper.answered());
      local(posted);
    }, () => null);
    if (r === null) onHelper.here();
    else onHelper.take(r);
  }
  return found!;
}

/**
 * The units the trees built so far settle; when they leave a type open,
 * the flat and cum sums of every type too (one pass for all of them).
 */
function unitsOrSums(view: QueryView, cols: readonly Float64Array[], work: readonly PageWork[], input: () => SplitInput): FoundUnits {
  const trees = work.map((w) => w.built?.()).filter((t): t is BuiltTree => t !== undefined);
  const types = view.profile.sampleTypes.map((st, t) => ({ sampleUnit: st.unit, total: Number(withValue(view, t).total) }));
  const named = unitsFromTrees(input(), cols, trees, types);
  return { named, sums: named.includes(null) ? flatCumOfEveryType(view, cols, input) : null };
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
 * in cum, the innermost kept line gets flat), over the call trees' split
 * input (its frames are already report nodes). The columns are exact (see
 * exactColumns).
 */
function flatCumOfEveryType(view: QueryView, cols: readonly Float64Array[], input: () => SplitInput): TypeSums {
  const nTypes = cols.length;
  const nodeCount = view.nodes.infos.length;
  const flat = new Float64Array(nodeCount * nTypes);
  const cum = new Float64Array(nodeCount * nTypes);
  flatCumTypesOfCodes(input(), cols, flat, cum);
  return { flatOf: (n, t) => flat[n * nTypes + t]!, cumOf: (n, t) => cum[n * nTypes + t]!, nodeCount };
}
