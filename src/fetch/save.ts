/**
 * Atomic file writes for fetched profiles and capture bundles: bytes go to a
 * temp file in the destination folder, are flushed, and only then renamed
 * over the final name, so a reader (or a crash, or Ctrl-C) never sees a
 * half-written file.
 */

import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PprofError } from '../errors.js';
import { hostPort } from './url.js';

/** Writes `bytes` to `path` atomically, creating parent folders. Throws PprofError 'io'. */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const dir = dirname(path);
  // Same folder as the target: rename is atomic only within one file system.
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    const fh = await open(tmp, 'wx', 0o644);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    const err = e as NodeJS.ErrnoException;
    throw new PprofError('io', `cannot write ${path}: ${err.code ?? ''} ${err.message}`.replace(/\s+/g, ' ').trim(), { cause: e });
  }
}

/**
 * Where `--save` puts a fetched profile. A path ending in `/` or naming an
 * existing folder gets a pprof-style file name inside it
 * (`pprof.<host>_<port>.<kind>.<UTC time>.pb.gz`); anything else is the file name.
 */
export async function resolveSavePath(save: string, url: URL, kind: string, now: Date = new Date()): Promise<string> {
  let isDir = save.endsWith('/') || save.endsWith('\\');
  if (!isDir) {
    try {
      isDir = (await stat(save)).isDirectory();
    } catch {
      isDir = false;
    }
  }
  if (!isDir) return save;
  return join(save, defaultProfileFileName(url, kind, now));
}

/** `pprof.127.0.0.1_6060.heap.20240102T030405Z.pb.gz` (text forms get `.txt`). */
export function defaultProfileFileName(url: URL, kind: string, now: Date): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
  const debug = url.searchParams.get('debug');
  const ext = debug !== null && debug !== '0' ? `debug${safeName(debug)}.txt` : 'pb.gz';
  return `pprof.${safeName(hostPort(url))}.${safeName(kind)}.${stamp}.${ext}`;
}

/** Keeps file names portable: anything but letters, digits, dot and dash becomes `_`. */
export function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9.-]/g, '_').replace(/^\.+/, '_');
}
