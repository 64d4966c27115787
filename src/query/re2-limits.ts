/**
 * The limits Go's regexp parser puts on a parsed pattern, checked on the
 * translator's tree (re2.ts): nested counted repetitions may not make more
 * than 1000 copies of anything (exact), a repetition may not compile to
 * more than Go's instruction budget, and the tree may not be more than 1000
 * levels deep. The last two are measured on our tree, which is Go's before
 * its simplifications (merged alternatives, factored prefixes), so they can
 * only be stricter than Go's, and only for patterns thousands of operators
 * long.
 */

import { RE2_ERRORS, Re2SyntaxError, type Re2Node } from './re2-ast.js';

/** Go's budget: 128 MiB of 40-byte instructions. */
const MAX_SIZE = Math.floor((128 << 20) / 40);
const MAX_HEIGHT = 1000;

function children(n: Re2Node): readonly Re2Node[] {
  if (n.k === 'rep') return [n.sub];
  if (n.k === 'group') return n.alts.flat();
  return [];
}

/**
 * Whether the counted repetitions in n stay within `budget` copies of their
 * innermost operand: `(a{10}){200}` is 2000, refused; `{0}` discards its operand.
 */
export function checkRepeatCount(n: Re2Node, budget: number): boolean {
  let left = budget;
  if (n.k === 'rep' && n.rep) {
    const m = n.max < 0 ? n.min : n.max;
    if (n.max === 0) return true;
    if (m > left) return false;
    if (m > 0) left = Math.floor(left / m);
  }
  return children(n).every((c) => checkRepeatCount(c, left));
}

const sizes = new WeakMap<Re2Node, number>();

/** Instructions n compiles to, as Go estimates them. */
function size(n: Re2Node): number {
  const known = sizes.get(n);
  if (known !== undefined) return known;
  let s = 1;
  if (n.k === 'group') {
    const alts = n.alts.map((alt) => Math.max(1, alt.reduce((sum, x) => sum + size(x), 0)));
    s = alts.reduce((a, b) => a + b, 0) + alts.length - 1 + (n.cap ? 2 : 0);
  } else if (n.k === 'rep') {
    // x* = 2 + x, x+ = 1 + x, x{n,} = 1 + n*x, x{n,m} = m*x + (m-n): * + ? are the same formulas.
    const sub = size(n.sub);
    s = n.max === -1 ? (n.min === 0 ? 2 + sub : 1 + n.min * sub) : n.max * sub + (n.max - n.min);
  }
  s = Math.max(1, s);
  sizes.set(n, s);
  return s;
}

/** Refuses a repetition Go finds too large to compile ("regexp/syntax: internal error"). */
export function checkSize(rep: Re2Node, pattern: string): void {
  if (size(rep) > MAX_SIZE) throw new Re2SyntaxError(RE2_ERRORS.tooLarge, pattern);
}

/** Concatenations of one alternative, with non-capturing groups spliced in as Go flattens them. */
function alternatives(alts: readonly (readonly Re2Node[])[]): (readonly Re2Node[])[] {
  const out: (readonly Re2Node[])[] = [];
  for (const alt of alts) {
    const only = alt.length === 1 ? alt[0]! : null;
    if (only !== null && only.k === 'group' && !only.cap && only.alts.length > 1) out.push(...alternatives(only.alts));
    else out.push(alt);
  }
  return out;
}

function items(alt: readonly Re2Node[]): Re2Node[] {
  const out: Re2Node[] = [];
  for (const x of alt) {
    if (x.k === 'group' && !x.cap && x.alts.length === 1) out.push(...items(x.alts[0]!));
    else if (!(x.k === 'lit' && out.length > 0 && out[out.length - 1]!.k === 'lit')) out.push(x); // a run of literals is one node
  }
  return out;
}

function altsHeight(alts: readonly (readonly Re2Node[])[]): number {
  const list = alternatives(alts);
  if (list.length === 1) return concatHeight(list[0]!);
  return 1 + Math.max(...list.map(concatHeight));
}

function concatHeight(alt: readonly Re2Node[]): number {
  const list = items(alt);
  if (list.length === 0) return 1;
  if (list.length === 1) return height(list[0]!);
  return 1 + Math.max(...list.map(height));
}

function height(n: Re2Node): number {
  if (n.k === 'rep') return 1 + height(n.sub);
  if (n.k === 'group') return (n.cap ? 1 : 0) + altsHeight(n.alts);
  return 1;
}

/** Refuses a tree deeper than Go allows ("expression nests too deeply"). */
export function checkHeight(root: Re2Node, pattern: string): void {
  if (height(root) > MAX_HEIGHT) throw new Re2SyntaxError(RE2_ERRORS.nesting, pattern);
}
