/**
 * The conformance matrices of the graph reports: `tree` takes every option
 * of `top` (same knobs, same meanings), so it reuses top's matrix; `peek`
 * trims nothing (pprof ignores the trimming flags for it), so its matrix is
 * a regex crossed with the options that change what it prints.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProfile } from '../../src/parse.js';
import type { GoldenCase } from './golden.js';
import { PROFILES } from './paths.js';
import { casesFor, protobufFixtures } from './top-cases.js';
import { partnerOf } from './multi-cases.js';

/** tree: top's matrix with -tree. */
export function treeCases(): GoldenCase[] {
  return protobufFixtures().flatMap(casesFor).map((c) => ({ ...c, goArgs: ['-tree', ...c.goArgs] }));
}

/** A regex that names nodes in the fixture: the program's own functions when it has any. */
function mainRegex(fixture: string): string {
  const p = parseProfile(readFileSync(join(PROFILES, fixture)));
  return p.functions.some((f) => f.name.startsWith('main.')) ? 'main\\.' : 'runtime\\.';
}

/** peek: a regex crossed with the options that change what it prints. `ourArgs[0]` is the regex. */
export function peekCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const fixture of protobufFixtures()) {
    const profile = parseProfile(readFileSync(join(PROFILES, fixture)));
    const re = mainRegex(fixture);
    const add = (slug: string, regex: string, goArgs: string[], ourArgs: string[]): void => {
      cases.push({ fixture, slug, goArgs: [`-peek=${regex}`, ...goArgs], ourArgs: [regex, ...ourArgs] });
    };
    add('default', re, [], []);
    // Every node: the whole untrimmed graph.
    add('all', '.', [], []);
    add('cum', re, ['-cum'], ['--cum']);
    profile.sampleTypes.forEach((t) => add(`sample_index=${t.type}`, re, [`-sample_index=${t.type}`], ['--sample-index', t.type]));
    for (const g of ['filefunctions', 'lines', 'addresses']) add(`granularity=${g}`, re, [`-${g}`], ['--granularity', g]);
    add('noinlines', re, ['-noinlines'], ['--noinlines']);
    // Hiding what the regex looks for would leave nothing to peek at.
    if (re !== 'runtime\\.') add('hide=runtime', re, ['-hide=^runtime\\.'], ['--hide', '^runtime\\.']);
    add('focus=re', re, [`-focus=${re}`], ['--focus', re]);
    add('unit=auto', re, ['-unit=auto'], ['--unit', 'auto']);
    add('divide_by=7,compact_labels', re, ['-divide_by=7', '-compact_labels'], ['--divide-by', '7', '--compact-labels']);
    // pprof takes the trimming flags with -peek and trims nothing.
    add('nodecount=2,nodefraction=0.5', re, ['-nodecount=2', '-nodefraction=0.5'], ['--nodecount', '2', '--nodefraction', '0.5']);
  }
  return cases;
}

/** dot: top's matrix with -dot (the same knobs, visual trimming). */
export function dotCases(): GoldenCase[] {
  return protobufFixtures().flatMap(casesFor).map((c) => ({ ...c, goArgs: ['-dot', ...c.goArgs] }));
}

/** The graph options (relative percentages, drop negative, mean) for `report` (top, tree, dot). */
export function graphOptionCases(report: 'top' | 'tree' | 'dot'): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const fixture of protobufFixtures()) {
    const re = mainRegex(fixture);
    const add = (slug: string, goArgs: string[], ourArgs: string[]): void => {
      cases.push({ fixture, slug, goArgs: [`-${report}`, ...goArgs], ourArgs });
    };
    add('relative_percentages,focus=re', ['-relative_percentages', `-focus=${re}`], ['--relative-percentages', '--focus', re]);
    add('relative_percentages,hide=runtime', ['-relative_percentages', '-hide=^runtime\\.'],
      ['--relative-percentages', '--hide', '^runtime\\.']);
    add('drop_negative', ['-drop_negative'], ['--drop-negative']);
    add('drop_negative,cum', ['-drop_negative', '-cum'], ['--drop-negative', '--cum']);
    add('trim=false', ['-trim=false'], ['--no-trim']);
    add('trim=false,nodecount=3', ['-trim=false', '-nodecount=3'], ['--no-trim', '--nodecount', '3']);
    // -divide_by shows in every value and in the unit picked; percentages stay. Negative is ignored, as in pprof.
    add('divide_by=7', ['-divide_by=7'], ['--divide-by', '7']);
    add('divide_by=0.001,cum', ['-divide_by=0.001', '-cum'], ['--divide-by', '0.001', '--cum']);
    add('divide_by=1e6,unit=auto', ['-divide_by=1e6', '-unit=auto'], ['--divide-by', '1e6', '--unit', 'auto']);
    add('divide_by=-2', ['-divide_by=-2'], ['--divide-by', '-2']);
    // -compact_labels drops the profile lines of top and tree, not the filters; dot keeps its whole legend.
    add('compact_labels', ['-compact_labels'], ['--compact-labels']);
    add('compact_labels,hide=runtime,divide_by=3', ['-compact_labels', '-hide=^runtime\\.', '-divide_by=3'],
      ['--compact-labels', '--hide', '^runtime\\.', '--divide-by', '3']);
    add('mean', ['-mean'], ['--mean']);
    // pprof's sample shortcuts, spelled the Go way on both sides (go-flags.ts rewrites ours).
    const types = parseProfile(readFileSync(join(PROFILES, fixture))).sampleTypes.map((t) => t.type);
    if (types.includes('alloc_space')) add('alloc_space', ['-alloc_space'], ['-alloc_space']);
    if (types.includes('inuse_objects')) add('inuse_objects,cum', ['-inuse_objects', '-cum'], ['-inuse_objects', '-cum']);
    if (types.includes('delay')) add('mean_delay', ['-mean_delay'], ['-mean_delay']);
    if (types.includes('contentions')) add('contentions', ['-contentions'], ['-contentions']);
    add('mean,cum,lines', ['-mean', '-cum', '-lines'], ['--mean', '--cum', '--granularity', 'lines']);
    // Against the other capture of its pair, nodes go negative: -drop_negative then has work to do.
    // (tree and dot of the cpu pair are left out: there go tool pprof itself prints edges of equal size
    // and opposite sign, or dot's nodes, in a different order from run to run.)
    const other = partnerOf(fixture);
    if (other !== undefined && (report === 'top' || fixture !== 'cpu.pb.gz')) {
      const { rel, name } = other;
      add(`diff_base=${name},drop_negative`, ['-drop_negative', `-diff_base=${rel}`], ['--drop-negative', '--diff-base', rel]);
      add(`base=${name},drop_negative,cum`, ['-drop_negative', '-cum', `-base=${rel}`], ['--drop-negative', '--cum', '--base', rel]);
    }
  }
  return cases;
}

