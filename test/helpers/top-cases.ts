/**
 * The conformance matrix of `pprof-ts top` against `go tool pprof -top`:
 * every fixture profile crossed with every option of the top command.
 * Each case names its golden file by its flags and knows both command lines.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProfile } from '../../src/parse.js';
import { PROFILES } from './paths.js';

/** One golden case. */
export interface TopCase {
  /** Fixture file name, e.g. cpu.pb.gz. */
  fixture: string;
  /** Golden name derived from the flags, e.g. `granularity=lines`. */
  slug: string;
  /** Arguments for `go tool pprof -top` (before the file). */
  goArgs: string[];
  /** Arguments for `pprof-ts top` (after the file). */
  ourArgs: string[];
}

/** The protobuf fixtures, sorted. */
export function protobufFixtures(): string[] {
  return readdirSync(PROFILES).filter((f) => f.endsWith('.pb.gz')).sort();
}

function unitsFor(unit: string): string[] {
  switch (unit) {
    case 'nanoseconds': return ['ms', 's', 'auto'];
    case 'bytes': return ['MB', 'kB', 'auto'];
    default: return ['auto'];
  }
}

/** All cases for one fixture. */
export function casesFor(fixture: string): TopCase[] {
  const profile = parseProfile(readFileSync(join(PROFILES, fixture)));
  const cases: TopCase[] = [];
  const add = (slug: string, goArgs: string[], ourArgs: string[]): void => {
    cases.push({ fixture, slug, goArgs, ourArgs });
  };
  add('default', [], []);
  add('cum', ['-cum'], ['--cum']);
  add('nodecount=5', ['-nodecount=5'], ['--nodecount', '5']);
  add('cum,nodecount=8', ['-cum', '-nodecount=8'], ['--cum', '--nodecount', '8']);
  add('nodefraction=0', ['-nodefraction=0'], ['--nodefraction', '0']);
  add('nodefraction=0.05', ['-nodefraction=0.05'], ['--nodefraction', '0.05']);
  add('edgefraction=0.2', ['-edgefraction=0.2'], ['--edgefraction', '0.2']);
  profile.sampleTypes.forEach((t, i) => {
    add(`sample_index=${t.type}`, [`-sample_index=${t.type}`], ['--sample-index', t.type]);
    if (i === 0) add('sample_index=0', ['-sample_index=0'], ['--sample-index', '0']);
  });
  for (const g of ['functions', 'filefunctions', 'files', 'lines', 'addresses']) {
    add(`granularity=${g}`, [`-${g}`], ['--granularity', g]);
  }
  add('noinlines', ['-noinlines'], ['--noinlines']);
  add('lines,noinlines', ['-lines', '-noinlines'], ['--granularity', 'lines', '--noinlines']);
  add('focus=main', ['-focus=main\\.'], ['--focus', 'main\\.']);
  add('ignore=runtime', ['-ignore=runtime'], ['--ignore', 'runtime']);
  add('hide=runtime', ['-hide=^runtime\\.'], ['--hide', '^runtime\\.']);
  add('show=main', ['-show=^main\\.'], ['--show', '^main\\.']);
  add('focus=lookup,ignore=gc', ['-focus=lookup|match', '-ignore=gc'], ['--focus', 'lookup|match', '--ignore', 'gc']);
  const last = profile.sampleTypes[profile.sampleTypes.length - 1];
  for (const u of unitsFor(last?.unit ?? '')) add(`unit=${u}`, [`-unit=${u}`], ['--unit', u]);
  return cases;
}

/** Every case of every fixture. */
export function allTopCases(): TopCase[] {
  return protobufFixtures().flatMap(casesFor);
}

export { withoutTimeLine } from './golden.js';
