/**
 * Collapsed ("folded") stacks, the input format of flamegraph.pl and inferno:
 * one line per unique stack, `outermost;caller;leaf value`, the value being
 * the signed sum of the samples with exactly that stack. Lines are sorted by
 * stack (byte order), so the output is deterministic.
 */

import type { Profile } from '../model/profile.js';
import { buildCallTree, treeValues } from '../query/call-tree.js';
import { printableName } from '../query/nodes.js';
import type { QueryOptions } from '../query/options.js';
import { resolveSampleIndex } from '../query/sample-index.js';
import { compareGoStrings } from '../query/strings.js';

/** One line of folded output. */
export interface FoldedStack {
  /** Frame names, outermost caller first. */
  readonly frames: readonly string[];
  /** Signed sum of the values of the samples with this stack, exact. */
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
 * The folded text in pieces of about `chunkBytes` characters, for writing as
 * it is produced: one string of a big profile's output can exceed the
 * engine's string length limit ("Invalid string length"). Throws PprofError.
 */
export function* foldedChunks(profile: Profile, options: QueryOptions = {}, chunkBytes = 1 << 20): Generator<string> {
  const lines = foldedLines(profile, options);
  let parts: string[] = [];
  let size = 0;
  for (let i = 0; i < lines.length; i++) {
    const [stack, value] = lines[i]!;
    const line = `${stack} ${value}\n`;
    lines[i] = undefined as unknown as [string, bigint]; // let the stack string go once written
    parts.push(line);
    size += line.length;
    if (size >= chunkBytes) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}

/** [stack, value] per unique stack with a nonzero value, sorted by stack. */
function foldedLines(profile: Profile, options: QueryOptions): Array<[string, bigint]> {
  const sampleIndex = resolveSampleIndex(profile, options.sampleIndex);
  const tree = buildCallTree(profile, options, 'callees');
  const values = treeValues(profile, tree, sampleIndex);
  const names = tree.nodes.infos.map((info) => foldedFrameName(printableName(info)));
  const byStack = new Map<string, bigint>();
  const frames: string[] = [];
  for (let i = 0; i < tree.size; i++) {
    if (values.self[i] === 0) continue; // the float view is nonzero whenever the exact value is
    frames.length = 0;
    for (let at = i; at > 0; at = tree.parent[at]!) frames.push(names[tree.frame[at]!]!);
    frames.reverse();
    // Frames that differ only in characters the format cannot carry end up on one line.
    const key = frames.length === 0 ? NO_STACK_FRAME : frames.join(';');
    byStack.set(key, (byStack.get(key) ?? 0n) + values.selfOf(i));
  }
  const lines = [...byStack.entries()].filter(([, v]) => v !== 0n);
  // Stacks share long prefixes; the engine's string order is much faster than a
  // character loop and equals Go's byte order unless a stack has characters from U+D800 up.
  const native = lines.every(([k]) => !/[\ud800-\uffff]/.test(k));
  return lines.sort(native ? (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0) : (a, b) => compareGoStrings(a[0], b[0]));
}

/** Folded stacks as text, one `a;b;c value` line each. */
export function renderFolded(stacks: readonly FoldedStack[]): string {
  let out = '';
  for (const s of stacks) out += `${s.frames.join(';')} ${s.value}\n`;
  return out;
}
