/**
 * Choosing which sample value a report uses, with pprof's rules: a number is
 * an index, a name matches a sample type (an `inuse_` prefix may be omitted
 * by the profile), nothing means the default sample type, else the last.
 */

import { PprofError } from '../errors.js';
import type { Profile } from '../model/profile.js';

/** Resolves a sample index option to a column number. Throws PprofError 'bad-option'. */
export function resolveSampleIndex(profile: Profile, choice: string | number | undefined): number {
  const types = profile.sampleTypes;
  if (types.length === 0) throw new PprofError('bad-option', 'profile has no samples (no sample types)');
  const names = types.map((t) => t.type);
  if (choice === undefined || choice === '') {
    const d = profile.defaultSampleType;
    if (d !== '') {
      const i = names.indexOf(d);
      if (i >= 0) return i;
    }
    return types.length - 1;
  }
  const asText = String(choice);
  if (/^[+-]?\d+$/.test(asText)) {
    const i = Number(asText);
    if (i < 0 || i >= types.length) {
      throw new PprofError('bad-option', `sample_index ${asText} is outside the range [0..${types.length - 1}]`);
    }
    return i;
  }
  // Older heap profiles name their types "space"/"objects"; pprof accepts the inuse_ spelling for them.
  const withoutInuse = asText.startsWith('inuse_') ? asText.slice('inuse_'.length) : asText;
  const i = names.findIndex((n) => n === asText || n === withoutInuse);
  if (i < 0) {
    throw new PprofError('bad-option', `sample_index ${JSON.stringify(asText)} must be one of: [${names.join(' ')}]`);
  }
  return i;
}
