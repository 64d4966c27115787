/**
 * Importer that turns a goroutine dump (debug=2) into a goroutine count
 * profile, so `top` and the API work on dumps as on the protobuf
 * `goroutine` profile: sample type goroutine/count, one sample per distinct
 * stack with the number of goroutines on it.
 *
 * Dumps print no program counters, so locations have address 0 and are told
 * apart by their source positions. Inlined frames (printed without a pc
 * offset) are attached to the physical frame that follows them, as one
 * location with several lines, like the protobuf's. Wait times, states and
 * `created by` are not part of a count profile; `pprof-ts goroutines` and
 * `groupGoroutines` report them.
 */

import type { DecodedProfile } from '../types.js';
import { ProfileAssembler, type TextLocation } from './assemble.js';
import type { DumpFrame, GoroutineDump } from './goroutine-dump.js';

/** Builds the goroutine count profile of a parsed dump; warnings become profile comments. */
export function dumpToProfile(dump: GoroutineDump): DecodedProfile {
  const type = { type: 'goroutine', unit: 'count' };
  const asm = new ProfileAssembler({ sampleTypes: [type], periodType: type, period: 1n });
  const stacks = new Map<string, { stack: TextLocation[]; count: bigint }>();
  for (const g of dump.goroutines) {
    const stack = locationsOf(g.frames);
    const key = JSON.stringify(stack.map((l) => l.lines));
    const entry = stacks.get(key);
    if (entry === undefined) stacks.set(key, { stack, count: 1n });
    else entry.count++;
  }
  // Insertion order follows the dump, so the profile is the same for the same input.
  for (const { stack, count } of stacks.values()) asm.addSample(stack, [count]);
  for (const w of dump.warnings) asm.addComment(w);
  return asm.finish();
}

/** Groups frames into locations: inlined frames join the next physical frame. */
function locationsOf(frames: readonly DumpFrame[]): TextLocation[] {
  const out: TextLocation[] = [];
  let pending: TextLocation = { address: 0n, lines: [] };
  for (const f of frames) {
    pending.lines.push({ name: f.function, file: f.file, line: f.line });
    if (!f.inlined) {
      out.push(pending);
      pending = { address: 0n, lines: [] };
    }
  }
  // Inlined frames with no physical frame after them (an elided stack) still form a location.
  if (pending.lines.length > 0) out.push(pending);
  return out;
}
