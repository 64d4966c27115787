/**
 * The record layout shared by Go's debug=1 profiles (goroutine,
 * threadcreate, heap, block, mutex): a line `<values> @ <addresses>`, an
 * optional `# labels: {...}` line, one `#\t<pc>\t<func>+<off>\t<file>:<line>`
 * line per frame (inlined frames included), then a blank line.
 *
 * The frame lines name every frame but do not say which ones were inlined
 * into which. They do give each frame's offset from the entry of the
 * physical function it runs in, so frames whose pc minus offset is the same
 * entry, and whose names differ, are one physical frame with inlined calls:
 * the same rule the runtime's protobuf writer uses to merge program counters
 * into one location. (A recursive call through an inlined helper would be
 * merged wrongly; the runtime can tell those apart, the text cannot.)
 */

import type { TextLabel, TextLocation } from './assemble.js';
import { parseLabelMap } from './labels.js';
import { quoteLine, safeIntField, textError, uint64HexField } from './lines.js';

/** One record of a debug=1 profile. */
export interface TextRecord {
  /** 1-based line number of the `@` line. */
  lineNumber: number;
  /** The text before ` @` (the record's values, format-specific). */
  head: string;
  /** Addresses listed after `@` (return addresses, leaf first). */
  addresses: bigint[];
  labels: TextLabel[];
  /** Locations rebuilt from the `#` frame lines, leaf first. */
  stack: TextLocation[];
}

/** A frame line: named, or a bare address when the runtime could not name it. */
interface FrameLine {
  pc: bigint;
  named: { name: string; offset: bigint; file: string; line: number } | null;
}

/** The part of a record line after its `@`: blank-separated hex addresses. */
const ADDRESSES = /^(?:[ \t]+0x[0-9a-fA-F]+)*[ \t]*$/;

/**
 * Splits `<head> @ <addresses>` at its last `@` (addresses never contain one),
 * or returns null. Done by hand rather than with one regex: a lazy head
 * followed by `\s*@` backtracks quadratically on long runs of blanks.
 */
function splitRecordLine(line: string): { head: string; addresses: string[] } | null {
  const at = line.lastIndexOf('@');
  if (at < 0) return null;
  const tail = line.slice(at + 1);
  if (!ADDRESSES.test(tail)) return null;
  const trimmed = tail.trim();
  return { head: line.slice(0, at).trimEnd(), addresses: trimmed === '' ? [] : trimmed.split(/[ \t]+/) };
}

/**
 * Reads records from `lines[start..]` until the end or until `isTrailer`
 * accepts a line outside a record. `format` names the format in errors.
 */
export function readRecords(
  lines: readonly string[], start: number, format: string, isTrailer: (line: string) => boolean = () => false,
): { records: TextRecord[]; end: number } {
  const records: TextRecord[] = [];
  let i = start;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') { i++; continue; }
    if (isTrailer(line)) break;
    const m = splitRecordLine(line);
    if (m === null) throw textError(format, i + 1, `expected a record "<values> @ <addresses>", found ${quoteLine(line)}`);
    const addresses = m.addresses.map((a) => uint64HexField(a, format, i + 1, 'address'));
    const record: TextRecord = { lineNumber: i + 1, head: m.head, addresses, labels: [], stack: [] };
    i++;
    const frames: FrameLine[] = [];
    for (; i < lines.length && lines[i]!.startsWith('#'); i++) {
      const l = lines[i]!;
      if (isTrailer(l)) break;
      if (l.startsWith('# labels:')) {
        const labels = parseLabelMap(l.slice('# labels:'.length));
        if (labels === null) throw textError(format, i + 1, `malformed label map ${quoteLine(l)}`);
        record.labels = labels;
        continue;
      }
      frames.push(parseFrameLine(l, format, i + 1));
    }
    // With no addresses the runtime still prints one bare "#\t0x0" line.
    record.stack = record.addresses.length === 0 ? [] : groupInlined(frames);
    records.push(record);
  }
  return { records, end: i };
}

function parseFrameLine(line: string, format: string, lineNumber: number): FrameLine {
  const fields = line.split('\t').filter((f) => f !== '');
  const bad = (): never => { throw textError(format, lineNumber, `malformed frame line ${quoteLine(line)}`); };
  if (fields[0] !== '#' || fields.length < 2 || !/^0x[0-9a-fA-F]+$/.test(fields[1]!)) bad();
  const pc = uint64HexField(fields[1]!, format, lineNumber, 'pc');
  if (fields.length === 2) return { pc, named: null };
  if (fields.length !== 4) bad();
  const fn = /^(.+)\+(0x[0-9a-fA-F]+)$/.exec(fields[2]!);
  const pos = /^(.*):(\d+)$/.exec(fields[3]!);
  if (fn === null || pos === null) return bad();
  const offset = uint64HexField(fn[2]!, format, lineNumber, 'function offset');
  if (offset > pc) throw textError(format, lineNumber, `function offset ${fn[2]!} exceeds its pc ${fields[1]!}`);
  return { pc, named: { name: fn[1]!, offset, file: pos[1]!, line: safeIntField(pos[2]!, format, lineNumber, 'line number') } };
}

/** Merges runs of frames that share one physical function entry into single locations. */
function groupInlined(frames: readonly FrameLine[]): TextLocation[] {
  const out: TextLocation[] = [];
  let prev: FrameLine | null = null;
  for (const f of frames) {
    const current = out[out.length - 1];
    if (current !== undefined && prev !== null && sameEntry(prev, f)) {
      current.lines.push({ name: f.named!.name, file: f.named!.file, line: f.named!.line });
    } else {
      out.push({ address: f.pc, lines: f.named === null ? [] : [{ name: f.named.name, file: f.named.file, line: f.named.line }] });
    }
    prev = f;
  }
  return out;
}

function sameEntry(a: FrameLine, b: FrameLine): boolean {
  if (a.named === null || b.named === null) return false;
  // Same function name twice in a row is recursion, never inlining.
  return a.pc - a.named.offset === b.pc - b.named.offset && a.named.name !== b.named.name;
}
