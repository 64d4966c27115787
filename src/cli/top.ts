/**
 * `pprof-ts top <profile>`: the flat/cum table of `go tool pprof -top`.
 */

import { Command, InvalidArgumentError, Option } from 'commander';
import { addSourceOptions, loadSource, type SourceFlags } from './source.js';
import { topTable } from '../report/top.js';
import { renderTopText } from '../report/text.js';
import { renderTopJson } from '../report/json.js';
import { GRANULARITIES, isGranularity, type Granularity } from '../query/options.js';
import { DEFAULT_EDGE_FRACTION, DEFAULT_GRANULARITY, DEFAULT_NODE_FRACTION, DEFAULT_UNIT } from '../defaults.js';
import type { CliIo } from './main.js';

/** Flags of the top command, as commander hands them over. */
interface TopFlags extends SourceFlags {
  cum?: boolean;
  nodecount?: number;
  nodefraction: number;
  edgefraction: number;
  sampleIndex?: string;
  granularity: Granularity;
  noinlines?: boolean;
  focus?: string;
  ignore?: string;
  hide?: string;
  show?: string;
  unit: string;
  json?: boolean;
}

function nonNegativeInt(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a non-negative integer');
  return Number(v);
}

function fraction(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a non-negative number');
  return n;
}

function granularity(v: string): Granularity {
  if (!isGranularity(v)) throw new InvalidArgumentError(`expected one of ${GRANULARITIES.join(', ')}`);
  return v;
}

/** Adds the `top` command to the program. */
export function registerTop(program: Command, io: CliIo): void {
  const cmd = program
    .command('top')
    .description('print the top entries by flat (or cumulative) value, like `go tool pprof -top`')
    .argument('<profile>', 'profile file (gzip or raw profile.proto)')
    .option('--cum', 'sort by cumulative value instead of flat')
    .option('--nodecount <n>', 'show at most n rows (default: all that pass --nodefraction)', nonNegativeInt)
    .option('--nodefraction <f>', 'hide nodes below f of the total', fraction, DEFAULT_NODE_FRACTION)
    .option('--edgefraction <f>', 'ignore edges below f of the total when marking (inline) rows', fraction, DEFAULT_EDGE_FRACTION)
    .option('--sample-index <name|n>', 'sample value to report (default: the profile\'s default type, else the last)')
    .addOption(new Option('--granularity <g>', 'aggregate rows by').choices(GRANULARITIES)
      .argParser(granularity).default(DEFAULT_GRANULARITY))
    .option('--noinlines', 'attribute inlined functions to their caller')
    .option('--focus <re>', 'keep only samples with a frame matching re')
    .option('--ignore <re>', 'drop samples with a frame matching re')
    .option('--hide <re>', 'remove frames matching re from stacks')
    .option('--show <re>', 'keep only frames matching re in stacks')
    .option('--unit <u>', 'output unit (e.g. ms, s, MB), auto, or minimum', DEFAULT_UNIT)
    .option('--json', 'print the table as JSON (raw values in the sample unit plus formatted strings)');
  addSourceOptions(cmd)
    .action(async (path: string, flags: TopFlags) => {
      const profile = await loadSource(path, flags);
      const table = topTable(profile, {
        cum: flags.cum === true,
        nodeCount: flags.nodecount ?? 0,
        nodeFraction: flags.nodefraction,
        edgeFraction: flags.edgefraction,
        sampleIndex: flags.sampleIndex,
        granularity: flags.granularity,
        noInlines: flags.noinlines === true,
        focus: flags.focus,
        ignore: flags.ignore,
        hide: flags.hide,
        show: flags.show,
        unit: flags.unit,
      });
      io.stdout(flags.json === true ? renderTopJson(table) : renderTopText(table));
    });
}
