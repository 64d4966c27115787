/**
 * What the Go runtime's text writers leave out of a stack, applied to a
 * protobuf profile, so a protobuf and a text capture of the same moment can
 * be compared like for like. Written from the rules of runtime/pprof's
 * printStackRecord (debug=1) and runtime/traceback.go (debug=2), not from
 * the text importers under test.
 */

import { buildProfile, type Profile } from '../../src/model/profile.js';
import { ProfileAssembler, type TextLabel, type TextLocation } from '../../src/decode/text/assemble.js';
import type { Location } from '../../src/model/types.js';

/** One frame (a location line), leaf first. */
export interface Frame {
  name: string;
  file: string;
  line: number;
}

/** The frames of a stack, innermost first, inline frames expanded. */
export function framesOf(locations: readonly Location[]): Frame[] {
  return locations.flatMap((l) => l.lines.map((ln) => ({ name: ln.function.name, file: ln.function.filename, line: ln.line })));
}

/**
 * debug=1 (count and heap profiles): runtime.* frames at the top of the stack
 * are not printed, nor runtime.goexit anywhere; if that leaves nothing, every
 * frame but goexit is printed. Returns, per location, how many of its lines survive.
 */
function debug1Keep(locations: readonly Location[]): number[] {
  const keep = locations.map((l) => l.lines.map((ln) => ln.function.name !== 'runtime.goexit'));
  let shown = false;
  for (let i = 0; i < locations.length; i++) {
    const lines = locations[i]!.lines;
    for (let k = 0; k < lines.length; k++) {
      const name = lines[k]!.function.name;
      if (name === 'runtime.goexit') continue;
      if (!shown && name.startsWith('runtime.')) keep[i]![k] = false;
      else shown = true;
    }
  }
  if (!shown) return locations.map((l) => l.lines.filter((ln) => ln.function.name !== 'runtime.goexit').length);
  return keep.map((k) => k.filter(Boolean).length);
}

/** The protobuf profile as a debug=1 text of it would show it (hidden frames removed). */
export function debug1View(p: Profile): Profile {
  const asm = new ProfileAssembler({
    sampleTypes: p.sampleTypes.map((t) => ({ ...t })),
    periodType: p.periodType === null ? null : { ...p.periodType },
    period: p.period,
    defaultSampleType: p.defaultSampleType,
  });
  for (let i = 0; i < p.samples.count; i++) {
    const s = p.samples.get(i);
    const keep = debug1Keep(s.locations);
    const stack: TextLocation[] = [];
    s.locations.forEach((l, j) => {
      const n = keep[j]!;
      if (n === 0) return;
      // Hidden frames are the innermost ones of a location, so the kept ones are its last n lines.
      stack.push({ address: 0n, lines: l.lines.slice(l.lines.length - n).map((ln) => ({ name: ln.function.name, file: ln.function.filename, line: ln.line })) });
    });
    const labels: TextLabel[] = s.labels.map((lb) => (lb.kind === 'string'
      ? { key: lb.key, kind: 'string', value: lb.value } : { key: lb.key, kind: 'number', value: lb.value, unit: lb.unit }));
    asm.addSample(stack, s.values, labels);
  }
  return buildProfile(asm.finish());
}

/**
 * The frames a debug=2 traceback prints: unexported runtime.* functions
 * (runtime.goexit included) are hidden anywhere in the stack, exported ones
 * such as runtime.Gosched stay; when that would print nothing, every frame is printed.
 */
export function debug2Frames(frames: readonly Frame[]): Frame[] {
  const visible = frames.filter((f) => {
    if (!f.name.startsWith('runtime.')) return true;
    const c = f.name.charAt('runtime.'.length);
    return c >= 'A' && c <= 'Z';
  });
  return visible.length > 0 ? visible : [...frames];
}
