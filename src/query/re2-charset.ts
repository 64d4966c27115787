/**
 * Character classes of the RE2 translator (re2.ts): code point sets as Go's
 * regexp builds them (Perl and POSIX groups, ranges, `\p{...}`, case folding
 * with `(?i)`), written out as JavaScript `u`-mode class syntax.
 *
 * Go folds case by simple case-folding orbits (k, K and the Kelvin sign
 * are one orbit), from its own Unicode tables (re2-tables.ts), so folding
 * here is explicit set arithmetic: the JS `i` flag is never used, since it
 * folds with another Unicode version and also widens `\b` and `\w` (to ſ and
 * the Kelvin sign), which RE2 keeps ASCII.
 */

import { CATEGORIES, FOLDED_GROUPS, FOLD_ORBITS, SCRIPTS } from './re2-tables.js';

/** The largest code point (unicode.MaxRune). */
export const MAX_RUNE = 0x10ffff;

/** Sorted, disjoint, non-adjacent [lo, hi] pairs, flattened. */
export type Ranges = number[];

/** Sorts and merges overlapping or adjacent ranges. */
export function cleanRanges(r: Ranges): Ranges {
  const pairs: [number, number][] = [];
  for (let i = 0; i < r.length; i += 2) pairs.push([r[i]!, r[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Ranges = [];
  for (const [lo, hi] of pairs) {
    const n = out.length;
    if (n > 0 && lo <= out[n - 1]! + 1) {
      if (hi > out[n - 1]!) out[n - 1] = hi;
    } else {
      out.push(lo, hi);
    }
  }
  return out;
}

/** The code points of [0, MAX_RUNE] outside a clean set. */
export function negateRanges(r: Ranges): Ranges {
  const out: Ranges = [];
  let next = 0;
  for (let i = 0; i < r.length; i += 2) {
    if (r[i]! > next) out.push(next, r[i]! - 1);
    next = r[i + 1]! + 1;
  }
  if (next <= MAX_RUNE) out.push(next, MAX_RUNE);
  return out;
}

interface FoldTable {
  /** Every code point that folds to another, ascending. */
  readonly cps: number[];
  /** The orbit of each of them (all members, ascending), by index into cps. */
  readonly orbits: number[][];
}

let foldTable: FoldTable | null = null;

/** Decodes FOLD_ORBITS once, on the first case-insensitive pattern. */
function folds(): FoldTable {
  if (foldTable !== null) return foldTable;
  const byCp = new Map<number, number[]>();
  let start = 0;
  for (const run of FOLD_ORBITS.split(';')) {
    const [delta, stride, count, offs] = run.split(',') as [string, string, string, string];
    start += parseInt(delta, 36);
    const step = parseInt(stride, 36);
    const offsets = offs.split('.').map((o) => parseInt(o, 36));
    for (let k = 0, n = parseInt(count, 36); k < n; k++) {
      const first = start + k * step;
      const orbit = [first, ...offsets.map((o) => first + o)].sort((a, b) => a - b);
      for (const cp of orbit) byCp.set(cp, orbit);
    }
  }
  const cps = [...byCp.keys()].sort((a, b) => a - b);
  foldTable = { cps, orbits: cps.map((cp) => byCp.get(cp)!) };
  return foldTable;
}

/** The runes `(?i)` makes equal to cp (cp itself included), ascending. */
export function orbitOf(cp: number): readonly number[] {
  const { cps, orbits } = folds();
  const i = lowerBound(cps, cp);
  return cps[i] === cp ? orbits[i]! : [cp];
}

function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A clean set plus every rune that folds to one of its members. */
export function foldRanges(r: Ranges): Ranges {
  const { cps, orbits } = folds();
  const out = r.slice();
  for (let i = 0; i < r.length; i += 2) {
    for (let k = lowerBound(cps, r[i]!); k < cps.length && cps[k]! <= r[i + 1]!; k++) {
      for (const cp of orbits[k]!) out.push(cp, cp);
    }
  }
  return cleanRanges(out);
}

/** A Perl (`\d`) or POSIX (`[:alpha:]`) group: ASCII ranges and a sign. */
export interface Group {
  readonly negated: boolean;
  readonly ranges: Ranges;
}

const DIGIT = [0x30, 0x39];
const SPACE = [0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x20];
const WORD = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];

/** `\d \s \w` and their negations: ASCII only in RE2 (JS's `\s` is much wider). */
export const PERL_GROUPS: Readonly<Record<string, Group>> = {
  d: { negated: false, ranges: DIGIT }, D: { negated: true, ranges: DIGIT },
  s: { negated: false, ranges: SPACE }, S: { negated: true, ranges: SPACE },
  w: { negated: false, ranges: WORD }, W: { negated: true, ranges: WORD },
};

const POSIX: Readonly<Record<string, Ranges>> = {
  alnum: [0x30, 0x39, 0x41, 0x5a, 0x61, 0x7a],
  alpha: [0x41, 0x5a, 0x61, 0x7a],
  ascii: [0x00, 0x7f],
  blank: [0x09, 0x09, 0x20, 0x20],
  cntrl: [0x00, 0x1f, 0x7f, 0x7f],
  digit: DIGIT,
  graph: [0x21, 0x7e],
  lower: [0x61, 0x7a],
  print: [0x20, 0x7e],
  punct: [0x21, 0x2f, 0x3a, 0x40, 0x5b, 0x60, 0x7b, 0x7e],
  space: [0x09, 0x0d, 0x20, 0x20],
  upper: [0x41, 0x5a],
  word: WORD,
  xdigit: [0x30, 0x39, 0x41, 0x46, 0x61, 0x66],
};

/** A POSIX class by its full spelling (`[:alpha:]`, `[:^space:]`), or undefined. */
export function posixGroup(spelling: string): Group | undefined {
  const m = /^\[:(\^?)([a-z]+):\]$/.exec(spelling);
  const ranges = m !== null && Object.hasOwn(POSIX, m[2]!) ? POSIX[m[2]!] : undefined;
  return ranges === undefined ? undefined : { negated: m![1] === '^', ranges };
}

/** A `\p{...}` group in JS terms: class atoms (`\p{Lu}`) and extra code points. */
interface UnicodeGroup {
  readonly atoms: readonly string[];
  readonly ranges: Ranges;
}

const categories = new Set(CATEGORIES.split(' '));
const scripts = new Set(SCRIPTS.split(' '));
const foldedGroups = new Set(FOLDED_GROUPS.split(' '));
const foldExtras = new Map<string, Ranges>();

/**
 * The group Go's `\p{name}` means, widened by case folding when `fold`; null
 * for a name Go does not know. Go's `C` has no unassigned code points (no Cn),
 * unlike JS's `\p{C}`, so it is spelled as its four parts.
 */
export function unicodeGroup(name: string, fold: boolean): UnicodeGroup | null {
  if (name === 'Any') return { atoms: [], ranges: [0, MAX_RUNE] };
  let atoms: string[];
  if (categories.has(name)) atoms = name === 'C' ? ['Cc', 'Cf', 'Co', 'Cs'].map((c) => `\\p{${c}}`) : [`\\p{${name}}`];
  else if (scripts.has(name)) atoms = [`\\p{Script=${name}}`];
  else return null;
  if (!fold || !foldedGroups.has(name)) return { atoms, ranges: [] };
  let extra = foldExtras.get(name);
  if (extra === undefined) {
    // Go adds the runes that fold into the group (FoldCategory, FoldScript): the orbit members outside it.
    const inGroup = new RegExp(`^[${atoms.join('')}]$`, 'u');
    const { orbits } = folds();
    extra = [];
    for (const orbit of new Set(orbits)) {
      const inside = orbit.map((cp) => inGroup.test(String.fromCodePoint(cp)));
      if (inside.includes(true)) orbit.forEach((cp, k) => { if (!inside[k]) extra!.push(cp, cp); });
    }
    extra = cleanRanges(extra);
    foldExtras.set(name, extra);
  }
  return { atoms, ranges: extra };
}

/**
 * A class being built: a union of code point ranges, JS class atoms
 * (`\p{L}`, `\P{L}`) and items that need a class of their own (the
 * complement of a group with extras, such as `(?i)\PL`), each a JS
 * expression matching one code point.
 */
export class CharClass {
  ranges: Ranges = [];
  readonly atoms: string[] = [];
  readonly complex: string[] = [];

  addRange(lo: number, hi: number, fold: boolean): void {
    const r = fold ? foldRanges([lo, hi]) : [lo, hi];
    this.ranges.push(...r);
  }

  /** A Perl or POSIX group: folded first, then negated, as Go does. */
  addGroup(g: Group, fold: boolean): void {
    const folded = fold ? foldRanges(g.ranges) : g.ranges;
    this.ranges.push(...(g.negated ? negateRanges(cleanRanges(folded)) : folded));
  }

  addUnicode(g: UnicodeGroup, negated: boolean): void {
    if (!negated) {
      this.atoms.push(...g.atoms);
      this.ranges.push(...g.ranges);
    } else if (g.atoms.length === 0) {
      this.ranges.push(...negateRanges(cleanRanges(g.ranges)));
    } else if (g.atoms.length === 1 && g.ranges.length === 0) {
      this.atoms.push(g.atoms[0]!.replace('\\p', '\\P'));
    } else {
      this.complex.push(`[^${g.atoms.join('')}${rangesSource(cleanRanges(g.ranges))}]`);
    }
  }
}

const CONTROL_ESCAPES: Readonly<Record<number, string>> = { 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };

/** One code point in JS `u`-mode syntax, inside a class or not. */
export function cpSource(cp: number, inClass: boolean): string {
  if (cp >= 0x20 && cp <= 0x7e) {
    const ch = String.fromCharCode(cp);
    // Only syntax characters may be escaped under `u`; these are the ones that need it here.
    const special = inClass ? '\\]^-[' : '^$\\.*+?()[]{}|/';
    return special.includes(ch) ? `\\${ch}` : ch;
  }
  const control = CONTROL_ESCAPES[cp];
  return control !== undefined ? control : `\\u{${cp.toString(16)}}`;
}

function rangesSource(r: Ranges): string {
  let out = '';
  for (let i = 0; i < r.length; i += 2) {
    const lo = r[i]!;
    const hi = r[i + 1]!;
    out += cpSource(lo, true);
    if (hi > lo + 1) out += '-';
    if (hi > lo) out += cpSource(hi, true);
  }
  return out;
}

/**
 * JS source matching one code point of the class (negated: one outside it),
 * and whether it is a single atom a quantifier may follow directly.
 */
export function classSource(c: CharClass, negated: boolean): { src: string; atom: boolean } {
  const ranges = cleanRanges(c.ranges);
  const body = rangesSource(ranges) + c.atoms.join('');
  if (c.complex.length === 0) {
    if (!negated && c.atoms.length === 0 && ranges.length === 2 && ranges[0] === ranges[1]) {
      return { src: cpSource(ranges[0]!, false), atom: true };
    }
    // A negated group such as \D reads better as what it leaves out: write the shorter of the two.
    const other = c.atoms.length === 0 ? rangesSource(negateRanges(ranges)) : null;
    if (other !== null && other.length < body.length) return { src: `[${negated ? '' : '^'}${other}]`, atom: true };
    return { src: `[${negated ? '^' : ''}${body}]`, atom: true };
  }
  const parts = [...(body === '' ? [] : [`[${body}]`]), ...c.complex];
  const union = parts.length === 1 ? parts[0]! : `(?:${parts.join('|')})`;
  return negated ? { src: `(?!${union})[^]`, atom: false } : { src: union, atom: true };
}
