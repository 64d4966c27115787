/**
 * Recognises the legacy profile formats that `go tool pprof` reads besides
 * profile.proto and Go's own debug=1 text, and dispatches to their
 * importers (one module per format in this folder). parse.ts asks here
 * first; null means "none of these" and the input goes on to the
 * protobuf and Go text readers.
 */

import type { DecodedProfile } from '../types.js';
import { importLegacyCpu, isCutCpuHeader, sniffCpuHeader } from './cpu.js';
import { importLegacyHeap, readHeapHeader } from './heap.js';
import { importContentionz, isJavaContention } from './contentionz.js';
import { firstContentLine, importThreadz, isThreadStart, isThreadzStart } from './threadz.js';
import { importJavaProfile, JAVA_HEADERS } from './java.js';
import { scanLines, trimSpace } from './lines.js';

/**
 * The legacy formats:
 * - `cpu-binary`: gperftools / old Go / Java CPU profile (binary words + memory map or Java symbols)
 * - `heap-text`: gperftools and tcmalloc heap profiles (`@ heapprofile`, `@ heap_v2/<rate>`, `@ heapz_v2/<rate>`, `@ growthz`, `@ fragmentationz`)
 * - `contentionz`: C++ lock contention (`--- contentionz`)
 * - `threadz`: C++ thread dump (`--- threadz`, `--- Thread ...`)
 * - `java-text`: Java agents' `--- heapz 1 ---` and `--- contentionz 1 ---`
 */
export type LegacyFormat = 'cpu-binary' | 'heap-text' | 'contentionz' | 'threadz' | 'java-text';

/** Bytes of text looked at to recognise a format. */
const SNIFF_BYTES = 64 * 1024;

/** Which legacy format decompressed bytes are in, or null when none. */
export function sniffLegacyFormat(bytes: Uint8Array): LegacyFormat | null {
  if (sniffCpuHeader(bytes) !== null || isCutCpuHeader(bytes)) return 'cpu-binary';
  if (!startsLikeLegacyText(bytes)) return null;
  const lines = scanLines(new TextDecoder('utf-8').decode(bytes.subarray(0, SNIFF_BYTES)));
  const first = lines[0] ?? '';
  const heap = readHeapHeader(first);
  // Go's own `@ heap/<2*rate>` text keeps its importer (decode/text/heap.ts), which also reads its frame names.
  if (heap !== null && heap.tag !== 'heap') return 'heap-text';
  const trimmed = trimSpace(first);
  if (trimmed === JAVA_HEADERS[0]) return 'java-text';
  if (first.startsWith('--- contentionz ')) {
    return trimmed === JAVA_HEADERS[1] && isJavaContention(lines) ? 'java-text' : 'contentionz';
  }
  if (trimmed === JAVA_HEADERS[1]) return 'java-text';
  const content = lines[firstContentLine(lines)] ?? '';
  if (isThreadzStart(content) || isThreadStart(content)) return 'threadz';
  return null;
}

/**
 * The legacy text formats start with `heap profile:`, `---`, or blank and
 * `#` lines before a threadz header; protobuf never does (its first byte
 * is a field tag), so big binary inputs skip the text sniffing.
 */
function startsLikeLegacyText(bytes: Uint8Array): boolean {
  for (const b of bytes.subarray(0, SNIFF_BYTES)) {
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    return b === 0x68 /* h */ || b === 0x2d /* - */ || b === 0x23 /* # */;
  }
  return false;
}

/** Imports bytes of a legacy format. Throws PprofError. */
export function importLegacyProfile(bytes: Uint8Array, format: LegacyFormat): DecodedProfile {
  if (format === 'cpu-binary') return importLegacyCpu(bytes);
  const text = new TextDecoder('utf-8').decode(bytes);
  switch (format) {
    case 'heap-text': return importLegacyHeap(text);
    case 'contentionz': return importContentionz(text);
    case 'threadz': return importThreadz(text);
    case 'java-text': return importJavaProfile(text);
    default: {
      const unreachable: never = format;
      throw new Error(`unknown legacy format ${String(unreachable)}`);
    }
  }
}
