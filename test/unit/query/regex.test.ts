/**
 * compileRegex reads Go's RE2 syntax as pprof does (src/query/re2*.ts):
 * every pattern of the table in test/helpers/regex-cases.ts must find what
 * Go's regexp finds, and every pattern Go refuses must be refused with Go's
 * message. The table's expectations are Go's answers, printed by
 *
 *   go run test/helpers/re2-oracle.go < cases.json
 *
 * and checked against the installed Go by regex-oracle.test.ts.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRegex } from '../../../src/query/regex.js';
import { isPprofError } from '../../../src/errors.js';
import { MATCHES, REFUSED } from '../../helpers/regex-cases.js';

const show = (s: string): string => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}...` : s);

test('every pattern Go accepts finds what Go finds (test and exec)', () => {
  assert.ok(MATCHES.length >= 120, 'the table covers every construct');
  for (const [pattern, finds] of MATCHES) {
    const re = compileRegex(pattern, 'focus');
    assert.equal(re.flags, 'u', 'code points, as RE2 matches; no i, m or s: flags are scoped by hand');
    for (const [input, found] of finds) {
      const where = `${show(pattern)} on ${JSON.stringify(input)} (compiled ${show(String(re))})`;
      assert.equal(re.test(input), found !== null, where);
      assert.equal(re.exec(input)?.[0] ?? null, found, where);
    }
  }
});

test('every pattern Go refuses is a bad-option PprofError with Go\'s message', () => {
  assert.ok(REFUSED.length >= 100);
  for (const [pattern, goMessage] of REFUSED) {
    assert.throws(() => compileRegex(pattern, 'focus'), (e: unknown) => {
      assert.ok(isPprofError(e) && e.code === 'bad-option', `${show(pattern)}: ${String(e)}`);
      assert.equal(e.message, `parsing focus regexp: error parsing regexp: ${goMessage}`, show(pattern));
      return true;
    });
  }
});

test('the option is named as pprof names it', () => {
  assert.throws(() => compileRegex('a(?=b)', 'tagfocus'),
    { message: 'parsing tagfocus regexp: error parsing regexp: invalid or unsupported Perl syntax: `(?=`' });
  assert.throws(() => compileRegex('a\\Z', 'show_from'), { message: 'parsing show_from regexp: error parsing regexp: invalid escape sequence: `\\Z`' });
});

test('JS-only readings are gone: the patterns of the differential run against go tool pprof', () => {
  // Each compiled before in JS with another meaning (or failed where Go works).
  const name = 'runtime.main';
  for (const p of ['\\Qruntime.main\\E', '\\pL', '\\p{L}', '[[:alpha:]]', '\\Aruntime', '\\x{72}', '(?P<n>main)', '(?U)r.*n', '(?i:RUNTIME)', 'a(?i)IN', '(?s:.)']) {
    assert.equal(compileRegex(p, 'focus').test(name), true, p);
  }
  for (const p of ['\\PL\\PL', '[^[:space:][:punct:][:alpha:]]', '\\Aain', '(?-i)RUNTIME']) {
    assert.equal(compileRegex(p, 'focus').test(name), false, p);
  }
});

test('a pattern deeper than the translator can recurse is refused, not a crash', () => {
  const deep = `${'(?:'.repeat(50_000)}a${')'.repeat(50_000)}`;
  assert.throws(() => compileRegex(deep, 'focus'), (e: unknown) => isPprofError(e) && e.code === 'bad-option');
});
