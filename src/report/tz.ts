/**
 * The local time zone the way Go's time package finds it, read straight from
 * the system's TZif files (RFC 8536) instead of through Intl, whose first use
 * costs more than the rest of `pprof-ts top` on a small profile. Go (and so
 * `go tool pprof`) on Unix: $TZ unset means /etc/localtime; $TZ empty or
 * `UTC` means UTC; `:name` is `name`; an absolute path is that file; any
 * other name is looked up in /usr/share/zoneinfo, /usr/share/lib/zoneinfo,
 * /usr/lib/locale/TZ; a zone that cannot be read is UTC.
 */

import { nodeBuiltin } from '../node-builtin.js';
import { parsePosixTz, zoneOfRule, type PosixTz } from './posix-tz.js';

/** The zone in effect at an instant: its abbreviation (may be empty) and its offset in seconds east of UTC. */
export interface ZoneAt {
  readonly abbrev: string;
  readonly offset: number;
}

/** A zone read from a TZif file. */
export interface TzData {
  /** Transition instants (Unix seconds), ascending. */
  readonly times: readonly number[];
  /** For each transition, the index of the zone type that starts. */
  readonly typeOf: readonly number[];
  readonly types: readonly (ZoneAt & { readonly isDst: boolean })[];
  /** The footer rule for instants after the last transition (v2+ files), if any. */
  readonly rule: PosixTz | null;
}

/** Where Go looks for zone names on Unix (its platformZoneSources). */
const ZONE_DIRS = ['/usr/share/zoneinfo/', '/usr/share/lib/zoneinfo/', '/usr/lib/locale/TZ/'];

const UTC: ZoneAt = { abbrev: 'UTC', offset: 0 };

/** Parses TZif bytes (versions 1 to 4; the 64-bit block when there is one). Null when they are not TZif. */
export function parseTzif(bytes: Uint8Array): TzData | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = (at: number): number[] | null => {
    if (at + 44 > bytes.length || String.fromCharCode(...bytes.subarray(at, at + 4)) !== 'TZif') return null;
    // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
    return [0, 1, 2, 3, 4, 5].map((i) => view.getUint32(at + 20 + 4 * i));
  };
  const v1 = header(0);
  if (v1 === null) return null;
  const blockSize = (h: number[], t: number): number => h[3]! * t + h[3]! + h[4]! * 6 + h[5]! + h[2]! * (t + 4) + h[1]! + h[0]!;
  let at = 0;
  let h = v1;
  let timeSize = 4;
  if (bytes[4]! >= 0x32) { // version '2' or later: skip the 32-bit block, read the 64-bit one
    at = 44 + blockSize(v1, 4);
    const v2 = header(at);
    if (v2 === null) return null;
    h = v2;
    timeSize = 8;
  }
  const [, , , timecnt, typecnt, charcnt] = h as [number, number, number, number, number, number];
  let p = at + 44;
  const end = p + blockSize(h, timeSize);
  if (typecnt === 0 || end > bytes.length) return null;
  const times: number[] = [];
  for (let i = 0; i < timecnt; i++, p += timeSize) {
    times.push(timeSize === 8 ? Number(view.getBigInt64(p)) : view.getInt32(p));
  }
  const typeOf = Array.from(bytes.subarray(p, p + timecnt));
  p += timecnt;
  const charsAt = p + typecnt * 6;
  const chars = bytes.subarray(charsAt, charsAt + charcnt);
  const types = [];
  for (let i = 0; i < typecnt; i++, p += 6) {
    const from = bytes[p + 5]!;
    let to = chars.indexOf(0, from);
    if (to < 0) to = chars.length;
    types.push({ offset: view.getInt32(p), isDst: bytes[p + 4] !== 0, abbrev: String.fromCharCode(...chars.subarray(from, to)) });
  }
  if (typeOf.some((t) => t >= typecnt)) return null;
  let rule: PosixTz | null = null;
  if (timeSize === 8 && bytes[end] === 0x0a) {
    const close = bytes.indexOf(0x0a, end + 1);
    if (close > end) rule = parsePosixTz(String.fromCharCode(...bytes.subarray(end + 1, close)));
  }
  return { times, typeOf, types, rule };
}

/**
 * The zone at `sec` (Unix seconds), as Go looks it up: before the first
 * transition, the first standard-time type (preferring the one before the
 * first transition's); after the last, the footer rule when there is one.
 */
export function zoneAt(tz: TzData, sec: number): ZoneAt {
  const { times, typeOf, types } = tz;
  if (times.length === 0 || sec < times[0]!) {
    if (times.length === 0 && tz.rule !== null) return zoneOfRule(tz.rule, sec);
    return types[firstZone(tz)]!;
  }
  let lo = 0;
  let hi = times.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (sec < times[mid]!) hi = mid;
    else lo = mid;
  }
  if (lo === times.length - 1 && tz.rule !== null) return zoneOfRule(tz.rule, sec);
  return types[typeOf[lo]!]!;
}

/** The type in effect before the first transition (RFC 8536 leaves it to readers; this is Go's choice). */
function firstZone(tz: TzData): number {
  const { typeOf, types } = tz;
  if (!typeOf.includes(0)) return 0; // type 0 is otherwise unused: it is the initial one
  const first = typeOf[0];
  if (first !== undefined && types[first]!.isDst) {
    for (let i = first - 1; i >= 0; i--) if (!types[i]!.isDst) return i;
  }
  const std = types.findIndex((t) => !t.isDst);
  return std < 0 ? 0 : std;
}

/** What the local zone is: a zone read from a file, UTC, or unknown here (not Unix, or no file system). */
export type LocalZone = { readonly kind: 'tzif'; readonly data: TzData } | { readonly kind: 'utc' } | { readonly kind: 'unknown' };

interface FsLike {
  readFileSync(path: string): Uint8Array;
}

function readZone(fs: FsLike, path: string): TzData | null {
  try {
    return parseTzif(fs.readFileSync(path));
  } catch {
    return null;
  }
}

/**
 * The local zone for `tz` (the value of $TZ, undefined when unset), by Go's
 * Unix rules. 'unknown' outside Node and on Windows, where Go asks the
 * system instead: callers fall back to Intl there.
 */
export function loadLocalZone(tz: string | undefined): LocalZone {
  const proc = (globalThis as { process?: { platform?: string } }).process;
  const fs = nodeBuiltin<FsLike>('node:fs');
  if (fs === null || proc?.platform === 'win32') return { kind: 'unknown' };
  let data: TzData | null = null;
  if (tz === undefined) {
    data = readZone(fs, '/etc/localtime');
  } else {
    const name = tz.startsWith(':') ? tz.slice(1) : tz;
    if (name.startsWith('/')) data = readZone(fs, name);
    else if (name !== '' && name !== 'UTC') {
      for (const dir of ZONE_DIRS) {
        data = readZone(fs, dir + name);
        if (data !== null) break;
      }
    }
  }
  return data === null ? { kind: 'utc' } : { kind: 'tzif', data };
}

let cached: { tz: string | undefined; zone: LocalZone } | undefined;

/** `loadLocalZone` for this process's $TZ, read once (Go reads it once too). */
export function processLocalZone(): LocalZone {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const tz = env?.['TZ'];
  if (cached === undefined || cached.tz !== tz) cached = { tz, zone: loadLocalZone(tz) };
  return cached.zone;
}

/** The zone at `sec` in a known local zone. */
export function localZoneAt(zone: Exclude<LocalZone, { kind: 'unknown' }>, sec: number): ZoneAt {
  return zone.kind === 'utc' ? UTC : zoneAt(zone.data, sec);
}
