/**
 * Go's regexp syntax (RE2 as Go 1.19's regexp/syntax parses it with its
 * Perl flags: what `regexp.Compile`, and so pprof, accepts) translated to an
 * equivalent JavaScript RegExp source for the `u` flag (code points, as RE2
 * matches them).
 *
 * re2-parse.ts reads the pattern as Go does and refuses, with Go's message,
 * every pattern Go refuses (lookarounds, backreferences, `(?<name>`, `\Z`,
 * nested repetitions, counts over 1000, ...). This file writes the tree out
 * so that JS cannot read it differently: flags were resolved by the parser
 * (Node 20 has no inline modifiers), classes are explicit code point sets
 * (re2-charset.ts), `.` and `(?m)` anchors see only `\n` as a line end, and
 * every quantified operand that is not a single atom is grouped. The JS
 * `i`, `m` and `s` flags are never used. The translator imports nothing
 * outside its re2-* files, so it can be bundled on its own.
 */

import { classSource, cpSource, orbitOf } from './re2-charset.js';
import type { Re2Node } from './re2-ast.js';
import { parseRe2 } from './re2-parse.js';

export { Re2SyntaxError } from './re2-ast.js';

/** JS source of a node, and whether a quantifier may follow it without a group. */
function emit(n: Re2Node): { src: string; atom: boolean } {
  switch (n.k) {
    case 'lit': {
      const orbit = n.fold ? orbitOf(n.cp) : [n.cp];
      return { src: orbit.length === 1 ? cpSource(n.cp, false) : `[${orbit.map((cp) => cpSource(cp, true)).join('')}]`, atom: true };
    }
    case 'class':
      return classSource(n.cls, n.negated);
    case 'any':
      // RE2's . excludes only \n; JS's also excludes \r, U+2028 and U+2029.
      return { src: n.nl ? '[^]' : '[^\\n]', atom: true };
    case 'assert':
      return { src: n.js, atom: false };
    case 'group': {
      const body = n.alts.map((alt) => alt.map((x) => emit(x).src).join('')).join('|');
      if (n.cap) return { src: `(${body})`, atom: true };
      return n.alts.length > 1 ? { src: `(?:${body})`, atom: true } : { src: body, atom: false };
    }
    case 'rep': {
      const sub = emit(n.sub);
      const operand = sub.atom ? sub.src : `(?:${sub.src})`;
      const counts = n.max === -1 ? (n.min === 0 ? '*' : n.min === 1 && !n.rep ? '+' : `{${n.min},}`)
        : !n.rep && n.min === 0 && n.max === 1 ? '?' : n.min === n.max ? `{${n.min}}` : `{${n.min},${n.max}}`;
      return { src: `${operand}${counts}${n.lazy ? '?' : ''}`, atom: false };
    }
  }
}

/** Whether n can match the empty string. */
function nullable(n: Re2Node): boolean {
  switch (n.k) {
    case 'assert': return true;
    case 'group': return n.alts.some((alt) => alt.every(nullable));
    case 'rep': return n.min === 0 || nullable(n.sub);
    default: return false;
  }
}

/**
 * V8 (Node 20) also tries `u`-mode searches between the two halves of a
 * surrogate pair, where it lets assertions succeed (`/\B/u` finds "s😀E" at
 * index 2, as does `(?m)^$`): RE2 has no such position. Only an empty match
 * can happen there, so patterns that can match empty start with a check that
 * a whole code point (or the start) is behind.
 */
const NOT_MID_PAIR = '(?<=^|[^])';

/** The JS RegExp source (for the `u` flag) equivalent to a Go regexp; throws {@link Re2SyntaxError} where Go refuses it. */
export function re2ToJs(pattern: string): string {
  const root = parseRe2(pattern);
  // The top level needs no group of its own (a RegExp source is one already), unless something is put in front.
  const body = root.alts.map((alt) => alt.map((x) => emit(x).src).join('')).join('|');
  return nullable(root) ? `${NOT_MID_PAIR}(?:${body})` : body;
}
