/**
 * The shape `go tool pprof` gives every profile it loads, even a single one:
 * its parser's mapping fix-ups (adjacent mappings of one file merged, the main
 * binary moved first, ids renumbered) followed by profile.Merge of the one
 * profile. Merge drops samples whose values are all zero, merges samples with
 * the same stack and labels (values summed), keeps only the mappings,
 * locations and functions samples reach (first mapping always), merges
 * duplicates by content, and numbers everything 1..n in order of first use.
 * Reports that print samples or ids (traces, raw) need this to match pprof;
 * aggregating reports (top, tags, folded) give the same numbers without it.
 */

import type { Profile } from '../model/profile.js';
import type { Line, Location, Mapping, ProfileFunction } from '../model/types.js';
import { mergeSamples } from './canonical-samples.js';
import { isNormalized, markNormalized } from './rebuild.js';

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

const MAPSIZE_ROUNDING = 0x1000n;

function mappingKey(m: MutableMapping): string {
  let size = m.memoryLimit - m.memoryStart + MAPSIZE_ROUNDING - 1n;
  size -= size % MAPSIZE_ROUNDING;
  const id = m.buildId !== '' ? m.buildId : m.filename;
  return `${size}|${m.fileOffset}|${id}`;
}

/** pprof's single-profile Merge (after its parser's mapping fix-ups). Idempotent. */
export function canonicalProfile(p: Profile): Profile {
  if (isNormalized(p)) return p;
  const massaged = massageMappings(p);

  const mappings: Mapping[] = [];
  const mappingByKey = new Map<string, Mapping>();
  const mappingOf = new Map<MutableMapping, { m: Mapping; offset: bigint }>();
  const mapMapping = (src: MutableMapping | undefined): { m: Mapping | null; offset: bigint } => {
    if (src === undefined) return { m: null, offset: 0n };
    const known = mappingOf.get(src);
    if (known !== undefined) return known;
    const key = mappingKey(src);
    const same = mappingByKey.get(key);
    if (same !== undefined) {
      const mi = { m: same, offset: same.memoryStart - src.memoryStart };
      mappingOf.set(src, mi);
      return mi;
    }
    const m: Mapping = Object.freeze({ ...src, index: mappings.length, id: BigInt(mappings.length + 1) });
    mappings.push(m);
    mappingByKey.set(key, m);
    const mi = { m, offset: 0n };
    mappingOf.set(src, mi);
    return mi;
  };

  const functions: ProfileFunction[] = [];
  const functionByKey = new Map<string, ProfileFunction>();
  const functionOf = new Map<ProfileFunction, ProfileFunction>();
  const mapFunction = (src: ProfileFunction): ProfileFunction => {
    let f = functionOf.get(src);
    if (f !== undefined) return f;
    const key = JSON.stringify([src.startLine, src.name, src.systemName, src.filename]);
    f = functionByKey.get(key);
    if (f === undefined) {
      f = Object.freeze({ ...src, index: functions.length, id: BigInt(functions.length + 1) });
      functions.push(f);
      functionByKey.set(key, f);
    }
    functionOf.set(src, f);
    return f;
  };

  const locations: Location[] = [];
  const locationByKey = new Map<string, Location>();
  const locationOf = new Map<number, Location>();
  const mapLocation = (src: Location): Location => {
    const known = locationOf.get(src.index);
    if (known !== undefined) return known;
    const mi = mapMapping(src.mapping === null ? undefined : massaged.of.get(src.mapping));
    const address = BigInt.asUintN(64, src.address + mi.offset);
    const lines: Line[] = src.lines.map((ln) => Object.freeze({ ...ln, function: mapFunction(ln.function) }));
    const keyAddr = mi.m === null ? address : BigInt.asUintN(64, address - mi.m.memoryStart);
    const key = `${keyAddr}|${mi.m?.id ?? 0n}|${src.isFolded}|${lines.map((l) => `${l.function.id}:${l.line}`).join('|')}`;
    let loc = locationByKey.get(key);
    if (loc === undefined) {
      loc = Object.freeze({
        index: locations.length, id: BigInt(locations.length + 1), mapping: mi.m, address,
        lines: Object.freeze(lines), isFolded: src.isFolded,
      });
      locations.push(loc);
      locationByKey.set(key, loc);
    }
    locationOf.set(src.index, loc);
    return loc;
  };

  const first = massaged.list[0];
  if (first !== undefined) mapMapping(first);

  const { table, zeroSums } = mergeSamples(p.samples, (i) => mapLocation(p.locations[i]!).index, p.locations.length,
    () => Object.freeze(locations));
  const seen = new Set<string>();
  const out: Profile = Object.freeze({
    ...p,
    samples: table,
    mappings: Object.freeze(mappings),
    locations,
    functions: Object.freeze(functions),
    comments: Object.freeze(p.comments.filter((c) => !seen.has(c) && seen.add(c) !== undefined)),
    docUrl: '',
  });
  // Samples whose values summed to zero: pprof merges again to drop them.
  if (zeroSums) return canonicalProfile(out);
  return markNormalized(out);
}
