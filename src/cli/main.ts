/**
 * The pprof-ts command line: parses flags with commander, calls the library,
 * prints, and turns every failure into one `pprof-ts: <message>` line on
 * stderr and a non-zero exit code (1 for bad input, 2 for bad usage).
 */

import { Command, CommanderError } from 'commander';
import { EXIT } from './exit-codes.js';
import { isPprofError } from '../errors.js';
import { toPprofError } from '../parse.js';
import { registerReports } from './reports.js';
import { registerGoroutines } from './goroutines.js';
import { registerCapture } from './capture.js';
import { registerMerge } from './merge.js';
import { VERSION } from '../version.js';
import { normalizeGoArgs } from './go-flags.js';
import { ExitSignal } from './exit-signal.js';
import { registerCheck } from './check.js';
import { registerDiff } from './diff.js';

export { EXIT };

/** Output sinks, injectable for tests. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /**
   * Writes to stdout and resolves once the stream can take more (backpressure),
   * for commands that stream long output; when absent, `stdout` is used.
   */
  stdoutDrained?: (s: string) => Promise<void>;
}

const processIo: CliIo = {
  stdout: (s) => { process.stdout.write(s); },
  stderr: (s) => { process.stderr.write(s); },
  stdoutDrained: (s) => new Promise((resolve) => {
    if (process.stdout.write(s)) resolve();
    else process.stdout.once('drain', resolve);
  }),
};

/** Builds the commander program. */
export function buildProgram(io: CliIo): Command {
  const program = new Command();
  program
    .name('pprof-ts')
    .description('Read Go pprof profiles and report where time, memory and waiting go.\n' +
      'Profiles may be gzip-compressed or raw profile.proto (detected from content).\n' +
      'go tool pprof spellings work too: -top -nodecount=5 -sample_index=alloc_space -lines host:port/debug/pprof/heap')
    .version(VERSION)
    .showHelpAfterError(false)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => { /* printed by main */ } })
    .exitOverride();
  registerReports(program, io);
  registerGoroutines(program, io);
  registerCapture(program, io);
  registerCheck(program, io);
  registerDiff(program, io);
  registerMerge(program, io);
  return program;
}

/** Runs the CLI with `argv` (as process.argv) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  if (io === processIo) endQuietlyWhenStdoutCloses();
  const program = buildProgram(io);
  try {
    // Go habits (`-nodecount=5`, `-sample_index`, `-lines`, `host:port`) are rewritten first: see go-flags.ts.
    await program.parseAsync([...argv.slice(0, 2), ...normalizeGoArgs(program, argv.slice(2))]);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof ExitSignal) return e.exitCode; // a gate's verdict, already printed
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return EXIT.ok; // --help, --version
      io.stderr(`pprof-ts: ${oneLine(e.message.replace(/^error: /, ''))}\n`);
      return EXIT.usage;
    }
    const err = isPprofError(e) ? e : toPprofError(e);
    io.stderr(`pprof-ts: ${err.message}\n`);
    switch (err.code) {
      case 'bad-option': return EXIT.usage;
      case 'interrupted': return EXIT.interrupted;
      default: return EXIT.failure;
    }
  }
}

/**
 * A reader that stops early (`pprof-ts traces p.pb.gz | head`) closes the
 * pipe: that ends the output, as in any Unix tool, instead of an unhandled
 * EPIPE error with a stack trace.
 */
function endQuietlyWhenStdoutCloses(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok);
    throw e;
  });
}

/** Commander adds hints on extra lines; the CLI's contract is one line per error. */
function oneLine(message: string): string {
  return message.split('\n').map((l) => l.trim()).filter((l) => l !== '').join(' ');
}
