/**
 * Entry points from bytes (or a file) to a validated Profile:
 * sniff gzip -> decompress -> sniff text or protobuf -> decode -> build and
 * validate the model. Go's text forms (debug=1 profiles, debug=2 goroutine
 * dumps) are imported into the same decoded shape as protobuf.
 */

import { PprofError, isEngineSizeLimit, isPprofError, type SafeResult } from './errors.js';
import { gunzip, isGzip } from './decode/gunzip.js';
import { gzipTrailerSize } from './decode/gzip-size.js';
import { GunzipStream, StreamFallback } from './decode/gunzip-stream.js';
import { decodeProfileProto } from './decode/profile.js';
import { buildProfile, type FunctionNames, type Profile } from './model/profile.js';
import { DEFAULT_MAX_DECOMPRESSED_BYTES, DEFAULT_OVERLAP_MIN_BYTES } from './defaults.js';
import { decodeText, importTextProfile, sniffTextFormat } from './decode/text/sniff.js';
import { afterProtobufFailure, knownWrongInput, notAProfile, startsWithProtobufKey } from './decode/diagnose.js';
import { importLegacyProfile, sniffLegacyFormat } from './decode/legacy/sniff.js';
import { threadsOff } from './node-builtin.js';
import { closeFile, gzipSizeOf, openFile, readWhole, type OpenFile } from './read-file.js';

export { readFileBytes } from './read-file.js';

/** Options for parsing profile bytes. */
export interface ParseOptions {
  /** Refuse profiles that decompress to more bytes than this (default 1 GiB). */
  maxDecompressedBytes?: number;
  /**
   * Decompress on a second thread while decoding: for big profiles only
   * ('auto', default), never ('off'), or whenever possible ('always', for tests).
   */
  overlap?: 'auto' | 'off' | 'always';
  /**
   * When the ids of the sample stacks are checked against the locations:
   * while parsing ('parse', default), or by the first pass over the stacks
   * ('first-pass'). A 100 MB profile holds some 30 million ids, and reading
   * them all once more costs about 0.3 s; `top` checks them as it sums them,
   * a flame page as it makes its call trees' frame codes.
   * With 'first-pass', an invalid id throws the same PprofError, but from
   * the first query rather than from the parse; any other read of the
   * stacks (`locationIndices`, `packedStacks`) checks them all first.
   */
  checkStacks?: 'parse' | 'first-pass';
  /**
   * The names functions show: 'shown' (default), as `go tool pprof` shows
   * them after its default symbolization (C++ names that read as demangled
   * lose their parameters and template arguments, an empty name shows the
   * system name), or 'stored', as the profile stores them, as pprof shows
   * them with -symbolize=none.
   */
  functionNames?: FunctionNames;
}

/**
 * Parses gzip-compressed or raw profile.proto bytes, Go's text profile
 * formats (goroutine/threadcreate/heap/block/mutex `?debug=1`, goroutine
 * `?debug=2` dumps), or the legacy formats `go tool pprof` reads
 * (gperftools/Java binary CPU, gperftools/tcmalloc heap text, contentionz,
 * threadz, Java heapz/contentionz; see decode/legacy/) into a validated
 * Profile. Compression and format are detected from the content. Inconsistent
 * but readable data is read with warnings (`readingWarnings`). Throws PprofError.
 */
export function parseProfile(bytes: Uint8Array, options: ParseOptions = {}): Profile {
  try {
    return parseProfileUnchecked(bytes, options, false);
  } catch (e) {
    throw toPprofError(e);
  }
}

/**
 * parseProfile for bytes nobody else holds (read from a file by pprof-ts):
 * the profile may keep views of them instead of copying, and decoding may
 * rewrite parts of them in place (see decode/samples.ts), even when they
 * are not compressed.
 */
export function parseOwnedProfile(bytes: Uint8Array, options: ParseOptions = {}): Profile {
  try {
    return parseProfileUnchecked(bytes, options, true);
  } catch (e) {
    throw toPprofError(e);
  }
}

/** What the options ask of every decode path: the stacks' check left to the first pass, and the names functions show. */
function decodeModes(options: ParseOptions): { inPass: boolean; names: FunctionNames } {
  return { inPass: options.checkStacks === 'first-pass', names: options.functionNames ?? 'shown' };
}

function parseProfileUnchecked(bytes: Uint8Array, options: ParseOptions, owned: boolean): Profile {
  const { inPass, names } = decodeModes(options);
  const max = options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  if (bytes.length === 0) throw notAProfile(bytes);
  let raw = bytes;
  if (isGzip(bytes)) {
    const streamed = parseOverlapped(bytes, max, options.overlap ?? 'auto', inPass, names);
    if (streamed !== null) return streamed;
    raw = gunzip(bytes, max);
    if (raw.length === 0) throw new PprofError('bad-format', 'empty input: gzip stream holds no profile data');
    owned = true;
  } else if (bytes.length > max) {
    throw new PprofError('too-large', `profile of ${bytes.length} bytes exceeds the limit of ${max} bytes`);
  }
  return parseDecompressed(raw, owned, inPass, names);
}

/** `owned`: nobody else holds `raw`, so the profile may keep views of it. `inPass`: see ParseOptions.checkStacks. */
function parseDecompressed(raw: Uint8Array, owned: boolean, inPass: boolean, names: FunctionNames): Profile {
  // Legacy formats go tool pprof reads (gperftools CPU/heap, contentionz, threadz, Java): see decode/legacy/.
  const legacy = sniffLegacyFormat(raw);
  if (legacy !== null) return buildProfile(importLegacyProfile(raw, legacy), names);
  if (looksLikeText(raw)) {
    const text = decodeText(raw);
    const format = sniffTextFormat(text);
    if (format !== null) return buildProfile(importTextProfile(text, format), names);
    throw notAProfile(raw);
  }
  // Files with a magic number (images, traces, archives) are named before decoding (decode/diagnose.ts);
  // readers of other binary formats go here too.
  const named = knownWrongInput(raw);
  if (named !== null) throw named;
  try {
    return buildProfile(decodeProfileProto(raw, undefined, owned, inPass), names);
  } catch (e) {
    // Input that does not even start like protobuf is an unsupported format; a damaged profile keeps its precise error.
    throw afterProtobufFailure(raw, e);
  }
}

/**
 * Decodes while a worker decompresses (see decode/gunzip-stream.ts), or
 * returns null to take the plain path: small input, no usable size hint, or
 * any trouble on the way (the plain path then also gives the exact error).
 */
function parseOverlapped(bytes: Uint8Array, max: number, mode: OverlapMode, inPass: boolean, names: FunctionNames): Profile | null {
  const size = gzipTrailerSize(bytes);
  if (!overlaps(size, max, mode)) return null;
  let stream: GunzipStream;
  try {
    stream = GunzipStream.start(bytes, size);
  } catch {
    return null;
  }
  return decodeStreamed(stream, inPass, names);
}

type OverlapMode = NonNullable<ParseOptions['overlap']>;

/** Whether output of `size` bytes (the gzip trailer's; 0 when unknown) is decompressed on a worker. */
function overlaps(size: number, max: number, mode: OverlapMode): boolean {
  if (mode === 'off' || size === 0 || size > max || size >= 2 ** 31) return false;
  return mode === 'always' || (size >= DEFAULT_OVERLAP_MIN_BYTES && !threadsOff());
}

/**
 * In 'auto' mode, files below this many bytes are read whole at once: looking
 * at their gzip header and trailer first would cost more than it could save,
 * and one that does decompress to 16 MB or more still decompresses on the
 * worker, from memory (parseOverlapped).
 */
const PROBE_MIN_FILE_BYTES = 1 << 20;

/**
 * Decodes a file while a worker reads and decompresses it (see
 * parseOverlapped). Otherwise says whether the plain path has it all to do
 * ('not-taken': the file is not gzip, too small, or unreadable) or the
 * worker gave up on the way ('fell-back': corrupt or odd gzip, or a file the
 * worker could not read), when the plain path gives the exact error.
 * Throws PprofError.
 */
async function loadOverlapped(file: OpenFile, options: ParseOptions): Promise<Profile | 'not-taken' | 'fell-back'> {
  const mode = options.overlap ?? 'auto';
  if (mode === 'off' || (mode === 'auto' && (threadsOff() || file.size < PROBE_MIN_FILE_BYTES))) return 'not-taken';
  const size = await gzipSizeOf(file);
  if (size === null || !overlaps(size, options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES, mode)) return 'not-taken';
  let stream: GunzipStream;
  try {
    stream = GunzipStream.startFile(file.path, size);
  } catch {
    return 'not-taken';
  }
  try {
    const { inPass, names } = decodeModes(options);
    return decodeStreamed(stream, inPass, names) ?? 'fell-back';
  } catch (e) {
    throw toPprofError(e);
  }
}

/** The decode of parseOverlapped and loadOverlapped, once the stream is started; closes it. */
function decodeStreamed(stream: GunzipStream, inPass: boolean, names: FunctionNames): Profile | null {
  try {
    stream.waitFor(256);
    const head = stream.data.subarray(0, 256);
    if (looksLikeText(head) || sniffLegacyFormat(head) === 'cpu-binary' || !startsWithProtobufKey(head) ||
        knownWrongInput(head) !== null) {
      stream.finish();
      return parseDecompressed(stream.data.slice(), true, inPass, names);
    }
    let decoded;
    try {
      decoded = decodeProfileProto(stream.data, stream, true, inPass);
    } catch (e) {
      // Garbage from a corrupt stream decodes badly; report the gzip error instead, as the plain path would.
      if (!(e instanceof StreamFallback)) stream.finish();
      throw e;
    }
    stream.finish();
    return buildProfile(decoded, names);
  } catch (e) {
    if (e instanceof StreamFallback) return null;
    throw e;
  } finally {
    stream.close();
  }
}

/**
 * Encoded profiles contain control bytes within their first few bytes
 * (tags 0x08, 0x10); text (an HTML error page, a debug=1 dump) does not.
 */
export function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 256);
  let ascii = true;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) return false;
    if (b >= 0x80) ascii = false;
  }
  // High bytes count as text only when they form UTF-8 (a 4-byte character may straddle the cut).
  return ascii || isUtf8Prefix(bytes.subarray(0, n));
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8Prefix(bytes: Uint8Array): boolean {
  for (let cut = 0; cut < 4 && cut < bytes.length; cut++) {
    try {
      strictUtf8.decode(bytes.subarray(0, bytes.length - cut));
      return true;
    } catch {
      // try a shorter prefix
    }
  }
  return false;
}

/** Like parseProfile, but returns `{ success, data | error }` instead of throwing. */
export function safeParseProfile(bytes: Uint8Array, options: ParseOptions = {}): SafeResult<Profile> {
  try {
    return { success: true, data: parseProfile(bytes, options) };
  } catch (e) {
    return { success: false, error: toPprofError(e) };
  }
}

/**
 * Reads a profile file and parses it. A gzip file of 1 MB or more that
 * decompresses to 16 MB or more (any gzip file with `overlap: 'always'`;
 * never with 'off' or PPROF_TS_THREADS=1) is read by a worker thread as it
 * decompresses it, while this thread decodes; a smaller one that decompresses
 * that far is decompressed on the worker from memory. The file is opened
 * once. Throws PprofError (code 'io' when unreadable).
 */
export async function loadProfile(path: string, options: ParseOptions = {}): Promise<Profile> {
  // One open for both: a big gzip file is read by the worker that decompresses it, piece by piece
  // (decode/file-input.ts); any other file, or one the worker gives back, is read whole from here.
  const max = options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  const file = await openFile(path, max);
  let got: Profile | Uint8Array;
  try {
    const overlapped = await loadOverlapped(file, options);
    if (typeof overlapped === 'object') {
      got = overlapped;
    } else {
      // After a fallback, the plain path does not try the worker again: it gives the exact error, or reads what the worker would not.
      if (overlapped === 'fell-back') options = { ...options, overlap: 'off' };
      got = await readWhole(file, max);
    }
  } catch (e) {
    await closeFile(file).catch(() => {});
    throw e;
  }
  // Closed once, here or above: a second close could hit a descriptor number opened again meanwhile.
  await closeFile(file);
  return got instanceof Uint8Array ? parseOwnedProfile(got, options) : got;
}

/**
 * Wraps anything thrown into a PprofError. Engine size limits (an array or
 * string too long to allocate) become 'too-large'; anything else is a bug in
 * pprof-ts and becomes 'internal', keeping the original error as its cause.
 */
export function toPprofError(e: unknown): PprofError {
  if (isPprofError(e)) return e;
  if (isEngineSizeLimit(e)) {
    return new PprofError('too-large', `input too large to process: ${e.message}`, { cause: e });
  }
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new PprofError('internal', `internal error (a bug in pprof-ts, please report it with the input): ${what}`, { cause: e });
}
