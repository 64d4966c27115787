/**
 * The raw report as the text `go tool pprof -raw` prints (Profile.String),
 * one line at a time so the CLI can stream a big profile's output.
 */

import { compareGoStrings } from '../../query/strings.js';
import type { Location, Mapping } from '../../model/types.js';
import type { RawSample, RawStream } from './data.js';
import { goDurationString, goTimeString } from './go-time.js';

/** Go's `%#x` of an unsigned 64-bit value. */
function hex(v: bigint): string {
  return `0x${v.toString(16)}`;
}

/** Go's `%v` of a slice: `[a b c]`. */
function goSlice(items: readonly string[]): string {
  return `[${items.join(' ')}]`;
}

const LABEL_INDENT = '                ';

function sampleLines(s: RawSample): string[] {
  let head = '';
  for (const v of s.values) head += ` ${v.toString().padStart(10)}`;
  head += ': ';
  for (const id of s.locationIds) head += `${id} `;
  const out = [head];
  if (s.labels.size > 0) {
    const ls = [...s.labels].map(([k, v]) => `${k}:${goSlice(v)}`).sort(compareGoStrings);
    out.push(LABEL_INDENT + ls.join(' '));
  }
  if (s.numLabels.size > 0) {
    const ls = [...s.numLabels].map(([k, v]) => {
      const units = s.numUnits.get(k) ?? [];
      return units.length === v.length
        ? `${k}:${goSlice(v.map((x, i) => `${x} ${units[i]!}`))}`
        : `${k}:${goSlice(v.map(String))}`;
    }).sort(compareGoStrings);
    out.push(LABEL_INDENT + ls.join(' '));
  }
  return out;
}

function locationLines(l: Location): string[] {
  let head = `${l.id.toString().padStart(6)}: ${hex(l.address)} `;
  if (l.mapping !== null) head += `M=${l.mapping.id} `;
  if (l.isFolded) head += '[F] ';
  if (l.lines.length === 0) return [head];
  const out: string[] = [];
  for (const ln of l.lines) {
    const fn = ln.function;
    let text = `${fn.name} ${fn.filename}:${ln.line} s=${fn.startLine}`;
    if (fn.name !== fn.systemName) text += `(${fn.systemName})`;
    out.push(head + text);
    head = '             ';
  }
  return out;
}

function mappingLine(m: Mapping): string {
  let bits = '';
  if (m.hasFunctions) bits += '[FN]';
  if (m.hasFilenames) bits += '[FL]';
  if (m.hasLineNumbers) bits += '[LN]';
  if (m.hasInlineFrames) bits += '[IN]';
  return `${m.id}: ${hex(m.memoryStart)}/${hex(m.memoryLimit)}/${hex(m.fileOffset)} ${m.filename} ${m.buildId} ${bits}`;
}

/** The report's lines, each without its newline. */
export function* rawTextLines(r: RawStream): Generator<string> {
  const p = r.profile;
  for (const c of r.comments) yield `Comment: ${c}`;
  if (p.periodType !== null) yield `PeriodType: ${p.periodType.type} ${p.periodType.unit}`;
  yield `Period: ${p.period}`;
  if (p.timeNanos !== 0n) yield `Time: ${goTimeString(p.timeNanos)}`;
  // Go prints the duration with %.4v: its String cut to four characters.
  if (p.durationNanos !== 0n) yield `Duration: ${[...goDurationString(p.durationNanos)].slice(0, 4).join('')}`;
  yield 'Samples:';
  yield p.sampleTypes.map((t) => `${t.type}/${t.unit}${t.type === p.defaultSampleType ? '[dflt]' : ''}`).join(' ').trim();
  for (const s of r.samples) yield* sampleLines(s);
  yield 'Locations';
  for (const l of r.locations) yield* locationLines(l);
  yield 'Mappings';
  for (const m of r.mappings) yield mappingLine(m);
}

/** The whole report as one newline-terminated string. */
export function renderRawText(r: RawStream): string {
  return [...rawTextLines(r)].join('\n') + '\n';
}

