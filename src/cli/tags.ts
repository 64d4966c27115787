/**
 * `pprof-ts tags <profile>`: the label keys and values of a profile's
 * samples with their share of the sample value, like `go tool pprof -tags`.
 */

import type { Command } from 'commander';
import type { CliIo } from './main.js';
import { addQueryOptions, filteredInput, loadQuerySource, queryOptionsOf, type QueryFlags } from './query-flags.js';
import { writeLines } from './stream-lines.js';
import { DEFAULT_UNIT } from '../defaults.js';
import { tagsReport } from '../report/tags/data.js';
import { tagsTextLines } from '../report/tags/text.js';
import { renderTagsJson } from '../report/tags/json.js';

interface TagsFlags extends QueryFlags {
  unit: string;
  json?: boolean;
}

/** Adds the `tags` command to the program. */
export function registerTags(program: Command, io: CliIo): void {
  const cmd = program
    .command('tags')
    .description('print each label key\'s values and their share of the sample value, like `go tool pprof -tags`')
    .argument('<profile>', 'profile file or URL (gzip or raw profile.proto, or Go\'s debug=1 text)')
    .option('--unit <u>', 'unit of values and numeric labels (e.g. ms, MB), auto, or minimum', DEFAULT_UNIT)
    .option('--json', 'print the report as JSON (exact sums plus the printed strings)');
  addQueryOptions(cmd)
    .action(async (paths: string[], flags: TagsFlags) => {
      const loaded = await loadQuerySource(paths, flags, { normalize: true });
      const { profile, options } = filteredInput(loaded, queryOptionsOf(flags), io.stderr, true);
      const report = tagsReport(profile, { ...options, unit: flags.unit });
      if (flags.json === true) io.stdout(renderTagsJson(report));
      else writeLines(io, tagsTextLines(report));
    });
}
