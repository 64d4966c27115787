// How much input a command line names: the bytes of its arguments that are regular files. Both
// start-up decisions that depend on the input's size read it from here (huge-pages.cjs for big
// inputs, jit-cap.cjs for small ones), before any report code is loaded.
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
 * The total size of the arguments in `args` that name regular files. Options (`-x`, `--x=...`)
 * are skipped; an option's value that names a file counts too, which at worst moves a size
 * threshold, never a result. URLs and stdin count 0.
 */
function inputBytes(args, size = fileSize) {
  let bytes = 0;
  for (const a of args) {
    if (a.startsWith('-') || isRemoteOrStdin(a)) continue;
    bytes += size(a);
  }
  return bytes;
}

module.exports = { fileSize, inputBytes, isRemoteOrStdin };
