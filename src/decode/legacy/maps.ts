/**
 * The memory map that ends every legacy profile: `/proc/self/maps` lines
 * (`start-end perms offset dev inode path`) or pprof's brief form
 * (`start-end path (@offset) buildid`), after a `MAPPED_LIBRARIES:` or
 * `--- Memory map: ---` line in the text formats, or straight after the
 * last sample of the binary CPU format.
 *
 * Facts from pprof's reader (google/pprof profile/legacy_profile.go):
 * - only executable entries count (a permission field without `x` skips
 *   the line); lines that are not mappings are ignored, except `name=value`,
 *   which defines `$name` for the lines after it; a glog prefix
 *   (`file.cc:12] `) is removed first;
 * - adjacent pieces of one file are merged; the first entry that looks like
 *   the main binary (not a `.so`, not `[vdso]`-like) is swapped to the front;
 *   a leading `/anon_hugepage` piece is dropped; a main binary mapped at
 *   0x400000 plus its offset is moved back to 0x400000;
 * - each address takes the first mapping that contains it, else one whose
 *   start minus offset is at or below it (that mapping is then widened),
 *   else one shared mapping with no file spanning all addresses.
 * Unlike pprof, a line that is a mapping but holds a number wider than
 * 64 bits, or a control character, is an error naming the line: pprof drops
 * such lines silently and its report then blames the wrong binary.
 */

import { legacyError, parseHex64, quote } from './lines.js';

/** One mapping as read and then adjusted. */
export interface LegacyMapping {
  start: bigint;
  limit: bigint;
  offset: bigint;
  file: string;
  buildId: string;
}

// Go's RE2 classes spelled out: \s is [\t\n\f\r ], [[:xdigit:]] is [0-9A-Fa-f].
const S = '[\\t\\n\\f\\r ]';
const NS = '[^\\t\\n\\f\\r ]';
const X = '[0-9A-Fa-f]';
// The range's two numbers are bounded (40 digits is far beyond 64 bits) so a long run of hex digits
// cannot make the split between them backtrack quadratically; such a line is refused as too wide.
const HEX = `(?:0x)?(${X}{1,40})`;
const RANGE = `${S}*${HEX}[\\t\\n\\f\\r -]?${S}*${HEX}:?`;
const PERM = `(?:${S}+([-rwxp]+))?`;
const PROC_MAPS = new RegExp(`^${RANGE}${PERM}(?:${S}+(${X}+))?${S}+${X}+:${X}+${S}+[0-9]+(?:${S}+(${NS}+))?`);
const BRIEF_MAPS = new RegExp(`^${RANGE}${PERM}(?:${S}+(${NS}+))?(?:${S}+\\(@(${X}+)\\))?(?:${S}+(${X}+))?`);
const LOG_PREFIX = /^[^[\]]+:[0-9]+\][\t\n\f\r ]/;
const LIB = /([.]so$|[.]so[._][0-9]+)/;
// Control characters other than tab, CR and LF do not occur in a memory map; they mean binary garbage.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Where the map's lines come from, for error messages: the format and the 1-based number of the first line. */
export interface MapsSource {
  format: string;
  firstLine: number;
}

/**
 * Parses memory map lines (already split) into executable mappings, in
 * file order. Throws PprofError 'bad-format' naming a line that is a
 * mapping but cannot be read.
 */
export function parseMaps(lines: readonly string[], source: MapsSource): LegacyMapping[] {
  const out: LegacyMapping[] = [];
  const vars: [string, string][] = [];
  for (let i = 0; i < lines.length; i++) {
    const lineNumber = source.firstLine + i;
    const raw = lines[i]!;
    if (CONTROL.test(raw)) {
      throw legacyError(source.format, lineNumber, `memory map line holds control characters (binary data?): ${quote(raw)}`);
    }
    const line = substitute(removeLogPrefix(raw), vars);
    const entry = parseEntry(line, source.format, lineNumber);
    if (entry === 'not-a-mapping') {
      const eq = line.indexOf('=');
      if (eq >= 0) vars.push(['$' + line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
      continue;
    }
    if (entry !== null) out.push(entry);
  }
  return out;
}

function removeLogPrefix(line: string): string {
  const m = LOG_PREFIX.exec(line);
  return m === null ? line : line.slice(m[0].length);
}

/** Go's strings.Replacer over `$name` pairs: at each position the earliest-defined name that matches wins. */
function substitute(line: string, vars: readonly [string, string][]): string {
  if (vars.length === 0 || !line.includes('$')) return line;
  let out = '';
  let i = 0;
  while (i < line.length) {
    const hit = line[i] === '$' ? vars.find(([k]) => line.startsWith(k, i)) : undefined;
    if (hit === undefined) { out += line[i]; i++; continue; }
    out += hit[1];
    i += hit[0].length;
  }
  return out;
}

function parseEntry(line: string, format: string, lineNumber: number): LegacyMapping | null | 'not-a-mapping' {
  let start: string; let end: string; let perm: string | undefined; let file: string | undefined;
  let offset: string | undefined; let buildId: string | undefined;
  const p = PROC_MAPS.exec(line);
  if (p !== null) {
    [, start, end, perm, offset, file] = p as unknown as [string, string, string, string | undefined, string | undefined, string | undefined];
  } else {
    const b = BRIEF_MAPS.exec(line);
    if (b === null) return 'not-a-mapping';
    [, start, end, perm, file, offset, buildId] =
      b as unknown as [string, string, string, string | undefined, string | undefined, string | undefined, string | undefined];
  }
  if (perm !== undefined && perm !== '' && !perm.includes('x')) return null;
  const s = parseHex64(start);
  const e = parseHex64(end);
  const o = offset === undefined || offset === '' ? 0n : parseHex64(offset);
  if (s === null || e === null || o === null) {
    throw legacyError(format, lineNumber, `memory map line has an address or offset wider than 64 bits: ${quote(line)}`);
  }
  return { start: s, limit: e, offset: o, file: file ?? '', buildId: buildId ?? '' };
}

/** pprof's clean-up of a parsed map: merge split pieces, then put the main binary first. */
export function massageMappings(mappings: LegacyMapping[], onMerge: (from: LegacyMapping, to: LegacyMapping) => void): LegacyMapping[] {
  let list = mappings;
  if (list.length > 1) {
    const merged: LegacyMapping[] = [list[0]!];
    for (const m of list.slice(1)) {
      const last = merged[merged.length - 1]!;
      if (adjacent(last, m)) {
        last.limit = m.limit;
        if (m.file !== '') last.file = m.file;
        if (m.buildId !== '') last.buildId = m.buildId;
        onMerge(m, last);
        continue;
      }
      merged.push(m);
    }
    list = merged;
  }
  for (let i = 0; i < list.length; i++) {
    const file = list[i]!.file.replaceAll('(deleted)', '').trim();
    if (file === '' || LIB.test(file) || file.startsWith('[')) continue;
    [list[0], list[i]] = [list[i]!, list[0]!];
    break;
  }
  return list;
}

function adjacent(a: LegacyMapping, b: LegacyMapping): boolean {
  if (a.file !== '' && b.file !== '' && a.file !== b.file) return false;
  if (a.buildId !== '' && b.buildId !== '' && a.buildId !== b.buildId) return false;
  if (a.limit !== b.start) return false;
  if (a.offset !== 0n && b.offset !== 0n && u64(a.offset + (a.limit - a.start)) !== b.offset) return false;
  return true;
}

/** Something with an address that can be given a mapping. */
export interface Mappable {
  address: bigint;
  mapping: LegacyMapping | null;
}

const UINT64_MAX = (1n << 64n) - 1n;

/** Go's uint64 arithmetic wraps; so must ours where pprof relies on it. */
function u64(v: bigint): bigint {
  return BigInt.asUintN(64, v);
}

/**
 * pprof's final fix-ups of the mapping list and the assignment of a mapping
 * to each location (in order), adding one file-less catch-all mapping when
 * some address lies in none. Returns the final mapping list.
 */
export function assignMappings(mappings: LegacyMapping[], locations: readonly Mappable[]): LegacyMapping[] {
  let list = mappings;
  const first = list[0];
  if (first !== undefined && first.file.startsWith('/anon_hugepage') && list.length > 1 && first.limit === list[1]!.start) {
    list = list.slice(1);
  }
  const main = list[0];
  if (main !== undefined && u64(main.start - main.offset) === 0x400000n) {
    main.start = 0x400000n;
    main.offset = 0n;
  }
  let fake: LegacyMapping | null = null;
  next: for (const l of locations) {
    const a = l.address;
    if (l.mapping !== null || a === 0n) continue;
    for (const m of list) {
      if (m.start <= a && a < m.limit) { l.mapping = m; continue next; }
    }
    for (const m of list) {
      if (m.offset !== 0n && u64(m.start - m.offset) <= a && a < m.start) {
        m.start -= m.offset;
        m.offset = 0n;
        l.mapping = m;
        continue next;
      }
    }
    if (fake === null) {
      fake = { start: 0n, limit: UINT64_MAX, offset: 0n, file: '', buildId: '' };
      list = [...list, fake];
    }
    l.mapping = fake;
  }
  return list;
}
