/**
 * Reading profile files, with node:fs's callback API: node:fs/promises would
 * load a dozen more built-ins (readline, fs watchers) for these few calls, a
 * measurable part of `pprof-ts top small.pb.gz`. node:fs itself is imported
 * on first use, so the portable entry never loads it.
 *
 * A file is opened once: loadProfile (parse.ts) may look at a big file's
 * gzip header and trailer through the same descriptor it then reads the
 * file from, when the worker that decompresses big files does not take it.
 * Every file-system failure is a PprofError 'io' naming the file; input too
 * big for the size limit is 'too-large'.
 */

import { PprofError, isEngineSizeLimit } from './errors.js';
import { BoundedBytes } from './bounded-bytes.js';
import { DEFAULT_MAX_DECOMPRESSED_BYTES } from './defaults.js';
import { isGzip } from './decode/gunzip.js';
import { GZIP_MIN_BYTES, trailerSizeField } from './decode/gzip-size.js';

/** A file open for reading, with what fstat said when it was opened. */
export interface OpenFile {
  readonly path: string;
  readonly fd: number;
  /** Its size in bytes (0 for pipes and other streams). */
  readonly size: number;
  /** A regular file (not a pipe, socket or device): its size is meaningful and it can be read at any offset. */
  readonly regular: boolean;
}

/** Files at least this big are read into shared memory, where a helper thread can read them without a copy. */
const SHARED_READ_MIN_BYTES = 1 << 20;

/**
 * Concurrent reads such a file is split into (libuv's thread pool has four threads). On the
 * 59 MB real-100mb.pb.gz the read took 67 instead of 87 ms (medians of six runs, in-process).
 */
const READ_PARTS = 4;

type Call = <T>(f: (cb: (e: NodeJS.ErrnoException | null, v: T) => void) => void) => Promise<T>;

/** A node:fs callback call as a promise that rejects with the file system's error. */
const call: Call = (f) => new Promise((resolve, reject) => f((e, v) => (e === null ? resolve(v) : reject(e))));

/** The io error for a failure to read `path`. */
function ioError(path: string, e: unknown): PprofError {
  const err = e as NodeJS.ErrnoException;
  const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.message;
  return new PprofError('io', `cannot read ${path}: ${why}`, { cause: e });
}

/**
 * Opens `path` for reading. A regular file bigger than any profile within
 * `maxBytes` is refused here, before any of it is read or handed to a
 * worker (see mostBytesWithin). Throws PprofError: 'io' (missing,
 * unreadable, a directory), or 'too-large'.
 */
export async function openFile(path: string, maxBytes: number = DEFAULT_MAX_DECOMPRESSED_BYTES): Promise<OpenFile> {
  const fs = await import('node:fs');
  let fd: number;
  try {
    fd = await call<number>((cb) => fs.open(path, 'r', cb));
  } catch (e) {
    throw ioError(path, e);
  }
  try {
    const stat = await call<import('node:fs').Stats>((cb) => fs.fstat(fd, cb));
    // Linux opens a directory for reading, and reading it then gives no bytes rather than an error.
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (stat.isFile() && stat.size > mostBytesWithin(maxBytes)) {
      throw new PprofError('too-large', `${path} is ${stat.size} bytes, more than the limit of ${maxBytes} bytes `
        + '(raise it with the maxDecompressedBytes option / --max-bytes)');
    }
    return { path, fd, size: stat.size, regular: stat.isFile() };
  } catch (e) {
    await call<void>((cb) => fs.close(fd, (err) => cb(err, undefined))).catch(() => {});
    throw e instanceof PprofError ? e : ioError(path, e);
  }
}

/** Closes a file. Throws PprofError 'io'. */
export async function closeFile(file: OpenFile): Promise<void> {
  const fs = await import('node:fs');
  try {
    await call<void>((cb) => fs.close(file.fd, (e) => cb(e, undefined)));
  } catch (e) {
    throw ioError(file.path, e);
  }
}

/**
 * Reads the whole of an open file from its start. A pipe or device (a FIFO,
 * /dev/stdin, `<(curl ...)`, /dev/zero) is read as it comes, and more than
 * `maxBytes` of it is refused, as standard input is: it has no size to check
 * when it is opened and may never end. Throws PprofError: 'io', or 'too-large'.
 */
export async function readWhole(file: OpenFile, maxBytes: number = DEFAULT_MAX_DECOMPRESSED_BYTES): Promise<Uint8Array> {
  try {
    if (!file.regular) return (await readOn(file, null, limited(file, maxBytes))).bytes();
    return await readAll(file, maxBytes);
  } catch (e) {
    if (e instanceof PprofError) throw e;
    // A buffer the engine cannot allocate: the file is too big for this process.
    if (isEngineSizeLimit(e)) throw new PprofError('too-large', `cannot read ${file.path}: ${e.message}`, { cause: e });
    throw ioError(file.path, e);
  }
}

/**
 * The biggest file that can hold a profile of at most `maxBytes`, read whole
 * before anything is decompressed: the profile itself uncompressed, or gzip,
 * whose output is never much smaller than its input (stored blocks add 5
 * bytes to 65,535; the header and trailer some more), so the room is
 * generous. A bigger file (a runaway capture, a sparse file of terabytes)
 * is refused before its bytes take memory.
 */
function mostBytesWithin(maxBytes: number): number {
  return maxBytes + Math.ceil(maxBytes / 4096) + 65_536;
}

/** Bytes read at a time from a pipe, a device, or a file past the size it had when opened. */
const STREAM_CHUNK = 1 << 20;

/** An empty BoundedBytes for `file`, refused past `limit` bytes (a file's has room for gzip's overhead; see mostBytesWithin). */
function limited(file: OpenFile, maxBytes: number, limit = maxBytes): BoundedBytes {
  return new BoundedBytes(limit, () =>
    `${file.path} exceeds the limit of ${maxBytes} bytes (raise it with the maxDecompressedBytes option / --max-bytes)`);
}

/**
 * Reads `file` to its end into `into`, from offset `pos` (null: from where a
 * pipe or device is), in chunks. Compressed input is checked again after
 * gunzip; the limit bounds what is held before that.
 */
async function readOn(file: OpenFile, pos: number | null, into: BoundedBytes): Promise<BoundedBytes> {
  const fs = await import('node:fs');
  for (;;) {
    const chunk = new Uint8Array(STREAM_CHUNK);
    const n = await call<number>((cb) => fs.read(file.fd, chunk, 0, STREAM_CHUNK, pos, cb));
    if (n === 0) return into;
    into.add(chunk.subarray(0, n));
    if (pos !== null) pos += n;
  }
}

/**
 * Reads a whole file, mapping file-system failures to PprofError 'io'; a
 * file too big for `maxBytes` is 'too-large' (see openFile and readWhole).
 */
export async function readFileBytes(path: string, maxBytes: number = DEFAULT_MAX_DECOMPRESSED_BYTES): Promise<Uint8Array> {
  const file = await openFile(path, maxBytes);
  let bytes: Uint8Array;
  try {
    bytes = await readWhole(file, maxBytes);
  } catch (e) {
    await closeFile(file).catch(() => {});
    throw e;
  }
  await closeFile(file);
  return bytes;
}

/**
 * The output size a gzip file's trailer states, from its first 2 and last 4
 * bytes; null when it is not a regular gzip file, is too short, or cannot
 * be read (the whole read then says why).
 */
export async function gzipSizeOf(file: OpenFile): Promise<number | null> {
  if (!file.regular || file.size < GZIP_MIN_BYTES) return null;
  const fs = await import('node:fs');
  try {
    const head = new Uint8Array(2);
    const last4 = new Uint8Array(4);
    if (await call<number>((cb) => fs.read(file.fd, head, 0, 2, 0, cb)) !== 2 || !isGzip(head)) return null;
    if (await call<number>((cb) => fs.read(file.fd, last4, 0, 4, file.size - 4, cb)) !== 4) return null;
    return trailerSizeField(last4);
  } catch {
    return null;
  }
}

/**
 * Reads a whole regular file of (about) its opened size. One that is longer
 * than that (being written; procfs files say 0) reads on past it, within the
 * limit openFile checked its size against.
 */
async function readAll(file: OpenFile, maxBytes: number): Promise<Uint8Array> {
  const fs = await import('node:fs');
  const { fd, size } = file;
  const shared = size >= SHARED_READ_MIN_BYTES && typeof SharedArrayBuffer !== 'undefined';
  const buf = shared ? new Uint8Array(new SharedArrayBuffer(size)) : new Uint8Array(size);
  const readAt = (into: Uint8Array, at: number, len: number, pos: number): Promise<number> =>
    call<number>((cb) => fs.read(fd, into, at, len, pos, cb));
  let n = 0;
  if (shared) {
    // Parts read side by side by the thread pool: most of a read into fresh memory is the kernel
    // faulting in its pages, and that then runs on both cores. Short parts (the file shrank) start over.
    const part = Math.ceil(size / READ_PARTS);
    const lengths = Array.from({ length: READ_PARTS }, (_, k) => Math.max(0, Math.min(part, size - k * part)));
    const got = await Promise.all(lengths.map((len, k) => (len === 0 ? 0 : readAt(buf, k * part, len, k * part))));
    if (got.every((g, k) => g === lengths[k])) n = size;
  }
  while (n < size) {
    const bytesRead = await readAt(buf, n, size - n, n);
    if (bytesRead === 0) return buf.subarray(0, n);
    n += bytesRead;
  }
  const more = new Uint8Array(1);
  if (await readAt(more, 0, 1, n) === 0) return buf;
  const all = limited(file, maxBytes, mostBytesWithin(maxBytes));
  all.add(buf);
  return (await readOn(file, n, all)).bytes();
}
