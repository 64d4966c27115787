/**
 * Collapsed ("folded") stacks, the input format of flamegraph.pl and inferno:
 * one line per unique stack, `outermost;caller;leaf value`, the value being
 * the signed sum of the samples with exactly that stack. Lines are sorted by
 * stack (byte order), so the output is deterministic.
 */

import type { Profile } from '../model/profile.js';
import { buildCallTreeOfView, treeValues } from '../query/call-tree.js';
import { printableName } from '../query/nodes.js';
import type { QueryOptions } from '../query/options.js';
import { prepareView } from '../query/view.js';
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
 * The two-column differential form of flamegraph.pl's difffolded.pl:
 * `stack base new` per line, for the stacks of either side (0 where a side
 * lacks the stack), sorted by stack. Throws PprofError.
 */
export function foldedDiffText(base: Profile, current: Profile, options: QueryOptions = {}): string {
  const both = new Map<string, [bigint, bigint]>();
  for (const [stack, v] of foldedLines(base, options)) both.set(stack, [v, 0n]);
  for (const [stack, v] of foldedLines(current, options)) {
    const e = both.get(stack);
    if (e === undefined) both.set(stack, [0n, v]);
    else e[1] = v;
  }
  const keys = [...both.keys()].sort(compareGoStrings);
  return keys.map((k) => `${k} ${both.get(k)![0]} ${both.get(k)![1]}\n`).join('');
}

/** [stack, value] per unique stack with a nonzero value, sorted by stack. */
function foldedLines(profile: Profile, options: QueryOptions): Array<[string, bigint]> {
  const view = prepareView(profile, options);
  const tree = buildCallTreeOfView(view, 'callees');
  const values = treeValues(view.profile, tree, view.sampleIndex);
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
