/**
 * The one error type of pprof-ts. Every failure a caller can act on is a
 * PprofError with a stable `code`, so CLIs, tests and CI gates can branch on
 * the kind of failure instead of parsing messages.
 */

/** Stable machine-readable failure kinds. */
export type PprofErrorCode =
  /** Input is neither gzip nor a protobuf/known text profile. */
  | 'bad-format'
  /** gzip stream is corrupt or cut short. */
  | 'bad-gzip'
  /** Decompressed size exceeds the configured limit (gzip bomb guard). */
  | 'too-large'
  /** Protobuf wire data is malformed or truncated. */
  | 'bad-wire'
  /** The wire data decodes but the profile is inconsistent (dangling ids, ...). */
  | 'invalid-profile'
  /** Input looks like several profiles glued together. */
  | 'concatenated'
  /** A number does not fit the range pprof-ts can represent exactly. */
  | 'out-of-range'
  /** An option given by the caller is unusable (bad regex, unknown sample index, ...). */
  | 'bad-option'
  /** A file could not be read or written. */
  | 'io'
  /** A profile URL could not be fetched: connection refused, DNS failure, TLS, body cut off. */
  | 'fetch'
  /** A profile URL did not answer within the timeout. */
  | 'timeout'
  /** The server answered with an error status, a redirect loop, or something that is not a profile. */
  | 'http'
  /** The user interrupted the operation (Ctrl-C). */
  | 'interrupted'
  /** A selector of the assertion API (function, package, file, label) matches nothing in the profile. */
  | 'no-match'
  /** Profiles cannot be merged or compared: their sample types or period types differ. */
  | 'incompatible'
  /** A bug in pprof-ts: an unexpected failure, reported with its cause (please report it). */
  | 'internal';

/** Options accepted by the PprofError constructor. */
export interface PprofErrorOptions {
  /** The lower-level error that caused this one, if any. */
  cause?: unknown;
}

/**
 * Error thrown by every pprof-ts entry point. `message` says what is wrong and
 * where (for example `location 7 references missing function 12`).
 */
export class PprofError extends Error {
  /** Machine-readable kind of failure. */
  readonly code: PprofErrorCode;

  constructor(code: PprofErrorCode, message: string, options?: PprofErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PprofError';
    this.code = code;
  }
}

/** True when `e` is a PprofError (also across realms, by duck typing the name and code). */
export function isPprofError(e: unknown): e is PprofError {
  return e instanceof PprofError ||
    (e instanceof Error && e.name === 'PprofError' && typeof (e as { code?: unknown }).code === 'string');
}

/**
 * The messages V8 gives when an allocation exceeds what the engine can hold:
 * the only RangeErrors that are real size limits.
 */
const SIZE_LIMIT = /^(Array buffer allocation failed|Invalid (typed )?array length|Invalid string length|Invalid array buffer length|Array buffer allocation)/;

/** True when `e` is the engine refusing an array, buffer or string too big to allocate. */
export function isEngineSizeLimit(e: unknown): e is RangeError {
  return e instanceof RangeError && SIZE_LIMIT.test(e.message);
}

/** Result of the non-throwing `safe*` entry points, in the style of zod's safeParse. */
export type SafeResult<T> =
  | { success: true; data: T }
  | { success: false; error: PprofError };
