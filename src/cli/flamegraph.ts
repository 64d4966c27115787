/**
 * `pprof-ts flamegraph <profile> -o out.html`: one self-contained,
 * interactive HTML flame graph that opens offline, written atomically.
 */

import { basename } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_FLAME_MIN_WIDTH, flameGraphHtml } from '../render/flame-html.js';
import { writeFileAtomic } from '../render/atomic-write.js';
import type { CliIo } from './main.js';
import { addQueryOptions, loadQuerySource, queryOptionsOf, type QueryFlags } from './query-flags.js';
import { unitFraction } from './parsers.js';

/** Flags of the flamegraph command. */
interface FlameFlags extends QueryFlags {
  output: string;
  minWidth: number;
  title?: string;
}

/** The base profile(s) of a comparison, named for the page header. */
function baseNameOf(flags: FlameFlags): { baseName?: string } {
  const bases = flags.diffBase ?? flags.base;
  return bases === undefined ? {} : { baseName: bases.map((b) => basename(b)).join(' + ') };
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
    .action(async (paths: string[], flags: FlameFlags) => {
      const profile = await loadQuerySource(paths, flags);
      const html = flameGraphHtml(profile, {
        ...queryOptionsOf(flags),
        minWidth: flags.minWidth,
        title: flags.title ?? paths.map((p) => basename(p)).join(' + '),
        ...baseNameOf(flags),
      });
      await writeFileAtomic(flags.output, html);
      io.stderr(`wrote ${flags.output} (${Buffer.byteLength(html)} bytes)\n`);
    });
}
