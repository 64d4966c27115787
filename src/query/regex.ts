/**
 * User regexes are written for Go's RE2 syntax (pprof's). JavaScript's
 * RegExp agrees on everything people type for frame filters except leading
 * inline flags such as `(?i)`, which are turned into RegExp flags here.
 */

import { PprofError } from '../errors.js';

/** Compiles a pprof-style regex; `option` names the flag in error messages. */
export function compileRegex(source: string, option: string): RegExp {
  let body = source;
  let flags = '';
  const m = /^\(\?([ims]+)\)/.exec(body);
  if (m) {
    body = body.slice(m[0].length);
    for (const f of m[1]!) if (!flags.includes(f)) flags += f;
  }
  // RE2's \z (end of text) has no JS spelling; $ without the m flag means the same.
  body = body.replace(/\\z/g, '$');
  try {
    return new RegExp(body, flags);
  } catch (e) {
    throw new PprofError('bad-option', `parsing ${option} regexp: ${(e as Error).message}`, { cause: e });
  }
}
