/**
 * The shape `go tool pprof` gives every profile it loads, even a single one:
 * its parser's mapping fix-ups (adjacent mappings of one file merged, the main
 * binary moved first, ids renumbered), its driver's placeholder mapping for a
 * profile with none, followed by profile.Merge of the one
 * profile. Merge drops samples whose values are all zero, merges samples with
 * the same stack and labels (values summed), keeps only the mappings,
 * locations and functions samples reach (first mapping always), merges
 * duplicates by content, and numbers everything 1..n in order of first use.
 * Reports that print samples or ids (traces, raw) need this to match pprof;
 * aggregating reports (top, tags, folded) give the same numbers without it.
 * The merge is merge-samples.ts's, reading the profile through the fixed-up
 * mappings.
 */

import type { Profile } from '../model/profile.js';
import type { Mapping } from '../model/types.js';
import { locationTableOf, registerLocationTable, type LocationTable } from '../model/location-table.js';
import { mergedHeader } from './merge.js';
import { mergeSources } from './merge-samples.js';
import { isNormalized, isSignSafe, markNormalized } from './rebuild.js';
import { numLabelUnits, type NumLabelUnits } from '../query/labels.js';

const LIB_RX = /([.]so$|[.]so[._][0-9]+)/;

type MutableMapping = { -readonly [K in keyof Mapping]: Mapping[K] };

/** pprof's adjacency test for two mappings of the same object. */
function adjacent(a: MutableMapping, b: Mapping): boolean {
  if (a.filename !== '' && b.filename !== '' && a.filename !== b.filename) return false;
  if (a.buildId !== '' && b.buildId !== '' && a.buildId !== b.buildId) return false;
  if (a.memoryLimit !== b.memoryStart) return false;
  if (a.fileOffset !== 0n && b.fileOffset !== 0n && a.fileOffset + (a.memoryLimit - a.memoryStart) !== b.fileOffset) return false;
  return true;
}

/** pprof's massageMappings: the mapping each original mapping becomes, and the new list. */
function massageMappings(p: Profile): { list: MutableMapping[]; of: Map<Mapping, MutableMapping> } {
  const of = new Map<Mapping, MutableMapping>();
  const list: MutableMapping[] = [];
  for (const m of p.mappings) {
    const last = list[list.length - 1];
    if (last !== undefined && adjacent(last, m)) {
      last.memoryLimit = m.memoryLimit;
      if (m.filename !== '') last.filename = m.filename;
      if (m.buildId !== '') last.buildId = m.buildId;
      of.set(m, last);
      continue;
    }
    const copy: MutableMapping = { ...m };
    list.push(copy);
    of.set(m, copy);
  }
  const main = list.findIndex((m) => {
    const file = m.filename.replace(/\(deleted\)/g, '').trim();
    return file !== '' && !LIB_RX.test(file) && !file.startsWith('[');
  });
  if (main > 0) [list[0], list[main]] = [list[main]!, list[0]!];
  list.forEach((m, i) => { m.id = BigInt(i + 1); });
  return { list, of };
}

/**
 * The mapping pprof's driver gives every location of a profile that has
 * locations but no mapping at all (before symbolizing it): id 1, every field
 * zero. Its raw output and written profiles show it.
 */
function placeholderMapping(): MutableMapping {
  return {
    index: 0, id: 1n, memoryStart: 0n, memoryLimit: 0n, fileOffset: 0n, filename: '', buildId: '',
    hasFunctions: false, hasFilenames: false, hasLineNumbers: false, hasInlineFrames: false,
  };
}

/** pprof's single-profile Merge (after its parser's mapping fix-ups). Idempotent. */
export function canonicalProfile(p: Profile): Profile {
  if (isNormalized(p)) return p;
  const massaged = massageMappings(p);
  // The merge reads the profile's locations through the fixed-up mappings.
  const own = locationTableOf(p);
  const placeholder = p.mappings.length === 0 && p.locations.length > 0 ? placeholderMapping() : null;
  if (placeholder !== null) massaged.list.push(placeholder);
  const table: LocationTable = {
    ...own,
    mappingOf: (i) => {
      if (placeholder !== null) return placeholder;
      const m = own.mappingOf(i);
      return m === null ? null : massaged.of.get(m)!;
    },
  };
  const out = mergeSources({ ...mergedHeader([p]), docUrl: '' }, [{ profile: p, table, firstMapping: massaged.list[0] ?? null }]);
  return markNormalized(p.filteredFrom === undefined ? out : withFilteredFrom(out, p.filteredFrom));
}

/**
 * Whether pprof's merge on load could change a total of `p`: two samples of
 * one identity (stack and labels) with values of opposite signs cancel there
 * before pprof sums |value| (a profile of +5 and -5 for one stack has a
 * total of 0, not 10). That needs a negative value, in a profile neither
 * merged yet nor made by a merge. Flat and cum sums never change.
 */
export function mayCancelOnMerge(p: Profile): boolean {
  return !isSignSafe(p) && p.samples.hasNegativeValue();
}

/** `p` as pprof reads it for reports that only add samples up: merged only where samples may cancel. */
export function summableProfile(p: Profile): Profile {
  return mayCancelOnMerge(p) ? canonicalProfile(p) : p;
}

/**
 * The numeric label units pprof reads from `p` (query/labels.ts), which it
 * takes from the merged profile. Without a negative value that only drops
 * all-zero samples, which numLabelUnits skips itself; with one, samples can
 * also cancel out, and the merge is made (a no-op on a merged profile).
 */
export function labelUnitsAsMerged(p: Profile): NumLabelUnits {
  return numLabelUnits(p.samples.hasNegativeValue() ? canonicalProfile(p) : p);
}

/** `p` remembering the profile before report-time filters (which a merge does not carry over). */
function withFilteredFrom(p: Profile, from: Profile): Profile {
  const props: PropertyDescriptorMap = Object.getOwnPropertyDescriptors(p);
  props.filteredFrom = { value: from, enumerable: true };
  // By descriptor: the built profile's Location objects are made on first read, and stay so.
  const out = Object.freeze(Object.defineProperties({}, props) as Profile);
  registerLocationTable(out, locationTableOf(p));
  return out;
}
