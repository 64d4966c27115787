/**
 * POSIX TZ rule strings, as found in the footer of TZif v2+ files (e.g.
 * `PST8PDT,M3.2.0,M11.1.0` or `<+1030>-10:30<+11>-11,M10.1.0,M4.1.0`):
 * they give the zone for every instant after the file's last transition.
 * Evaluated the way Go's time package does (its `tzset`), so the `Time:`
 * line matches `go tool pprof` on systems with "slim" zone files and for
 * dates past 2037 on "fat" ones.
 */

import type { ZoneAt } from './tz.js';

const DAY = 86_400;

/** When in the year a change happens: Julian day without Feb 29 (`Jn`), zero-based day (`n`), or `Mm.w.d`. */
type RuleDay =
  | { readonly kind: 'julian'; readonly day: number }
  | { readonly kind: 'day-of-year'; readonly day: number }
  | { readonly kind: 'month-week-day'; readonly month: number; readonly week: number; readonly weekday: number };

/** One change of a rule: the day, and the local wall-clock second of that day. */
interface RuleChange {
  readonly day: RuleDay;
  readonly seconds: number;
}

/** A parsed rule: standard zone, and optionally a daylight zone with its start and end. */
export interface PosixTz {
  readonly stdName: string;
  /** Seconds east of UTC. */
  readonly stdOffset: number;
  readonly dst?: { readonly name: string; readonly offset: number; readonly start: RuleChange; readonly end: RuleChange };
}

/** A cursor over the rule string; every reader returns null on malformed text. */
class Reader {
  at = 0;
  constructor(readonly s: string) {}
  get done(): boolean { return this.at >= this.s.length; }
  peek(): string { return this.s[this.at] ?? ''; }
  eat(c: string): boolean {
    if (this.peek() !== c) return false;
    this.at++;
    return true;
  }
  /** A zone name: letters (at least 3), or anything inside `<...>`. */
  name(): string | null {
    if (this.eat('<')) {
      const close = this.s.indexOf('>', this.at);
      if (close < 0) return null;
      const n = this.s.slice(this.at, close);
      this.at = close + 1;
      return n;
    }
    const m = /^[A-Za-z]{3,}/.exec(this.s.slice(this.at));
    if (m === null) return null;
    this.at += m[0].length;
    return m[0];
  }
  /** `[+-]hh[:mm[:ss]]` in seconds (hours up to 167, as rule times allow). */
  hms(): number | null {
    const m = /^([+-]?)(\d{1,3})(?::(\d{1,2})(?::(\d{1,2}))?)?/.exec(this.s.slice(this.at));
    if (m === null) return null;
    this.at += m[0].length;
    const v = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
    return m[1] === '-' ? -v : v;
  }
  int(): number | null {
    const m = /^\d+/.exec(this.s.slice(this.at));
    if (m === null) return null;
    this.at += m[0].length;
    return Number(m[0]);
  }
  /** One change: `Jn`, `n` or `Mm.w.d`, then an optional `/time` (default 02:00). */
  change(): RuleChange | null {
    let day: RuleDay;
    if (this.eat('J')) {
      const d = this.int();
      if (d === null || d < 1 || d > 365) return null;
      day = { kind: 'julian', day: d };
    } else if (this.eat('M')) {
      const month = this.int();
      const week = this.eat('.') ? this.int() : null;
      const weekday = this.eat('.') ? this.int() : null;
      if (month === null || week === null || weekday === null || month < 1 || month > 12 || week < 1 || week > 5 || weekday > 6) {
        return null;
      }
      day = { kind: 'month-week-day', month, week, weekday };
    } else {
      const d = this.int();
      if (d === null || d > 365) return null;
      day = { kind: 'day-of-year', day: d };
    }
    const seconds = this.eat('/') ? this.hms() : 2 * 3600;
    return seconds === null ? null : { day, seconds };
  }
}

/** Parses a POSIX TZ rule string; null when it is empty or malformed (Go then ignores it too). */
export function parsePosixTz(s: string): PosixTz | null {
  const r = new Reader(s);
  const stdName = r.name();
  const stdWest = r.hms();
  if (stdName === null || stdWest === null) return null;
  if (r.done) return { stdName, stdOffset: 0 - stdWest };
  const name = r.name();
  if (name === null) return null;
  let offset = 3600 - stdWest;
  if (!r.done && r.peek() !== ',') {
    const west = r.hms();
    if (west === null) return null;
    offset = 0 - west;
  }
  let start: RuleChange | null = null;
  let end: RuleChange | null = null;
  if (r.done) {
    // No rule: the US rule of 2007, as Go (and glibc) assume.
    start = { day: { kind: 'month-week-day', month: 3, week: 2, weekday: 0 }, seconds: 7200 };
    end = { day: { kind: 'month-week-day', month: 11, week: 1, weekday: 0 }, seconds: 7200 };
  } else if (r.eat(',')) {
    start = r.change();
    end = r.eat(',') ? r.change() : null;
  }
  if (start === null || end === null || !r.done) return null;
  return { stdName, stdOffset: 0 - stdWest, dst: { name, offset, start, end } };
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Zero-based day of the year a change falls on. */
function dayOfYear(year: number, d: RuleDay): number {
  switch (d.kind) {
    case 'julian':
      // Feb 29 is never counted: from March on, a leap year's day number is one higher.
      return d.day - 1 + (isLeap(year) && d.day >= 60 ? 1 : 0);
    case 'day-of-year':
      return d.day;
    case 'month-week-day': {
      const first = Date.UTC(year, d.month - 1, 1);
      const firstWeekday = new Date(first).getUTCDay();
      const daysInMonth = new Date(Date.UTC(year, d.month, 0)).getUTCDate();
      let dom = (d.weekday - firstWeekday + 7) % 7; // zero-based day of month of the first such weekday
      // Week 5 means the last such weekday of the month.
      for (let w = 1; w < d.week && dom + 7 < daysInMonth; w++) dom += 7;
      return (first - Date.UTC(year, 0, 1)) / (DAY * 1000) + dom;
    }
  }
}

/** Seconds from the start of the (UTC) year to a change, whose wall-clock time is read at `offset`. */
function changeSecond(year: number, c: RuleChange, offset: number): number {
  return dayOfYear(year, c.day) * DAY + c.seconds - offset;
}

/** The zone a rule gives at `sec` (Unix seconds). */
export function zoneOfRule(tz: PosixTz, sec: number): ZoneAt {
  if (tz.dst === undefined) return { abbrev: tz.stdName, offset: tz.stdOffset };
  const year = new Date(sec * 1000).getUTCFullYear();
  const yearStart = Date.UTC(year, 0, 1) / 1000;
  const inYear = sec - yearStart;
  let std: ZoneAt = { abbrev: tz.stdName, offset: tz.stdOffset };
  let dst: ZoneAt = { abbrev: tz.dst.name, offset: tz.dst.offset };
  let start = changeSecond(year, tz.dst.start, tz.stdOffset);
  let end = changeSecond(year, tz.dst.end, tz.dst.offset);
  // Southern hemisphere: daylight time spans the new year, so the year's middle is standard time.
  if (end < start) {
    [start, end] = [end, start];
    [std, dst] = [dst, std];
  }
  return inYear >= start && inYear < end ? dst : std;
}
