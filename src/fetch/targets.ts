/**
 * The daemons a capture covers: URLs from the command line and/or a targets
 * file (one URL per line, `#` comments), each given its own output subfolder
 * when there is more than one, named after host and port.
 */

import { readFile } from 'node:fs/promises';
import { PprofError } from '../errors.js';
import { hostPort, parseHttpUrl, PPROF_PREFIX } from './url.js';
import { safeName } from './save.js';

/** One daemon to capture. */
export interface CaptureTarget {
  /** The URL as given. */
  input: string;
  /** The net/http/pprof prefix, e.g. `http://127.0.0.1:6060/debug/pprof/`. */
  base: URL;
  /** Output subfolder relative to the capture folder ('' when there is one target). */
  dir: string;
}

/** Reads a targets file: one URL per line; blank lines and `#` comments are ignored. */
export async function readTargetsFile(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new PprofError('io', `cannot read targets file ${path}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`, { cause: e });
  }
  return text.split(/\r?\n/).map((l) => l.replace(/#.*$/, '').trim()).filter((l) => l !== '');
}

/**
 * The net/http/pprof prefix of a URL: the path up to `/debug/pprof/` when it
 * contains one, `/debug/pprof/` for a bare host, else the path itself (a
 * handler mounted elsewhere, e.g. behind a proxy).
 */
export function pprofBase(input: string): URL {
  const url = parseHttpUrl(input);
  const at = url.pathname.indexOf('/debug/pprof');
  let path: string;
  if (at >= 0) path = url.pathname.slice(0, at) + PPROF_PREFIX;
  else if (url.pathname === '' || url.pathname === '/') path = PPROF_PREFIX;
  else path = url.pathname.endsWith('/') ? url.pathname : url.pathname + '/';
  const base = new URL(url.origin);
  base.pathname = path;
  return base;
}

/** Validates the URLs, refuses duplicates, and assigns subfolders. */
export function planTargets(inputs: readonly string[]): CaptureTarget[] {
  if (inputs.length === 0) throw new PprofError('bad-option', 'no target: give a URL or --targets FILE');
  const seen = new Map<string, string>();
  const dirs = new Set<string>();
  return inputs.map((input) => {
    const base = pprofBase(input);
    const earlier = seen.get(base.href);
    if (earlier !== undefined) throw new PprofError('bad-option', `target ${input} is listed twice (same as ${earlier})`);
    seen.set(base.href, input);
    let dir = '';
    if (inputs.length > 1) {
      const stem = safeName(hostPort(base).replace(':', '_'));
      dir = stem;
      for (let n = 2; dirs.has(dir); n++) dir = `${stem}-${n}`;
      dirs.add(dir);
    }
    return { input, base, dir };
  });
}
