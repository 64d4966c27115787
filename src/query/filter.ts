/**
 * Frame filters with pprof's semantics, applied without copying the profile:
 * the result says which samples survive and which lines each location keeps.
 * - focus / ignore: keep samples with a matching frame and none ignored;
 * - hide: drop matching lines; show: keep only matching lines;
 * a location whose lines a filter took away disappears from stacks (one
 * that never had lines stays unless hide matches its mapping, or show is
 * set), and a sample left with no locations is dropped.
 * A location matches when any of its functions' names or file names, or its
 * mapping's file name, matches.
 */

import type { Profile } from '../model/profile.js';
import type { Line, Location } from '../model/types.js';
import { compileRegex } from './regex.js';
import { locationTableOf, tableOfLines, type LocationTable } from '../model/location-table.js';
import type { QueryOptions } from './options.js';

/** What survives the filters. */
export interface FilterView {
  /** Lines each location keeps (same array as the model's when untouched; made on first read then). */
  readonly locationLines: readonly (readonly Line[])[];
  /** The same lines column-wise: what node building reads (the model's own table when untouched). */
  readonly table: LocationTable;
  /** Locations removed from every stack (all lines hidden), or null if none. */
  readonly hidden: Uint8Array | null;
  /** keep[i] = 1 when sample i survives, or null when all do. */
  readonly keep: Uint8Array | null;
  /** "focus=RE"-style descriptions of the active filters, in pprof's order. */
  readonly activeFilters: readonly string[];
}

function lineMatches(re: RegExp, ln: Line): boolean {
  return re.test(ln.function.name) || re.test(ln.function.filename);
}

function mappingMatches(re: RegExp, loc: Location): boolean {
  return loc.mapping !== null && re.test(loc.mapping.filename);
}

function locationMatches(re: RegExp, loc: Location): boolean {
  return loc.lines.some((ln) => lineMatches(re, ln)) || mappingMatches(re, loc);
}

/** Whether a sample stays, from its locations' verdicts OR-ed together and how many are not hidden. */
function sampleKept(seen: number, visible: number, anyHidden: boolean): number {
  // pprof drops a sample whose every location was hidden (only when something was hidden).
  return (seen & 1) !== 0 && (seen & 2) === 0 && (!anyHidden || visible > 0) ? 1 : 0;
}

/**
 * sampleKept of one packed stack (its ids are checked: each has a verdict).
 * The varints are decoded inline, as in query/kernels.ts: this walk covers
 * every frame of a big profile, and a shared decoding helper measured slower.
 */
function keepPacked(buf: Uint8Array, p: number, e: number, byId: Uint8Array, anyHidden: boolean): number {
  let seen = 0;
  let visible = 0;
  while (p < e) {
    let id = buf[p++]!;
    if (id >= 0x80) {
      let b = buf[p++]!;
      id = (id & 0x7f) | ((b & 0x7f) << 7);
      if (b >= 0x80) {
        b = buf[p++]!;
        id |= (b & 0x7f) << 14;
        if (b >= 0x80) id |= buf[p++]! << 21;
      }
    }
    const v = byId[id]!;
    seen |= v;
    if ((v & 2) !== 0) break;
    if ((v & 4) === 0) visible++;
  }
  return sampleKept(seen, visible, anyHidden);
}

/** Applies focus/ignore/hide/show from the options. */
export function applyFilters(profile: Profile, options: QueryOptions): FilterView {
  const focus = options.focus ? compileRegex(options.focus, 'focus') : null;
  const ignore = options.ignore ? compileRegex(options.ignore, 'ignore') : null;
  const hide = options.hide ? compileRegex(options.hide, 'hide') : null;
  const show = options.show ? compileRegex(options.show, 'show') : null;
  const activeFilters: string[] = [...(options.appliedFilters ?? [])];
  if (options.focus) activeFilters.push(`focus=${options.focus}`);
  if (options.ignore) activeFilters.push(`ignore=${options.ignore}`);
  if (options.hide) activeFilters.push(`hide=${options.hide}`);
  if (options.show) activeFilters.push(`show=${options.show}`);

  if (!focus && !ignore && !hide && !show) {
    // No Location object is needed (nor made) unless someone reads locationLines.
    let lines: (readonly Line[])[] | null = null;
    return {
      get locationLines() { return (lines ??= profile.locations.map((l) => l.lines)); },
      table: locationTableOf(profile), hidden: null, keep: null, activeFilters,
    };
  }
  const locs = profile.locations;
  const locationLines: (readonly Line[])[] = locs.map((l) => l.lines);

  // Each location's verdict in one byte, so that a stack is read once: 1 focused, 2 ignored (ignore
  // wins over focus), plus 4 when hidden.
  const verdict = new Uint8Array(locs.length);
  let hidden: Uint8Array | null = null;
  for (const loc of locs) {
    if (ignore && locationMatches(ignore, loc)) verdict[loc.index] = 2;
    else if (!focus || locationMatches(focus, loc)) verdict[loc.index] = 1;

    // A location disappears only when a filter took its last line: hide when the
    // regex matched it, show always (it keeps matching lines only). A location
    // without line information that hide does not match stays, as in pprof.
    let lines = loc.lines;
    let gone = false;
    if (hide && locationMatches(hide, loc)) {
      lines = mappingMatches(hide, loc) ? [] : lines.filter((ln) => !lineMatches(hide, ln));
      gone = lines.length === 0;
    }
    if (show) {
      lines = mappingMatches(show, loc) ? lines : lines.filter((ln) => lineMatches(show, ln));
      gone = lines.length === 0;
    }
    locationLines[loc.index] = lines;
    if (gone) {
      (hidden ??= new Uint8Array(locs.length))[loc.index] = 1;
      verdict[loc.index]! |= 4;
    }
  }

  const s = profile.samples;
  const keep = new Uint8Array(s.count);
  // Packed stacks are read in place (unpacking 10^7 frames into index arrays cost more than the filter).
  const packed = s.packedStacks;
  if (packed !== null) {
    const { buf, start, end, idToLoc } = packed;
    const byId = new Uint8Array(idToLoc.length);
    for (let id = 0; id < idToLoc.length; id++) if (idToLoc[id]! >= 0) byId[id] = verdict[idToLoc[id]!]!;
    for (let i = 0; i < s.count; i++) keep[i] = keepPacked(buf, start[i]!, end[i]!, byId, hidden !== null);
  } else {
    const offsets = s.locationOffsets;
    const indices = s.locationIndices;
    for (let i = 0; i < s.count; i++) {
      let seen = 0;
      let visible = 0;
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
        const v = verdict[indices[k]!]!;
        seen |= v;
        if ((v & 2) !== 0) break;
        if ((v & 4) === 0) visible++;
      }
      keep[i] = sampleKept(seen, visible, hidden !== null);
    }
  }
  return { locationLines, table: tableOfLines(locs, locationLines), hidden, keep, activeFilters };
}
