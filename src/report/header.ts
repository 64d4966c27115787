/**
 * The profile-level header lines of a report (File, Build ID, comments,
 * Type, Time, Duration), in pprof's order and wording.
 */

import type { Profile } from '../model/profile.js';
import { formatDurationLine, type ValueFormatter } from './units.js';

/** Go's reference layout "Jan 2, 2006 at 3:04pm (MST)", rendered in the local time zone. */
export function formatGoTime(nanos: bigint, timeZone?: string): string {
  const d = new Date(Number(nanos / 1_000_000n));
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit',
    hour12: true, timeZoneName: 'short',
  }).formatToParts(d);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  const ampm = get('dayPeriod').toLowerCase();
  return `${get('month')} ${get('day')}, ${get('year')} at ${get('hour')}:${get('minute')}${ampm} (${get('timeZoneName')})`;
}

function baseName(p: string): string {
  const parts = p.split('/').filter((s) => s !== '');
  return parts.length === 0 ? (p.startsWith('/') ? '/' : '.') : parts[parts.length - 1]!;
}

/** What the header needs beyond the profile itself. */
export interface HeaderInput {
  readonly profile: Profile;
  /** Name of the sample type shown. */
  readonly sampleType: string;
  /** Unit of the sample type, as in the profile. */
  readonly sampleUnit: string;
  /** Report total (sum of |values|). */
  readonly total: number;
  readonly formatValue: ValueFormatter;
}

/** pprof's profile labels: the first lines of every text report. */
export function profileHeaderLines(h: HeaderInput): string[] {
  const p = h.profile;
  const lines: string[] = [];
  const m0 = p.mappings[0];
  if (m0 !== undefined) {
    if (m0.filename !== '') lines.push(`File: ${baseName(m0.filename)}`);
    if (m0.buildId !== '') lines.push(`Build ID: ${m0.buildId}`);
  }
  // Comments starting with '#' are annotations pprof keeps out of the header.
  for (const c of p.comments) if (!c.startsWith('#')) lines.push(c);
  if (h.sampleType !== '') lines.push(`Type: ${h.sampleType}`);
  if (p.timeNanos !== 0n) lines.push(`Time: ${formatGoTime(p.timeNanos)}`);
  if (p.durationNanos !== 0n) {
    lines.push(formatDurationLine(Number(p.durationNanos), h.total, h.sampleUnit, h.formatValue));
  }
  return lines;
}
