/**
 * `pprof-ts diff BASE NEW`: per-function changes between two profiles,
 * regressions first; and `pprof-ts diff --base-runs ... --new-runs ...`: the
 * statistical gate over K base and M new captures (src/gate/runs.ts).
 * Exit codes: 0 pass, 1 regression, 2 usage, 3 inconclusive (runs only).
 */

import { Command, InvalidArgumentError, Option } from 'commander';
import type { CliIo } from './main.js';
import { addNetworkOptions, loadSource, type SourceFlags } from './source.js';
import { nonNegativeNumber, unitFraction } from './parsers.js';
import { ExitSignal } from './exit-signal.js';
import { expandRuns } from './run-globs.js';
import { compareProfiles } from '../gate/compare.js';
import { gateRuns } from '../gate/runs.js';
import { comparisonReport, gateReport, GATE_EXIT } from '../gate/reports.js';
import { GATE_FORMATS, renderGateReport, type GateFormat } from '../gate/format.js';
import {
  DEFAULT_DIFF_MIN_SHARE, DEFAULT_DIFF_THRESHOLD, DEFAULT_GATE_ALPHA, DEFAULT_GATE_CONFIDENCE,
} from '../gate/defaults.js';
import { PprofError } from '../errors.js';
import type { Metric } from '../testing/inspect.js';

interface DiffFlags extends SourceFlags {
  baseRuns?: string[];
  newRuns?: string[];
  metric: Metric;
  threshold: number;
  minShare: number;
  alpha: number;
  confidence: number;
  sampleIndex?: string;
  focus?: string;
  ignore?: string;
  format: GateFormat;
}

function collect(v: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), v];
}

function openFraction(v: string): number {
  const n = unitFraction(v);
  if (n === 0 || n === 1) throw new InvalidArgumentError('expected a number strictly between 0 and 1');
  return n;
}

/** Adds the `diff` command to the program. */
export function registerDiff(program: Command, io: CliIo): void {
  const cmd = program
    .command('diff')
    .description('compare profiles per function, regressions first: BASE NEW, or K base runs against M new runs ' +
      'with a permutation test and false-discovery control (exit 0 pass, 1 regression, 2 usage, 3 inconclusive)')
    .argument('[base]', 'base profile (file or http(s) URL)')
    .argument('[new]', 'new profile (file or http(s) URL)')
    .option('--base-runs <files>', 'base captures: files or a quoted pattern like \'base/*.pb.gz\' (repeatable)', collect)
    .option('--new-runs <files>', 'new captures: files or a quoted pattern (repeatable)', collect)
    .addOption(new Option('--metric <m>', 'compare flat or cum shares').choices(['flat', 'cum']).default('flat'))
    .option('--threshold <f>', 'a regression is a share rise of at least f of the base share', nonNegativeNumber, DEFAULT_DIFF_THRESHOLD)
    .option('--min-share <f>', 'noise floor: leave out functions under this share on both sides', unitFraction, DEFAULT_DIFF_MIN_SHARE)
    .option('--alpha <f>', 'runs: false discovery rate of the gate', openFraction, DEFAULT_GATE_ALPHA)
    .option('--confidence <f>', 'runs: confidence level of the bootstrap interval', openFraction, DEFAULT_GATE_CONFIDENCE)
    .option('--sample-index <name|n>', 'sample value to compare (default: the profile\'s default type, else the last)')
    .option('--focus <re>', 'keep only samples with a frame matching re')
    .option('--ignore <re>', 'drop samples with a frame matching re')
    .addOption(new Option('--format <f>', 'output format').choices(GATE_FORMATS).default('text'));
  addNetworkOptions(cmd)
    .action(async (base: string | undefined, next: string | undefined, flags: DiffFlags) => {
      const runs = flags.baseRuns !== undefined || flags.newRuns !== undefined;
      const query = { sampleType: flags.sampleIndex, focus: flags.focus, ignore: flags.ignore };
      const src = { ...flags, seconds: undefined, save: undefined };
      let report;
      if (runs) {
        if (base !== undefined) throw new PprofError('bad-option', 'give either BASE NEW or --base-runs and --new-runs, not both');
        if (flags.baseRuns === undefined || flags.newRuns === undefined) {
          throw new PprofError('bad-option', '--base-runs and --new-runs go together');
        }
        const baseFiles = expandRuns(flags.baseRuns, '--base-runs');
        const newFiles = expandRuns(flags.newRuns, '--new-runs');
        const load = (files: string[]) => Promise.all(files.map((f) => loadSource(f, src)));
        const result = gateRuns(await load(baseFiles), await load(newFiles), {
          ...query, metric: flags.metric, threshold: flags.threshold, minShare: flags.minShare, alpha: flags.alpha,
          confidence: flags.confidence,
        });
        report = gateReport(result);
      } else {
        if (base === undefined || next === undefined) throw new PprofError('bad-option', 'diff needs BASE and NEW profiles, or --base-runs and --new-runs');
        const comparison = compareProfiles(await loadSource(base, src), await loadSource(next, src), {
          ...query, metric: flags.metric, threshold: flags.threshold, minShare: flags.minShare,
        });
        report = comparisonReport(comparison);
      }
      io.stdout(renderGateReport(report, flags.format));
      switch (report.verdict) {
        case 'PASS': return;
        case 'FAIL': throw new ExitSignal(GATE_EXIT.fail);
        case 'INCONCLUSIVE': throw new ExitSignal(GATE_EXIT.inconclusive);
      }
    });
}
