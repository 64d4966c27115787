/**
 * `pprof-ts folded --json`: the folded stacks as JSON, written piece by piece
 * while the stacks are made (a big profile's do not fit in one string).
 */

import type { FoldedEntries } from '../../render/folded.js';
import type { Profile } from '../../model/profile.js';
import { jsonInt } from '../json.js';
import { jsonChunks, lazyArray } from '../json-stream.js';

/**
 * `{ sampleType, unit, mean, stacks: [{ frames, value }] }`: frames outermost
 * first, values exact (past 2^53 as decimal strings), in the text's order.
 */
export function foldedJsonChunks(f: FoldedEntries): Iterable<string> {
  return jsonChunks({
    sampleType: f.sampleType, unit: f.unit, mean: f.mean,
    stacks: lazyArray(f.entries, ([stack, value]) => ({ frames: stack.split(';'), value: jsonInt(value) })),
  });
}

/**
 * `folded --json --diff-base`: `{ sampleType, unit, stacks: [{ frames, base, new }] }`,
 * the rows of difffolded's two-column form (0 where a side lacks the stack),
 * each written as it is made.
 */
export function foldedDiffJson(current: Profile, rows: Iterable<[string, bigint, bigint]>, sampleIndex: number): Iterable<string> {
  const st = current.sampleTypes[sampleIndex]!;
  return jsonChunks({
    sampleType: st.type, unit: st.unit,
    stacks: lazyArray(rows, ([stack, b, n]) => ({ frames: stack.split(';'), base: jsonInt(b), new: jsonInt(n) })),
  });
}
