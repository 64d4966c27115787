/**
 * Collapsed ("folded") stacks, the input format of flamegraph.pl and inferno:
 * one line per unique stack, `outermost;caller;leaf value`, the value being
 * the signed sum of the samples with exactly that stack. Lines are sorted by
 * stack (byte order), so the output is deterministic. With --mean (pprof's
 * -mean) a line's value is that sum divided by the stack's sample count (the
 * sum of the first value column over the same samples, truncated as Go's
 * integer division; the sum itself when the count is 0), as `-traces -mean`
 * divides each sample: the same stacks are listed, with means for values.
 */

import type { Profile } from '../model/profile.js';
import { buildCallTreeOfView, treeSelfValues, type CallTree, type TreeSelfValues } from '../query/call-tree.js';
import { printableName } from '../query/nodes.js';
import type { QueryOptions } from '../query/options.js';
import { prepareView, type QueryView } from '../query/view.js';
import { compareGoStrings } from '../query/strings.js';
import { DEFAULT_CHUNK_CHARS } from '../defaults.js';

/** One line of folded output. */
export interface FoldedStack {
  /** Frame names, outermost caller first. */
  readonly frames: readonly string[];
  /** Signed sum of the values of the samples with this stack, exact (with `mean`, divided by their count). */
  readonly value: bigint;
}

/** Stands for samples that have no frame at all, which the format cannot express otherwise. */
export const NO_STACK_FRAME = '[no stack]';

/**
 * A frame name made safe for the format: `;` separates frames and a line
 * ends the record, so they are replaced (by `:` and a space).
 */
export function foldedFrameName(name: string): string {
  return name.replace(/;/g, ':').replace(/[\r\n\u2028\u2029]/g, ' ');
}

/** The folded stacks of a profile for one sample type, sorted by stack. Throws PprofError. */
export function foldedStacks(profile: Profile, options: QueryOptions = {}): FoldedStack[] {
  return foldedLines(profile, options).map(([stack, value]) => ({ frames: stack.split(';'), value }));
}

/** The folded text of a profile for one sample type (what `pprof-ts folded` prints). Throws PprofError. */
export function foldedText(profile: Profile, options: QueryOptions = {}): string {
  return foldedLines(profile, options).map(([stack, value]) => `${stack} ${value}\n`).join('');
}

/**
 * The two-column differential form of flamegraph.pl's difffolded.pl:
 * `stack base new` per line, for the stacks of either side (0 where a side
 * lacks the stack), sorted by stack. Throws PprofError.
 */
export function foldedDiffText(base: Profile, current: Profile, options: QueryOptions = {}): string {
  return [...foldedDiffChunks(base, current, options)].join('');
}

/** The lines of foldedDiffText as [stack, base value, new value], in its order. Throws PprofError. */
export function foldedDiffRows(base: Profile, current: Profile, options: QueryOptions = {}): [string, bigint, bigint][] {
  return [...foldedDiffEntries(base, current, options)];
}

/**
 * The lines of foldedDiffText, each made only when iterated: the two sides'
 * folded lines come sorted by stack, so they are joined in one pass, as a
 * merge of two sorted lists, and never held. Throws PprofError.
 */
export function* foldedDiffEntries(base: Profile, current: Profile, options: QueryOptions = {}): Generator<[string, bigint, bigint]> {
  const b = foldedSide(prepareView(base, options));
  const c = foldedSide(prepareView(current, options));
  // Both sides are in Go's byte order of the stacks; the engine's order is the same unless a name has
  // characters from U+D800 up (see sortedStackNodes).
  const cmp = b.native && c.native ? (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0) : compareGoStrings;
  let x = b.entries.next();
  let y = c.entries.next();
  while (!x.done || !y.done) {
    const order = x.done ? 1 : y.done ? -1 : cmp(x.value[0], y.value[0]);
    if (order < 0) {
      yield [x.value![0], x.value![1], 0n];
      x = b.entries.next();
    } else if (order > 0) {
      yield [y.value![0], 0n, y.value![1]];
      y = c.entries.next();
    } else {
      yield [x.value![0], x.value![1], y.value![1]];
      x = b.entries.next();
      y = c.entries.next();
    }
  }
}

/** foldedDiffText in pieces of about `chunkBytes` characters, for writing as it is produced. Throws PprofError. */
export function foldedDiffChunks(base: Profile, current: Profile, options: QueryOptions = {}, chunkBytes = DEFAULT_CHUNK_CHARS): Generator<string> {
  return inPieces(foldedDiffEntries(base, current, options), ([key, b, n]) => `${key} ${b} ${n}\n`, chunkBytes);
}

/** Lines made from `items`, joined into pieces of about `chunkBytes` characters as they come. */
function* inPieces<T>(items: Iterable<T>, line: (item: T) => string, chunkBytes: number): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  for (const item of items) {
    const text = line(item);
    parts.push(text);
    size += text.length;
    if (size >= chunkBytes) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}

/**
 * The folded text in pieces of about `chunkBytes` characters, for writing as
 * it is produced. Unlike foldedText it never holds every line (see
 * foldedEntriesOfView), so memory stays at the size of the call tree, not of
 * the output (which for a big profile exceeds the engine's string limit and
 * a modest heap). Same text as foldedText. Throws PprofError.
 */
export function* foldedChunks(profile: Profile, options: QueryOptions = {}, chunkBytes = DEFAULT_CHUNK_CHARS): Generator<string> {
  // A generator itself: the view (and its errors) come when the first piece is asked for, as before.
  yield* inPieces(foldedEntriesOfView(prepareView(profile, options)), ([key, value]) => `${key} ${value}\n`, chunkBytes);
}

/** The folded lines of one sample type, made one at a time (see foldedEntries). */
export interface FoldedEntries {
  readonly sampleType: string;
  readonly unit: string;
  /** Values are means (--mean). */
  readonly mean: boolean;
  /** [stack, value] pairs in the text's order: the stack as printed (frames joined by ';'). */
  readonly entries: Iterable<[string, bigint]>;
}

/**
 * The folded lines as data, in the same order and with the same values as
 * the text, each made only when iterated (for `folded --json`). Throws PprofError.
 */
export function foldedEntries(profile: Profile, options: QueryOptions = {}): FoldedEntries {
  const view = prepareView(profile, options);
  const st = view.profile.sampleTypes[view.sampleIndex]!;
  return { sampleType: st.type, unit: st.unit, mean: view.mean, entries: foldedEntriesOfView(view) };
}

/**
 * The folded lines of a view as [stack, value] pairs, in order, each made
 * only when asked for: the stacks are sorted as tree nodes (see
 * sortedStackNodes) and each stack string is built only when reached.
 */
function foldedEntriesOfView(view: QueryView): Generator<[string, bigint]> {
  return foldedSide(view).entries;
}

/** A view's folded lines (see foldedEntriesOfView), and whether the engine's string order is Go's for them. */
function foldedSide(view: QueryView): { entries: Generator<[string, bigint]>; native: boolean } {
  const tree = buildCallTreeOfView(view, 'callees');
  const values = treeSelfValues(view.profile, tree, view.sampleIndex);
  const counts = view.mean ? treeSelfValues(view.profile, tree, 0) : null;
  const names = tree.nodes.infos.map((info) => foldedFrameName(printableName(info)));
  const keyOf = (i: number): string => {
    if (i === 0) return NO_STACK_FRAME;
    const frames: string[] = [];
    for (let at = i; at > 0; at = tree.parent[at]!) frames.push(names[tree.frame[at]!]!);
    return frames.reverse().join(';');
  };
  const order = sortedStackNodes(tree, values, names, keyOf);
  return { entries: foldedLinesOf(order, keyOf, values, counts), native: names.every((n) => !/[\ud800-\uffff]/.test(n)) };
}

/** The lines of the stack nodes in `order`: equal stacks summed, zero sums left out. */
function* foldedLinesOf(
  order: Int32Array, keyOf: (i: number) => string, values: TreeSelfValues, counts: TreeSelfValues | null,
): Generator<[string, bigint]> {
  let k = 0;
  let next = order.length > 0 ? keyOf(order[0]!) : '';
  while (k < order.length) {
    const key = next;
    let value = values.selfOf(order[k]!);
    let count = counts?.selfOf(order[k]!) ?? 0n;
    // Nodes whose stacks print the same (names equal after folding) are one line, and adjacent. Each
    // stack is built once (a line of a deep stack is kilobytes), and the one that ends a line starts the next.
    for (;;) {
      next = k + 1 < order.length ? keyOf(order[k + 1]!) : '';
      if (k + 1 >= order.length || next !== key) break;
      value += values.selfOf(order[++k]!);
      if (counts !== null) count += counts.selfOf(order[k]!);
    }
    k++;
    if (value !== 0n) yield [key, meanOf(value, count)];
  }
}

/**
 * Tree nodes with a nonzero self value, in the order of their folded stack
 * strings, compared without building them: two nodes are compared at the
 * children of their lowest common ancestor. An ancestor's stack is a prefix
 * of its descendant's, so it sorts first; otherwise the two sibling names are
 * compared, each followed by ';' when the stack goes on below it (names hold
 * no ';'), which is exactly where the two strings first differ. Siblings with
 * equal names (and the root's "[no stack]") fall back to the built strings.
 */
function sortedStackNodes(
  tree: CallTree, values: TreeSelfValues, names: readonly string[], keyOf: (i: number) => string,
): Int32Array {
  const parent = tree.parent;
  const depth = new Int32Array(tree.size);
  for (let i = 1; i < tree.size; i++) depth[i] = depth[parent[i]!]! + 1;
  const picked: number[] = [];
  for (let i = 0; i < tree.size; i++) if (values.self[i] !== 0) picked.push(i);
  const native = names.every((n) => !/[\ud800-\uffff]/.test(n));
  const cmpStr = native ? (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0) : compareGoStrings;
  const cmp = (a: number, b: number): number => {
    if (a === b) return 0;
    if (a === 0 || b === 0) return cmpStr(keyOf(a), keyOf(b));
    let x = a;
    let y = b;
    let xa = -1;
    let ya = -1;
    while (depth[x]! > depth[y]!) { xa = x; x = parent[x]!; }
    while (depth[y]! > depth[x]!) { ya = y; y = parent[y]!; }
    while (x !== y) { xa = x; ya = y; x = parent[x]!; y = parent[y]!; }
    if (xa === -1) return -1; // a is an ancestor of b
    if (ya === -1) return 1;
    const na = names[tree.frame[xa]!]!;
    const nb = names[tree.frame[ya]!]!;
    if (na === nb) return cmpStr(keyOf(a), keyOf(b));
    return cmpStr(a === xa ? na : `${na};`, b === ya ? nb : `${nb};`);
  };
  return Int32Array.from(picked.sort(cmp));
}

/** [stack, value] per unique stack with a nonzero value, sorted by stack. */
function foldedLines(profile: Profile, options: QueryOptions): Array<[string, bigint]> {
  const view = prepareView(profile, options);
  const tree = buildCallTreeOfView(view, 'callees');
  const values = treeSelfValues(view.profile, tree, view.sampleIndex);
  const counts = view.mean ? treeSelfValues(view.profile, tree, 0) : null;
  const names = tree.nodes.infos.map((info) => foldedFrameName(printableName(info)));
  const byStack = new Map<string, bigint>();
  const countOf = new Map<string, bigint>();
  const frames: string[] = [];
  for (let i = 0; i < tree.size; i++) {
    if (values.self[i] === 0) continue; // the float view is nonzero whenever the exact value is
    frames.length = 0;
    for (let at = i; at > 0; at = tree.parent[at]!) frames.push(names[tree.frame[at]!]!);
    frames.reverse();
    // Frames that differ only in characters the format cannot carry end up on one line.
    const key = frames.length === 0 ? NO_STACK_FRAME : frames.join(';');
    byStack.set(key, (byStack.get(key) ?? 0n) + values.selfOf(i));
    if (counts !== null) countOf.set(key, (countOf.get(key) ?? 0n) + counts.selfOf(i));
  }
  const lines = [...byStack.entries()].filter(([, v]) => v !== 0n);
  if (counts !== null) for (const line of lines) line[1] = meanOf(line[1], countOf.get(line[0]) ?? 0n);
  // Stacks share long prefixes; the engine's string order is much faster than a
  // character loop and equals Go's byte order unless a stack has characters from U+D800 up.
  const native = lines.every(([k]) => !/[\ud800-\uffff]/.test(k));
  return lines.sort(native ? (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0) : (a, b) => compareGoStrings(a[0], b[0]));
}

/** pprof's -mean: a value divided by its sample count, truncating toward zero; the value itself for a zero count. */
function meanOf(value: bigint, count: bigint): bigint {
  return count !== 0n ? value / count : value;
}

/** Folded stacks as text, one `a;b;c value` line each. */
export function renderFolded(stacks: readonly FoldedStack[]): string {
  let out = '';
  for (const s of stacks) out += `${s.frames.join(';')} ${s.value}\n`;
  return out;
}
