/**
 * Warnings from reading a profile whose data is inconsistent but usable
 * (pprof reads it without a word; pprof-ts reads it too and says what is
 * off). They travel in the profile's comments with a fixed prefix, so the
 * model needs no new field. The prefix starts with `#`: like pprof, report
 * headers leave such comments out, so reports stay equal to pprof's, and
 * the CLI prints the warnings on stderr instead.
 */

import type { Profile } from '../../model/profile.js';

/** Prefix of the profile comments that carry reading warnings. */
export const WARNING_PREFIX = '# pprof-ts warning: ';

/** The reading warnings of a profile (comments with {@link WARNING_PREFIX}), prefix removed. */
export function readingWarnings(profile: Pick<Profile, 'comments'>): string[] {
  return profile.comments.filter((c) => c.startsWith(WARNING_PREFIX)).map((c) => c.slice(WARNING_PREFIX.length));
}
