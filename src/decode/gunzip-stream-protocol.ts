/**
 * Slots and states shared by gunzip-stream.ts and its worker (an Int32Array
 * over a SharedArrayBuffer).
 */

/** Slot holding the number of output bytes ready. */
export const AVAIL = 0;
/** Slot holding the worker's state. */
export const STATE = 1;

/** Worker states. */
export const enum State {
  Starting = 0,
  Running = 1,
  Done = 2,
  /** Corrupt or truncated input: redo on the main thread for the exact error. */
  Failed = 3,
  /** Output size differs from the gzip trailer's (several members, or > 4 GiB). */
  Mismatch = 4,
}
