/**
 * Accepts the command lines `go tool pprof` users type, by rewriting argv
 * into commander's syntax before parsing: Go's flag package spells options
 * `-name`, `--name`, `-name=value` and `-name value`, booleans as `-name` or
 * `-name=false`; pprof names them with underscores (`-sample_index`), picks
 * the report with a flag (`-top`), the granularity with booleans (`-lines`),
 * the sort with `-cum`/`-flat` (two choices of one group on is an error, as
 * in pprof), the value with shortcuts (`-inuse_space`, `-mean_delay`), and
 * takes `host:port[/path]` as an http URL.
 *
 * Nothing here lists our flags: every name is looked up in the options the
 * command has registered with commander, so flags added later get the same
 * spellings. Unknown spellings are passed through unchanged, for commander
 * to report.
 */

import { existsSync } from 'node:fs';
import type { Command, Option } from 'commander';
import { PprofError } from '../errors.js';

/** Go's flag package: the spellings of true and false (strconv.ParseBool). */
const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** pprof's boolean granularity flags, mapped onto a `--granularity` option when the command has one. */
const GRANULARITY_OPTION = 'granularity';
/** pprof's sort flags: `-cum` maps to our `--cum`; `-flat` is the default order. */
const FLAT = 'flat';
const CUM = 'cum';
/** Go's flag package prints usage for `-help` (and `-h`); commander's help option is not in the option list. */
const HELP = 'help';

/**
 * Rewrites Go-style arguments (`argv` without node and script) into the
 * spelling commander parses. `fileExists` decides whether a `host:port`
 * argument is a file after all (pprof tries the file first).
 */
export function normalizeGoArgs(program: Command, args: readonly string[],
  fileExists: (path: string) => boolean = existsSync, onNote: (line: string) => void = () => undefined): string[] {
  const input = [...args];
  let at = commandIndex(program, input);
  // A report flag's value (`-peek=regex`, `-peek regex`): the command's first argument, passed as it is.
  const value: string[] = [];
  if (at < 0) {
    // No command word: pprof picks the report with a flag (`-top`), anywhere on the line.
    const flagAt = input.findIndex((t) => reportFlag(program, t) !== null);
    if (flagAt < 0) return rewrite(input, optionTable(program.options), null, fileExists, onNote);
    const { cmd, value: given } = reportFlag(program, input.splice(flagAt, 1)[0]!)!;
    if (given !== undefined) value.push(given);
    else if (takesArgument(cmd) && flagAt < input.length) value.push(...input.splice(flagAt, 1));
    input.unshift(cmd.name());
    at = 0;
  }
  const cmd = findCommand(program, input[at]!)!;
  const before = rewrite(input.slice(0, at), optionTable(program.options), null, fileExists, onNote);
  const after = rewrite(input.slice(at + 1), optionTable([...cmd.options, ...program.options]), cmd, fileExists, onNote);
  return [...before, cmd.name(), ...value, ...after];
}

/**
 * The command a pprof report flag names (`-top`, `--tree`), with the value
 * of one that takes an argument first (`-peek=regex`); null for any other
 * token. `-top=x` is not a report flag: only commands with an argument of
 * their own take a value.
 */
function reportFlag(program: Command, token: string): { cmd: Command; value: string | undefined } | null {
  const m = /^--?([^-=][^=]*)(?:=([\s\S]*))?$/.exec(token);
  if (m === null) return null;
  const cmd = findCommand(program, m[1]!);
  if (cmd === undefined || (m[2] !== undefined && !takesArgument(cmd))) return null;
  return { cmd, value: m[2] };
}

/** Whether a command takes an argument before its profiles (peek's regex). */
function takesArgument(cmd: Command): boolean {
  return cmd.registeredArguments.length > 1;
}

/** Index of the command word: the first argument that is not an option, if it names a command. */
function commandIndex(program: Command, args: readonly string[]): number {
  const i = args.findIndex((t) => !t.startsWith('-'));
  return i >= 0 && findCommand(program, args[i]!) !== undefined ? i : -1;
}

function findCommand(program: Command, name: string): Command | undefined {
  return program.commands.find((c) => c.name() === name || c.aliases().includes(name));
}

/** Options by their long name without dashes, with `_` read as `-` (pprof's `sample_index`). */
function optionTable(options: readonly Option[]): Map<string, Option> {
  const table = new Map<string, Option>();
  for (const o of options) if (o.long !== undefined) table.set(o.long.replace(/^--/, ''), o);
  return table;
}

/** How Go's flag package would read one argument. */
interface GoFlag {
  name: string;
  value: string | undefined;
}

function goFlag(token: string): GoFlag | null {
  const m = /^--?([^-=][^=]*)(?:=([\s\S]*))?$/.exec(token);
  if (m === null) return null;
  return { name: m[1]!.replace(/_/g, '-'), value: m[2] };
}

function rewrite(args: readonly string[], options: Map<string, Option>, cmd: Command | null,
  fileExists: (path: string) => boolean, onNote: (line: string) => void): string[] {
  const out: string[] = [];
  const choices = new ChoiceGroups(options);
  const shortcuts = new SampleShortcuts(options);
  rewriteInto(out, args, options, cmd, fileExists, choices, shortcuts);
  choices.check();
  out.push(...shortcuts.tokens(onNote));
  return out;
}

/** The option pprof's sample shortcuts choose a value of. */
const SAMPLE_INDEX = 'sample-index';
/** The option -mean_delay turns on besides. */
const MEAN = 'mean';

/**
 * pprof's sample shortcuts (`-inuse_space` for `-sample_index=inuse_space`,
 * ...), in the order pprof weighs them: the first one on picks the value,
 * unless -sample_index gives one, and each other one on is ignored with
 * pprof's note. `-mean_delay` also turns `-mean` on, picked or not.
 */
const SAMPLE_SHORTCUTS: readonly (readonly [flag: string, sampleType: string])[] = [
  ['total-delay', 'delay'], ['mean-delay', 'delay'], ['contentions', 'contentions'], ['inuse-space', 'inuse_space'],
  ['inuse-objects', 'inuse_objects'], ['alloc-space', 'alloc_space'], ['alloc-objects', 'alloc_objects'],
];

/** The sample shortcuts of one command line, each flag's last value (see SAMPLE_SHORTCUTS). */
class SampleShortcuts {
  private readonly on = new Map<string, boolean>();
  private explicit = false;

  constructor(private readonly options: Map<string, Option>) {}

  /** Records `flag` when it is a sample shortcut (true: it writes no token itself); notes an explicit -sample_index. */
  take(flag: GoFlag): boolean {
    if (!this.options.has(SAMPLE_INDEX)) return false;
    if (flag.name === SAMPLE_INDEX) {
      // `-sample_index=` chooses nothing, as in pprof.
      if (flag.value !== '') this.explicit = true;
      return false;
    }
    if (this.options.has(flag.name) || !SAMPLE_SHORTCUTS.some(([name]) => name === flag.name)) return false;
    const on = goBool(flag.value);
    if (on === null) return false; // left for commander to refuse
    this.on.set(flag.name, on);
    return true;
  }

  /** The tokens the shortcuts stand for; each one ignored goes to `onNote` as pprof words it. */
  tokens(onNote: (line: string) => void): string[] {
    const out: string[] = [];
    let chosen = this.explicit;
    for (const [name, sampleType] of SAMPLE_SHORTCUTS) {
      if (this.on.get(name) !== true) continue;
      if (chosen) onNote(`Multiple value selections, ignoring -${name.replace(/-/g, '_')}`);
      else out.push(`--${SAMPLE_INDEX}=${sampleType}`);
      chosen = true;
    }
    if (this.on.get('mean-delay') === true) out.push(`--${MEAN}`);
    return out;
  }
}

/**
 * pprof's choice groups (the granularity booleans, and -cum/-flat), each
 * flag's last value: pprof refuses a command line that leaves two choices of
 * one group on (`conflicting options set: [cum flat]`), whatever their order.
 */
class ChoiceGroups {
  private readonly on = new Map<string, Map<string, boolean>>();
  private readonly groupOf = new Map<string, string>();

  constructor(options: Map<string, Option>) {
    for (const c of options.get(GRANULARITY_OPTION)?.argChoices ?? []) this.groupOf.set(c, GRANULARITY_OPTION);
    const cum = options.get(CUM);
    if (cum !== undefined && !cum.required && !cum.optional) {
      this.groupOf.set(CUM, 'sort');
      this.groupOf.set(FLAT, 'sort');
    }
  }

  /** Records a flag that may be one of the choices. */
  see(flag: GoFlag): void {
    const group = this.groupOf.get(flag.name);
    const on = goBool(flag.value);
    if (group === undefined || on === null) return;
    const set = this.on.get(group) ?? new Map<string, boolean>();
    this.on.set(group, set.set(flag.name, on));
  }

  /** Throws PprofError 'bad-option' when a group has two choices on. */
  check(): void {
    for (const set of this.on.values()) {
      const names = [...set].filter(([, on]) => on).map(([name]) => name).sort();
      if (names.length > 1) throw new PprofError('bad-option', `conflicting options set: [${names.join(' ')}]`);
    }
  }
}

function rewriteInto(out: string[], args: readonly string[], options: Map<string, Option>, cmd: Command | null,
  fileExists: (path: string) => boolean, choices: ChoiceGroups, shortcuts: SampleShortcuts): void {
  for (let i = 0; i < args.length; i++) {
    const token = args[i]!;
    if (token === '--') {
      out.push(token, ...args.slice(i + 1).map((a) => goTarget(a, fileExists)));
      break;
    }
    const flag = token.startsWith('-') && !/^-[^-]$/.test(token) && !/^-[^-](=|$)/.test(token) ? goFlag(token) : null;
    if (flag === null) {
      out.push(token.startsWith('-') ? token : goTarget(token, fileExists));
      continue;
    }
    choices.see(flag);
    if (shortcuts.take(flag)) continue;
    const option = options.get(flag.name);
    if (option !== undefined) {
      if (option.required || option.optional) {
        out.push(flag.value === undefined ? option.long! : `${option.long!}=${flag.value}`);
        // `-name value`: the next argument is the value, whatever it looks like.
        if (flag.value === undefined && option.required && i + 1 < args.length) out.push(args[++i]!);
      } else {
        const on = goBool(flag.value);
        if (on === null) out.push(`${option.long!}=${flag.value!}`); // commander says the option takes no value
        else if (on) out.push(option.long!);
        else if (options.has(`no-${flag.name}`)) out.push(options.get(`no-${flag.name}`)!.long!);
        else dropEarlier(out, option.long!); // Go's last value wins: `-cum -cum=false` is off
      }
      continue;
    }
    const rewritten = pprofSpecial(flag, options, cmd, out);
    if (rewritten === null) out.push(token);
    else out.push(...rewritten);
  }
}

/** Removes the tokens `token` already written: a Go flag turned off again after being set. */
function dropEarlier(out: string[], token: string): void {
  for (let k = out.length - 1; k >= 0; k--) if (out[k] === token) out.splice(k, 1);
}

/** Go's ParseBool, with a bare flag meaning true; null for anything else. */
function goBool(value: string | undefined): boolean | null {
  if (value === undefined || GO_TRUE.has(value)) return true;
  if (GO_FALSE.has(value)) return false;
  return null;
}

/**
 * pprof's flags that have no option of the same name here: granularity
 * booleans, `-flat`, `-name=false` of a `--no-name` option, and the report
 * flag of the command being run. Returns the replacement tokens, or null.
 */
function pprofSpecial(flag: GoFlag, options: Map<string, Option>, cmd: Command | null, out: string[]): string[] | null {
  if (flag.name === HELP && flag.value === undefined && !options.has(HELP)) return ['--help'];
  const on = goBool(flag.value);
  if (on === null) return null;
  const granularity = options.get(GRANULARITY_OPTION);
  if (granularity?.argChoices?.includes(flag.name) === true) {
    const token = `${granularity.long!}=${flag.name}`;
    if (on) return [token];
    dropEarlier(out, token); // `-lines -lines=false` leaves the default
    return [];
  }
  // -flat is the default order: with -cum also on, ChoiceGroups refuses the line.
  const cum = options.get(CUM);
  if (flag.name === FLAT && cum !== undefined && !cum.required && !cum.optional) return [];
  const negated = options.get(`no-${flag.name}`);
  if (negated !== undefined && negated.negate) return on ? [] : [negated.long!];
  if (cmd !== null && flag.value === undefined && (cmd.name() === flag.name || cmd.aliases().includes(flag.name))) return [];
  return null;
}

/**
 * pprof's reading of a profile argument: an existing file stays a file;
 * otherwise `host:port[/path]` (anything whose first `/`-separated part has
 * a colon, without a `scheme://`) becomes `http://host:port[/path]`, and a
 * bare `:port` means this machine, as Go's dialer reads it.
 */
export function goTarget(arg: string, fileExists: (path: string) => boolean = existsSync): string {
  if (arg === '-' || /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(arg) || !/^[^/]*:/.test(arg) || fileExists(arg)) return arg;
  const candidate = arg.startsWith(':') ? `http://localhost${arg}` : `http://${arg}`;
  try {
    return new URL(candidate).hostname !== '' ? candidate : arg;
  } catch {
    return arg;
  }
}
