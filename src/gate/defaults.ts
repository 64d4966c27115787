/**
 * Defaults of the gate commands (`check`, `diff`), in one place. Kept beside
 * the gate until the lead folds them into src/defaults.ts.
 */

/** `diff --threshold`: a regression is a share increase of at least 10% of the base share. */
export const DEFAULT_DIFF_THRESHOLD = 0.1;
/** `diff --min-share`: functions under 1% of the total in both sides are noise. */
export const DEFAULT_DIFF_MIN_SHARE = 0.01;
/** `diff --alpha`: false discovery rate of the multi-run gate. */
export const DEFAULT_GATE_ALPHA = 0.05;
/** `diff --confidence`: the bootstrap interval's confidence level. */
export const DEFAULT_GATE_CONFIDENCE = 0.95;
