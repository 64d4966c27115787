/**
 * `pprof-ts folded <profile>`: collapsed stacks for flamegraph.pl, inferno
 * and other flame graph tools, one `outer;...;leaf value` line per stack
 * (`outer;...;leaf base new` with --diff-base, as difffolded.pl writes).
 */

import type { Command } from 'commander';
import { foldedDiffText, foldedText } from '../render/folded.js';
import { splitDiffBase } from '../transform/labels.js';
import type { CliIo } from './main.js';
import { addQueryOptions, filteredInput, loadQuerySource, queryOptionsOf, type QueryFlags } from './query-flags.js';

/** Adds the `folded` command to the program. */
export function registerFolded(program: Command, io: CliIo): void {
  const cmd = program
    .command('folded')
    .description('print collapsed stacks (`caller;callee value` per line) for flamegraph.pl or inferno; ' +
      'with --diff-base, `caller;callee base new` as difffolded.pl writes')
    .argument('<profile>', 'profile file (gzip or raw profile.proto)');
  addQueryOptions(cmd)
    .action(async (paths: string[], flags: QueryFlags) => {
      const { profile, options } = filteredInput(await loadQuerySource(paths, flags), queryOptionsOf(flags), io.stderr);
      // With --diff-base, the two-column `stack base new` form of difffolded.pl.
      const sides = flags.diffBase !== undefined ? splitDiffBase(profile) : null;
      io.stdout(sides !== null ? foldedDiffText(sides.base, sides.current, options) : foldedText(profile, options));
    });
}
