/**
 * The pprof-ts command line: parses flags with commander, calls the library,
 * prints, and turns every failure into one `pprof-ts: <message>` line on
 * stderr and a non-zero exit code (1 for bad input, 2 for bad usage).
 */

import { Command, CommanderError } from 'commander';
import { EXIT } from './exit-codes.js';
import { isPprofError } from '../errors.js';
import { toPprofError } from '../parse.js';
import { registerTop } from './top.js';
import { registerGoroutines } from './goroutines.js';
import { registerFolded } from './folded.js';
import { registerFlamegraph } from './flamegraph.js';
import { registerCapture } from './capture.js';
import { VERSION } from '../version.js';

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
      'Profiles may be gzip-compressed or raw profile.proto (detected from content).')
    .version(VERSION)
    .showHelpAfterError(false)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => { /* printed by main */ } })
    .exitOverride();
  registerTop(program, io);
  registerGoroutines(program, io);
  registerFolded(program, io);
  registerFlamegraph(program, io);
  registerCapture(program, io);
  return program;
}

/** Runs the CLI with `argv` (as process.argv) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv]);
    return EXIT.ok;
  } catch (e) {
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

/** Commander adds hints on extra lines; the CLI's contract is one line per error. */
function oneLine(message: string): string {
  return message.split('\n').map((l) => l.trim()).filter((l) => l !== '').join(' ');
}
