/*
 * The page's search box reads regexps as the CLI reads --focus/--match
 * (src/query/regex.ts): Go's RE2 syntax, translated by the same translator
 * (re2.js, generated from src/query/re2*.ts) into a RegExp with the u flag.
 * test/unit/report/flame-cli.test.ts checks both give the same RegExp.
 */
var PprofRegex = (function () {
  'use strict';

  /** Returns { re: RegExp } or { error: 'why' } for a search text. */
  function compile(source) {
    var js;
    try {
      js = PprofRe2.re2ToJs(source);
    } catch (e) {
      // "error parsing regexp: missing closing ): `(a`" -> "Missing closing ): `(a`"
      var why = String(e && e.message).replace(/^error parsing regexp: /, '');
      return { error: why.charAt(0).toUpperCase() + why.slice(1) };
    }
    try {
      return { re: new RegExp(js, 'u') };
    } catch (e) {
      return { error: 'Too complex for this browser' };
    }
  }

  return { compile: compile };
})();
