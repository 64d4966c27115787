/*
 * The page's search box reads regexps as the CLI reads --focus/--match
 * (src/query/regex.ts, Go's RE2 syntax as pprof takes it): leading inline
 * flags such as `(?i)` become RegExp flags and `\z` means end of text.
 * test/unit/report/flame-regex.test.ts checks both give the same RegExp.
 */
var PprofRegex = (function () {
  'use strict';

  /** Returns { re: RegExp } or { error: 'why' } for a search text. */
  function compile(source) {
    var body = source;
    var flags = '';
    var m = /^\(\?([ims]+)\)/.exec(body);
    if (m) {
      body = body.slice(m[0].length);
      for (var i = 0; i < m[1].length; i++) if (flags.indexOf(m[1][i]) < 0) flags += m[1][i];
    }
    body = body.replace(/\\z/g, '$');
    try {
      return { re: new RegExp(body, flags) };
    } catch (e) {
      // "Invalid regular expression: /(a/: Unterminated group" -> "Unterminated group"
      return { error: String(e && e.message).replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '') };
    }
  }

  return { compile: compile };
})();
