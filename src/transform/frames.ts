/**
 * Stack-cutting transforms with pprof's rules, each Profile -> Profile:
 * - showFrom (-show_from): keep each stack from its rootmost matching frame
 *   down to the leaf, drop samples without one; a matching location keeps
 *   only its lines up to the outermost matching one;
 * - pruneFrom (-prune_from): cut every frame below (leafward of) the first
 *   matching one, keeping the match and its callers;
 * - dropUninteresting (the profile's own drop_frames / keep_frames, applied
 *   at load): cut the frames from the rootmost dropped one (drop_frames
 *   matching the whole simplified name, keep_frames excepted) leafward,
 *   never cutting above the first frame that is not dropped.
 * Locations whose lines change become new Location objects at the same index.
 */

import type { Profile } from '../model/profile.js';
import type { Line, Location } from '../model/types.js';
import { compileRegex } from '../query/regex.js';
import { SampleTableWriter, withLines, withSamples } from './rebuild.js';

/** Lines matched against a function name or a source file name (show_from, hide, ...). */
function lineMatches(re: RegExp, ln: Line): boolean {
  return re.test(ln.function.name) || re.test(ln.function.filename);
}

/**
 * pprof's simplifyFunc: drop a leading '.', then everything from the first
 * '(' that does not start `(anonymous namespace)` or `operator()`.
 * For Go method names this leaves the package prefix: `main.(*T).m` -> `main.`.
 */
export function simplifyFunc(name: string): string {
  let f = name.startsWith('.') ? name.slice(1) : name;
  const rx = /\(anonymous namespace\)|operator\(\)|\(/g;
  for (let m = rx.exec(f); m !== null; m = rx.exec(f)) {
    if (m[0] === '(') {
      f = f.slice(0, m.index);
      break;
    }
  }
  return f;
}

/** Applies -show_from. `matched` says whether any location matched. */
export function showFrom(p: Profile, re: RegExp): { profile: Profile; matched: boolean } {
  const locs = [...p.locations];
  const marked = new Uint8Array(locs.length);
  let matched = false;
  for (const loc of p.locations) {
    if (loc.mapping !== null && re.test(loc.mapping.filename)) {
      marked[loc.index] = 1;
      matched = true;
      continue;
    }
    for (let i = loc.lines.length - 1; i >= 0; i--) {
      if (lineMatches(re, loc.lines[i]!)) {
        if (i + 1 < loc.lines.length) locs[loc.index] = withLines(loc, loc.lines.slice(0, i + 1));
        marked[loc.index] = 1;
        matched = true;
        break;
      }
    }
  }
  const s = p.samples;
  const w = new SampleTableWriter(s);
  for (let i = 0; i < s.count; i++) {
    const start = s.locationOffsets[i]!;
    for (let k = s.locationOffsets[i + 1]! - 1; k >= start; k--) {
      if (marked[s.locationIndices[k]!] === 1) {
        w.add(i, s.locationIndices, start, k + 1);
        break;
      }
    }
  }
  Object.freeze(locs);
  return { profile: withSamples(p, w.build(locs), locs), matched };
}

/** Applies -prune_from (an unanchored regex on simplified function names). */
export function pruneFrom(p: Profile, re: RegExp): Profile {
  const locs = [...p.locations];
  const beneath = new Uint8Array(locs.length);
  for (const loc of p.locations) {
    for (let i = 0; i < loc.lines.length; i++) {
      const name = loc.lines[i]!.function.name;
      if (name !== '' && re.test(simplifyFunc(name))) {
        beneath[loc.index] = 1;
        if (i > 0) locs[loc.index] = withLines(loc, loc.lines.slice(i));
        break;
      }
    }
  }
  const s = p.samples;
  const w = new SampleTableWriter(s);
  for (let i = 0; i < s.count; i++) {
    const start = s.locationOffsets[i]!;
    const end = s.locationOffsets[i + 1]!;
    let from = start;
    for (let k = start; k < end; k++) {
      if (beneath[s.locationIndices[k]!] === 1) { from = k; break; }
    }
    w.add(i, s.locationIndices, from, end);
  }
  Object.freeze(locs);
  return withSamples(p, w.build(locs), locs);
}

/**
 * pprof's Profile.Prune(drop, keep): frames whose simplified function name
 * matches `drop` (and not `keep`) are cut with everything leafward of them,
 * scanning each stack from the root and leaving the frames above the first
 * frame that is not dropped.
 */
export function pruneFrames(p: Profile, drop: RegExp, keep: RegExp | null, reportFilter = false): Profile {
  const locs: Location[] = [...p.locations];
  const prune = new Uint8Array(locs.length);
  const beneath = new Uint8Array(locs.length);
  for (const loc of p.locations) {
    let i = loc.lines.length - 1;
    for (; i >= 0; i--) {
      const name = loc.lines[i]!.function.name;
      if (name === '') continue;
      const f = simplifyFunc(name);
      if (drop.test(f) && (keep === null || !keep.test(f))) break;
    }
    if (i < 0) continue;
    beneath[loc.index] = 1;
    if (i === loc.lines.length - 1) prune[loc.index] = 1;
    else locs[loc.index] = withLines(loc, loc.lines.slice(i + 1));
  }
  const s = p.samples;
  const w = new SampleTableWriter(s);
  for (let i = 0; i < s.count; i++) {
    const start = s.locationOffsets[i]!;
    const end = s.locationOffsets[i + 1]!;
    let from = start; // the stack keeps [from .. end), root side
    let foundUser = false;
    for (let k = end - 1; k >= start; k--) {
      const li = s.locationIndices[k]!;
      if (prune[li] === 0 && beneath[li] === 0) { foundUser = true; continue; }
      if (!foundUser) continue;
      from = prune[li] === 1 ? k + 1 : k;
      break;
    }
    w.add(i, s.locationIndices, from, end);
  }
  Object.freeze(locs);
  return withSamples(p, w.build(locs), locs, reportFilter);
}

/**
 * The profile's own drop_frames / keep_frames applied as pprof applies them
 * after loading (RemoveUninteresting): both anchored to the whole simplified
 * name. A profile without drop_frames, or with a regex pprof could not
 * compile, is returned unchanged (pprof ignores that error too).
 */
export function dropUninteresting(p: Profile): Profile {
  if (p.dropFrames === '') return p;
  let drop: RegExp;
  let keep: RegExp | null = null;
  try {
    drop = compileRegex(`^(?:${p.dropFrames})$`, 'drop_frames');
    if (p.keepFrames !== '') keep = compileRegex(`^(?:${p.keepFrames})$`, 'keep_frames');
  } catch {
    return p;
  }
  return pruneFrames(p, drop, keep);
}
