/**
 * Comparing two profiles as pprof's driver does for `-base` and `-diff_base`
 * (fetchProfiles): with `diff-base` every base sample is labelled
 * `pprof::base=true` (reports then take their total from those samples
 * only, see total.ts); with `normalize` the NEW profile is scaled so that its
 * per-type sum equals the base's (pprof's Profile.Normalize); then the base
 * is negated and merged in after the new profile.
 */

import { PprofError } from '../errors.js';
import type { Profile } from '../model/profile.js';
import { DIFF_BASE_LABEL } from './labels.js';
import { checkCompatible, mergedHeader } from './merge.js';
import { mergeWithBase } from './merge-samples.js';
import type { MergeSource } from './merge-source.js';
import { scaleProfile } from './scale.js';

/** How the base is subtracted: `base` (pprof -base) or `diff-base` (pprof -diff_base). */
export type BaseMode = 'base' | 'diff-base';

/** Options of {@link diffProfiles}. */
export interface DiffOptions {
  mode: BaseMode;
  /** Scale the new profile to the base's total first (pprof -normalize). */
  normalize?: boolean;
  /**
   * The result only feeds reports that add samples up by stack or by node
   * (top, tree, peek, dot, svg, folded, flamegraph), for which samples with
   * the same stack and labels may stay apart and their order does not
   * matter: with -diff_base, no -normalize and no negative value, each side
   * then goes into the comparison without its own merge first (about 30% of
   * `top --diff-base`'s time on a 100 MB profile). Reports that print
   * samples (traces, raw) or label sums (tags), and a profile written out
   * (`merge -o`, `--output-proto`), need pprof's exact sample list.
   */
  sumsOnly?: boolean;
}

/** Per-type sums of signed values (int64, as pprof adds them). */
function typeSums(p: Profile): bigint[] {
  const { values, stride, count } = p.samples;
  const sums = new Array<bigint>(stride).fill(0n);
  for (let i = 0; i < count; i++) for (let t = 0; t < stride; t++) sums[t] = BigInt.asIntN(64, sums[t]! + values[i * stride + t]!);
  return sums;
}

/** The ratios that scale sums `of` to sums `to`, type by type (0 for a type whose sum is 0). */
function normalizeRatios(of: readonly bigint[], to: readonly bigint[]): number[] {
  return of.map((s, i) => (s === 0n ? 0 : Number(to[i]!) / Number(s)));
}

/**
 * `p` scaled so that each type's sum equals that of `base` (a type whose sum
 * is 0 in `p` is scaled by 0). Throws PprofError 'incompatible'.
 */
export function normalizeProfile(p: Profile, base: Profile): Profile {
  checkCompatible(p, base);
  return scaleProfile(p, normalizeRatios(typeSums(p), typeSums(base)));
}

/** The new profile minus the base, as `go tool pprof -base`/`-diff_base base p` reads it. Throws PprofError. */
export function diffProfiles(p: Profile, base: Profile, options: DiffOptions): Profile {
  checkCompatible(p, base);
  let label: MergeSource['label'];
  switch (options.mode) {
    case 'diff-base': label = { key: DIFF_BASE_LABEL, values: ['true'] }; break;
    case 'base': break;
    default: throw new PprofError('bad-option', `unknown base mode ${String(options.mode satisfies never)}`);
  }
  // pprof merges each side on its own before comparing (duplicate samples combined, zero ones dropped),
  // which matters for the rounding of -normalize and for the order of the samples; then SetLabel,
  // Normalize and Scale(-1), and the merge of the two. mergeWithBase does all of it without building
  // the merged sides or the scaled and relabelled copies.
  const header = mergedHeader([mergedHeader([p]), mergedHeader([base])]);
  const ratios = options.normalize === true ? normalizeRatios : undefined;
  return mergeWithBase(header, p, base, { ratios, label, sumsOnly: options.sumsOnly === true });
}
