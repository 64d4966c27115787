/**
 * `pprof-ts merge <profiles...> -o merged.pb.gz`: merges profiles (files or
 * URLs) as go tool pprof merges them, optionally against `--base` or
 * `--diff-base`, optionally filtered, and writes the result as gzip
 * profile.proto (atomically) for any pprof tool to read.
 */

import type { Command } from 'commander';
import type { CliIo } from './main.js';
import { addSourceOptions, addMultiProfileOptions, loadSource, type MultiProfileFlags, type SourceFlags } from './source.js';
import { writeProfileFile } from './query-flags.js';

/** Flags of the merge command. */
interface MergeFlags extends SourceFlags, MultiProfileFlags {
  output: string;
  focus?: string;
  ignore?: string;
  hide?: string;
  show?: string;
}

/** Adds the `merge` command to the program. */
export function registerMerge(program: Command, io: CliIo): void {
  const cmd = program
    .command('merge')
    .description('merge profiles (as go tool pprof does) and write the result as gzip profile.proto')
    .argument('<profile>', 'profile file (gzip or raw profile.proto, or Go\'s debug=1/debug=2 text)')
    .requiredOption('-o, --output <file>', 'profile.proto file to write (gzip, atomically)')
    .option('--focus <re>', 'keep only samples with a frame matching re')
    .option('--ignore <re>', 'drop samples with a frame matching re')
    .option('--hide <re>', 'remove frames matching re from stacks')
    .option('--show <re>', 'keep only frames matching re in stacks');
  addSourceOptions(cmd);
  addMultiProfileOptions(cmd)
    .action(async (paths: string[], flags: MergeFlags) => {
      const profile = await loadSource(paths, flags);
      await writeProfileFile(flags.output, profile, { focus: flags.focus, ignore: flags.ignore, hide: flags.hide, show: flags.show });
      io.stderr(`wrote ${flags.output} (${profile.samples.count} samples from ${paths.length} profile${paths.length === 1 ? '' : 's'})\n`);
    });
}
