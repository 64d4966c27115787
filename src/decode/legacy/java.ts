/**
 * Importer for the text profiles of Java profiling agents, `--- heapz 1 ---`
 * and `--- contentionz 1 ---`, and the symbol lines shared with the Java
 * flavour of the binary CPU format (cpu.ts).
 *
 * Format facts (pprof's reader, google/pprof profile/legacy_java_profile.go):
 * the header line, then `name = value` attributes (`format = java`;
 * `resolution = <unit>`, which names the unit of the second sample type;
 * for contention `sampling period = <n>` and `ms since reset = <n>`), then
 * samples `<value> <count> @ <ids>` (note: count second), then symbol lines
 * `0x<id> <method> (<file>:<line>)`, `0x<id> <method> (<library path>)`
 * (the library's base name becomes the file), a line containing
 * `generated stub/JIT` (the function `STUB`), or `0x<id> <anything>` (the
 * whole text is the function name, e.g. `GC`). Ids are not addresses: they
 * are not adjusted, and pprof drops them once the symbols are attached.
 * Heap samples are un-sampled at the agents' fixed 512 KiB rate (heap.ts,
 * `unsampleHeap`) and labelled with their average size; contention samples
 * are multiplied by the sampling period.
 */

import type { DecodedProfile } from '../types.js';
import { LegacyBuilder, type LegacyHeader } from './build.js';
import { checkedInt64, legacyError, parseHex64, quote, trimSpace } from './lines.js';
import { unsampleHeap } from './heap.js';

// pprof's patterns are unanchored and backtrack; these readers give the same matches on the
// trimmed lines they see, in linear time (a regex retried at every position of a long line is not).
const SAMPLE = /^(\d+) +(\d+) +@ +([ x0-9a-f]*)/;
const SYMBOL = /^0x([0-9A-Fa-f]+)[\t\n\f\r ]+/;
const HEX_NUMBER = /0x[0-9a-f]+/g;
const JAVA_HEAP_RATE = 524288n;

/** First lines of the Java text profiles. */
export const JAVA_HEADERS = ['--- heapz 1 ---', '--- contentionz 1 ---'] as const;

/** Reads a Java heapz or contentionz profile. Throws PprofError. */
export function importJavaProfile(text: string): DecodedProfile {
  const nl = text.indexOf('\n');
  const first = trimSpace(nl < 0 ? text : text.slice(0, nl));
  const kind = first === JAVA_HEADERS[0] ? 'heap' : first === JAVA_HEADERS[1] ? 'contention' : null;
  const format = `Java ${kind ?? 'heapz/contentionz'} profile`;
  if (kind === null || nl < 0) throw legacyError(format, 1, `expected "${JAVA_HEADERS[0]}" or "${JAVA_HEADERS[1]}" and a newline`);
  // Lines ending in a newline, as pprof's header and sample loops see them; the tail goes to the symbol reader.
  const all = text.slice(nl + 1).split('\n');
  const tail = all.pop()!;
  const header: LegacyHeader = { sampleTypes: [], periodType: { type: '', unit: '' }, period: 0n };
  let i = 0;
  for (; i < all.length; i++) {
    const line = trimSpace(all[i]!);
    if (line === '') continue;
    const a = attribute(line);
    if (a === null) break;
    const key = trimSpace(a[0]);
    const value = trimSpace(a[1]);
    const lineNumber = i + 2;
    switch (`${kind}/${key}`) {
      case 'heap/format': case 'contention/format':
        if (value !== 'java') throw legacyError(format, lineNumber, `format is ${JSON.stringify(value)}, expected "java"`);
        break;
      case 'heap/resolution':
        header.sampleTypes = [{ type: 'inuse_objects', unit: 'count' }, { type: 'inuse_space', unit: value }];
        break;
      case 'contention/resolution':
        header.sampleTypes = [{ type: 'contentions', unit: 'count' }, { type: 'delay', unit: value }];
        break;
      case 'contention/sampling period':
        header.periodType = { type: 'contentions', unit: 'count' };
        header.period = goInt(value, 'sampling period', format, lineNumber);
        break;
      case 'contention/ms since reset':
        header.durationNanos = checkedInt64(goInt(value, 'ms since reset', format, lineNumber) * 1000000n, 'duration in ns', `${format}: line ${lineNumber}`);
        break;
      default:
        throw legacyError(format, lineNumber, `unknown attribute ${quote(line)}`);
    }
  }
  if (header.sampleTypes.length === 0) {
    throw legacyError(format, i + 2, 'no "resolution = <unit>" attribute: the sample types are unknown');
  }
  const b = new LegacyBuilder();
  for (; i < all.length; i++) {
    const line = trimSpace(all[i]!);
    if (line === '') continue;
    const m = SAMPLE.exec(line);
    if (m === null) break;
    const lineNumber = i + 2;
    const count = goInt(m[2]!, 'count', format, lineNumber);
    const value = goInt(m[1]!, 'value', format, lineNumber);
    const addrs = hexAddresses(m[3]!, format, lineNumber);
    const locs = addrs.map((a) => b.location(a));
    if (kind === 'heap') {
      if (count === 0n) throw legacyError(format, lineNumber, `the count (second number) must not be 0: ${quote(line)}`);
      const [c, v] = unsampleHeap(count, value, JAVA_HEAP_RATE, format);
      b.addSample(locs, [c, v], [['bytes', value / count]]);
    } else {
      const p = header.period;
      const where = `${format}: line ${lineNumber}`;
      b.addSample(locs, p !== 0n ? [checkedInt64(count * p, 'count x sampling period', where), checkedInt64(value * p, 'value x sampling period', where)] : [count, value]);
    }
  }
  readJavaSymbols([...all.slice(i), tail], b, i + 2);
  return b.finish(header);
}

/**
 * Attaches Java symbol lines to the locations of a builder, then drops the
 * ids (addresses), as pprof does. `firstLine` numbers the lines in errors.
 */
export function readJavaSymbols(lines: readonly string[], b: LegacyBuilder, firstLine = 1): void {
  for (let k = 0; k < lines.length; k++) {
    const line = trimSpace(lines[k]!);
    if (line === '') continue;
    const m = SYMBOL.exec(line);
    if (m === null) continue;
    const addr = parseHex64(m[1]!);
    if (addr === null) throw legacyError('Java symbols', firstLine + k, `id wider than 64 bits: ${quote(line)}`);
    const loc = b.existing(addr);
    if (loc === undefined) continue;
    const desc = line.slice(m[0].length);
    let name: string; let file = ''; let lineNo = 0;
    const fl = fileLineOf(desc);
    const path = fl === null ? pathOf(desc) : null;
    if (fl !== null) {
      [name, file] = fl;
      const n = Number(fl[2]);
      if (Number.isSafeInteger(n) && n > 0) lineNo = n;
    } else if (path !== null) {
      name = path[0]; file = baseName(path[1]);
    } else if (desc.includes('generated stub/JIT')) {
      name = 'STUB';
    } else {
      name = desc;
    }
    loc.line = { name, file, line: lineNo };
    loc.address = 0n;
  }
  b.applyMemoryMap([]);
  for (const l of b.locations) l.address = 0n;
}

const isWordOrSpace = (c: string): boolean => /[0-9A-Za-z_ ]/.test(c);
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';

/**
 * pprof's `([\w ]+)=([\w ]+)` search: the first `=` with a word-or-space
 * character on each side; key and value are the runs of such characters
 * around it.
 */
function attribute(line: string): [string, string] | null {
  for (let e = line.indexOf('='); e >= 0; e = line.indexOf('=', e + 1)) {
    if (e === 0 || !isWordOrSpace(line[e - 1]!) || e + 1 >= line.length || !isWordOrSpace(line[e + 1]!)) continue;
    let p = e - 1;
    while (p > 0 && isWordOrSpace(line[p - 1]!)) p--;
    let q = e + 1;
    while (q < line.length && isWordOrSpace(line[q]!)) q++;
    return [line.slice(p, e), line.slice(e + 1, q)];
  }
  return null;
}

/** The rightmost `(` preceded by white space, at or before `limit` (pprof's greedy `(.*)\s+\(`), or -1. */
function lastOpenParen(desc: string, limit: number): number {
  for (let k = desc.lastIndexOf('(', limit); k > 0; k = desc.lastIndexOf('(', k - 1)) {
    if (isSpace(desc[k - 1])) return k;
  }
  return -1;
}

/** `<name> (<file>:<line>)`: name, file and the line's digits, as pprof's `^(.*)\s+\((.+):(-?[0-9]+)\)$` splits it. */
function fileLineOf(desc: string): [string, string, string] | null {
  const m = /:(-?[0-9]+)\)$/.exec(desc);
  if (m === null) return null;
  const colon = m.index;
  const k = lastOpenParen(desc, colon - 2);
  if (k < 0) return null;
  return [desc.slice(0, k - 1), desc.slice(k + 1, colon), m[1]!];
}

/** `<name> (<path>)`, as pprof's `^(.*)\s+\((.*)\)$` splits it. */
function pathOf(desc: string): [string, string] | null {
  if (!desc.endsWith(')')) return null;
  const k = lastOpenParen(desc, desc.length - 2);
  if (k < 0) return null;
  return [desc.slice(0, k - 1), desc.slice(k + 1, desc.length - 1)];
}

/** Go's filepath.Base. */
function baseName(p: string): string {
  if (p === '') return '.';
  const t = p.replace(/\/+$/, '');
  if (t === '') return '/';
  return t.slice(t.lastIndexOf('/') + 1);
}

/** The `0x...` numbers of a sample's address list. */
export function hexAddresses(s: string, format: string, lineNumber: number): bigint[] {
  return (s.match(HEX_NUMBER) ?? []).map((h) => {
    const v = parseHex64(h);
    if (v === null) throw legacyError(format, lineNumber, `address ${h.length > 30 ? h.slice(0, 30) + '…' : h} is wider than 64 bits`);
    return v;
  });
}

/**
 * Go's strconv.ParseInt(s, 0, 64) on the digit strings these formats hold:
 * a leading 0 means octal, 0x hex. Errors name the field and line.
 */
export function goInt(s: string, what: string, format: string, lineNumber: number): bigint {
  let v: bigint;
  if (/^0[xX][0-9A-Fa-f]+$/.test(s)) v = BigInt(s);
  else if (/^0[0-7]+$/.test(s)) v = BigInt('0o' + s.slice(1));
  else if (/^(0|[1-9][0-9]*)$/.test(s)) v = BigInt(s);
  else throw legacyError(format, lineNumber, `${what} ${quote(s)} is not a number`);
  if (v >= 1n << 63n) throw legacyError(format, lineNumber, `${what} ${s.length > 30 ? s.slice(0, 30) + '…' : s} does not fit in 64 bits`);
  return v;
}
