/**
 * `pprof-ts flamegraph <profile> [-o out.html] [--open]`: one
 * self-contained, interactive HTML flame graph that opens offline, written
 * atomically. Without `-o` the page is named after the profile
 * (`cpu.pb.gz` -> `cpu.flame.html`, a URL -> `<kind>-<host>-<port>.flame.html`)
 * in the current folder, and the name is printed; `--open` opens it with the
 * system's opener.
 */

import { basename } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_FLAME_MIN_WIDTH, flameGraphHtml } from '../render/flame-html.js';
import { writeFileAtomic } from '../render/atomic-write.js';
import type { CliIo } from './main.js';
import { addQueryOptions, filteredInput, loadQuerySource, queryOptionsOf, type QueryFlags } from './query-flags.js';
import { unitFraction } from './parsers.js';
import { isProfileUrl, buildProfileRequest } from '../fetch/url.js';
import { openFile } from './open.js';

/** Flags of the flamegraph command. */
interface FlameFlags extends QueryFlags {
  output?: string;
  open?: boolean;
  minWidth: number;
  title?: string;
}

/** Suffixes dropped from a profile file's name to name its page. */
const PROFILE_SUFFIXES = /(\.pb\.gz|\.pprof\.gz|\.prof\.gz|\.gz|\.pb|\.pprof|\.prof|\.proto|\.txt|\.out)$/i;

/**
 * The default page name for a profile argument: the file's name without
 * profile suffixes, or `<kind>-<host>-<port>` for a URL, plus `.flame.html`.
 */
export function defaultFlameOutput(arg: string): string {
  if (isProfileUrl(arg)) {
    const { url, kind } = buildProfileRequest(arg);
    const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
    return `${kind}-${url.hostname}-${port}`.replace(/[^A-Za-z0-9._-]+/g, '_') + '.flame.html';
  }
  const stem = basename(arg).replace(PROFILE_SUFFIXES, '');
  return `${stem === '' || stem.startsWith('.') ? 'profile' : stem}.flame.html`;
}

/** The base profile(s) of a comparison, named for the page header. */
function baseNameOf(flags: FlameFlags): { baseName?: string } {
  const bases = flags.diffBase ?? flags.base;
  return bases === undefined ? {} : { baseName: bases.map((b) => basename(b)).join(' + ') };
}

/** Adds the `flamegraph` command to the program. */
export function registerFlamegraph(program: Command, io: CliIo): void {
  const cmd = program
    .command('flamegraph')
    .description('write an interactive flame graph as one self-contained HTML file')
    .argument('<profile>', 'profile file (gzip or raw profile.proto)')
    .option('-o, --output <file>', 'HTML file to write (default: named after the profile, e.g. cpu.flame.html, ' +
      'in the current folder; the name is printed)')
    .option('--open', 'open the page with the system\'s opener (xdg-open, open or start) once written')
    .option('--min-width <f>', 'merge frames narrower than f of the root into "other"', unitFraction, DEFAULT_FLAME_MIN_WIDTH)
    .option('--title <text>', 'page title (default: the profile file name)');
  addQueryOptions(cmd)
    .action(async (paths: string[], flags: FlameFlags) => {
      const output = flags.output ?? defaultFlameOutput(paths[0]!);
      const { profile, options } = filteredInput(await loadQuerySource(paths, flags), queryOptionsOf(flags), io.stderr);
      const html = flameGraphHtml(profile, {
        ...options,
        minWidth: flags.minWidth,
        title: flags.title ?? paths.map((p) => basename(p)).join(' + '),
        ...baseNameOf(flags),
      });
      await writeFileAtomic(output, html);
      io.stderr(`wrote ${output} (${Buffer.byteLength(html)} bytes)\n`);
      if (flags.open === true) {
        try {
          await openFile(output);
        } catch (e) {
          // The page is written; failing to show it is worth a warning, not a failed command.
          io.stderr(`pprof-ts: warning: could not open ${output}: ${(e as Error).message}; open it in a browser yourself\n`);
        }
      }
    });
}
