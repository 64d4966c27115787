/**
 * The parser of the RE2 translator: Go's regexp syntax (Go 1.19's
 * regexp/syntax with its Perl flags, as regexp.Compile and so pprof use it)
 * read left to right the way Go reads it, so that the first error Go meets
 * is the one reported, with Go's message. Flags are resolved while parsing:
 * the tree's literals know whether they fold, its `.` whether it takes
 * `\n`, its `^`/`$` whether they see lines, its quantifiers whether they
 * are lazy, so the emitter (re2.ts) needs no flag scoping of its own.
 */

import { CharClass, PERL_GROUPS, posixGroup, unicodeGroup } from './re2-charset.js';
import { checkHeight, checkRepeatCount, checkSize } from './re2-limits.js';
import { RE2_ERRORS, Re2SyntaxError, type Re2Group, type Re2Node } from './re2-ast.js';

interface Flags { i: boolean; m: boolean; s: boolean; U: boolean }

interface Frame { readonly cap: boolean; readonly flags: Flags; readonly alts: Re2Node[][]; readonly cur: Re2Node[] }

// (?m) ^ and $ see only \n as a line end, where JS's m flag also takes \r, U+2028 and U+2029.
const BEGIN_LINE = '(?<![^\\n])';
const END_LINE = '(?![^\\n])';

/** `\A` `\z` (begin and end of text: JS `^` `$`, the m flag is never set) and `\b` `\B` (ASCII in both without the i flag). */
const ASSERTIONS: Readonly<Record<string, string>> = { A: '^', z: '$', b: '\\b', B: '\\B' };

/** C escapes; there is no `\b` (backspace), which is the word boundary. */
const CONTROLS: Readonly<Record<string, number>> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };

class Parser {
  private i = 0;
  private flags: Flags = { i: false, m: false, s: false, U: false };
  private readonly frames: Frame[] = [];
  private alts: Re2Node[][] = [];
  private cur: Re2Node[] = [];
  /** Where the repetition operator just before the current token started, or -1. */
  private lastRepeat = -1;

  constructor(private readonly s: string) {}

  parse(): Re2Group {
    const s = this.s;
    while (this.i < s.length) {
      let repeatAt = -1;
      const c = s[this.i]!;
      switch (c) {
        case '(':
          if (s[this.i + 1] === '?') this.perlFlags();
          else { this.open(true); this.i++; }
          break;
        case '|':
          this.alts.push(this.cur);
          this.cur = [];
          this.i++;
          break;
        case ')':
          this.close();
          break;
        case '^':
          this.cur.push({ k: 'assert', js: this.flags.m ? BEGIN_LINE : '^' });
          this.i++;
          break;
        case '$':
          this.cur.push({ k: 'assert', js: this.flags.m ? END_LINE : '$' });
          this.i++;
          break;
        case '.':
          this.cur.push({ k: 'any', nl: this.flags.s });
          this.i++;
          break;
        case '[':
          this.parseClass();
          break;
        case '*': case '+': case '?':
          repeatAt = this.i;
          this.repeat(this.i + 1, c === '+' ? 1 : 0, c === '?' ? 1 : -1, false);
          break;
        case '{': {
          const r = this.parseCounts();
          if (r === null) {
            this.literal(0x7b);
            this.i++;
            break;
          }
          if (r.min > 1000 || r.max > 1000 || (r.max >= 0 && r.min > r.max)) {
            throw new Re2SyntaxError(RE2_ERRORS.repeatSize, s.slice(this.i, r.end));
          }
          repeatAt = this.i;
          this.repeat(r.end, r.min, r.max, true);
          break;
        }
        case '\\':
          this.escape();
          break;
        default: {
          const [cp, len] = this.cpAt(this.i);
          this.literal(cp);
          this.i += len;
        }
      }
      this.lastRepeat = repeatAt;
    }
    if (this.frames.length > 0) throw new Re2SyntaxError(RE2_ERRORS.paren, s);
    const root: Re2Group = { k: 'group', cap: false, alts: [...this.alts, this.cur] };
    checkHeight(root, s);
    return root;
  }

  /** The code point at i and its length in UTF-16 units; a lone surrogate is Go's invalid UTF-8. */
  private cpAt(i: number): [number, number] {
    const cp = this.s.codePointAt(i)!;
    if (cp >= 0xd800 && cp <= 0xdfff) throw new Re2SyntaxError(RE2_ERRORS.utf8, this.s.slice(i));
    return [cp, cp > 0xffff ? 2 : 1];
  }

  private literal(cp: number): void {
    this.cur.push({ k: 'lit', cp, fold: this.flags.i });
  }

  private open(cap: boolean): void {
    this.frames.push({ cap, flags: this.flags, alts: this.alts, cur: this.cur });
    this.alts = [];
    this.cur = [];
  }

  private close(): void {
    const f = this.frames.pop();
    if (f === undefined) throw new Re2SyntaxError(RE2_ERRORS.unexpectedParen, this.s);
    const node: Re2Node = { k: 'group', cap: f.cap, alts: [...this.alts, this.cur] };
    this.alts = f.alts;
    this.cur = f.cur;
    this.flags = f.flags;
    this.cur.push(node);
    this.i++;
  }

  /** `(?P<name>`, `(?flags)`, `(?flags:`: the only `(?` forms Go 1.19 has. */
  private perlFlags(): void {
    const s = this.s;
    const start = this.i;
    if (s.length - start > 4 && s[start + 2] === 'P' && s[start + 3] === '<') {
      const end = s.indexOf('>', start);
      if (end < 0) throw new Re2SyntaxError(RE2_ERRORS.namedCapture, s.slice(start));
      // The name only documents the group: callers test for a match, so a plain group does.
      if (!/^[A-Za-z0-9_]+$/.test(s.slice(start + 4, end))) {
        throw new Re2SyntaxError(RE2_ERRORS.namedCapture, s.slice(start, end + 1));
      }
      this.open(true);
      this.i = end + 1;
      return;
    }
    const flags = { ...this.flags };
    let negate = false;
    let sawFlag = false;
    let j = start + 2;
    while (j < s.length) {
      const [cp, len] = this.cpAt(j);
      j += len;
      const c = String.fromCodePoint(cp);
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
        flags[c] = !negate;
        sawFlag = true;
      } else if (c === '-' && !negate) {
        negate = true;
        sawFlag = false;
      } else if ((c === ':' || c === ')') && !(negate && !sawFlag)) {
        if (c === ':') this.open(false);
        this.flags = flags;
        this.i = j;
        return;
      } else {
        break;
      }
    }
    throw new Re2SyntaxError(RE2_ERRORS.perlOp, s.slice(start, j));
  }

  /** `{n}`, `{n,}`, `{n,m}` at i (max -1: no upper bound), or null when `{` is a literal there. */
  private parseCounts(): { min: number; max: number; end: number } | null {
    const s = this.s;
    const int = (j: number): [number, number] | null => {
      let k = j;
      while (k < s.length && s[k]! >= '0' && s[k]! <= '9') k++;
      // No digits, or a leading zero: not a count. Big values are kept only to be refused.
      return k === j || (s[j] === '0' && k > j + 1) ? null : [Number(s.slice(j, k)), k];
    };
    const lo = int(this.i + 1);
    if (lo === null) return null;
    const min = lo[0];
    let j = lo[1];
    let max = min;
    if (s[j] === ',') {
      j++;
      if (s[j] === '}') {
        max = -1;
      } else {
        const hi = int(j);
        if (hi === null) return null;
        [max, j] = hi;
      }
    }
    return s[j] === '}' ? { min, max, end: j + 1 } : null;
  }

  /** Applies a repetition operator ending at `end` (before a possible `?`) to the last item. */
  private repeat(end: number, min: number, max: number, counted: boolean): void {
    const s = this.s;
    const opStart = this.i;
    let after = end;
    let lazy = this.flags.U;
    if (s[after] === '?') {
      after++;
      lazy = !lazy;
    }
    if (this.lastRepeat >= 0) throw new Re2SyntaxError(RE2_ERRORS.repeatOp, s.slice(this.lastRepeat, after));
    const sub = this.cur.pop();
    if (sub === undefined) throw new Re2SyntaxError(RE2_ERRORS.repeatArgument, s.slice(opStart, after));
    const node: Re2Node = { k: 'rep', sub, min, max, lazy, rep: counted };
    this.cur.push(node);
    checkSize(node, s);
    if (counted && (min >= 2 || max >= 2) && !checkRepeatCount(node, 1000)) {
      throw new Re2SyntaxError(RE2_ERRORS.repeatSize, s.slice(opStart, after));
    }
    this.i = after;
  }

  private escape(): void {
    const s = this.s;
    const next = s[this.i + 1];
    if (next !== undefined && Object.hasOwn(ASSERTIONS, next)) {
      this.cur.push({ k: 'assert', js: ASSERTIONS[next]! });
      this.i += 2;
    } else if (next === 'C') {
      throw new Re2SyntaxError(RE2_ERRORS.escape, '\\C');
    } else if (next === 'Q') {
      // \Q...\E: literals up to \E or the end, each on its own (so `\Qab\E*` repeats only b).
      const close = s.indexOf('\\E', this.i + 2);
      const end = close < 0 ? s.length : close;
      for (let j = this.i + 2; j < end;) {
        const [cp, len] = this.cpAt(j);
        this.literal(cp);
        j += len;
      }
      this.i = close < 0 ? s.length : close + 2;
    } else if (next === 'p' || next === 'P') {
      const cls = new CharClass();
      this.i = this.unicodeClass(this.i, cls);
      this.cur.push({ k: 'class', cls, negated: false });
    } else if (next !== undefined && Object.hasOwn(PERL_GROUPS, next)) {
      const cls = new CharClass();
      cls.addGroup(PERL_GROUPS[next]!, this.flags.i);
      this.cur.push({ k: 'class', cls, negated: false });
      this.i += 2;
    } else {
      const [cp, end] = this.parseEscape(this.i);
      this.literal(cp);
      this.i = end;
    }
  }

  /** A single-character escape at i (`\n`, `\x{41}`, `\101`, `\.`): its code point and end. */
  private parseEscape(i: number): [number, number] {
    const s = this.s;
    if (i + 1 >= s.length) throw new Re2SyntaxError(RE2_ERRORS.trailingBackslash, '');
    const [c, len] = this.cpAt(i + 1);
    let j = i + 1 + len;
    const bad = (): Re2SyntaxError => new Re2SyntaxError(RE2_ERRORS.escape, s.slice(i, j));
    const ch = String.fromCodePoint(c);
    const isOctal = (k: number): boolean => s[k] !== undefined && s[k]! >= '0' && s[k]! <= '7';
    if (c < 0x80 && !/[0-9A-Za-z]/.test(ch)) return [c, j];
    if (ch >= '0' && ch <= '7') {
      // \1-\7 alone would be backreferences (unsupported); with more octal digits, or after \0, octal.
      if (ch !== '0' && !isOctal(j)) throw bad();
      let v = c - 0x30;
      for (let n = 1; n < 3 && isOctal(j); n++, j++) v = v * 8 + s.charCodeAt(j) - 0x30;
      return [v, j];
    }
    if (Object.hasOwn(CONTROLS, ch)) return [CONTROLS[ch]!, j];
    if (ch !== 'x' || j >= s.length) throw bad();
    const hex = (k: number): number => {
      const m = /^[0-9A-Fa-f]$/.exec(s[k] ?? '');
      return m === null ? -1 : parseInt(m[0], 16);
    };
    if (s[j] === '{') {
      j++;
      let v = 0;
      let digits = 0;
      for (;;) {
        if (j >= s.length) throw bad();
        const [d, dlen] = this.cpAt(j);
        j += dlen;
        if (d === 0x7d) break;
        const h = hex(j - dlen);
        if (dlen !== 1 || h < 0) throw bad();
        v = v * 16 + h;
        if (v > 0x10ffff) throw bad();
        digits++;
      }
      if (digits === 0) throw bad();
      return [v, j];
    }
    const x = hex(j);
    j += this.cpAt(j)[1];
    const y = j < s.length ? hex(j) : -1;
    if (j < s.length) j += this.cpAt(j)[1];
    if (x < 0 || y < 0) throw bad();
    return [x * 16 + y, j];
  }

  /** `\pL`, `\p{Greek}`, `\P{^Lu}` at i, added to cls; returns where it ends. */
  private unicodeClass(i: number, cls: CharClass): number {
    const s = this.s;
    let negated = s[i + 1] === 'P';
    let end: number;
    let name: string;
    if (i + 2 >= s.length) {
      end = i + 2;
      name = '';
    } else if (s[i + 2] !== '{') {
      end = i + 2 + this.cpAt(i + 2)[1];
      name = s.slice(i + 2, end);
    } else {
      const close = s.indexOf('}', i);
      if (close < 0) throw new Re2SyntaxError(RE2_ERRORS.charRange, s.slice(i));
      end = close + 1;
      name = s.slice(i + 3, close);
    }
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    const g = unicodeGroup(name, this.flags.i);
    if (g === null) throw new Re2SyntaxError(RE2_ERRORS.charRange, s.slice(i, end));
    cls.addUnicode(g, negated);
    return end;
  }

  /** `[...]` at this.i: ranges, escapes, `[:alpha:]`, `\pL`, `\d`; `]` first and `-` at either end are literal. */
  private parseClass(): void {
    const s = this.s;
    const start = this.i;
    const fold = this.flags.i;
    const cls = new CharClass();
    let t = start + 1;
    const negated = s[t] === '^';
    if (negated) t++;
    for (let first = true; t >= s.length || s[t] !== ']' || first; first = false) {
      if (s.length - t > 2 && s[t] === '[' && s[t + 1] === ':') {
        const close = s.indexOf(':]', t + 2);
        if (close >= 0) {
          const g = posixGroup(s.slice(t, close + 2));
          if (g === undefined) throw new Re2SyntaxError(RE2_ERRORS.charRange, s.slice(t, close + 2));
          cls.addGroup(g, fold);
          t = close + 2;
          continue;
        }
      }
      if (s[t] === '\\' && (s[t + 1] === 'p' || s[t + 1] === 'P')) {
        t = this.unicodeClass(t, cls);
        continue;
      }
      if (s[t] === '\\' && s[t + 1] !== undefined && Object.hasOwn(PERL_GROUPS, s[t + 1]!)) {
        cls.addGroup(PERL_GROUPS[s[t + 1]!]!, fold);
        t += 2;
        continue;
      }
      const from = t;
      let lo: number;
      [lo, t] = this.classChar(t, start);
      let hi = lo;
      if (s.length - t >= 2 && s[t] === '-' && s[t + 1] !== ']') {
        [hi, t] = this.classChar(t + 1, start);
        if (hi < lo) throw new Re2SyntaxError(RE2_ERRORS.charRange, s.slice(from, t));
      }
      cls.addRange(lo, hi, fold);
    }
    this.i = t + 1;
    this.cur.push({ k: 'class', cls, negated });
  }

  private classChar(t: number, classStart: number): [number, number] {
    if (t >= this.s.length) throw new Re2SyntaxError(RE2_ERRORS.bracket, this.s.slice(classStart));
    if (this.s[t] === '\\') return this.parseEscape(t);
    const [cp, len] = this.cpAt(t);
    return [cp, t + len];
  }
}

/** Parses a Go regexp; throws {@link Re2SyntaxError} with Go's message where Go's regexp.Compile fails. */
export function parseRe2(pattern: string): Re2Group {
  return new Parser(pattern).parse();
}
