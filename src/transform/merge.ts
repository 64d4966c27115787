/**
 * Merging profiles with pprof's semantics (profile.Merge), so that
 * `pprof-ts top a b` equals `go tool pprof -top a b`:
 * - sample types and period types must match exactly (type and unit);
 * - header: earliest nonzero time, durations summed, largest period,
 *   comments in first-seen order without repeats, the first non-empty
 *   default sample type, drop/keep frames of the first profile;
 * - mappings are the same when their size (rounded up to 4 KiB), file offset
 *   and build id (else file name) agree, and a location's address is moved
 *   into the address range of the mapping it merges into;
 * - locations are the same when mapping, mapping-relative address, folding
 *   and (function, line) lists agree; functions when all their fields agree;
 * - samples are the same when their stacks and their label sets (order of
 *   keys aside) agree: their values are added; labels Go's decoder drops
 *   (no string, no number, no unit) are neither compared nor kept;
 * - all-zero samples are left out, and whatever only they referenced goes too;
 *   the first mapping of the first profile that has mappings is always kept,
 *   first (pprof keeps it as the main binary).
 * The work is column-wise: frames in merge-parts.ts, samples in
 * merge-samples.ts, each source read (and scaled, relabelled) by
 * merge-source.ts. The same engine does pprof's merge on load
 * (canonical.ts) and the comparisons of -base and -diff_base (diff.ts).
 */

import { PprofError } from '../errors.js';
import type { BuilderHeader } from '../model/builder.js';
import type { Profile } from '../model/profile.js';
import type { ValueType } from '../model/types.js';
import { mergeSources, type MergeTuning } from './merge-samples.js';
import type { MergeSource } from './merge-source.js';

export type { MergeSource, MergeTuning };

const I64 = (x: bigint): bigint => BigInt.asIntN(64, x);

function showTypes(types: readonly ValueType[]): string {
  return `[${types.map((t) => `${t.type}/${t.unit}`).join(' ')}]`;
}

/**
 * Throws PprofError 'incompatible' unless `b` can be merged into (or compared with) `a`:
 * equal period types and equal sample types, in the same order.
 */
export function checkCompatible(a: Pick<MergeHeader, 'periodType' | 'sampleTypes'>, b: Pick<MergeHeader, 'periodType' | 'sampleTypes'>): void {
  const pa = a.periodType;
  const pb = b.periodType;
  const same = (x: ValueType | null, y: ValueType | null): boolean =>
    (x?.type ?? '') === (y?.type ?? '') && (x?.unit ?? '') === (y?.unit ?? '');
  if (!same(pa, pb)) {
    throw new PprofError('incompatible',
      `incompatible period types ${pa ? `${pa.type}/${pa.unit}` : 'none'} and ${pb ? `${pb.type}/${pb.unit}` : 'none'}`);
  }
  if (a.sampleTypes.length !== b.sampleTypes.length || a.sampleTypes.some((t, i) => !same(t, b.sampleTypes[i]!))) {
    throw new PprofError('incompatible', `incompatible sample types ${showTypes(a.sampleTypes)} and ${showTypes(b.sampleTypes)}`);
  }
}

/** The header fields a merge combines (a Profile has them all, and so has a merged header). */
export type MergeHeader = Required<Pick<BuilderHeader, 'sampleTypes' | 'periodType' | 'period' | 'timeNanos' | 'durationNanos' |
  'comments' | 'dropFrames' | 'keepFrames' | 'defaultSampleType' | 'docUrl'>>;

/** The merged header (pprof's combineHeaders), after checking compatibility. */
export function mergedHeader(srcs: readonly MergeHeader[]): MergeHeader {
  const first = srcs[0]!;
  for (const s of srcs.slice(1)) checkCompatible(first, s);
  let timeNanos = 0n;
  let durationNanos = 0n;
  let period = 0n;
  let defaultSampleType = '';
  const comments: string[] = [];
  const seen = new Set<string>();
  for (const s of srcs) {
    if (timeNanos === 0n || s.timeNanos < timeNanos) timeNanos = s.timeNanos;
    durationNanos = I64(durationNanos + s.durationNanos);
    if (period === 0n || period < s.period) period = s.period;
    for (const c of s.comments) {
      if (!seen.has(c)) {
        seen.add(c);
        comments.push(c);
      }
    }
    if (defaultSampleType === '') defaultSampleType = s.defaultSampleType;
  }
  return {
    sampleTypes: first.sampleTypes, periodType: first.periodType, period, timeNanos, durationNanos, comments,
    dropFrames: first.dropFrames, keepFrames: first.keepFrames, defaultSampleType, docUrl: first.docUrl,
  };
}

/**
 * Merges profiles as pprof's profile.Merge does (see the file header).
 * Throws PprofError 'incompatible' when their sample or period types differ,
 * 'bad-option' when given none.
 */
export function mergeProfiles(srcs: readonly Profile[]): Profile {
  return mergeScaled(srcs.map((profile) => ({ profile })));
}

/**
 * Merges profiles that are each first scaled and relabelled as their
 * `ratios` and `label` ask (pprof's ScaleN and SetLabel before its Merge, as
 * the driver does for -base, -diff_base and -normalize), without making the
 * scaled or relabelled profiles. Throws as {@link mergeProfiles}.
 */
export function mergeScaled(sources: readonly MergeSource[], tuning?: MergeTuning): Profile {
  if (sources.length === 0) throw new PprofError('bad-option', 'no profiles to merge');
  for (const s of sources) {
    if (s.ratios !== undefined && s.ratios.length !== s.profile.sampleTypes.length) {
      throw new PprofError('bad-option', `mismatched scale ratios, got ${s.ratios.length}, want ${s.profile.sampleTypes.length}`);
    }
  }
  return mergeSources(mergedHeader(sources.map((s) => s.profile)), sources, tuning);
}
