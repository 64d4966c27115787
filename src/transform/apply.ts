/**
 * pprof's applyFocus as one Profile -> Profile step, in its order:
 * focus/ignore/hide/show, show_from, tagfocus/tagignore, tagshow/taghide,
 * prune_from. Every report (top, folded, flamegraph, traces, raw, tags) runs
 * on the result; the result remembers the profile before it (`filteredFrom`)
 * so totals stay pprof's, and the returned options carry the applied filters
 * (for the `Active filters:` header) instead of the filter fields themselves,
 * so applying twice is a no-op.
 */

import type { Profile } from '../model/profile.js';
import type { QueryOptions } from '../query/options.js';
import { compileRegex } from '../query/regex.js';
import { labelUnitsAsMerged } from './canonical.js';
import { compileTagFilter } from './tag-filter.js';
import { pruneFrom, showFrom } from './frames.js';
import { filterByName, filterByTags, filterTagNames, nameFilterMatches } from './samples.js';

/** The filtered profile and the options a report should run with on it. */
export interface FilteredInput<O extends QueryOptions> {
  readonly profile: Profile;
  readonly options: O;
}

/** Settings of {@link applyProfileFilters}. */
export interface ApplyFiltersSettings {
  /**
   * Always return pprof's filtered profile, even without filters: focus/ignore/
   * hide/show materialised and samples without locations dropped (reports that
   * print samples: raw, traces, tags).
   */
  readonly materialize?: boolean;
  /** Receives pprof's stderr notes (`Interpreted … as range`, `… expression matched no samples`). */
  readonly onNote?: (line: string) => void;
}

/** The options fields this step consumes. */
const STEP_FIELDS = ['tagFocus', 'tagIgnore', 'tagShow', 'tagHide', 'showFrom', 'pruneFrom'] as const;

/** pprof's Active filters lines for the options, in its order (prune_from is not listed by Go 1.19's pprof). */
export function activeFilterLines(o: QueryOptions): string[] {
  const out: string[] = [...(o.appliedFilters ?? [])];
  const add = (k: string, v: string | undefined): void => { if (v) out.push(`${k}=${v}`); };
  add('focus', o.focus);
  add('ignore', o.ignore);
  add('hide', o.hide);
  add('show', o.show);
  add('show_from', o.showFrom);
  add('tagfocus', o.tagFocus);
  add('tagignore', o.tagIgnore);
  add('tagshow', o.tagShow);
  add('taghide', o.tagHide);
  return out;
}

/**
 * Applies the profile-level filters of `options` in pprof's order. Returns the
 * input unchanged when there is nothing to do. Throws PprofError 'bad-option'
 * for a bad regex.
 */
export function applyProfileFilters<O extends QueryOptions>(
  profile: Profile, options: O, settings: ApplyFiltersSettings = {},
): FilteredInput<O> {
  const stepNeeded = STEP_FIELDS.some((f) => Boolean(options[f]));
  const note = settings.onNote ?? ((): void => { /* notes dropped */ });
  const warnNoMatch = (matched: boolean, what: string): void => {
    if (!matched) note(`${what} expression matched no samples`);
  };

  // pprof compiles every filter first (so a bad regex fails before any work), then
  // notes ranges, then reports filters that matched nothing, in this order.
  let units: ReadonlyMap<string, string> | null = null; // computed on first use: it reads every label
  const unitOf = (key: string): string => (units ??= labelUnitsAsMerged(profile.filteredFrom ?? profile).units).get(key) ?? '';
  const showFromRe = options.showFrom ? compileRegex(options.showFrom, 'show_from') : null;
  const tagFocus = options.tagFocus ? compileTagFilter('tagfocus', options.tagFocus, unitOf) : null;
  const tagIgnore = options.tagIgnore ? compileTagFilter('tagignore', options.tagIgnore, unitOf) : null;
  const pruneRe = options.pruneFrom ? compileRegex(options.pruneFrom, 'prune_from') : null;
  const tagShow = options.tagShow ? compileRegex(options.tagShow, 'tagshow') : null;
  const tagHide = options.tagHide ? compileRegex(options.tagHide, 'taghide') : null;
  if (tagFocus?.note) note(tagFocus.note);
  if (tagIgnore?.note) note(tagIgnore.note);
  if (settings.onNote !== undefined && (options.focus || options.ignore || options.hide || options.show)) {
    const named = nameFilterMatches(profile, options);
    warnNoMatch(named.focus, 'Focus');
    warnNoMatch(named.ignore, 'Ignore');
    warnNoMatch(named.hide, 'Hide');
    warnNoMatch(named.show, 'Show');
  }
  if (!stepNeeded && settings.materialize !== true) return { profile, options };

  let p = filterByName(profile, options);
  if (showFromRe !== null) {
    const r = showFrom(p, showFromRe);
    p = r.profile;
    warnNoMatch(r.matched, 'ShowFrom');
  }
  if (tagFocus !== null || tagIgnore !== null) {
    const r = filterByTags(p, tagFocus?.test ?? null, tagIgnore?.test ?? null);
    p = r.profile;
    warnNoMatch(tagFocus === null || r.focusMatched, 'TagFocus');
    warnNoMatch(tagIgnore === null || r.ignoreMatched, 'TagIgnore');
  }
  if (tagShow !== null || tagHide !== null) {
    const r = filterTagNames(p, tagShow, tagHide);
    p = r.profile;
    warnNoMatch(tagShow === null || r.showMatched, 'TagShow');
    warnNoMatch(tagHide === null || r.hideMatched, 'TagHide');
  }
  if (pruneRe !== null) p = pruneFrom(p, pruneRe);

  const rest: O = {
    ...options,
    focus: undefined, ignore: undefined, hide: undefined, show: undefined,
    tagFocus: undefined, tagIgnore: undefined, tagShow: undefined, tagHide: undefined,
    showFrom: undefined, pruneFrom: undefined,
    appliedFilters: activeFilterLines(options),
  };
  return { profile: p, options: rest };
}
