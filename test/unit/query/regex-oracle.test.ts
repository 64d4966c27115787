/**
 * The RE2 translation checked against Go itself, when Go is installed (else
 * skipped with the reason printed; in CI a missing Go fails): the table of
 * test/helpers/regex-cases.ts must still be Go's answers, and a seeded run of
 * random patterns (flags, groups, classes, escapes, repetitions, and
 * mistakes) must be accepted, refused and matched alike. The oracle is
 * test/helpers/re2-oracle.go (standard library only), run with `go run`:
 *
 *   go run test/helpers/re2-oracle.go < cases.json
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { compileRegex } from '../../../src/query/regex.js';
import { parseRe2 } from '../../../src/query/re2-parse.js';
import type { Re2Node } from '../../../src/query/re2-ast.js';
import { MATCHES, REFUSED } from '../../helpers/regex-cases.js';
import { ROOT } from '../../helpers/paths.js';
import { goVersion, requireTool } from '../../helpers/tools.js';
import { rng } from '../../helpers/rng.js';

interface Answer { pattern: string; error: string; matches: boolean[]; found: (string | null)[] }

function askGo(cases: readonly { pattern: string; inputs: readonly string[] }[]): Answer[] {
  const r = spawnSync('go', ['run', join(ROOT, 'test', 'helpers', 're2-oracle.go')], {
    cwd: ROOT, input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 28, timeout: 180_000,
    env: { ...process.env, GOFLAGS: '', GOPROXY: 'off' },
  });
  assert.equal(r.status, 0, `re2-oracle failed: ${r.stderr || r.error?.message}`);
  return JSON.parse(r.stdout) as Answer[];
}

const skip = requireTool('go', goVersion() !== null);
const show = (s: string): string => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}...` : s);

test('the regex table is what the installed Go answers', { skip }, () => {
  const cases = [
    ...MATCHES.map(([pattern, finds]) => ({ pattern, inputs: finds.map(([input]) => input) })),
    ...REFUSED.map(([pattern]) => ({ pattern, inputs: [] })),
  ];
  const go = askGo(cases);
  MATCHES.forEach(([pattern, finds], i) => {
    assert.equal(go[i]!.error, '', show(pattern));
    assert.deepEqual(go[i]!.found, finds.map(([, found]) => found), show(pattern));
  });
  REFUSED.forEach(([pattern, message], i) => {
    assert.equal(go[MATCHES.length + i]!.error, `error parsing regexp: ${message}`, show(pattern));
  });
});

// Random patterns: pieces JS and Go read differently, and mistakes Go refuses.
const LITERALS = ['a', 'b', 'k', 'K', 's', '\u212a', '\u017f', '\u00e9', '\n', '\r', ' ', '_', '0', '\u03a3', '\u03c3', '\u03c2', '\u{1F600}',
  '-', ']', '^', '\\.', '\\-', '\\_', '\\ ', '\\n', '\\t', '\\x{41}', '\\x{3c3}', '\\x4b', '\\101', '\\0', '\\Qa.b\\E', '\\Q\\E', '{', '}', '{,2}',
  '\u01c5', '\u00df', '\u0130', '\u2126'];
const CLASS_ITEMS = ['a', 'k', 'z', 'A', 'a-z', 'k-s', '\\d', '\\D', '\\s', '\\S', '\\w', '\\W', '[:alpha:]', '[:^alpha:]', '[:upper:]', '[:space:]',
  '[:^space:]', '[:punct:]', '\\pL', '\\PL', '\\p{Lu}', '\\p{^Lu}', '\\p{Greek}', '\\P{Greek}', '\\pC', '\\PC', '\\p{Any}', '\\p{Mn}', '\\n', '\\x{212a}',
  '\\-', '-', '\u017f', '\u03c3', '\\]', '[', '\u00e9-\u00ea', '\\.', '^'];
const SINGLES = ['.', '^', '$', '\\b', '\\B', '\\A', '\\z', '\\d', '\\s', '\\w', '\\W', '\\pL', '\\PL', '\\p{Greek}', '\\pN', '\\PC', '\\p{^Ll}'];
const FLAGS = ['i', 'm', 's', 'U', '-i', '-s', 'i-s', 'is', '-iU', 'imsU'];
const QUANTIFIERS = ['*', '+', '?', '*?', '+?', '??', '{2}', '{0,2}', '{1,}', '{0}', '{3}?', '{1,2}?'];
const MISTAKES = ['(?!a)', '(?<n>a)', '\\1', '\\Z', '\\C', '**', '{1001}', '{3,1}', '[z-a]', '[[:foo:]]', '\\p{Foo}', '(?P=n)', '(', ')', '[a', '\\x{}',
  '\\8', '(?i-)', 'a++'];
const INPUT_CHARS = ['a', 'b', 'k', 'K', '\u212a', 's', 'S', '\u017f', '\u00e9', '\u00ea', '\n', '\r', ' ', '.', '-', '_', '0', '9', '\u03a3', '\u03c3',
  '\u03c2', 'x', 'A', '[', ']', '\u0345', '\u{1F600}', '\u2028', '\u00b5', '{', '}', '\t', '\u01c5', '\u00df', '\u1e9e', '\u0130', 'i', '\u2126', '\u03c9'];

function randomPattern(rnd: (n: number) => number): string {
  const pick = <T>(a: readonly T[]): T => a[rnd(a.length)]!;
  const atom = (d: number): string => {
    const r = rnd(13);
    if (r < 4 || d > 3) return pick(LITERALS);
    if (r < 6) return `[${rnd(3) === 0 ? '^' : ''}${Array.from({ length: 1 + rnd(3) }, () => pick(CLASS_ITEMS)).join('')}]`;
    if (r < 7) return pick(SINGLES);
    if (r < 8) return `(?${pick(FLAGS)})`;
    if (r < 9) return `(?${pick(FLAGS)}:${alt(d + 1)})`;
    if (r < 10) return `(?P<n${rnd(9)}>${alt(d + 1)})`;
    if (r < 11) return `(${alt(d + 1)})`;
    if (r < 12 && rnd(4) === 0) return pick(MISTAKES);
    return `(?:${alt(d + 1)})`;
  };
  const piece = (d: number): string => {
    const a = atom(d);
    return rnd(3) === 0 && !a.startsWith('(?') ? a + pick(QUANTIFIERS) : a;
  };
  const concat = (d: number): string => Array.from({ length: rnd(4) }, () => piece(d)).join('');
  const alt = (d: number): string => {
    let s = concat(d);
    while (rnd(4) === 0) s += `|${concat(d)}`;
    return s;
  };
  return alt(0);
}

/** Whether a repeated operand can match empty: there JS and Go may end the leftmost match elsewhere (never whether there is one). */
function emptyLoop(n: Re2Node): boolean {
  const nullable = (x: Re2Node): boolean => x.k === 'assert' || (x.k === 'group' && x.alts.some((a) => a.every(nullable)))
    || (x.k === 'rep' && (x.min === 0 || nullable(x.sub)));
  if (n.k === 'rep') return nullable(n.sub) || emptyLoop(n.sub);
  return n.k === 'group' && n.alts.some((a) => a.some(emptyLoop));
}

test('random patterns: Go and pprof-ts accept, refuse and match alike', { skip }, () => {
  const seed = Number(process.env.PPROF_RE2_SEED ?? 1);
  const count = Number(process.env.PPROF_RE2_PATTERNS ?? 1500);
  const next = rng(seed);
  const rnd = (n: number): number => Math.floor(next() * n);
  const cases = Array.from({ length: count }, () => ({
    pattern: randomPattern(rnd),
    inputs: ['', ...Array.from({ length: 12 }, () => Array.from({ length: rnd(7) }, () => INPUT_CHARS[rnd(INPUT_CHARS.length)]!).join(''))],
  }));
  const go = askGo(cases);
  let refused = 0;
  let matched = 0;
  cases.forEach(({ pattern, inputs }, i) => {
    const g = go[i]!;
    const where = `seed ${seed}, pattern ${i}: ${show(pattern)}`;
    if (g.error !== '') {
      refused++;
      assert.throws(() => compileRegex(pattern, 'focus'), { message: `parsing focus regexp: ${g.error}` }, where);
      return;
    }
    const re = compileRegex(pattern, 'focus');
    const compare = !emptyLoop(parseRe2(pattern));
    inputs.forEach((input, k) => {
      assert.equal(re.test(input), g.matches[k], `${where} on ${JSON.stringify(input)}`);
      if (g.matches[k]) matched++;
      if (compare) assert.equal(re.exec(input)?.[0] ?? null, g.found[k], `${where} on ${JSON.stringify(input)}: match text`);
    });
  });
  // Guards against a generator that only makes mistakes or patterns that never match.
  assert.ok(refused > count / 100 && refused < count / 4, `${refused} of ${count} refused`);
  assert.ok(matched > count, `${matched} matches`);
});
