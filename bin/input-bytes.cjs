// How much input a command line names: the bytes of its arguments that are regular files, and
// whether it also reads a URL or stdin. bin/pprof-ts measures this once, before any report code is
// loaded, for both start-up decisions that depend on it (huge-pages.cjs for big inputs, jit-cap.cjs
// for small ones).
'use strict';
const { statSync } = require('node:fs');

/** Size of `path` when it names a regular file, else 0 (missing, a folder, unreadable). */
function fileSize(path) {
  try {
    const s = statSync(path, { throwIfNoEntry: false });
    return s !== undefined && s.isFile() ? s.size : 0;
  } catch {
    return 0;
  }
}

/**
 * Whether the argument names a profile that is not a local file: standard input (`-`), a URL, or
 * go's `host:port/path` form. Its size is not known before it is read.
 */
function isRemoteOrStdin(arg) {
  return arg === '-' || arg.includes('://') || /^[\w.-]*:\d+(\/|$)/.test(arg);
}

/**
 * What the arguments in `args` name: `bytes`, the total size of those that are regular files, and
 * `remote`, whether any is a URL or stdin (whose size is unknown). Options (`-x`, `--x=...`) are
 * skipped; an option's value that names a file counts too, which at worst moves a size threshold,
 * never a result.
 */
function measureInputs(args, size = fileSize) {
  let bytes = 0;
  let remote = false;
  for (const a of args) {
    if (isRemoteOrStdin(a)) remote = true;
    else if (!a.startsWith('-')) bytes += size(a);
  }
  return { bytes, remote };
}

module.exports = { measureInputs, isRemoteOrStdin };
