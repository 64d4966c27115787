/**
 * `pprof-ts goroutines <dump>`: groups the goroutines of a debug=2 dump, or
 * of a crashed program's output (panic, fatal error, race reports), by
 * stack, with states, waits, creation sites and suspected leaks.
 * `--base OLD` compares two dumps of one process instead (growth per stack,
 * leaks by growth); `--seconds N` on a URL takes the two dumps itself, N
 * seconds apart. Inputs are files, URLs of a debug port (a bare port means
 * `goroutine?debug=2`) or `-` for stdin. Reading warnings (a cut dump) go to
 * stderr as `pprof-ts: warning: ...` lines; the report still prints, exit 0.
 */

import { Command } from 'commander';
import { parseGoroutineDump } from '../decode/text/dump-input.js';
import type { GoroutineDump } from '../decode/text/goroutine-dump.js';
import {
  DEFAULT_LEAK_MIN_COUNT, DEFAULT_LEAK_MIN_WAIT_MINUTES, groupGoroutines, type GoroutineGroupOptions,
} from '../query/goroutine-groups.js';
import { compareGoroutines, DEFAULT_LEAK_MIN_GROWTH } from '../query/goroutine-growth.js';
import { parseTrimPathList } from '../query/trim-path.js';
import { parseWaitMinutes } from '../query/duration.js';
import { compileRegex } from '../query/regex.js';
import { renderGoroutinesJson, renderGoroutinesText } from '../report/goroutines.js';
import { renderGrowthJson, renderGrowthText } from '../report/goroutine-growth.js';
import { PprofError } from '../errors.js';
import { isProfileUrl, parseHttpUrl, PPROF_PREFIX } from '../fetch/url.js';
import type { CliIo } from './main.js';
import { positiveInt } from './parsers.js';
import { addSourceOptions, loadSourceBytes, type SourceFlags } from './source.js';
import { readStdin } from './stdin.js';

/** Flags of the goroutines command, as commander hands them over. */
interface GoroutinesFlags extends SourceFlags {
  base?: string;
  byState?: boolean;
  state?: string;
  match?: string;
  minWait?: string;
  leakCount: number;
  leakWait: string;
  leakGrowth: number;
  trimPath?: string;
  fullPaths?: boolean;
  all?: boolean;
  json?: boolean;
}

/**
 * The dump URL for what the user typed: a bare debug port (`http://host:6060`,
 * `/debug/pprof/`) or `/debug/pprof/goroutine` without `debug=` means the
 * full dump, `goroutine?debug=2`; any other URL is used as given.
 */
export function goroutineDumpUrl(arg: string): string {
  const url = parseHttpUrl(arg);
  const p = url.pathname;
  if (p === '' || p === '/' || p === '/debug/pprof' || p === PPROF_PREFIX) url.pathname = `${PPROF_PREFIX}goroutine`;
  if (url.pathname.replace(/\/$/, '') === `${PPROF_PREFIX}goroutine` && !url.searchParams.has('debug')) {
    url.pathname = `${PPROF_PREFIX}goroutine`;
    url.searchParams.set('debug', '2');
  }
  return url.href;
}

/** Reads one input (file, URL or `-`) as a dump. `seconds` is handled by the caller, never sent. */
async function loadDump(arg: string, flags: GoroutinesFlags): Promise<GoroutineDump> {
  const options = { maxDecompressedBytes: flags.maxBytes };
  if (arg === '-') {
    const urlOnly = (['timeout', 'save', 'header', 'insecure'] as const).filter((k) => flags[k] !== undefined);
    if (urlOnly.length > 0) throw new PprofError('bad-option', `--${urlOnly[0]} applies to URLs only, and - is standard input`);
    return parseGoroutineDump(await readStdin(flags.maxBytes, process.stdin, { allowEmpty: true }), options);
  }
  const source = isProfileUrl(arg) ? goroutineDumpUrl(arg) : arg;
  return parseGoroutineDump(await loadSourceBytes(source, { ...flags, seconds: undefined }), options);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Adds the `goroutines` command to the program. */
export function registerGoroutines(program: Command, io: CliIo): void {
  const cmd = program
    .command('goroutines')
    .description('group the goroutines of a dump (goroutine?debug=2) by stack; show states, waits and suspected leaks')
    .argument('<dump>', 'goroutine dump (debug=2 text, gzip allowed), a crashed Go program\'s output (panic, ' +
      'fatal error, data race), - for stdin, or a debug port URL (a bare http://host:port fetches goroutine?debug=2)')
    .option('--base <old-dump>', 'compare with an older dump of the same process: growth per stack, leaks by growth')
    .option('--by-state', 'also split groups by goroutine state')
    .option('--state <state>', 'keep only goroutines in this state (e.g. "chan receive")')
    .option('--match <re>', 'keep only goroutines with a frame (function or file:line) matching re (Go regexp syntax)')
    .option('--min-wait <duration>', 'keep only goroutines blocked at least this long (e.g. 10m, 1h)')
    .option('--leak-count <n>', 'one dump\'s leak rule: at least n goroutines of one stack...', positiveInt, DEFAULT_LEAK_MIN_COUNT)
    .option('--leak-wait <duration>', '...blocked (not running, runnable or in a syscall) at least this long',
      `${DEFAULT_LEAK_MIN_WAIT_MINUTES}m`)
    .option('--leak-growth <n>', 'two dumps\' leak rule: blocked goroutines of one stack grew by at least n',
      positiveInt, DEFAULT_LEAK_MIN_GROWTH)
    .option('--trim-path <prefixes>', 'also cut these :-separated path prefixes from file names (pprof -trim_path)')
    .option('--full-paths', 'keep GOROOT and module cache prefixes in file names (trimmed by default)')
    .option('--all', 'with --base or --seconds: also list stacks whose count did not change')
    .option('--json', 'print the report as JSON');
  addSourceOptions(cmd);
  const seconds = cmd.options.find((o) => o.long === '--seconds');
  if (seconds !== undefined) {
    seconds.description = 'URLs: take two dumps n seconds apart and compare them (as --base with the first)';
  }
  cmd.action(async (arg: string, flags: GoroutinesFlags) => {
    // Options are checked before reading, so a usage error is reported as one whatever the input.
    const minWaitMinutes = flags.minWait === undefined ? undefined : parseWaitMinutes(flags.minWait, '--min-wait');
    const leakMinWaitMinutes = parseWaitMinutes(flags.leakWait, '--leak-wait');
    if (flags.match !== undefined) compileRegex(flags.match, '--match');
    if (flags.seconds !== undefined && !isProfileUrl(arg)) {
      throw new PprofError('bad-option', `--seconds applies to URLs only (it takes two dumps n seconds apart), and ${arg} is not one`);
    }
    if (flags.seconds !== undefined && flags.base !== undefined) {
      throw new PprofError('bad-option', '--seconds and --base both name the older dump: give one of them');
    }
    if (arg === '-' && flags.base === '-') throw new PprofError('bad-option', 'only one of <dump> and --base can be - (stdin)');
    const options: GoroutineGroupOptions = {
      byState: flags.byState === true,
      state: flags.state,
      match: flags.match,
      minWaitMinutes,
      leakMinCount: flags.leakCount,
      leakMinWaitMinutes,
      trimPath: flags.trimPath === undefined ? undefined : parseTrimPathList(flags.trimPath),
      fullPaths: flags.fullPaths === true,
    };
    let base: GoroutineDump | null = null;
    if (flags.base !== undefined) base = await loadDump(flags.base, flags);
    if (flags.seconds !== undefined) {
      base = await loadDump(arg, { ...flags, save: undefined });
      if (flags.quiet !== true) io.stderr(`took the first dump; the second follows in ${flags.seconds}s\n`);
      await sleep(flags.seconds * 1000);
    }
    const dump = await loadDump(arg, flags);
    if (base === null) {
      const report = groupGoroutines(dump, options);
      for (const w of report.warnings) io.stderr(`pprof-ts: warning: ${w}\n`);
      io.stdout(flags.json === true ? renderGoroutinesJson(report) : renderGoroutinesText(report));
      return;
    }
    const report = compareGoroutines(base, dump, { ...options, leakMinGrowth: flags.leakGrowth });
    for (const w of report.warnings) io.stderr(`pprof-ts: warning: ${w}\n`);
    io.stdout(flags.json === true ? renderGrowthJson(report) : renderGrowthText(report, { all: flags.all === true }));
  });
}
