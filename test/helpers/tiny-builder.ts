/**
 * Tiny synthetic profiles from frame names, for transform tests:
 * `tiny({ samples: [[[3n], 'main', 'f']] })` is one sample of value 3 whose
 * stack is main -> f (written outermost first, stored leaf first).
 */

import { ProfileBuilder, type BuilderHeader, type LabelInput } from '../../src/model/builder.js';
import type { Profile } from '../../src/model/profile.js';

/** [values, ...frames outermost first], optionally followed by labels. */
export type TinySample = [values: bigint[], ...frames: string[]] | { values: bigint[]; frames: string[]; labels: LabelInput[] };

/** A profile of the given samples; header fields default to one `samples/count` type. */
export function tiny(opts: Partial<BuilderHeader> & { samples: TinySample[] }): Profile {
  const b = new ProfileBuilder({ sampleTypes: [{ type: 'samples', unit: 'count' }], ...opts });
  for (const s of opts.samples) {
    const { values, frames, labels } = Array.isArray(s) ? { values: s[0], frames: s.slice(1) as string[], labels: [] } : s;
    const ids = frames.slice().reverse().map((name) => b.location({ lines: [{ functionId: b.function({ name }) }] }));
    b.addSample(ids, values, labels);
  }
  return b.build();
}

/** Samples as [values joined, stack outermost first joined by ;, labels] for comparisons. */
export function rows(p: Profile): string[] {
  return [...p.samples].map((s) => {
    const stack = s.locations.map((l) => l.lines.map((ln) => ln.function.name).join('+')).reverse().join(';');
    const labels = s.labels.map((l) => `${l.key}=${String(l.value)}`).join(',');
    return `${s.values.join(',')} ${stack}${labels === '' ? '' : ` {${labels}}`}`;
  });
}
