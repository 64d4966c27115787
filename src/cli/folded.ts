/**
 * `pprof-ts folded <profile>`: collapsed stacks for flamegraph.pl, inferno
 * and other flame graph tools, one `outer;...;leaf value` line per stack.
 */

import type { Command } from 'commander';
import { foldedChunks } from '../render/folded.js';
import type { CliIo } from './main.js';
import { loadSource } from './source.js';
import { addQueryOptions, queryOptionsOf, type QueryFlags } from './query-flags.js';

/** Adds the `folded` command to the program. */
export function registerFolded(program: Command, io: CliIo): void {
  const cmd = program
    .command('folded')
    .description('print collapsed stacks (`caller;callee value` per line) for flamegraph.pl or inferno')
    .argument('<profile>', 'profile file (gzip or raw profile.proto)');
  addQueryOptions(cmd)
    .action(async (path: string, flags: QueryFlags) => {
      const profile = await loadSource(path, flags);
      // Written in pieces, waiting for the reader: the output of a big profile fits neither one
      // string nor memory (a pipe's writes queue up in memory until the event loop runs).
      const write = io.stdoutDrained ?? (async (s: string): Promise<void> => io.stdout(s));
      for (const chunk of foldedChunks(profile, queryOptionsOf(flags))) await write(chunk);
    });
}
