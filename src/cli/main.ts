/**
 * The pprof-ts command line: parses flags with commander, calls the library,
 * prints, and turns every failure into one `pprof-ts: <message>` line on
 * stderr and a non-zero exit code (1 for bad input, 2 for bad usage).
 *
 * Start-up matters (`pprof-ts top small.pb.gz` should cost little more than
 * starting node): each command's module is imported only when the command
 * line names it, so `top` never loads the HTTP client, the capture code or
 * the gate, and `--version` alone loads no command at all; help, unknown
 * commands and command lines naming no command load them all, so their
 * output is the same as with every command registered.
 */

import { Command, CommanderError } from 'commander';
import { EXIT } from './exit-codes.js';
import { isPprofError } from '../errors.js';
import { toPprofError } from '../parse.js';
import { VERSION } from '../version.js';
import { normalizeGoArgs } from './go-flags.js';
import { ExitSignal } from './exit-signal.js';

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

/** Adds one module's commands to the program. */
type Register = (program: Command, io: CliIo) => void;

/** The commands registered by hand (not from the report registry), by name, in the order help lists them. */
const COMMAND_MODULES = {
  goroutines: async (): Promise<Register> => (await import('./goroutines.js')).registerGoroutines,
  capture: async (): Promise<Register> => (await import('./capture.js')).registerCapture,
  check: async (): Promise<Register> => (await import('./check.js')).registerCheck,
  diff: async (): Promise<Register> => (await import('./diff.js')).registerDiff,
  merge: async (): Promise<Register> => (await import('./merge.js')).registerMerge,
} as const;

/** A command registered by hand. */
type CommandModule = keyof typeof COMMAND_MODULES;

/** What a command line needs registered: some reports (from the registry) and/or some hand-registered commands. */
export interface CommandSelection {
  readonly reports: readonly string[];
  readonly commands: readonly CommandModule[];
}

/** The spellings of the version flag: commander's two and go tool pprof's `-version`. */
const VERSION_FLAGS: readonly string[] = ['--version', '-V', '-version'];

/**
 * True for a command line that only asks for the version (`pprof-ts --version`):
 * commander prints it before it looks at any command, so none is registered
 * (registering them all loaded the HTTP, TLS and crypto modules for capture: 50 ms).
 */
function asksVersionOnly(args: readonly string[]): boolean {
  return args.length === 1 && VERSION_FLAGS.includes(args[0]!);
}

function isCommandModule(name: string): name is CommandModule {
  return Object.hasOwn(COMMAND_MODULES, name);
}

/**
 * Which commands `args` (argv without node and script) needs registered: the
 * one named by the first word that is not an option or, when that word is
 * not a command (`go tool pprof`'s spelling `-top FILE`, see go-flags.ts),
 * those named by a flag. `undefined` means every command: help, an unknown
 * command, or no command at all, where commander's messages list them all.
 * Registering more than needed is only slower, never different.
 */
export function commandSelection(
  args: readonly string[], reportNames: readonly string[], aliases: Readonly<Record<string, string>> = {},
): CommandSelection | undefined {
  if (asksVersionOnly(args)) return { reports: [], commands: [] };
  const isReport = (w: string): boolean => reportNames.includes(w);
  const named = (w: string): string => (Object.hasOwn(aliases, w) ? aliases[w]! : w);
  const first = args.find((t) => !t.startsWith('-'));
  if (first !== undefined && isCommandModule(first)) return { reports: [], commands: [first] };
  if (first !== undefined && isReport(named(first))) return { reports: [named(first)], commands: [] };
  // A report flag may carry its argument (`-peek=regex`).
  const flagged = args.filter((t) => /^--?[^-=]/.test(t)).map((t) => named(t.replace(/^--?/, '').replace(/=[\s\S]*$/, '')));
  const reports = reportNames.filter((r) => flagged.includes(r));
  const commands = (Object.keys(COMMAND_MODULES) as CommandModule[]).filter((c) => flagged.includes(c));
  if (reports.length === 0 && commands.length === 0) return undefined;
  return { reports, commands };
}

/** The hand-registered command named by the first word that is not an option, if any. */
function handCommand(args: readonly string[]): CommandModule | undefined {
  const first = args.find((t) => !t.startsWith('-'));
  return first !== undefined && isCommandModule(first) ? first : undefined;
}

/**
 * Builds the commander program with the commands `args` needs (see
 * `commandSelection`), or with every command when `args` is omitted.
 */
export async function buildProgram(io: CliIo, args?: readonly string[]): Promise<Command> {
  // `capture URL` and the like need neither the report registry nor its commands.
  const hand = args === undefined ? undefined : handCommand(args);
  const bare = args !== undefined && asksVersionOnly(args);
  const reports = hand === undefined && !bare ? await import('./reports.js') : undefined;
  const selection = args === undefined ? undefined : commandSelection(args, reports?.REPORT_NAMES ?? [], reports?.REPORT_ALIASES);
  const wanted = selection?.commands ?? (Object.keys(COMMAND_MODULES) as CommandModule[]);
  const registers = await Promise.all(wanted.map((c) => COMMAND_MODULES[c]()));
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
  if (reports !== undefined) reports.registerReports(program, io, selection?.reports ?? reports.REPORT_NAMES);
  for (const register of registers) register(program, io);
  return program;
}

/** Runs the CLI with `argv` (as process.argv) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  if (io === processIo) endQuietlyWhenStdoutCloses();
  try {
    const program = await buildProgram(io, argv.slice(2));
    // Go habits (`-nodecount=5`, `-sample_index`, `-lines`, `host:port`) are rewritten first: see go-flags.ts.
    await program.parseAsync([...argv.slice(0, 2), ...normalizeGoArgs(program, argv.slice(2), undefined, (line) => io.stderr(`${line}\n`))]);
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
