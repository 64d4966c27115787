/**
 * Old Go text profiles (debug=1 before frame lines were printed, or with
 * them stripped) as pprof reads them: when no record has `#` frame lines,
 * each record `<values> @ <pcs>` still has a stack, made of bare addresses
 * (before, such a file read as samples with empty stacks: an empty table
 * under a correct total). pprof moves each
 * pc back one byte onto its call instruction (they are return addresses),
 * and so does this module. Used by decode/text/count.ts and heap.ts.
 */

import type { TextLocation } from '../text/assemble.js';

/**
 * The stack of a record: its frame lines' locations when the file prints
 * frame lines at all (`framed`: current runtimes do, and a record there
 * without them is one whose only frame, runtime.goexit, is never printed);
 * in a file with none, one location per listed address, moved back one
 * byte, with no name.
 */
export function recordStack(stack: TextLocation[], addresses: readonly bigint[], framed: boolean): TextLocation[] {
  if (framed || addresses.length === 0) return stack;
  return addresses.map((a) => ({ address: BigInt.asUintN(64, a - 1n), lines: [] }));
}
