/**
 * `pprof-ts traces <profile>`: every sample's stack with its labels and
 * value, like `go tool pprof -traces`.
 */

import type { Command } from 'commander';
import type { CliIo } from './main.js';
import { addQueryOptions, filteredInput, loadQuerySource, queryOptionsOf, type QueryFlags } from './query-flags.js';
import { writeLines } from './stream-lines.js';
import { DEFAULT_UNIT } from '../defaults.js';
import { tracesReport } from '../report/traces/data.js';
import { tracesTextLines } from '../report/traces/text.js';
import { renderTracesJson } from '../report/traces/json.js';

interface TracesFlags extends QueryFlags {
  unit: string;
  json?: boolean;
}

/** Adds the `traces` command to the program. */
export function registerTraces(program: Command, io: CliIo): void {
  const cmd = program
    .command('traces')
    .description('print every sample\'s stack with its labels and value, like `go tool pprof -traces`')
    .argument('<profile>', 'profile file or URL (gzip or raw profile.proto, or Go\'s debug=1 text)')
    .option('--unit <u>', 'unit of the sample values (e.g. ms, s, MB), auto, or minimum', DEFAULT_UNIT)
    .option('--json', 'print the traces as JSON (exact values plus the printed strings)');
  addQueryOptions(cmd)
    .action(async (paths: string[], flags: TracesFlags) => {
      const loaded = await loadQuerySource(paths, flags, { normalize: true });
      const { profile, options } = filteredInput(loaded, queryOptionsOf(flags), io.stderr, true);
      const report = tracesReport(profile, { ...options, unit: flags.unit });
      if (flags.json === true) io.stdout(renderTracesJson(report));
      else writeLines(io, tracesTextLines(report));
    });
}
