/**
 * `pprof-ts flamegraph <profile> -o out.html`: one self-contained,
 * interactive HTML flame graph that opens offline, written atomically.
 */

import { basename } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_FLAME_MIN_WIDTH, flameGraphHtml } from '../render/flame-html.js';
import { writeFileAtomic } from '../render/atomic-write.js';
import type { CliIo } from './main.js';
import { loadSource } from './source.js';
import { addQueryOptions, filteredInput, queryOptionsOf, type QueryFlags } from './query-flags.js';
import { unitFraction } from './parsers.js';

/** Flags of the flamegraph command. */
interface FlameFlags extends QueryFlags {
  output: string;
  minWidth: number;
  title?: string;
}

/** Adds the `flamegraph` command to the program. */
export function registerFlamegraph(program: Command, io: CliIo): void {
  const cmd = program
    .command('flamegraph')
    .description('write an interactive flame graph as one self-contained HTML file')
    .argument('<profile>', 'profile file (gzip or raw profile.proto)')
    .requiredOption('-o, --output <file>', 'HTML file to write')
    .option('--min-width <f>', 'merge frames narrower than f of the root into "other"', unitFraction, DEFAULT_FLAME_MIN_WIDTH)
    .option('--title <text>', 'page title (default: the profile file name)');
  addQueryOptions(cmd)
    .action(async (path: string, flags: FlameFlags) => {
      const { profile, options } = filteredInput(await loadSource(path, flags), queryOptionsOf(flags), io.stderr);
      const html = flameGraphHtml(profile, {
        ...options,
        minWidth: flags.minWidth,
        title: flags.title ?? basename(path),
      });
      await writeFileAtomic(flags.output, html);
      io.stderr(`wrote ${flags.output} (${Buffer.byteLength(html)} bytes)\n`);
    });
}
