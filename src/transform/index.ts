/**
 * Transforms of whole profiles: merge, scale/negate, diff (pprof's -base and
 * -diff_base, -normalize), and the report total that honours diff bases.
 */

export { mergeProfiles, checkCompatible } from './merge.js';
export { scaleProfile, negateProfile } from './scale.js';
export { diffProfiles, normalizeProfile, type BaseMode, type DiffOptions } from './diff.js';
export { setLabel, diffBaseMask, DIFF_BASE_LABEL } from './labels.js';
export { reportTotal } from './total.js';
