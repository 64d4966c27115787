/**
 * Where CLI commands get their profile from. Every command that takes a
 * profile goes through `loadSource`, so new kinds of input (URLs, text
 * formats) are added here once for all of them.
 */

import { Command, InvalidArgumentError } from 'commander';
import { loadProfile } from '../parse.js';
import type { Profile } from '../model/profile.js';
import { DEFAULT_MAX_DECOMPRESSED_BYTES } from '../defaults.js';

/** Flags every profile-reading command accepts. */
export interface SourceFlags {
  maxBytes: number;
}

function nonNegativeInt(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a non-negative integer');
  return Number(v);
}

/** Declares the source flags on a command. */
export function addSourceOptions(cmd: Command): Command {
  return cmd.option('--max-bytes <n>', 'refuse profiles that decompress to more than n bytes', nonNegativeInt,
    DEFAULT_MAX_DECOMPRESSED_BYTES);
}

/** Loads the profile named by a command's `<profile>` argument. Throws PprofError. */
export async function loadSource(arg: string, flags: SourceFlags): Promise<Profile> {
  return loadProfile(arg, { maxDecompressedBytes: flags.maxBytes });
}
