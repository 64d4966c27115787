/**
 * `pprof-ts raw <profile>`: the profile's samples, locations and mappings as
 * text, like `go tool pprof -raw`, after the same filters.
 */

import type { Command } from 'commander';
import type { CliIo } from './main.js';
import { addQueryOptions, filteredInput, loadQuerySource, queryOptionsOf, type QueryFlags } from './query-flags.js';
import { writeLines } from './stream-lines.js';
import { DEFAULT_UNIT } from '../defaults.js';
import { rawReport } from '../report/raw/data.js';
import { rawTextLines } from '../report/raw/text.js';
import { renderRawJson } from '../report/raw/json.js';

interface RawFlags extends QueryFlags {
  json?: boolean;
}

/** Adds the `raw` command to the program. */
export function registerRaw(program: Command, io: CliIo): void {
  const cmd = program
    .command('raw')
    .description('print the profile\'s samples, locations and mappings, like `go tool pprof -raw` ' +
      '(filters apply; --granularity and --noinlines do not, as in pprof, which forces addresses)')
    .argument('<profile>', 'profile file or URL (gzip or raw profile.proto, or Go\'s debug=1 text)')
    .option('--unit <u>', 'accepted for compatibility with the other reports; raw prints values as stored', DEFAULT_UNIT)
    .option('--json', 'print the profile as JSON');
  addQueryOptions(cmd)
    .action(async (paths: string[], flags: RawFlags) => {
      const loaded = await loadQuerySource(paths, flags, { normalize: true });
      const { profile, options } = filteredInput(loaded, queryOptionsOf(flags), io.stderr, true);
      const report = rawReport(profile, options);
      if (flags.json === true) io.stdout(renderRawJson(report));
      else writeLines(io, rawTextLines(report));
    });
}
