/**
 * One prepared view per query: the sample value (index and type), the
 * filters and the node table are resolved once, the way pprof makes these
 * choices once per report. Reports take a view; a page that shows every
 * sample type swaps only the value column with {@link withValue} and keeps
 * the same filters and nodes.
 */

import type { Profile } from '../model/profile.js';
import type { ValueType } from '../model/types.js';
import { DEFAULT_GRANULARITY } from '../defaults.js';
import { applyFilters, type FilterView } from './filter.js';
import { buildNodes, type NodeTable } from './nodes.js';
import type { Granularity, QueryOptions } from './options.js';
import { resolveSampleIndex } from './sample-index.js';
import { computeMeanTotal, computeTotal, diffBaseMask } from './total.js';
import { applyProfileFilters } from '../transform/apply.js';
import { summableProfile } from '../transform/canonical.js';

/** A profile prepared for one query. Read-only. */
export interface QueryView {
  readonly profile: Profile;
  /** The options the view was prepared from. */
  readonly options: QueryOptions;
  /** Column of the sample value reported. */
  readonly sampleIndex: number;
  readonly sampleType: ValueType;
  readonly granularity: Granularity;
  readonly noInlines: boolean;
  /** What survives focus/ignore/hide/show. */
  readonly filters: FilterView;
  /** Report nodes at the granularity, over the filtered locations. */
  readonly nodes: NodeTable;
  /** Samples of a diff base (label pprof::base=true), or null when there are none. */
  readonly baseMask: Uint8Array | null;
  /** Values are means: divided by the sample count, the first value column (pprof -mean). */
  readonly mean: boolean;
  /** Samples the total is taken over (relative percentages), or null for all. */
  readonly totalKeep: Uint8Array | null;
  /**
   * The profile the total is taken over: the one before report-time profile
   * filters (tagfocus, show_from...), as pprof takes its 100% before any
   * filter, unless relative percentages are asked for.
   */
  readonly totalProfile: Profile;
  /** Diff-base samples of `totalProfile`. */
  readonly totalBaseMask: Uint8Array | null;
  /** The report total of this value column (see total.ts). */
  readonly total: bigint;
  /** "focus=RE"-style descriptions of the active filters, in pprof's order. */
  readonly activeFilters: readonly string[];
}

/** Resolves sample value, filters and nodes once. Throws PprofError for bad options. */
export function prepareView(profile: Profile, options: QueryOptions = {}): QueryView {
  // pprof merges a profile as it loads it: where samples of one identity cancel out, its totals are the merged ones.
  if (profile.filteredFrom === undefined) profile = summableProfile(profile);
  // Label filters, show_from, prune_from make a new profile (a no-op when the CLI already applied them).
  ({ profile, options } = applyProfileFilters(profile, options));
  const sampleIndex = resolveSampleIndex(profile, options.sampleIndex);
  const granularity = options.granularity ?? DEFAULT_GRANULARITY;
  const noInlines = options.noInlines === true;
  const filters = applyFilters(profile, options);
  const nodes = buildNodes(filters, granularity, noInlines);
  const baseMask = diffBaseMask(profile);
  const relative = options.relativePercentages === true;
  const totalKeep = relative ? keepAll(filters.keep, profile.samples.count) : null;
  const totalProfile = relative ? profile : profile.filteredFrom ?? profile;
  const totalBaseMask = totalProfile === profile ? baseMask : diffBaseMask(totalProfile);
  return {
    profile, options, sampleIndex, sampleType: profile.sampleTypes[sampleIndex]!, granularity, noInlines,
    filters, nodes, baseMask, totalKeep, totalProfile, totalBaseMask, mean: options.mean === true,
    total: totalOf(totalProfile, sampleIndex, totalBaseMask, totalKeep, options.mean === true),
    activeFilters: filters.activeFilters,
  };
}

function totalOf(profile: Profile, i: number, baseMask: Uint8Array | null, keep: Uint8Array | null, mean: boolean): bigint {
  return mean ? computeMeanTotal(profile, i, baseMask, keep) : computeTotal(profile, i, baseMask, keep);
}

function keepAll(keep: Uint8Array | null, count: number): Uint8Array {
  return keep ?? new Uint8Array(count).fill(1);
}

/** The same view with another value column (index or type name): filters and nodes are shared. */
export function withValue(view: QueryView, choice: string | number): QueryView {
  const sampleIndex = resolveSampleIndex(view.profile, choice);
  if (sampleIndex === view.sampleIndex) return view;
  return {
    ...view,
    sampleIndex,
    sampleType: view.profile.sampleTypes[sampleIndex]!,
    total: totalOf(view.totalProfile, sampleIndex, view.totalBaseMask, view.totalKeep, view.mean),
  };
}
