/**
 * The local zone without Intl (src/report/tz.ts, posix-tz.ts): TZif files
 * read from the system's zoneinfo, Go's rules for $TZ, and the POSIX rule
 * strings of TZif footers. The rule evaluator is checked against the
 * transitions the same files list explicitly (Debian's zone files are
 * "fat": every transition to 2037 is written out), so both sources of truth
 * must agree at every change. The comparison with `go tool pprof` itself is
 * test/e2e/time-zone-go.test.ts.
 */

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { parseTzif, loadLocalZone, zoneAt, type TzData } from '../../../src/report/tz.js';
import { parsePosixTz, zoneOfRule } from '../../../src/report/posix-tz.js';
import { formatGoTime } from '../../../src/report/header.js';
import { requireTool } from '../../helpers/tools.js';

const ZONEINFO = '/usr/share/zoneinfo/';
const haveZoneinfo = existsSync(`${ZONEINFO}America/Los_Angeles`);
const skip = requireTool('tzdata (/usr/share/zoneinfo)', haveZoneinfo);

function zone(name: string): TzData {
  const data = parseTzif(readFileSync(ZONEINFO + name));
  assert.ok(data !== null, `${name} is not TZif`);
  return data;
}

/** Zones with daylight time in both hemispheres, half-hour and negative daylight saving (Dublin). */
const ZONES = ['America/Los_Angeles', 'Europe/Berlin', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Europe/Dublin',
  'America/Santiago', 'America/Havana'];

describe('TZif files', { skip }, () => {
  test('zone types, abbreviations and a footer rule are read', () => {
    const la = zone('America/Los_Angeles');
    assert.ok(la.times.length > 100);
    assert.deepEqual(new Set(la.types.map((t) => t.abbrev)), new Set(['LMT', 'PDT', 'PST', 'PWT', 'PPT']));
    assert.deepEqual(la.rule?.dst?.name, 'PDT');
    assert.deepEqual(zoneAt(la, Date.UTC(2026, 0, 15) / 1000), { abbrev: 'PST', offset: -8 * 3600, isDst: false });
    assert.deepEqual(zoneAt(la, Date.UTC(2026, 6, 15) / 1000), { abbrev: 'PDT', offset: -7 * 3600, isDst: true });
    // Before the first transition: local mean time.
    assert.equal(zoneAt(la, Date.UTC(1850, 0, 1) / 1000).abbrev, 'LMT');
  });

  test('the footer rule agrees with every listed transition from 2023 to 2037', () => {
    for (const name of ZONES) {
      const z = zone(name);
      if (z.rule === null || z.rule.dst === undefined) continue;
      const from = Date.UTC(2023, 0, 1) / 1000; // every zone here has had its current rule since then
      let checked = 0;
      for (let i = 1; i < z.times.length; i++) {
        const t = z.times[i]!;
        if (t < from) continue;
        const after = z.types[z.typeOf[i]!]!;
        const before = z.types[z.typeOf[i - 1]!]!;
        const r1 = zoneOfRule(z.rule, t);
        const r0 = zoneOfRule(z.rule, t - 1);
        assert.deepEqual([r0.abbrev, r0.offset], [before.abbrev, before.offset], `${name} just before ${new Date(t * 1000).toISOString()}`);
        assert.deepEqual([r1.abbrev, r1.offset], [after.abbrev, after.offset], `${name} at ${new Date(t * 1000).toISOString()}`);
        checked++;
      }
      assert.ok(checked >= 20, `${name}: only ${checked} transitions checked`);
    }
  });

  test('$TZ by Go\'s rules: unset is /etc/localtime, empty and UTC are UTC, :name, absolute paths, unknown is UTC', () => {
    assert.equal(loadLocalZone('').kind, 'utc');
    assert.equal(loadLocalZone('UTC').kind, 'utc');
    assert.equal(loadLocalZone('No/Such_Zone').kind, 'utc');
    assert.equal(loadLocalZone(':Europe/Berlin').kind, 'tzif');
    assert.equal(loadLocalZone(`${ZONEINFO}Asia/Tokyo`).kind, 'tzif');
    assert.equal(loadLocalZone(undefined).kind, existsSync('/etc/localtime') ? 'tzif' : 'utc');
  });

  test('formatGoTime in Go\'s layout "Jan 2, 2006 at 3:04pm (MST)"', () => {
    const at = (iso: string): bigint => BigInt(Date.parse(iso)) * 1_000_000n;
    assert.equal(formatGoTime(at('2026-01-15T08:05:00Z'), 'America/Los_Angeles'), 'Jan 15, 2026 at 12:05am (PST)');
    assert.equal(formatGoTime(at('2026-07-15T19:30:00Z'), 'America/Los_Angeles'), 'Jul 15, 2026 at 12:30pm (PDT)');
    assert.equal(formatGoTime(at('2026-11-24T21:31:00Z'), 'Asia/Kolkata'), 'Nov 25, 2026 at 3:01am (IST)');
    assert.equal(formatGoTime(at('2026-11-24T21:31:00Z'), 'Australia/Lord_Howe'), 'Nov 25, 2026 at 8:31am (+11)');
    assert.equal(formatGoTime(at('2026-11-24T21:31:00Z'), ''), 'Nov 24, 2026 at 9:31pm (UTC)');
    // One nanosecond before the epoch is in the last second of 1969 (floor, as Go's time.Unix).
    assert.equal(formatGoTime(-1n, 'UTC'), 'Dec 31, 1969 at 11:59pm (UTC)');
  });
});

describe('POSIX TZ rule strings', () => {
  test('names, offsets (west positive in the string), quoted names and default rules', () => {
    assert.deepEqual(parsePosixTz('IST-5:30'), { stdName: 'IST', stdOffset: 5.5 * 3600 });
    assert.deepEqual(parsePosixTz('<-03>3'), { stdName: '-03', stdOffset: -3 * 3600 });
    const lh = parsePosixTz('<+1030>-10:30<+11>-11,M10.1.0,M4.1.0');
    assert.equal(lh?.dst?.name, '+11');
    assert.equal(lh?.dst?.offset, 11 * 3600);
    // No DST offset: one hour ahead of standard time. No rule: the US rule.
    const est = parsePosixTz('EST5EDT');
    assert.equal(est?.dst?.offset, -4 * 3600);
    assert.deepEqual(est?.dst?.start.day, { kind: 'month-week-day', month: 3, week: 2, weekday: 0 });
    for (const bad of ['', 'X5', 'EST', 'EST5EDT,M13.1.0,M11.1.0', 'EST5EDT,M3.2.0', 'EST5EDT,M3.2.0,M11.1.0junk', '<EST5']) {
      assert.equal(parsePosixTz(bad), null, bad);
    }
  });

  test('Julian (Jn, no Feb 29) and zero-based (n) days, and times after 24:00', () => {
    // Daylight time from day J60 (Mar 1, also in leap years) to zero-based day 300, changes at 02:00 local.
    const r = parsePosixTz('AAA0BBB,J60,300')!;
    const sec = (iso: string): number => Date.parse(iso) / 1000;
    assert.equal(zoneOfRule(r, sec('2028-02-29T12:00:00Z')).abbrev, 'AAA'); // leap day: still before J60
    assert.equal(zoneOfRule(r, sec('2028-03-01T01:59:59Z')).abbrev, 'AAA');
    assert.equal(zoneOfRule(r, sec('2028-03-01T02:00:00Z')).abbrev, 'BBB');
    // Day 300 of a leap year is Oct 27; the end is read at the daylight offset (+1h): 02:00 BBB = 01:00 UTC.
    assert.equal(zoneOfRule(r, sec('2028-10-27T00:59:59Z')).abbrev, 'BBB');
    assert.equal(zoneOfRule(r, sec('2028-10-27T01:00:00Z')).abbrev, 'AAA');
    const late = parsePosixTz('CCC0DDD,M3.5.0/26,M10.5.0/-1')!; // last Sunday of March at 26:00, of October at -01:00
    assert.equal(zoneOfRule(late, sec('2026-03-30T01:59:59Z')).abbrev, 'CCC');
    assert.equal(zoneOfRule(late, sec('2026-03-30T02:00:00Z')).abbrev, 'DDD');
    assert.equal(zoneOfRule(late, sec('2026-10-24T21:59:59Z')).abbrev, 'DDD');
    assert.equal(zoneOfRule(late, sec('2026-10-24T22:00:00Z')).abbrev, 'CCC');
  });
});
