/**
 * The `Time:` header line equals `go tool pprof -top`'s under several $TZ
 * values, now that pprof-ts reads the zone files itself instead of using
 * Intl (src/report/tz.ts). Profiles with chosen time_nanos (winter, summer,
 * the minutes around daylight-time changes, before the first listed
 * transition, after 2037 where only the files' footer rule applies, just
 * before the epoch) are written to a temporary folder; Go renders each under
 * each $TZ, and so does pprof-ts, in-process (formatGoTime with that zone)
 * and through the built bin with the same environment.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeProfile, Strings } from '../helpers/proto.js';
import { goVersion, requireTool } from '../helpers/tools.js';
import { BIN, ROOT } from '../helpers/paths.js';
import { formatGoTime } from '../../src/report/header.js';

const skip = requireTool('go', goVersion() !== null);

/** $TZ values (undefined: unset, so /etc/localtime). */
const ZONES: (string | undefined)[] = ['UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Europe/Berlin', 'Australia/Lord_Howe',
  undefined, '', ':Europe/Dublin', '/usr/share/zoneinfo/Asia/Tokyo', 'No/Such_Zone'];

/** Instants, as ISO strings or raw nanoseconds. */
const INSTANTS: (string | bigint)[] = [
  '2026-01-15T08:05:00Z', // Los Angeles: 12:05am
  '2026-07-15T19:30:00Z', // Los Angeles: 12:30pm
  '2026-03-08T09:59:00Z', '2026-03-08T10:00:00Z', // Los Angeles: daylight time starts
  '2026-03-29T00:59:00Z', '2026-03-29T01:00:00Z', // Berlin: daylight time starts
  '2026-10-03T15:29:00Z', '2026-10-03T15:30:00Z', // Lord Howe: +1030 to +11
  '2045-07-01T12:00:00Z', '2045-12-24T23:59:00Z', // after the last listed transition: the footer rule
  '1850-06-01T00:00:00Z', // before the first transition: local mean time
  -1n, // one nanosecond before the epoch
];

function nanosOf(i: string | bigint): bigint {
  return typeof i === 'bigint' ? i : BigInt(Date.parse(i)) * 1_000_000n;
}

/** A one-sample CPU profile taken at `timeNanos`. */
function profileAt(timeNanos: bigint): Uint8Array {
  const st = new Strings();
  return encodeProfile({
    sampleType: [{ type: st.x('cpu'), unit: st.x('nanoseconds') }],
    sample: [{ locationId: [1], value: [10_000_000] }],
    location: [{ id: 1, line: [{ functionId: 1, line: 3 }] }],
    function: [{ id: 1, name: st.x('main.work'), filename: st.x('main.go') }],
    timeNanos,
    periodType: { type: st.x('cpu'), unit: st.x('nanoseconds') },
    period: 10_000_000,
    stringTable: st.table,
  });
}

function envWith(tz: string | undefined): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (tz === undefined) delete env['TZ'];
  else env['TZ'] = tz;
  return env;
}

function timeLine(stdout: string, what: string): string {
  const line = stdout.split('\n').find((l) => l.startsWith('Time: '));
  assert.ok(line !== undefined, `${what}: no Time: line in\n${stdout}`);
  return line;
}

describe('Time: line against go tool pprof', { skip }, () => {
  let dir: string;
  const files: string[] = [];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pprof-ts-tz-'));
    INSTANTS.forEach((at, i) => {
      const file = join(dir, `t${i}.pb`);
      writeFileSync(file, profileAt(nanosOf(at)));
      files.push(file);
    });
  });
  after(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  for (const tz of ZONES) {
    test(`TZ=${tz === undefined ? '(unset)' : JSON.stringify(tz)}`, () => {
      const env = envWith(tz);
      INSTANTS.forEach((at, i) => {
        const what = `TZ=${String(tz)} at ${String(at)}`;
        const go = spawnSync('go', ['tool', 'pprof', '-top', files[i]!], { encoding: 'utf8', env, timeout: 60_000 });
        assert.equal(go.status, 0, go.stderr);
        const expected = timeLine(go.stdout, `go (${what})`);
        // In-process, with the zone given as $TZ would give it (unset: this process's own $TZ).
        const ours = tz === undefined && process.env['TZ'] !== undefined ? null : `Time: ${formatGoTime(nanosOf(at), tz)}`;
        if (ours !== null) assert.equal(ours, expected, what);
        // The shipped bin, for a few instants (each run is a process).
        if (i % 4 === 0) {
          const bin = spawnSync(process.execPath, [BIN, 'top', files[i]!], { cwd: ROOT, encoding: 'utf8', env, timeout: 60_000 });
          assert.equal(bin.status, 0, bin.stderr);
          assert.equal(timeLine(bin.stdout, `pprof-ts (${what})`), expected, `bin: ${what}`);
        }
      });
    });
  }
});
