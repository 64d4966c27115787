/**
 * `pprof-ts goroutines <dump>`: groups the goroutines of a debug=2 dump by
 * stack, with states, wait times, creation sites and suspected leaks.
 * Reading warnings (a cut dump) go to stderr as `pprof-ts: warning: ...`
 * lines; the report still prints and the exit code is 0.
 */

import { Command } from 'commander';
import { loadGoroutineDump } from '../decode/text/dump-input.js';
import {
  DEFAULT_LEAK_MIN_COUNT, DEFAULT_LEAK_MIN_WAIT_MINUTES, groupGoroutines,
} from '../query/goroutine-groups.js';
import { parseWaitMinutes } from '../query/duration.js';
import { compileRegex } from '../query/regex.js';
import { renderGoroutinesJson, renderGoroutinesText } from '../report/goroutines.js';
import { DEFAULT_MAX_DECOMPRESSED_BYTES } from '../defaults.js';
import type { CliIo } from './main.js';
import { nonNegativeInt, positiveInt } from './parsers.js';

/** Flags of the goroutines command, as commander hands them over. */
interface GoroutinesFlags {
  byState?: boolean;
  state?: string;
  match?: string;
  minWait?: string;
  leakCount: number;
  leakWait: string;
  json?: boolean;
  maxBytes: number;
}

/** Adds the `goroutines` command to the program. */
export function registerGoroutines(program: Command, io: CliIo): void {
  program
    .command('goroutines')
    .description('group the goroutines of a dump (goroutine?debug=2) by stack; show states, waits and suspected leaks')
    .argument('<dump>', 'goroutine dump file (text from /debug/pprof/goroutine?debug=2, gzip allowed)')
    .option('--by-state', 'also split groups by goroutine state')
    .option('--state <state>', 'keep only goroutines in this state (e.g. "chan receive")')
    .option('--match <re>', 'keep only goroutines with a frame (function or file:line) matching re')
    .option('--min-wait <duration>', 'keep only goroutines blocked at least this long (e.g. 10m, 1h)')
    .option('--leak-count <n>', 'leak rule: at least n goroutines of one group...', positiveInt, DEFAULT_LEAK_MIN_COUNT)
    .option('--leak-wait <duration>', '...blocked at least this long', `${DEFAULT_LEAK_MIN_WAIT_MINUTES}m`)
    .option('--json', 'print the report as JSON')
    .option('--max-bytes <n>', 'refuse dumps that decompress to more than n bytes', nonNegativeInt, DEFAULT_MAX_DECOMPRESSED_BYTES)
    .action(async (path: string, flags: GoroutinesFlags) => {
      // Options are checked before reading, so a usage error is reported as one whatever the file.
      const minWaitMinutes = flags.minWait === undefined ? undefined : parseWaitMinutes(flags.minWait, '--min-wait');
      const leakMinWaitMinutes = parseWaitMinutes(flags.leakWait, '--leak-wait');
      if (flags.match !== undefined) compileRegex(flags.match, '--match');
      const dump = await loadGoroutineDump(path, { maxDecompressedBytes: flags.maxBytes });
      const report = groupGoroutines(dump, {
        byState: flags.byState === true,
        state: flags.state,
        match: flags.match,
        minWaitMinutes,
        leakMinCount: flags.leakCount,
        leakMinWaitMinutes,
      });
      for (const w of report.warnings) io.stderr(`pprof-ts: warning: ${w}\n`);
      io.stdout(flags.json === true ? renderGoroutinesJson(report) : renderGoroutinesText(report));
    });
}
