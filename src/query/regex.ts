/**
 * User regexes (--focus, --tagfocus, peek's argument, budgets' functionRegex,
 * ...) are written in Go's RE2 syntax, as pprof reads them. They are
 * translated to an equivalent JavaScript RegExp (re2.ts), never handed to
 * RegExp as they are: the two syntaxes share most spellings but not their
 * meaning (`\pL`, `\Q...\E`, `[[:alpha:]]`, `\s`, `.`, inline flags), and
 * JS accepts what Go refuses (lookarounds, backreferences).
 */

import { PprofError } from '../errors.js';
import { Re2SyntaxError, re2ToJs } from './re2.js';

/**
 * Compiles a pprof-style (Go RE2) regex; `option` names the flag in error
 * messages. `test` answers as Go's `MatchString` (an unanchored search);
 * `exec` finds Go's leftmost match too, except where a repeated group can
 * match the empty string (`(|a)?`): JS and Go may then end it elsewhere,
 * though whether there is a match never differs.
 *
 * @throws PprofError `bad-option` where Go's regexp.Compile fails, with Go's
 *   message: `parsing focus regexp: error parsing regexp: invalid or
 *   unsupported Perl syntax: \`(?!\``.
 */
export function compileRegex(source: string, option: string): RegExp {
  const re = translate(source, option);
  goSources.set(re, source);
  return re;
}

/** The Go source of each RegExp compileRegex made (its own source is the translation). */
const goSources = new WeakMap<RegExp, string>();

/**
 * How a regexp reads in messages: `/go source/` for one compileRegex made
 * (the user's text, not its JavaScript translation), else the RegExp as JS
 * prints it.
 */
export function regexText(re: RegExp): string {
  const go = goSources.get(re);
  return go !== undefined ? `/${go}/` : String(re);
}

function translate(source: string, option: string): RegExp {
  let js: string;
  try {
    js = re2ToJs(source);
  } catch (e) {
    if (e instanceof Re2SyntaxError) throw new PprofError('bad-option', `parsing ${option} regexp: ${e.message}`, { cause: e });
    // Go's parser is iterative; ours recurses, so thousands of nested groups (which Go may accept) end here.
    if (e instanceof RangeError) throw new PprofError('bad-option', `parsing ${option} regexp: nested too deeply for pprof-ts`, { cause: e });
    throw e;
  }
  try {
    return new RegExp(js, 'u');
  } catch (e) {
    // Go accepts the pattern but the engine cannot take its translation (for example nesting V8 cannot hold).
    throw new PprofError('bad-option', `parsing ${option} regexp: ${source}: too complex for the JavaScript regexp engine (${(e as Error).message})`, { cause: e });
  }
}
