/**
 * The profile-level header lines of a report (File, Build ID, comments,
 * Type, Time, Duration), in pprof's order and wording.
 */

import type { Profile } from '../model/profile.js';
import { formatDurationLine, type ValueFormatter } from './units.js';
import { loadLocalZone, localZoneAt, processLocalZone } from './tz.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Go's reference layout "Jan 2, 2006 at 3:04pm (MST)" for an instant in
 * nanoseconds since the Unix epoch, rendered in the local zone as Go finds
 * it (src/report/tz.ts: $TZ or /etc/localtime, read from the TZif file).
 * `timeZone` renders as if $TZ were set to it. Only where no zone files can
 * be read the Go way (outside Node, on Windows) does Intl do the work.
 */
export function formatGoTime(nanos: bigint, timeZone?: string): string {
  // Floor division, as Go's time.Unix: an instant before 1970 is in the second before it.
  const sec = Number(nanos / 1_000_000_000n - (nanos % 1_000_000_000n < 0n ? 1n : 0n));
  const zone = timeZone === undefined ? processLocalZone() : loadLocalZone(timeZone);
  if (zone.kind === 'unknown') return formatWithIntl(nanos, timeZone);
  const { abbrev, offset } = localZoneAt(zone, sec);
  const d = new Date((sec + offset) * 1000); // its UTC fields are the local wall clock
  const h = d.getUTCHours();
  const year = d.getUTCFullYear();
  const yyyy = year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0');
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${yyyy} at ${h % 12 === 0 ? 12 : h % 12}:` +
    `${String(d.getUTCMinutes()).padStart(2, '0')}${h < 12 ? 'am' : 'pm'} (${abbrev === '' ? numericZone(offset) : abbrev})`;
}

/** Go prints a zone without an abbreviation as -0700. */
function numericZone(offset: number): string {
  const minutes = Math.trunc(offset / 60);
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.trunc(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** The portable path (browsers, Windows): Intl's short zone names, which differ from Go's for some zones. */
function formatWithIntl(nanos: bigint, timeZone?: string): string {
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
