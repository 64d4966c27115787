/**
 * The regex cases: the unit table of Go RE2 patterns (what Go's regexp
 * matches, what it refuses) and the CLI goldens of filters written with RE2
 * syntax JavaScript reads differently (test/golden/regex/).
 *
 * Every expectation below is Go's answer, not ours: the tables were printed
 * by `go run test/helpers/re2-oracle.go` (Go 1.19.8's regexp.Compile,
 * MatchString, FindStringIndex) and test/unit/query/regex.test.ts asks the
 * oracle again whenever Go is installed, so an edited row cannot drift.
 */

import { join } from 'node:path';
import { ROOT } from './paths.js';
import { shellQuote, type HarnessCase } from './golden.js';

const NESTED_1001 = `${'('.repeat(1001)}a${')'.repeat(1001)}`;
const HUGE = `(?:${'a'.repeat(3400)}){1000}`;

/** A pattern and, per input, the text of Go's leftmost match (null: no match). */
export type MatchCase = readonly [pattern: string, finds: readonly (readonly [input: string, found: string | null])[]];

/** Patterns Go accepts, with what they find. */
export const MATCHES: readonly MatchCase[] = [
  // Literals, escaped punctuation and what JS would read differently.
  [String.raw`runtime\.main`, [['runtime.main', 'runtime.main'], ['runtimeXmain', null]]],
  ['\\.\\-\\_\\ \\!\\#\\%\\,\\;\\<\\=\\>\\@\\`\\~\\\'\\"\\&\\:\\/', [['.-_ !#%,;<=>@`~\'"&:/', '.-_ !#%,;<=>@`~\'"&:/'], ['.-_', null]]],
  ['a]b}c', [['a]b}c', 'a]b}c']]],
  ['a/b', [['a/b', 'a/b'], ['ab', null]]],
  [String.raw`\a\f\t\n\r\v`, [['\x07\f\t\n\r\v', '\x07\f\t\n\r\v'], ['\t\n', null]]],
  [String.raw`\101\0\012\08`, [['A\x00\n\x008', 'A\x00\n\x008'], ['A\x00\n8', null]]],
  [String.raw`\x{72}untime\x2e`, [['runtime.', 'runtime.'], ['xuntime.', null]]],
  [String.raw`\x{1F600}+`, [['\u{1f600}\u{1f600}x', '\u{1f600}\u{1f600}'], ['x', null]]],
  ['\xe9t\xe9', [['\xe9t\xe9', '\xe9t\xe9'], ['ete', null]]],
  // \Q...\E: everything literal up to \E or the end; a quantifier after it takes the last character.
  [String.raw`\Qruntime.main\E`, [['runtime.main', 'runtime.main'], ['runtimeXmain', null]]],
  [String.raw`main\.\Q(*trieNode).lookup\E$`, [['main.(*trieNode).lookup', 'main.(*trieNode).lookup'], ['main.trieNode.lookup', null]]],
  [String.raw`\Qa.b*c\E`, [['a.b*c', 'a.b*c'], ['aXbbc', null]]],
  [String.raw`\Qab\E+`, [['abbb', 'abbb'], ['abab', 'ab']]],
  [String.raw`\Qa\\E`, [['a\\', 'a\\'], ['a', null]]],
  [String.raw`\Qa.b`, [['a.b', 'a.b'], ['axb', null]]],
  [String.raw`x\Q\E*`, [['xxx', 'xxx'], ['y', '']]],
  // Anchors: \A \z ^ $, (?m) lines end at \n only, \b \B are ASCII.
  [String.raw`\Aab`, [['ab', 'ab'], ['xab', null], ['Aab', null]]],
  [String.raw`ab\z`, [['ab', 'ab'], ['ab\n', null], ['abz', null]]],
  ['^b$', [['b', 'b'], ['a\nb', null], ['b\n', null]]],
  ['(?m)^b$', [['a\nb\nc', 'b'], ['a\rb\rc', null], ['a\u2028b', null], ['b', 'b']]],
  ['(?m)a$', [['a\n', 'a'], ['a\r', null], ['a', 'a']]],
  ['(?m:^a)|^b', [['x\na', 'a'], ['x\nb', null]]],
  [String.raw`\bmain\b`, [['main.x', 'main'], ['domain', null], ['main', 'main'], ['\xe9main', 'main']]],
  [String.raw`\Bain`, [['main', 'ain'], ['ain', null]]],
  [String.raw`\B`, [['s\u{1f600}E', null], ['\u{1f600}', ''], ['ab', '']]],
  ['(?m)^$', [['\u{1f600}', null], ['a\n\nb', ''], ['', '']]],
  [String.raw`(?i)\bs`, [['\u017f', null], ['xs', null]]],
  // . takes any code point but \n (\r and U+2028 too); (?s) takes \n.
  ['a.b', [['a\nb', null], ['a\rb', 'a\rb'], ['a\u2028b', 'a\u2028b'], ['a\u{1f600}b', 'a\u{1f600}b']]],
  ['^.$', [['\u{1f600}', '\u{1f600}'], ['\xe9', '\xe9'], ['ab', null], ['\n', null]]],
  ['(?s:a.b)', [['a\nb', 'a\nb'], ['ab', null]]],
  ['(?s)a.(?-s:.)', [['a\n\n', null], ['a\nx', 'a\nx']]],
  ['^.{3}$', [['a\u{1f600}b', 'a\u{1f600}b'], ['abcd', null]]],
  // Flags: (?i) (?m) (?s) (?U), negated, scoped to a group or to the rest of the group.
  [String.raw`(?i)runtime\.MAIN`, [['RUNTIME.main', 'RUNTIME.main'], ['Runtime.Main()', 'Runtime.Main'], ['runtime_main', null]]],
  ['(?i)k', [['k', 'k'], ['K', 'K'], ['\u212a', '\u212a'], ['x', null]]],
  ['(?i)s', [['S', 'S'], ['\u017f', '\u017f'], ['x', null]]],
  ['(?i:ab)c', [['ABc', 'ABc'], ['aBc', 'aBc'], ['abC', null]]],
  ['a(?i)b', [['aB', 'aB'], ['AB', null]]],
  ['(?i)a(?-i)b', [['Ab', 'Ab'], ['AB', null]]],
  ['(?i)(a(?-i:b)c)C', [['AbCc', 'AbCc'], ['ABcC', null]]],
  ['(?i-s:a.)b', [['A\nb', null], ['Axb', 'Axb']]],
  ['(?:(?i)a)b', [['Ab', 'Ab'], ['AB', null]]],
  ['(?)a', [['a', 'a']]],
  ['(?i)\u01c5', [['\u01c4', '\u01c4'], ['\u01c6', '\u01c6'], ['\u01c5', '\u01c5']]],
  ['(?i)\u03c3', [['\u03a3', '\u03a3'], ['\u03c2', '\u03c2'], ['s', null]]],
  ['(?i)\xdf', [['\u1e9e', '\u1e9e'], ['SS', null]]],
  ['(?i)\u0130', [['i', null], ['I', null], ['\u0130', '\u0130']]],
  ['(?U)a+', [['aaa', 'a']]],
  ['(?U)a+?', [['aaa', 'aaa']]],
  ['(?U)<.+>', [['<a><b>', '<a>']]],
  ['(?U:a{1,3})a', [['aaaa', 'aa']]],
  ['(?iU)X+', [['xxx', 'x']]],
  ['a*?b', [['aab', 'aab']]],
  ['a+?', [['aaa', 'a']]],
  ['a??a', [['aa', 'a']]],
  ['a{1,3}?', [['aaa', 'a']]],
  ['a{2,}?', [['aaaa', 'aa']]],
  // Repetition: {n}, {n,}, {n,m} up to 1000; a { that is no count is a literal.
  ['^x{2}$', [['xx', 'xx'], ['xxx', null]]],
  ['^x{2,}$', [['x', null], ['xxxx', 'xxxx']]],
  ['^x{2,3}$', [['xxx', 'xxx'], ['xxxx', null]]],
  ['^ax{0}b$', [['ab', 'ab'], ['axb', null]]],
  ['x{,2}', [['x{,2}', 'x{,2}'], ['xx', null]]],
  ['x{01}', [['x{01}', 'x{01}'], ['x', null]]],
  ['x{', [['x{', 'x{']]],
  ['x{2', [['x{2', 'x{2'], ['xx', null]]],
  ['x{1000}', [['x', null]]],
  ['(?:ab)*c', [['ababc', 'ababc'], ['c', 'c']]],
  ['^(a|b){2}$', [['ab', 'ab'], ['abc', null]]],
  ['^(?:a|b|)$', [['', ''], ['a', 'a'], ['c', null]]],
  ['(x{10}){100}', [['x', null]]],
  [String.raw`^\pL{3}$`, [['abc', 'abc'], ['ab', null], ['\xe9\xe9\xe9', '\xe9\xe9\xe9']]],
  // Groups: capturing, non-capturing, (?P<name>...) (names may repeat).
  [String.raw`(?P<name>main)\.\w+`, [['main.go', 'main.go'], ['mainly', null]]],
  ['(?P<a>x)(?P<a>y)', [['xy', 'xy'], ['x', null]]],
  ['(?P<n_1>a|b)+c', [['abc', 'abc'], ['c', null]]],
  ['()a', [['a', 'a']]],
  // Perl classes are ASCII: \d [0-9], \s [\t\n\f\r ], \w [0-9A-Za-z_].
  [String.raw`\d`, [['5', '5'], ['\u0663', null]]],
  [String.raw`\s`, [[' ', ' '], ['\t', '\t'], ['\xa0', null], ['\v', null], ['\u2028', null]]],
  [String.raw`\w`, [['_', '_'], ['\xe9', null], ['a', 'a']]],
  [String.raw`^\D\S\W$`, [['\n\xe9\xe9', '\n\xe9\xe9'], ['a b', null]]],
  [String.raw`(?i)\w`, [['\u017f', '\u017f'], ['\u212a', '\u212a']]],
  [String.raw`(?i)\W`, [['\u017f', null], ['\u212a', null], ['-', '-']]],
  // Unicode classes: \pL \p{Greek} \PL \p{^L} \P{^L}; Go's C has no unassigned code points.
  [String.raw`\pL`, [['\xe9', '\xe9'], ['1', null], ['_', null], ['\u03a3', '\u03a3']]],
  [String.raw`\p{L}`, [['\xe9', '\xe9'], ['1', null]]],
  [String.raw`\PL`, [['\xe9', null], ['1', '1']]],
  [String.raw`\p{^L}`, [['\xe9', null], ['1', '1']]],
  [String.raw`\P{^L}`, [['\xe9', '\xe9'], ['1', null]]],
  [String.raw`\p{Greek}`, [['\u03b1', '\u03b1'], ['a', null], ['\u2126', '\u2126']]],
  [String.raw`\p{Lu}`, [['A', 'A'], ['a', null], ['\u03a3', '\u03a3']]],
  [String.raw`\pN`, [['\u0663', '\u0663'], ['1', '1'], ['a', null]]],
  [String.raw`\pC`, [['\u0378', null], ['\ue000', '\ue000'], ['\x00', '\x00'], ['a', null]]],
  [String.raw`\p{Any}`, [['\n', '\n'], ['\u{1f600}', '\u{1f600}'], ['', null]]],
  [String.raw`\p{Han}`, [['\u4e2d', '\u4e2d'], ['a', null]]],
  [String.raw`(?i)\p{Lu}`, [['a', 'a'], ['A', 'A'], ['1', null]]],
  [String.raw`(?i)\PL`, [['\u0345', null], ['1', '1'], ['a', null]]],
  [String.raw`(?i)\p{Greek}`, [['\xb5', '\xb5'], ['a', null]]],
  [String.raw`[\pL\d]`, [['\xe9', '\xe9'], ['1', '1'], ['-', null]]],
  [String.raw`[^\pL]`, [['\xe9', null], ['1', '1']]],
  [String.raw`(?i)[^\PL]`, [['\u0345', '\u0345'], ['1', null], ['a', 'a']]],
  // Bracket classes: POSIX names, ] first, - at either end, [ literal, folded ranges, negation after folding.
  ['[[:alpha:]]+', [['abc', 'abc'], ['\xe9', null], ['1', null]]],
  ['[[:^alpha:]]', [['a', null], ['1', '1']]],
  ['[^[:space:]]', [[' ', null], ['\v', null], ['a', 'a']]],
  ['[[:space:]]', [['\v', '\v'], ['\xa0', null]]],
  ['[[:word:][:punct:]]', [['_', '_'], ['!', '!'], [' ', null]]],
  ['(?i)[[:upper:]]', [['a', 'a'], ['\u017f', '\u017f'], ['\u212a', '\u212a'], ['1', null]]],
  ['[[:xdigit:]][[:cntrl:]][[:print:]][[:graph:]]', [['f\x00 !', 'f\x00 !'], ['g\x00 !', null]]],
  ['[[:blank:]][[:ascii:]][[:alnum:]][[:lower:]][[:digit:]]', [['\t\x7fAz9', '\t\x7fAz9'], [' \x80Az9', null]]],
  ['[:alpha:]', [['a', 'a'], [':', ':'], ['b', null]]],
  ['[]a]', [[']', ']'], ['a', 'a'], ['b', null]]],
  ['[^]a]', [[']', null], ['b', 'b']]],
  ['[a-]', [['-', '-'], ['b', null]]],
  ['[-a]', [['-', '-'], ['b', null]]],
  ['[a-c-e]', [['-', '-'], ['d', null], ['e', 'e']]],
  [String.raw`[\d-z]`, [['-', '-'], ['y', null], ['z', 'z'], ['5', '5']]],
  ['[[a]', [['[', '['], ['a', 'a'], [']', null]]],
  [String.raw`[\-\]\[\^\\]`, [['-', '-'], [']', ']'], ['[', '['], ['^', '^'], ['\\', '\\'], ['a', null]]],
  ['(?i)[k-m]', [['K', 'K'], ['\u212a', '\u212a'], ['L', 'L'], ['n', null]]],
  ['(?i)[^k]', [['K', null], ['\u212a', null], ['x', 'x']]],
  ['[\xe9-\xea]', [['\xeb', null], ['\xe9', '\xe9']]],
  [String.raw`[\x{0}-\x{10FFFF}]`, [['\u{1f600}', '\u{1f600}'], ['\n', '\n']]],
  ['[^a]', [['\n', '\n'], ['a', null]]],
  // Limits: 999 nested captures; non-capturing groups add no depth (1100 nested); a large 1000 copies.
  [`${'('.repeat(999)}a${')'.repeat(999)}`, [['a', 'a'], ['b', null]]],
  [`${'(?:'.repeat(1100)}a${')'.repeat(1100)}`, [['a', 'a'], ['b', null]]],
  [`(?:${'a'.repeat(3300)}){1000}`, [['a', null]]],
  [String.raw`[\x41-\x{43}]`, [['B', 'B'], ['D', null]]],
];

/** Patterns Go refuses, with Go's message after `error parsing regexp: `. */
export const REFUSED: readonly (readonly [pattern: string, goMessage: string])[] = [
  // Perl syntax Go 1.19 does not have: lookarounds, (?<name>, comments, other flags.
  ['(?!x)', 'invalid or unsupported Perl syntax: `(?!`'],
  ['a(?=x)', 'invalid or unsupported Perl syntax: `(?=`'],
  ['(?<=x)a', 'invalid or unsupported Perl syntax: `(?<`'],
  ['(?<!x)a', 'invalid or unsupported Perl syntax: `(?<`'],
  ['(?<name>x)', 'invalid or unsupported Perl syntax: `(?<`'],
  ['(?P=name)', 'invalid or unsupported Perl syntax: `(?P`'],
  ['(?P>x)', 'invalid or unsupported Perl syntax: `(?P`'],
  ['(?#note)', 'invalid or unsupported Perl syntax: `(?#`'],
  ['(?x)a', 'invalid or unsupported Perl syntax: `(?x`'],
  ['(?I)a', 'invalid or unsupported Perl syntax: `(?I`'],
  ['(?i-)a', 'invalid or unsupported Perl syntax: `(?i-)`'],
  ['(?-)a', 'invalid or unsupported Perl syntax: `(?-)`'],
  ['(?i-s-m)a', 'invalid or unsupported Perl syntax: `(?i-s-`'],
  ['(?i', 'invalid or unsupported Perl syntax: `(?i`'],
  ['(?', 'invalid or unsupported Perl syntax: `(?`'],
  ['(?P<name', 'invalid named capture: `(?P<name`'],
  ['(?P<>x)', 'invalid named capture: `(?P<>`'],
  ['(?P<a-b>x)', 'invalid named capture: `(?P<a-b>`'],
  ['(?P<\xe9>x)', 'invalid named capture: `(?P<\xe9>`'],
  ['(?|a)', 'invalid or unsupported Perl syntax: `(?|`'],
  ['(?>a)', 'invalid or unsupported Perl syntax: `(?>`'],
  // Escapes Go does not have: backreferences, \Z \G \C \K ..., \b in a class.
  [String.raw`\1`, 'invalid escape sequence: `\\1`'],
  [String.raw`(a)\1`, 'invalid escape sequence: `\\1`'],
  [String.raw`\8`, 'invalid escape sequence: `\\8`'],
  [String.raw`\Z`, 'invalid escape sequence: `\\Z`'],
  [String.raw`a\Z`, 'invalid escape sequence: `\\Z`'],
  [String.raw`\G`, 'invalid escape sequence: `\\G`'],
  [String.raw`\C`, 'invalid escape sequence: `\\C`'],
  [String.raw`\K`, 'invalid escape sequence: `\\K`'],
  [String.raw`\R`, 'invalid escape sequence: `\\R`'],
  [String.raw`\X`, 'invalid escape sequence: `\\X`'],
  [String.raw`\h`, 'invalid escape sequence: `\\h`'],
  [String.raw`\e`, 'invalid escape sequence: `\\e`'],
  [String.raw`\cA`, 'invalid escape sequence: `\\c`'],
  [String.raw`\k<n>`, 'invalid escape sequence: `\\k`'],
  [String.raw`\g1`, 'invalid escape sequence: `\\g`'],
  [String.raw`\N`, 'invalid escape sequence: `\\N`'],
  [String.raw`\o{1}`, 'invalid escape sequence: `\\o`'],
  [String.raw`\u0041`, 'invalid escape sequence: `\\u`'],
  [String.raw`\E`, 'invalid escape sequence: `\\E`'],
  ['\\\xe9', 'invalid escape sequence: `\\\xe9`'],
  [String.raw`[\b]`, 'invalid escape sequence: `\\b`'],
  [String.raw`[\A]`, 'invalid escape sequence: `\\A`'],
  [String.raw`[\Q]`, 'invalid escape sequence: `\\Q`'],
  [String.raw`[\z]`, 'invalid escape sequence: `\\z`'],
  [String.raw`\x`, 'invalid escape sequence: `\\x`'],
  [String.raw`\x{`, 'invalid escape sequence: `\\x{`'],
  [String.raw`\x{}`, 'invalid escape sequence: `\\x{}`'],
  [String.raw`\x{110000}`, 'invalid escape sequence: `\\x{110000`'],
  [String.raw`\xg1`, 'invalid escape sequence: `\\xg1`'],
  [String.raw`\x1`, 'invalid escape sequence: `\\x1`'],
  [String.raw`\x{zz}`, 'invalid escape sequence: `\\x{z`'],
  ['a\\', 'trailing backslash at end of expression: ``'],
  ['[a\\', 'trailing backslash at end of expression: ``'],
  // Repetitions: nested (possessive) operators, nothing to repeat, counts over 1000 or reversed.
  ['a**', 'invalid nested repetition operator: `**`'],
  ['a*+', 'invalid nested repetition operator: `*+`'],
  ['a++', 'invalid nested repetition operator: `++`'],
  ['a?+', 'invalid nested repetition operator: `?+`'],
  ['a{2}+', 'invalid nested repetition operator: `{2}+`'],
  ['a{2}{3}', 'invalid nested repetition operator: `{2}{3}`'],
  ['a*??', 'invalid nested repetition operator: `*??`'],
  ['**', 'missing argument to repetition operator: `*`'],
  ['*a', 'missing argument to repetition operator: `*`'],
  ['+', 'missing argument to repetition operator: `+`'],
  ['a|*', 'missing argument to repetition operator: `*`'],
  ['(*)', 'missing argument to repetition operator: `*`'],
  ['(?i)*', 'missing argument to repetition operator: `*`'],
  ['{2}', 'missing argument to repetition operator: `{2}`'],
  ['*?', 'missing argument to repetition operator: `*?`'],
  ['x{1001}', 'invalid repeat count: `{1001}`'],
  ['x{2,1}', 'invalid repeat count: `{2,1}`'],
  ['x{1000,1001}', 'invalid repeat count: `{1000,1001}`'],
  ['(x{100}){11}', 'invalid repeat count: `{11}`'],
  ['x{99999999999}', 'invalid repeat count: `{99999999999}`'],
  ['((a{10}){10}){11}', 'invalid repeat count: `{11}`'],
  ['(?:a{2}b){501}', 'invalid repeat count: `{501}`'],
  // Classes: reversed ranges, unterminated, unknown names (Go knows Unicode 13 categories and scripts only).
  ['[z-a]', 'invalid character class range: `z-a`'],
  ['[a', 'missing closing ]: `[a`'],
  ['[]', 'missing closing ]: `[]`'],
  ['[^]', 'missing closing ]: `[^]`'],
  [String.raw`[a-\d]`, 'invalid escape sequence: `\\d`'],
  ['[[:foo:]]', 'invalid character class range: `[:foo:]`'],
  ['[[:alpha:]', 'missing closing ]: `[[:alpha:]`'],
  [String.raw`\p{Foo}`, 'invalid character class range: `\\p{Foo}`'],
  [String.raw`\pX`, 'invalid character class range: `\\pX`'],
  [String.raw`\p{`, 'invalid character class range: `\\p{`'],
  [String.raw`\p`, 'invalid character class range: `\\p`'],
  [String.raw`\p{^}`, 'invalid character class range: `\\p{^}`'],
  [String.raw`\p{latin}`, 'invalid character class range: `\\p{latin}`'],
  [String.raw`\p{Cn}`, 'invalid character class range: `\\p{Cn}`'],
  [String.raw`\p{L&}`, 'invalid character class range: `\\p{L&}`'],
  [String.raw`\p{IsGreek}`, 'invalid character class range: `\\p{IsGreek}`'],
  [String.raw`\p{Script=Greek}`, 'invalid character class range: `\\p{Script=Greek}`'],
  [String.raw`\p{Kawi}`, 'invalid character class range: `\\p{Kawi}`'],
  // Parentheses.
  ['(', 'missing closing ): `(`'],
  [')', 'unexpected ): `)`'],
  ['a)', 'unexpected ): `a)`'],
  ['(a', 'missing closing ): `(a`'],
  ['((a)', 'missing closing ): `((a)`'],
  ['(a))', 'unexpected ): `(a))`'],
  // Limits: a parse tree 1000 deep (non-capturing groups add no depth), 128 MiB of instructions.
  [NESTED_1001, `expression nests too deeply: \`${NESTED_1001}\``],
  [HUGE, `regexp/syntax: internal error: \`${HUGE}\``],
];

/** One CLI case: go tool pprof's flags and ours, on a fixture of fixtures/profiles. */
interface CliCase {
  readonly name: string;
  readonly fixture: string;
  /** go tool pprof flags before the profile (the report flag included). */
  readonly go: readonly string[];
  /** pprof-ts argv with `{}` for the profile. */
  readonly ours: readonly string[];
}

const top = (name: string, fixture: string, goFlag: string, ourOption: string, re: string): CliCase =>
  ({ name, fixture, go: ['-top', `-${goFlag}=${re}`], ours: ['top', '{}', `--${ourOption}`, re] });

/**
 * Filters whose RE2 JavaScript would read otherwise (or refuse), each
 * keeping a part of the profile, so a mistranslation changes the table.
 */
const ACCEPTED: readonly CliCase[] = [
  top('focus-quoted', 'cpu.pb.gz', 'focus', 'focus', String.raw`\Q(*policyEngine).sync\E`),
  top('focus-begin-text', 'cpu.pb.gz', 'focus', 'focus', String.raw`\Aruntime\.`),
  top('focus-fold-group', 'cpu.pb.gz', 'focus', 'focus', '(?i:TRIENODE)'),
  top('focus-ungreedy', 'cpu.pb.gz', 'focus', 'focus', String.raw`(?U)^main\..+Batch$`),
  top('focus-not-letter-end', 'cpu.pb.gz', 'focus', 'focus', String.raw`\PL\z`),
  top('ignore-named-group', 'cpu.pb.gz', 'ignore', 'ignore', String.raw`(?P<pkg>math/rand)\.`),
  top('ignore-unicode-class', 'cpu.pb.gz', 'ignore', 'ignore', String.raw`\.\p{Lu}\p{Ll}+$`),
  top('hide-posix-class', 'cpu.pb.gz', 'hide', 'hide', '[[:digit:]]$'),
  top('hide-letters', 'cpu.pb.gz', 'hide', 'hide', String.raw`^\p{Ll}+\.\p{Ll}+$`),
  top('show-letters', 'cpu.pb.gz', 'show', 'show', String.raw`^\pL+\.\pL+$`),
  top('show-hex-escapes', 'cpu.pb.gz', 'show', 'show', String.raw`\x{28}\*\w+Table\x29`),
  top('show_from-hex-brace', 'cpu.pb.gz', 'show_from', 'show-from', String.raw`\x{6d}ain\.\(\*pipeline\)`),
  top('prune_from-quoted', 'cpu.pb.gz', 'prune_from', 'prune-from', String.raw`\Qruntime.futex\E`),
  top('tagfocus-letters', 'cpu.pb.gz', 'tagfocus', 'tagfocus', String.raw`table=\pL{6}`),
  top('tagfocus-fold-group', 'cpu.pb.gz', 'tagfocus', 'tagfocus', 'workload=(?i:POLICY)'),
  top('tagfocus-bare-begin-text', 'cpu.pb.gz', 'tagfocus', 'tagfocus', String.raw`\Aworkload:s`),
  top('tagignore-posix-negated', 'cpu.pb.gz', 'tagignore', 'tagignore', 'workload=[[:^alpha:]]'),
  top('focus-upper-count', 'heap.pb.gz', 'focus', 'focus', String.raw`new\p{Lu}{3}Flow`),
  top('show-posix-count', 'heap.pb.gz', 'show', 'show', '[[:upper:]]{3,4}'),
  top('ignore-fold-group', 'heap.pb.gz', 'ignore', 'ignore', String.raw`net/http(?i:\.\(\*SERVEMUX\))`),
  { name: 'peek-quoted', fixture: 'cpu.pb.gz', go: [String.raw`-peek=\Qmain.fnv32a\E`], ours: ['peek', String.raw`\Qmain.fnv32a\E`, '{}'] },
];

/** Filters Go refuses: go tool pprof fails, and so must we, with its message. */
const REFUSED_CLI: readonly CliCase[] = [
  top('focus-lookahead', 'cpu.pb.gz', 'focus', 'focus', '(?!runtime)main'),
  top('tagfocus-angle-named-group', 'cpu.pb.gz', 'tagfocus', 'tagfocus', 'table=(?<t>nat)'),
  top('hide-end-Z', 'cpu.pb.gz', 'hide', 'hide', String.raw`runtime\Z`),
  top('show_from-backreference', 'cpu.pb.gz', 'show_from', 'show-from', String.raw`main\.(\w+)\1`),
  top('ignore-nested-repeat', 'cpu.pb.gz', 'ignore', 'ignore', 'a**'),
];

function harness(c: CliCase): HarnessCase {
  const stem = c.fixture.replace(/\.pb\.gz$/, '');
  const rel = `fixtures/profiles/${c.fixture}`;
  const ours = (profile: string): string[] => c.ours.map((a) => (a === '{}' ? profile : a));
  return {
    file: `${stem}/${c.name}.txt`,
    title: `${c.go.join(' ')} on ${c.fixture} equals go tool pprof`,
    goArgv: [...c.go, rel],
    ourArgv: ours(join(ROOT, rel)),
    goShown: ['go tool pprof', ...c.go.map(shellQuote), rel].join(' '),
    ourShown: ['pprof-ts', ...ours(rel).map(shellQuote)].join(' '),
  };
}

/** The goldens go tool pprof prints for filters it accepts. */
export function regexGoldenCases(): HarnessCase[] {
  return ACCEPTED.map(harness);
}

/** The filters go tool pprof refuses (test/golden/regex/REFUSED.json records its stderr and exit status). */
export function refusedCliCases(): HarnessCase[] {
  return REFUSED_CLI.map(harness);
}
