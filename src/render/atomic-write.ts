/**
 * Writing output files all-or-nothing: the content goes to a temporary file
 * next to the target, which is renamed over it only once complete, so a
 * failure never leaves a half-written file behind.
 */

import { randomBytes } from 'node:crypto';
import { rm, writeFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PprofError } from '../errors.js';

/** Writes `content` to `path` atomically. Throws PprofError 'io'. */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  // Same directory as the target: rename is only atomic within one file system.
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, content, { flag: 'wx' });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => { /* nothing more to clean up */ });
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such directory' : err.code === 'EACCES' ? 'permission denied'
      : err.code === 'EISDIR' ? 'is a directory' : err.message;
    throw new PprofError('io', `cannot write ${path}: ${why}`, { cause: e });
  }
}
