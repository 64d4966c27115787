/**
 * The query flags shared by the commands that report on a profile's samples
 * (folded, flamegraph): sample index, granularity, inlining and frame
 * filters, with the same names, meanings and validation as `top`'s.
 */

import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_GRANULARITY } from '../defaults.js';
import type { Profile } from '../model/profile.js';
import { GRANULARITIES, isGranularity, type Granularity, type QueryOptions } from '../query/options.js';
import { addMultiProfileOptions, addSourceOptions, loadSource, type LoadHow, type MultiProfileFlags, type SourceFlags } from './source.js';
import { applyProfileFilters, type FilteredInput } from '../transform/apply.js';
import { unitConflictNotes } from '../query/labels.js';
import { labelUnitsAsMerged } from '../transform/canonical.js';

/** Query flags as commander hands them over. */
export interface QueryFlags extends SourceFlags, MultiProfileFlags {
  /** Also write the profile (after merges and filters) here, as gzip profile.proto. */
  outputProto?: string;
  sampleIndex?: string;
  granularity: Granularity;
  noinlines?: boolean;
  focus?: string;
  ignore?: string;
  hide?: string;
  show?: string;
  tagfocus?: string;
  tagignore?: string;
  tagshow?: string;
  taghide?: string;
  showFrom?: string;
  pruneFrom?: string;
  relativePercentages?: boolean;
  mean?: boolean;
}

function granularity(v: string): Granularity {
  if (!isGranularity(v)) throw new InvalidArgumentError(`expected one of ${GRANULARITIES.join(', ')}`);
  return v;
}

/**
 * pprof's -symbolize modes: `none` only. pprof-ts never looks for binaries;
 * with `none` it also shows function names as stored, as pprof then does
 * (no demangler heuristics: `ns::Klass<int>::method(int)` stays whole).
 */
function symbolizeMode(v: string): string {
  if (v !== 'none') throw new InvalidArgumentError('pprof-ts never symbolizes (it reads the names the profile carries): only none is accepted');
  return v;
}

/** Declares the query flags (and the source flags) on a command. */
export function addQueryOptions(cmd: Command): Command {
  cmd
    .option('--sample-index <name|n>', 'sample value to report (default: the profile\'s default type, else the last)')
    .addOption(new Option('--granularity <g>', 'aggregate frames by').choices(GRANULARITIES)
      .argParser(granularity).default(DEFAULT_GRANULARITY))
    .option('--noinlines', 'attribute inlined functions to their caller')
    .option('--focus <re>', 'keep only samples with a frame matching re')
    .option('--ignore <re>', 'drop samples with a frame matching re')
    .option('--hide <re>', 'remove frames matching re from stacks')
    .option('--show <re>', 'keep only frames matching re in stacks')
    .option('--tagfocus <filter>', 'keep only samples with a matching label: key=regex[,regex], a bare regex ' +
      'matched against key:value, or a numeric range with units (bytes=4kB:, :512, 1ms:10ms)')
    .option('--tagignore <filter>', 'drop samples with a matching label (same forms as --tagfocus)')
    .option('--tagshow <re>', 'keep only label keys matching re')
    .option('--taghide <re>', 'remove label keys matching re')
    .option('--show-from <re>', 'cut stacks above their rootmost frame matching re; drop samples without one')
    .option('--prune-from <re>', 'cut the frames below the first frame matching re')
    .option('--relative-percentages', 'percentages of the samples the filters keep, not of all samples')
    .option('--mean', 'values divided by the sample count (pprof -mean / -mean_delay; top, tree, peek, dot, svg, traces; folded and flamegraph: per-stack and per-frame means)')
    .option('--output-proto <file>', 'also write the profile after merges, --base/--diff-base and filters as gzip profile.proto (atomically)')
    .option('--symbolize <mode>', 'none only (pprof -symbolize=none): function names as the profile stores them, with no ' +
      'demangler shortening (pprof-ts never looks for binaries)', symbolizeMode);
  addSourceOptions(cmd);
  return addMultiProfileOptions(cmd);
}

/** The library's query options from the flags. */
export function queryOptionsOf(flags: QueryFlags): QueryOptions {
  return {
    sampleIndex: flags.sampleIndex,
    granularity: flags.granularity,
    noInlines: flags.noinlines === true,
    focus: flags.focus,
    ignore: flags.ignore,
    hide: flags.hide,
    show: flags.show,
    tagFocus: flags.tagfocus,
    tagIgnore: flags.tagignore,
    tagShow: flags.tagshow,
    tagHide: flags.taghide,
    showFrom: flags.showFrom,
    pruneFrom: flags.pruneFrom,
    relativePercentages: flags.relativePercentages === true,
    mean: flags.mean === true,
  };
}

/**
 * Loads the command's profile(s) with the source and multi-profile flags
 * (files, URLs, merges, --base/--diff-base), and writes `--output-proto` when
 * given. Every report command loads through here. Throws PprofError.
 */
export async function loadQuerySource(
  arg: string | readonly string[], flags: QueryFlags, how: LoadHow = {},
): Promise<Profile> {
  const profile = await loadSource(arg, flags, how);
  if (flags.outputProto !== undefined) await writeProfileFile(flags.outputProto, profile, queryOptionsOf(flags));
  return profile;
}

/**
 * Writes `profile` after every filter in `options` (focus/ignore/hide/show,
 * label filters, show_from, prune_from, materialized into the profile as
 * pprof's -proto does) as gzip profile.proto, atomically. Throws PprofError.
 */
export async function writeProfileFile(path: string, profile: Profile, options: QueryOptions = {}): Promise<void> {
  const [{ encodeProfileGzip }, { writeFileAtomic }] = await Promise.all([
    import('../encode/profile.js'), import('../render/atomic-write.js'),
  ]);
  const filtered = applyProfileFilters(profile, options, { materialize: hasFrameOrLabelFilter(options) }).profile;
  await writeFileAtomic(path, await encodeProfileGzip(filtered));
}

/** Whether the options filter frames or samples (then a report's first pass is not over every sample as it stands). */
export function hasFrameOrLabelFilter(o: QueryOptions): boolean {
  return [o.focus, o.ignore, o.hide, o.show, o.tagFocus, o.tagIgnore, o.tagShow, o.tagHide, o.showFrom, o.pruneFrom]
    .some((v) => v !== undefined && v !== '');
}

/**
 * The profile after the profile-level filters (label filters, show_from,
 * prune_from; with `materialize`, focus/ignore/hide/show too) and the options
 * a report should then run with; pprof's notes go to `stderr`.
 * `checkOptions` (which throws for a bad option, e.g. -sample_index) runs
 * where pprof checks its report options: before the filters, or after them
 * with --relative-percentages (pprof then filters first), so a bad option's
 * error comes with the same filter notes, or none, as pprof's.
 */
export function filteredInput<O extends QueryOptions>(
  profile: Profile, options: O, stderr: (s: string) => void, materialize = false,
  checkOptions: () => void = () => undefined,
): FilteredInput<O> {
  // pprof first notes numeric label keys seen with several units, whatever the report.
  if (profile.samples.mayMixUnits()) for (const line of unitConflictNotes(labelUnitsAsMerged(profile))) stderr(`${line}\n`);
  const relative = options.relativePercentages === true;
  if (!relative) checkOptions();
  const out = applyProfileFilters(profile, options, { materialize, onNote: (line) => stderr(`${line}\n`) });
  if (relative) checkOptions();
  return out;
}
