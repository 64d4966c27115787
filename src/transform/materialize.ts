/**
 * Materializes a filtered view back into a profile (what pprof writes for
 * `-proto` after `-focus`/`-ignore`/`-hide`/`-show`): samples the filters
 * drop are left out, hidden lines are removed from their locations, and a
 * location left without lines disappears from the stacks it was in.
 */

import { ProfileBuilder } from '../model/builder.js';
import { functionNamesOf, type Profile } from '../model/profile.js';
import type { FilterView } from '../query/filter.js';
import { headerOf, sampleLabels, sampleValues } from './copy.js';

/** The samples and frames that survive `view`, as a new profile. */
export function materialize(p: Profile, view: FilterView): Profile {
  const b = new ProfileBuilder(headerOf(p));
  for (const m of p.mappings) b.mapping(m);
  const functionIds = p.functions.map((f) => b.function(f));
  const locationIds = new Map<number, bigint>();
  const locationId = (li: number): bigint => {
    let id = locationIds.get(li);
    if (id === undefined) {
      const l = p.locations[li]!;
      id = b.location({
        mappingId: l.mapping === null ? null : b.mapping(l.mapping),
        address: l.address,
        isFolded: l.isFolded,
        lines: view.locationLines[li]!.map((ln) => ({ functionId: functionIds[ln.function.index]!, line: ln.line, column: ln.column })),
      });
      locationIds.set(li, id);
    }
    return id;
  };
  const s = p.samples;
  for (let i = 0; i < s.count; i++) {
    if (view.keep !== null && view.keep[i] !== 1) continue;
    const stack: bigint[] = [];
    for (let k = s.locationOffsets[i]!; k < s.locationOffsets[i + 1]!; k++) {
      const li = s.locationIndices[k]!;
      if (view.hidden !== null && view.hidden[li] === 1) continue;
      stack.push(locationId(li));
    }
    b.addSample(stack, sampleValues(s, i), sampleLabels(s, i));
  }
  return b.build(functionNamesOf(p));
}
