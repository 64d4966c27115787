/**
 * The conformance matrix of `pprof-ts top` on legacy profiles (gperftools,
 * tcmalloc, C++ contentionz/threadz, Java agents, old Go text) against
 * `go tool pprof -symbolize=none -top`. Fixtures live in
 * fixtures/profiles/legacy (see its README.md: which are real, which are
 * hand-written, and why -symbolize=none).
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProfile } from '../../src/parse.js';
import { PROFILES } from './paths.js';

/** Folder of the legacy fixtures. */
export const LEGACY = join(PROFILES, 'legacy');

/** One golden case. */
export interface LegacyCase {
  fixture: string;
  /** Golden name derived from the flags. */
  slug: string;
  /** Arguments for `go tool pprof -symbolize=none -top` (before the file). */
  goArgs: string[];
  /** Arguments for `pprof-ts top` (after the file). */
  ourArgs: string[];
}

/** The legacy fixture profiles (everything but the programs, scripts and notes that made them), sorted. */
export function legacyFixtures(): string[] {
  return readdirSync(LEGACY).filter((f) => /\.(prof|heap|txt)$/.test(f)).sort();
}

/** All cases for one fixture. */
export function legacyCasesFor(fixture: string): LegacyCase[] {
  const profile = parseProfile(readFileSync(join(LEGACY, fixture)));
  const cases: LegacyCase[] = [];
  const add = (slug: string, goArgs: string[], ourArgs: string[]): void => { cases.push({ fixture, slug, goArgs, ourArgs }); };
  add('default', [], []);
  add('cum', ['-cum'], ['--cum']);
  add('nodefraction=0', ['-nodefraction=0'], ['--nodefraction', '0']);
  add('granularity=addresses', ['-addresses'], ['--granularity', 'addresses']);
  add('granularity=lines', ['-lines'], ['--granularity', 'lines']);
  add('addresses,nodecount=6', ['-addresses', '-nodecount=6'], ['--granularity', 'addresses', '--nodecount', '6']);
  for (const t of profile.sampleTypes) add(`sample_index=${t.type}`, [`-sample_index=${t.type}`], ['--sample-index', t.type]);
  if (profile.mappings.some((m) => m.filename.includes('libc'))) {
    add('focus=libtcmalloc', ['-focus=libtcmalloc'], ['--focus', 'libtcmalloc']);
    add('ignore=libpthread', ['-ignore=libpthread'], ['--ignore', 'libpthread']);
  }
  if (profile.functions.length > 0) add('focus=Handler', ['-focus=Handler|Cache|Pool'], ['--focus', 'Handler|Cache|Pool']);
  return cases;
}

/** Every case of every legacy fixture. */
export function allLegacyCases(): LegacyCase[] {
  return legacyFixtures().flatMap(legacyCasesFor);
}
