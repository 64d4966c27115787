/**
 * The golden matrices of traces, raw, tags and of the profile-level filters
 * (label filters, show_from, prune_from, drop_frames) against go tool pprof.
 * Every protobuf fixture gets each report's own options; the labelled ones
 * (cpu: `table`, `workload`; heap/allocs: numeric `bytes`; goroutine:
 * `workload`) get the label filters. Slugs name the flags.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProfile } from '../../src/parse.js';
import { PROFILES, ROOT } from './paths.js';
import { protobufFixtures } from './top-cases.js';
import { partnerOf } from './multi-cases.js';
import type { ReportGoldenCase as GoldenCase } from './golden.js';

/** The synthetic drop_frames / keep_frames profile (see synthetic-profiles.ts). */
export const SYNTHETIC_DROP_FRAMES = 'fixtures/synthetic/drop-frames.pb.gz';
/** The synthetic profiles of what pprof's merge changes in `tags` (see synthetic-label-sums.ts). */
export const SYNTHETIC_LABEL_SUMS = 'fixtures/synthetic/label-sums.pb.gz';
export const SYNTHETIC_LABEL_CANCEL = 'fixtures/synthetic/label-cancel.pb.gz';
/** The synthetic profile of numeric labels in two units (see synthetic-label-sums.ts). */
export const SYNTHETIC_LABEL_UNITS = 'fixtures/synthetic/label-units.pb.gz';
/** The synthetic profile of C++-style function names (see synthetic-names.ts). */
export const SYNTHETIC_NAMES = 'fixtures/synthetic/cpp-names.pb.gz';
/** An inlined call only a filtered-out sample reaches (synthetic-inline-edges.ts). */
export const SYNTHETIC_INLINE_EDGES = 'fixtures/synthetic/inline-edges.pb.gz';

type Flag = readonly [slug: string, goArgs: readonly string[], ourArgs: readonly string[]];

/** A flag pprof spells `-name=value` and we spell `--name value`. */
function opt(goName: string, ourName: string, value: string, slugValue = value): Flag {
  return [`${goName}=${slugValue}`, [`-${goName}=${value}`], [`--${ourName}`, value]];
}

function cases(fixture: string, flags: readonly Flag[]): GoldenCase[] {
  return flags.map(([slug, goArgs, ourArgs]) => ({ fixture, slug, goArgs, ourArgs }));
}

function combine(...fs: Flag[]): Flag {
  return [fs.map((f) => f[0]).join(','), fs.flatMap((f) => f[1]), fs.flatMap((f) => f[2])];
}

const DEFAULT: Flag = ['default', [], []];

/** -mean: traces divide each sample's value by its count; raw and tags print what they print without it. */
const MEAN: Flag = ['mean', ['-mean'], ['--mean']];

/** -divide_by: traces show it in each value and the header's total; raw and tags take it and print what they print. */
const DIVIDE_BY: Flag = opt('divide_by', 'divide-by', '7');
/** -compact_labels: only pprof's graph text reports (top, tree, peek) drop the profile lines; these keep them. */
const COMPACT_LABELS: Flag = ['compact_labels', ['-compact_labels'], ['--compact-labels']];

function sampleTypeFlags(fixture: string): Flag[] {
  const p = parseProfile(readFileSync(join(PROFILES, fixture)));
  const out: Flag[] = [opt('sample_index', 'sample-index', '0')];
  for (const t of p.sampleTypes) out.push(opt('sample_index', 'sample-index', t.type));
  return out;
}

function unitFlags(fixture: string): Flag[] {
  if (fixture.startsWith('cpu') || fixture.startsWith('block') || fixture.startsWith('mutex')) {
    return [opt('unit', 'unit', 'ms'), opt('unit', 'unit', 's')];
  }
  if (fixture.startsWith('heap') || fixture.startsWith('allocs')) return [opt('unit', 'unit', 'kB'), opt('unit', 'unit', 'MB')];
  return [opt('unit', 'unit', 'auto')];
}

/** Name filters with the regexes the top goldens use. */
const NAME_FILTERS: Flag[] = [
  opt('focus', 'focus', 'main\\.', 'main'),
  opt('ignore', 'ignore', 'runtime', 'runtime'),
  opt('hide', 'hide', '^runtime\\.', 'runtime'),
  opt('show', 'show', '^main\\.', 'main'),
  opt('show_from', 'show-from', 'main\\.', 'main'),
  opt('prune_from', 'prune-from', '^runtime\\.', 'runtime'),
];

/** Label filters per labelled fixture. */
function labelFlags(fixture: string): Flag[] {
  const name = fixture.replace(/\.pb\.gz$/, '');
  switch (name) {
    case 'cpu': return [
      opt('tagfocus', 'tagfocus', 'table=nat'),
      opt('tagfocus', 'tagfocus', 'table=filter,nat'),
      opt('tagfocus', 'tagfocus', 'workload:stats'),
      opt('tagfocus', 'tagfocus', 'table:filter,workload:policy'),
      opt('tagignore', 'tagignore', 'workload=policy'),
      opt('tagignore', 'tagignore', 'nat'),
      opt('tagshow', 'tagshow', 'tab'),
      opt('taghide', 'taghide', 'workload'),
      combine(opt('tagfocus', 'tagfocus', 'table=nat'), opt('tagignore', 'tagignore', 'workload=stats')),
      combine(opt('tagfocus', 'tagfocus', 'workload=policy'), opt('focus', 'focus', 'lookup')),
      opt('tagfocus', 'tagfocus', 'nosuchkey=x'),
    ];
    case 'heap': case 'allocs': return [
      opt('tagfocus', 'tagfocus', 'bytes=4kB:'),
      opt('tagfocus', 'tagfocus', ':1kB'),
      opt('tagfocus', 'tagfocus', '2kB:4MB'),
      opt('tagfocus', 'tagfocus', '64'),
      opt('tagfocus', 'tagfocus', 'bytes=64B'),
      opt('tagignore', 'tagignore', 'bytes=:512'),
      opt('tagfocus', 'tagfocus', '1ms:10ms'),
      opt('taghide', 'taghide', 'bytes'),
      combine(opt('tagfocus', 'tagfocus', 'bytes=1kB:1MB'), opt('sample_index', 'sample-index', 'alloc_space')),
    ];
    case 'goroutine': case 'goroutine-pair': case 'threadcreate': return [
      opt('tagfocus', 'tagfocus', 'workload=workers'),
      opt('tagignore', 'tagignore', 'workload=stats|admin'),
      opt('tagshow', 'tagshow', 'nothing'),
    ];
    default: return [];
  }
}

/** -top with the profile-level filters (the `filters` golden suite). */
export function filterCases(): GoldenCase[] {
  const out: GoldenCase[] = [];
  for (const f of protobufFixtures()) {
    const fixture = `fixtures/profiles/${f}`;
    out.push(...cases(fixture, labelFlags(f)));
    out.push(...cases(fixture, [
      NAME_FILTERS[4]!, NAME_FILTERS[5]!,
      combine(NAME_FILTERS[4]!, NAME_FILTERS[0]!),
      combine(NAME_FILTERS[5]!, NAME_FILTERS[2]!),
    ]));
  }
  const cpu = 'fixtures/profiles/cpu.pb.gz';
  out.push(...cases(cpu, [
    opt('show_from', 'show-from', 'fnv32a'), // cuts inside locations with inlined lines
    opt('show_from', 'show-from', 'nosuchframe'),
    opt('prune_from', 'prune-from', 'main\\.', 'main'),
    combine(opt('show_from', 'show-from', 'fnv32a'), opt('granularity', 'granularity', 'lines')),
  ].map(fixGranularity)));
  out.push(...cases(SYNTHETIC_DROP_FRAMES, [DEFAULT, ['lines', ['-lines'], ['--granularity', 'lines']],
    opt('tagfocus', 'tagfocus', 'workload=web|batch'), opt('tagfocus', 'tagfocus', 'bytes=4kB')]));
  return out;
}

/** pprof spells granularities as bare flags (-lines). */
function fixGranularity(f: Flag): Flag {
  return [f[0], f[1].map((a) => a.replace(/^-granularity=(\w+)$/, '-$1')), f[2]];
}

/** Comparisons with the other capture of the fixture's pair: the header's total is the base's with -diff_base. */
function comparisonFlags(fixture: string): Flag[] {
  const other = partnerOf(fixture);
  if (other === undefined) return [];
  const { rel, name } = other;
  return [
    [`diff_base=${name}`, [`-diff_base=${rel}`], ['--diff-base', rel]],
    [`diff_base=${name},mean`, [`-diff_base=${rel}`, '-mean'], ['--diff-base', rel, '--mean']],
    [`base=${name}`, [`-base=${rel}`], ['--base', rel]],
  ];
}

/** -traces. */
export function tracesCases(): GoldenCase[] {
  const out: GoldenCase[] = [];
  for (const f of protobufFixtures()) {
    const fixture = `fixtures/profiles/${f}`;
    out.push(...cases(fixture, [
      DEFAULT,
      ['lines', ['-lines'], ['--granularity', 'lines']],
      ['files', ['-files'], ['--granularity', 'files']],
      ['filefunctions', ['-filefunctions'], ['--granularity', 'filefunctions']],
      ['addresses', ['-addresses'], ['--granularity', 'addresses']],
      ['noinlines', ['-noinlines'], ['--noinlines']],
      ['lines,noinlines', ['-lines', '-noinlines'], ['--granularity', 'lines', '--noinlines']],
      ...sampleTypeFlags(f).slice(0, 2),
      ...unitFlags(f).slice(0, 1),
      ...NAME_FILTERS,
      ...labelFlags(f).slice(0, 4),
      MEAN,
      DIVIDE_BY,
      ['divide_by=0.001,mean', ['-divide_by=0.001', '-mean'], ['--divide-by', '0.001', '--mean']],
      // The header's total is then over the samples the filters keep.
      ['relative_percentages,focus=main', ['-relative_percentages', '-focus=main\\.'], ['--relative-percentages', '--focus', 'main\\.']],
      ['relative_percentages,ignore=runtime,mean', ['-relative_percentages', '-ignore=runtime', '-mean'],
        ['--relative-percentages', '--ignore', 'runtime', '--mean']],
      COMPACT_LABELS,
      ...comparisonFlags(f),
    ]));
    out.push(...mergedFilterCases(fixture));
  }
  out.push(...cases(SYNTHETIC_DROP_FRAMES, [DEFAULT, ['lines', ['-lines'], ['--granularity', 'lines']]]));
  return out;
}

/**
 * Two captures merged, or one compared with the other, then name filters:
 * pprof merges first and filters the merge, so samples the filter makes
 * alike stay apart, and raw keeps the merge's locations and their ids.
 */
function mergedFilterCases(fixture: string): GoldenCase[] {
  const other = partnerOf(fixture.replace(/^fixtures\/profiles\//, ''));
  if (other === undefined) return [];
  const { rel, name } = other;
  const filters: Flag[] = [NAME_FILTERS[2]!, NAME_FILTERS[3]!, combine(NAME_FILTERS[0]!, NAME_FILTERS[3]!)];
  const out: GoldenCase[] = [];
  for (const f of filters) {
    out.push({ fixture, slug: `merge=${name},${f[0]}`, goArgs: f[1], ourArgs: f[2], merged: [rel] });
    out.push(...cases(fixture, [combine([`diff_base=${name}`, [`-diff_base=${rel}`], ['--diff-base', rel]], f)]));
  }
  return out;
}

/** -raw. */
export function rawCases(): GoldenCase[] {
  const out: GoldenCase[] = [];
  for (const f of protobufFixtures()) {
    const fixture = `fixtures/profiles/${f}`;
    out.push(...cases(fixture, [
      DEFAULT,
      ['noinlines', ['-noinlines'], ['--noinlines']],
      ['lines', ['-lines'], ['--granularity', 'lines']],
      ...NAME_FILTERS,
      ...labelFlags(f).slice(0, 3),
      ...labelFlags(f).filter((x) => x[0].startsWith('tagshow') || x[0].startsWith('taghide')),
      MEAN,
      DIVIDE_BY,
      COMPACT_LABELS,
    ]));
    out.push(...mergedFilterCases(fixture));
  }
  out.push(...cases(SYNTHETIC_DROP_FRAMES, [DEFAULT, opt('tagfocus', 'tagfocus', 'workload=web')]));
  return out;
}

/** -tags. */
export function tagsCases(): GoldenCase[] {
  const out: GoldenCase[] = [];
  for (const f of protobufFixtures()) {
    const fixture = `fixtures/profiles/${f}`;
    out.push(...cases(fixture, [
      DEFAULT,
      ...sampleTypeFlags(f),
      ...unitFlags(f),
      NAME_FILTERS[0]!, NAME_FILTERS[1]!, NAME_FILTERS[4]!,
      ...labelFlags(f),
      MEAN,
      DIVIDE_BY,
      COMPACT_LABELS,
    ]));
  }
  out.push(...cases(SYNTHETIC_DROP_FRAMES, [DEFAULT]));
  // What the merge drops or joins (see synthetic-label-sums.ts); the name filter takes the merged shape.
  out.push(...cases(SYNTHETIC_LABEL_SUMS, [
    DEFAULT,
    opt('sample_index', 'sample-index', '0'),
    opt('unit', 'unit', 'ms'),
    opt('tagfocus', 'tagfocus', 'workload=ghost'),
    opt('tagfocus', 'tagfocus', 'size=1kB:'),
    opt('tagignore', 'tagignore', 'workload=web'),
    opt('hide', 'hide', 'zeroonly'),
    opt('focus', 'focus', 'zeroonly'),
  ]));
  out.push(...cases(SYNTHETIC_LABEL_CANCEL, [DEFAULT, opt('sample_index', 'sample-index', '0'), opt('tagfocus', 'tagfocus', 'workload=gone')]));
  return out;
}

/** Absolute path of a case's fixture. */
export function fixturePath(c: GoldenCase): string {
  return join(ROOT, c.fixture);
}
