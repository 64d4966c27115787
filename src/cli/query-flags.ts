/**
 * The query flags shared by the commands that report on a profile's samples
 * (folded, flamegraph): sample index, granularity, inlining and frame
 * filters, with the same names, meanings and validation as `top`'s.
 */

import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_GRANULARITY } from '../defaults.js';
import { GRANULARITIES, isGranularity, type Granularity, type QueryOptions } from '../query/options.js';
import { addSourceOptions, type SourceFlags } from './source.js';

/** Query flags as commander hands them over. */
export interface QueryFlags extends SourceFlags {
  sampleIndex?: string;
  granularity: Granularity;
  noinlines?: boolean;
  focus?: string;
  ignore?: string;
  hide?: string;
  show?: string;
  relativePercentages?: boolean;
  mean?: boolean;
}

function granularity(v: string): Granularity {
  if (!isGranularity(v)) throw new InvalidArgumentError(`expected one of ${GRANULARITIES.join(', ')}`);
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
    .option('--relative-percentages', 'percentages of the samples the filters keep, not of all samples')
    .option('--mean', 'values divided by the sample count (pprof -mean / -mean_delay; top, tree, peek)');
  return addSourceOptions(cmd);
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
    relativePercentages: flags.relativePercentages === true,
    mean: flags.mean === true,
  };
}
