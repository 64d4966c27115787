/**
 * Public entry points for goroutine dumps (debug=2): from bytes, text or a
 * file to a parsed GoroutineDump. Accepts gzip-compressed input like every
 * other reader, and says clearly when the input is some other profile.
 */

import { PprofError } from '../../errors.js';
import { gunzip, isGzip } from '../gunzip.js';
import { DEFAULT_MAX_DECOMPRESSED_BYTES } from '../../defaults.js';
import { parseGoroutineDumpLines, type GoroutineDump } from './goroutine-dump.js';
import { decodeText, sniffTextFormat } from './sniff.js';
import { splitLines } from './lines.js';
import { looksLikeTraceback, parseTracebackLines } from './traceback.js';
import { looksLikeText, readFileBytes, toPprofError, type ParseOptions } from '../../parse.js';

/**
 * Parses a goroutine dump (`/debug/pprof/goroutine?debug=2`), or the output
 * of a crashed Go program: a `panic:` or `fatal error:` traceback (`crash`
 * set, the crashing goroutine first) or race detector reports (`races`),
 * with `go run`'s `exit status N` trailer (`exitStatus`). A dump cut short
 * keeps its complete goroutines and reports the cut in `warnings`. Throws PprofError 'bad-format' (with the
 * line number) for malformed input or input that is not a dump.
 */
export function parseGoroutineDump(input: string | Uint8Array, options: ParseOptions = {}): GoroutineDump {
  try {
    return parseDumpUnchecked(input, options);
  } catch (e) {
    throw toPprofError(e);
  }
}

function parseDumpUnchecked(input: string | Uint8Array, options: ParseOptions): GoroutineDump {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    const max = options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
    const raw = isGzip(input) ? gunzip(input, max) : input;
    if (raw.length > max) throw new PprofError('too-large', `dump of ${raw.length} bytes exceeds the limit of ${max} bytes`);
    if (raw.length > 0 && !looksLikeText(raw)) {
      throw new PprofError('bad-format', 'not a goroutine dump: the input is binary (a protobuf profile? use `pprof-ts top`)');
    }
    text = decodeText(raw);
  }
  if (text.trim() === '') throw new PprofError('bad-format', 'empty input: no goroutine dump');
  const format = sniffTextFormat(text);
  if (format === null) {
    // Crash output: program output, then `panic:` / `fatal error:` / a race report, then the stacks.
    const lines = splitLines(text);
    if (looksLikeTraceback(lines)) return parseTracebackLines(lines);
  }
  if (format !== 'goroutine-dump') {
    const what = format === null ? 'it does not start with "goroutine <id> [<state>]:" and holds no "panic:", "fatal error:" or data race report' : `it is a ${format} profile (use \`pprof-ts top\`)`;
    throw new PprofError('bad-format', `not a goroutine dump (debug=2): ${what}`);
  }
  return parseGoroutineDumpLines(splitLines(text));
}

/** Reads a file and parses it as a goroutine dump. Throws PprofError ('io' when unreadable). */
export async function loadGoroutineDump(path: string, options: ParseOptions = {}): Promise<GoroutineDump> {
  return parseGoroutineDump(await readFileBytes(path, options.maxDecompressedBytes), options);
}
