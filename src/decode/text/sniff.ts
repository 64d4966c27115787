/**
 * Recognises which of Go's text profile formats an input is, from its first
 * line, and dispatches to that format's importer. Anything else is not a
 * text profile (the caller reports it as 'bad-format').
 */

import type { DecodedProfile } from '../types.js';
import { COUNT_HEADER, importCountProfile } from './count.js';
import { importHeapProfile } from './heap.js';
import { CONTENTION_HEADER, importContentionProfile } from './contention.js';
import { DUMP_HEADER, parseGoroutineDumpLines } from './goroutine-dump.js';
import { dumpToProfile } from './dump-profile.js';
import { splitLines } from './lines.js';

/**
 * The text formats pprof-ts reads:
 * - `count-debug1`: goroutine or threadcreate `?debug=1` (`goroutine profile: total N`)
 * - `heap-debug1`: heap or allocs `?debug=1` (`heap profile: ...`)
 * - `contention-debug1`: block or mutex `?debug=1` (`--- contention:` / `--- mutex:`)
 * - `goroutine-dump`: goroutine `?debug=2` (`goroutine N [state]:` ...)
 */
export type TextFormat = 'count-debug1' | 'heap-debug1' | 'contention-debug1' | 'goroutine-dump';

/** Decodes bytes as UTF-8 (invalid sequences become U+FFFD; Go writes UTF-8). */
export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

/** The format of a text profile, judged by its first line, or null when it is none of them. */
export function sniffTextFormat(text: string): TextFormat | null {
  const nl = text.indexOf('\n');
  const first = (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, '');
  if (COUNT_HEADER.test(first)) return 'count-debug1';
  // Any "heap profile:" line is claimed, so a malformed header gets the heap importer's precise error.
  if (first.startsWith('heap profile: ')) return 'heap-debug1';
  if (CONTENTION_HEADER.test(first)) return 'contention-debug1';
  if (DUMP_HEADER.test(first)) return 'goroutine-dump';
  return null;
}

/** Imports text of a known format into a DecodedProfile. Throws PprofError 'bad-format'. */
export function importTextProfile(text: string, format: TextFormat): DecodedProfile {
  const lines = splitLines(text);
  switch (format) {
    case 'count-debug1': return importCountProfile(lines);
    case 'heap-debug1': return importHeapProfile(lines);
    case 'contention-debug1': return importContentionProfile(lines);
    case 'goroutine-dump': return dumpToProfile(parseGoroutineDumpLines(lines));
    default: {
      const unreachable: never = format;
      throw new Error(`unknown text format ${String(unreachable)}`);
    }
  }
}
