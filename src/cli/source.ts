/**
 * Where CLI commands get their profile from. Every command that takes a
 * profile goes through `addSourceOptions` + `loadSource`, so every kind of
 * input (files, http(s) URLs of a live debug port, text formats) is handled
 * here once for all of them, present and future.
 */

import { Command } from 'commander';
import { readStdin, STDIN_ARG } from './stdin.js';
import { loadProfile, parseProfile, readFileBytes, type ParseOptions } from '../parse.js';
import { PprofError } from '../errors.js';
import type { Profile } from '../model/profile.js';
import type { LoadShape } from '../report/registry.js';
import { DEFAULT_CPU_SECONDS, DEFAULT_FETCH_TIMEOUT_MARGIN_SECONDS, DEFAULT_FETCH_TIMEOUT_SECONDS, DEFAULT_MAX_DECOMPRESSED_BYTES } from '../defaults.js';
import { buildProfileRequest, hostPort, isProfileUrl } from '../fetch/url.js';
import { startProgress } from '../fetch/progress.js';
import type { HeaderPair } from '../fetch/request.js';
import { withInterrupt } from './interrupt.js';
import { nonNegativeInt, positiveInt, positiveSeconds } from './parsers.js';
import { dropUninteresting } from '../transform/frames.js';
import { canonicalProfile, summableProfile } from '../transform/canonical.js';
import { labelSumShape } from '../transform/label-sums.js';

/** Flags every profile-reading command accepts. */
export interface SourceFlags extends NetworkFlags {
  maxBytes: number;
  /** CPU profile length / delta window for URLs. */
  seconds?: number;
  /** Keep the fetched bytes (file, or folder for a generated name). */
  save?: string;
  /** pprof's -symbolize: `none` (the only mode taken) shows function names as stored, as pprof then does. */
  symbolize?: string;
}

/** Flags of every command that talks to a debug port. */
export interface NetworkFlags {
  maxBytes: number;
  timeout?: number;
  insecure?: boolean;
  header?: string[];
  quiet?: boolean;
}

function collect(v: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), v];
}

/** Declares the flags shared by everything that fetches over HTTP (`--max-bytes` included). */
export function addNetworkOptions(cmd: Command): Command {
  return cmd
    .option('--max-bytes <n>', 'refuse profiles (and downloads) larger than n bytes once decompressed', nonNegativeInt,
      DEFAULT_MAX_DECOMPRESSED_BYTES)
    .option('--timeout <s>', `URLs: give up after s seconds (default: the duration + ${DEFAULT_FETCH_TIMEOUT_MARGIN_SECONDS}, ` +
      `or ${DEFAULT_FETCH_TIMEOUT_SECONDS})`, positiveSeconds)
    .option('--header <"Name: value">', 'URLs: extra request header, e.g. \'Authorization: Bearer …\' (repeatable)', collect)
    .option('--insecure', 'URLs: accept self-signed or unverifiable https certificates')
    .option('--quiet', 'URLs: no progress line or notes on stderr');
}

/** Declares the source flags on a command, and says in its help that the argument may be a URL. */
export function addSourceOptions(cmd: Command): Command {
  const arg = cmd.registeredArguments.find((a) => a.name() === 'profile') ?? cmd.registeredArguments[0];
  if (arg !== undefined && !/URL/.test(arg.description)) arg.description += ', or an http(s) URL of a debug port';
  cmd
    .option('--seconds <n>', `URLs: CPU profile length (default ${DEFAULT_CPU_SECONDS}); other kinds: fetch a delta profile over n seconds`,
      positiveInt)
    .option('--save <path>', 'URLs: keep the fetched bytes in this file (or folder, for a generated name), written atomically');
  return addNetworkOptions(cmd);
}

/** Parses `--header 'Name: value'` flags. Throws PprofError 'bad-option'. */
export function parseHeaderFlags(list: readonly string[] | undefined): HeaderPair[] {
  return (list ?? []).map((h) => {
    const colon = h.indexOf(':');
    const name = colon < 0 ? '' : h.slice(0, colon).trim();
    const value = colon < 0 ? '' : h.slice(colon + 1).trim();
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || /[\r\n\0]/.test(value)) {
      throw new PprofError('bad-option', `bad --header ${JSON.stringify(h)}: expected 'Name: value'`);
    }
    return [name, value] as const;
  });
}

export { STDIN_ARG, readStdin };

/** Flags of the commands that read several profiles and compare them (see `addMultiProfileOptions`). */
export interface MultiProfileFlags {
  /** Profiles subtracted from the input (pprof -base), merged when repeated. */
  base?: string[];
  /** Profiles compared against (pprof -diff_base): subtracted, and the source of totals. */
  diffBase?: string[];
  /** Scale the input to the base's total first (pprof -normalize). */
  normalize?: boolean;
}

/**
 * Lets the command's `<profile>` argument take several profiles (merged as
 * pprof merges them) and declares `--base`, `--diff-base` and `--normalize`.
 */
export function addMultiProfileOptions(cmd: Command): Command {
  // The profile is the last argument (peek's regex comes before it); only the last one may repeat.
  const arg = cmd.registeredArguments[cmd.registeredArguments.length - 1];
  if (arg !== undefined && !arg.variadic) {
    arg.variadic = true;
    arg.description += '; several are merged (as go tool pprof merges them)';
  }
  return cmd
    .option('--base <profile>', 'subtract this profile (file or URL) from the input, like pprof -base (repeatable: merged)', collect)
    .option('--diff-base <profile>', 'compare against this profile (file or URL), like pprof -diff_base: its samples are ' +
      'subtracted and percentages are relative to its total (repeatable: merged)', collect)
    .option('--normalize', 'with --base/--diff-base: first scale the input so that its total equals the base\'s, like pprof -normalize');
}

/**
 * Loads the profile(s) named by a command's `<profile>` argument (files or
 * URLs): several are merged, then `--base`/`--diff-base` (with `--normalize`)
 * are applied as go tool pprof applies them. Throws PprofError.
 */
export async function loadSource(
  arg: string | readonly string[], flags: SourceFlags & MultiProfileFlags, how: LoadHow = {},
): Promise<Profile> {
  const args = typeof arg === 'string' ? [arg] : arg;
  if (args.length === 0) throw new PprofError('bad-option', 'no profile given');
  const base = flags.base ?? [];
  const diffBase = flags.diffBase ?? [];
  if (base.length > 0 && diffBase.length > 0) throw new PprofError('bad-option', '--base and --diff-base cannot both be given');
  const bases = base.length > 0 ? base : diffBase;
  if (flags.normalize === true && bases.length === 0) throw new PprofError('bad-option', '--normalize needs --base or --diff-base');
  if (args.length === 1 && bases.length === 0) return loadOne(args[0]!, flags, how);
  // Loaded only when several profiles meet: the one-profile path stays as lean as before.
  const { mergeProfiles, diffProfiles } = await import('../transform/index.js');
  const loadAll = async (list: readonly string[]): Promise<Profile> => {
    const profiles: Profile[] = [];
    // Merging reads every stack: their check would only move there.
    for (const a of list) profiles.push(await loadOne(a, flags, { ...how, checkStacksInPass: false }));
    return profiles.length === 1 ? profiles[0]! : mergeProfiles(profiles);
  };
  const profile = await loadAll(args);
  if (bases.length === 0) return profile;
  return diffProfiles(profile, await loadAll(bases), {
    mode: diffBase.length > 0 ? 'diff-base' : 'base', normalize: flags.normalize === true,
    sumsOnly: how.sumsOnly === true,
  });
}

/** The profile in `shape`. */
function shaped(p: Profile, shape: LoadShape): Profile {
  switch (shape) {
    // Merged only where samples of one identity can cancel (pprof's totals are taken after its merge).
    case 'as-loaded': return summableProfile(p);
    case 'canonical': return canonicalProfile(p);
    case 'label-sums': return labelSumShape(p);
  }
}

/** How a command wants its profiles loaded. */
export interface LoadHow {
  /**
   * The shape each profile is given (see the registry's LoadShape;
   * 'as-loaded' when not set).
   */
  shape?: LoadShape;
  /**
   * The command only adds samples up (by stack, node or edge) and writes no
   * profile: a comparison may then skip each side's own merge where that
   * changes no sum (DiffOptions.sumsOnly).
   */
  sumsOnly?: boolean;
  /**
   * Leave the check of the stacks' ids to the report's first pass, which
   * reads every id anyway (ParseOptions `checkStacks: 'first-pass'`); for one
   * profile only, since merging reads the stacks first.
   */
  checkStacksInPass?: boolean;
}

/**
 * Loads one profile: a file or a URL, with the profile's own drop_frames /
 * keep_frames applied as pprof applies them after loading. Throws PprofError.
 */
async function loadOne(arg: string, flags: SourceFlags, how: LoadHow): Promise<Profile> {
  const finish = (p: Profile): Profile => dropUninteresting(shaped(p, how.shape ?? 'as-loaded'));
  const options: ParseOptions = {
    maxDecompressedBytes: flags.maxBytes, ...(how.checkStacksInPass === true ? { checkStacks: 'first-pass' } : {}),
    ...(flags.symbolize === 'none' ? { functionNames: 'stored' } : {}),
  };
  if (arg === STDIN_ARG) {
    checkFileFlags('standard input', flags);
    return finish(parseProfile(await readStdin(flags.maxBytes), options));
  }
  if (!isProfileUrl(arg)) {
    checkFileFlags(arg, flags);
    return finish(await loadProfile(arg, options));
  }
  let profile: Profile | undefined;
  await fetchSource(arg, flags, (bytes) => { profile = parseProfile(bytes, options); });
  return finish(profile!);
}

/**
 * The raw bytes named by a command's argument (file or URL), for commands
 * that decode something other than profile.proto (e.g. goroutine?debug=2
 * dumps). Same flags, progress, Ctrl-C and --save handling as `loadSource`.
 */
export async function loadSourceBytes(arg: string, flags: SourceFlags): Promise<Uint8Array> {
  if (arg === STDIN_ARG) {
    checkFileFlags('standard input', flags);
    return readStdin(flags.maxBytes);
  }
  if (!isProfileUrl(arg)) {
    checkFileFlags(arg, flags);
    return readFileBytes(arg, flags.maxBytes);
  }
  return fetchSource(arg, flags);
}

/** Network-only flags given with a file path are a usage error rather than silently ignored. */
function checkFileFlags(arg: string, flags: SourceFlags): void {
  const urlOnly = (['seconds', 'timeout', 'save', 'header', 'insecure'] as const).filter((k) => flags[k] !== undefined);
  if (urlOnly.length > 0) throw new PprofError('bad-option', `--${urlOnly[0]} applies to URLs only, and ${arg} is not one`);
}

/** Fetches a URL with a progress line, Ctrl-C handling and --save; `check` vets the body before it is saved. */
async function fetchSource(arg: string, flags: SourceFlags, check?: (bytes: Uint8Array) => void): Promise<Uint8Array> {
  // Loaded here, not at start-up: the http/https/tls stack is only needed for URLs.
  const { fetchBytes } = await import('../fetch/fetch.js');
  const headers = parseHeaderFlags(flags.header);
  // Built here too (fetchBytes builds it again) to know the duration for the countdown.
  const req = buildProfileRequest(arg, { seconds: flags.seconds, timeoutSeconds: flags.timeout });
  const quiet = flags.quiet === true;
  const progress = startProgress(process.stderr, `${req.kind} from ${hostPort(req.url)}`, req.durationSeconds, quiet);
  try {
    const fetched = await withInterrupt((signal) => fetchBytes(arg, {
      seconds: flags.seconds, timeoutSeconds: flags.timeout, headers, insecure: flags.insecure === true,
      maxDecompressedBytes: flags.maxBytes, save: flags.save, signal, onProgress: (p) => progress.update(p),
    }, check));
    progress.stop();
    if (fetched.savedTo !== undefined && !quiet) process.stderr.write(`saved ${fetched.url} to ${fetched.savedTo}\n`);
    return fetched.bytes;
  } finally {
    progress.stop();
  }
}
