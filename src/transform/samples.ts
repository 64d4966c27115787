/**
 * Sample-selecting transforms with pprof's rules, each Profile -> Profile:
 * - filterByName: -focus / -ignore / -hide / -show materialised (the query
 *   layer's FilterView turned into locations and stacks), needed when a later
 *   step (show_from, prune_from, raw, traces) must see their result;
 * - filterByTags: -tagfocus / -tagignore (keep focused and not ignored);
 * - filterTagNames: -tagshow / -taghide (remove label keys from samples).
 */

import type { Profile } from '../model/profile.js';
import type { Location } from '../model/types.js';
import { applyFilters } from '../query/filter.js';
import { compileRegex } from '../query/regex.js';
import type { QueryOptions } from '../query/options.js';
import { SampleTableWriter, withLines, withSamples } from './rebuild.js';
import type { SamplePredicate } from './tag-filter.js';

/**
 * The name filters of `options` applied to the profile itself. Like pprof's
 * FilterSamplesByName, this keeps only samples with a focused frame, so a
 * sample without any location goes even when no filter is set.
 */
export function filterByName(p: Profile, options: Pick<QueryOptions, 'focus' | 'ignore' | 'hide' | 'show'>): Profile {
  const { focus, ignore, hide, show } = options;
  if (!focus && !ignore && !hide && !show) return dropEmptyStacks(p);
  const view = applyFilters(p, { focus, ignore, hide, show });
  const locs: Location[] = p.locations.map((loc) => {
    const lines = view.locationLines[loc.index]!;
    return lines === loc.lines ? loc : withLines(loc, lines);
  });
  Object.freeze(locs);
  const s = p.samples;
  const w = new SampleTableWriter(s);
  const stack: number[] = [];
  for (let i = 0; i < s.count; i++) {
    if (view.keep !== null && view.keep[i] === 0) continue;
    if (view.hidden === null) { w.addUnchanged(i); continue; }
    stack.length = 0;
    for (let k = s.locationOffsets[i]!; k < s.locationOffsets[i + 1]!; k++) {
      const li = s.locationIndices[k]!;
      if (view.hidden[li] !== 1) stack.push(li);
    }
    w.add(i, stack, 0, stack.length);
  }
  return withSamples(p, w.build(locs), locs);
}

/** Which name filters matched, as pprof's FilterSamplesByName reports it (an unset filter counts as matched). */
export function nameFilterMatches(
  p: Profile, options: Pick<QueryOptions, 'focus' | 'ignore' | 'hide' | 'show'>,
): { focus: boolean; ignore: boolean; hide: boolean; show: boolean } {
  const re = (v: string | undefined, name: string): RegExp | null => (v ? compileRegex(v, name) : null);
  const focus = re(options.focus, 'focus');
  const ignore = re(options.ignore, 'ignore');
  const hide = re(options.hide, 'hide');
  const show = re(options.show, 'show');
  const view = show !== null ? applyFilters(p, { hide: options.hide, show: options.show }) : null;
  const m = { focus: focus === null, ignore: ignore === null, hide: hide === null, show: show === null };
  const nameMatches = (r: RegExp, loc: Location): boolean =>
    loc.lines.some((ln) => r.test(ln.function.name) || r.test(ln.function.filename)) ||
    (loc.mapping !== null && r.test(loc.mapping.filename));
  for (const loc of p.locations) {
    if (ignore !== null && nameMatches(ignore, loc)) m.ignore = true;
    else if (focus !== null && nameMatches(focus, loc)) m.focus = true;
    if (hide !== null && !m.hide && nameMatches(hide, loc)) m.hide = true;
    if (show !== null && view !== null && view.locationLines[loc.index]!.length > 0) m.show = true;
  }
  return m;
}

/** The profile without its samples that have no location (or itself when there are none). */
export function dropEmptyStacks(p: Profile): Profile {
  const s = p.samples;
  let empty = 0;
  for (let i = 0; i < s.count; i++) if (s.isEmptyStack(i)) empty++;
  if (empty === 0) return p;
  const w = new SampleTableWriter(s);
  for (let i = 0; i < s.count; i++) if (!s.isEmptyStack(i)) w.addUnchanged(i);
  return withSamples(p, w.build(p));
}

/** What filterByTags kept, and whether each filter matched any sample. */
export interface TagFilterResult {
  readonly profile: Profile;
  readonly focusMatched: boolean;
  readonly ignoreMatched: boolean;
}

/** Keeps samples that `focus` accepts (when given) and `ignore` does not. */
export function filterByTags(p: Profile, focus: SamplePredicate | null, ignore: SamplePredicate | null): TagFilterResult {
  const s = p.samples;
  const w = new SampleTableWriter(s);
  let focusMatched = false;
  let ignoreMatched = false;
  for (let i = 0; i < s.count; i++) {
    const focused = focus === null || focus(s, i);
    const ignored = ignore !== null && ignore(s, i);
    focusMatched ||= focused;
    ignoreMatched ||= ignored;
    if (focused && !ignored) w.addUnchanged(i);
  }
  return { profile: withSamples(p, w.build(p)), focusMatched, ignoreMatched };
}

/** What filterTagNames kept, and whether each regex matched any label key. */
export interface TagNameResult {
  readonly profile: Profile;
  readonly showMatched: boolean;
  readonly hideMatched: boolean;
}

/** Removes label keys not matching `show` (when given) or matching `hide`, from every sample. */
export function filterTagNames(p: Profile, show: RegExp | null, hide: RegExp | null): TagNameResult {
  const s = p.samples;
  const keys = s.labelKeys;
  let showMatched = false;
  let hideMatched = false;
  const verdict = new Map<string, boolean>();
  const keepKey = (key: string): boolean => {
    let keep = verdict.get(key);
    if (keep === undefined) {
      const matchShow = show === null || show.test(key);
      const matchHide = hide !== null && hide.test(key);
      keep = matchShow && !matchHide;
      verdict.set(key, keep);
    }
    return keep;
  };
  const w = new SampleTableWriter(s);
  for (let i = 0; i < s.count; i++) {
    w.addUnchanged(i, (k) => keepKey(keys[k]!));
    // pprof records a match only for keys present on kept samples' labels as it visits them.
    for (let k = s.labelOffsets[i]!; k < s.labelOffsets[i + 1]!; k++) {
      const key = keys[k]!;
      if (show === null || show.test(key)) showMatched = true;
      if (hide !== null && hide.test(key)) hideMatched = true;
    }
  }
  return { profile: withSamples(p, w.build(p)), showMatched, hideMatched };
}
