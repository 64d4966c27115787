/**
 * --hide / --show on locations without line information (unsymbolized native
 * frames, converted profiles): pprof hides such a location only when the hide
 * regex matches it (through its mapping), while show keeps only locations with
 * a matching line. The expected rows were printed by Go 1.19's pprof:
 *   go tool pprof -symbolize=none -top -hide=main nolines.pb   (and the other flags below)
 * on the profile built by `linelessProfile`; when Go is installed the test also
 * re-runs it and compares.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProfile } from '../../../src/parse.js';
import { topTable } from '../../../src/report/top.js';
import { renderTopText } from '../../../src/report/text.js';
import { Strings, encodeProfile } from '../../helpers/proto.js';
import { goVersion, requireTool } from '../../helpers/tools.js';

/** Two Go frames with lines; libc and app frames with addresses and mappings but no lines. */
function linelessProfile(): Uint8Array {
  const s = new Strings();
  const count = { type: s.x('samples'), unit: s.x('count') };
  const cpu = { type: s.x('cpu'), unit: s.x('nanoseconds') };
  return encodeProfile({
    sampleType: [count, cpu],
    periodType: cpu,
    period: 10_000_000,
    mapping: [
      { id: 1, memoryStart: 0x400000, memoryLimit: 0x500000, filename: s.x('/usr/bin/app'), hasFunctions: true },
      { id: 2, memoryStart: 0x7f0000000000, memoryLimit: 0x7f0000100000, filename: s.x('/lib/x86_64-linux-gnu/libc.so.6') },
    ],
    function: [
      { id: 1, name: s.x('main.main'), filename: s.x('/src/main.go') },
      { id: 2, name: s.x('main.work'), filename: s.x('/src/main.go') },
    ],
    location: [
      { id: 1, mappingId: 1, address: 0x401000, line: [{ functionId: 1, line: 10 }] },
      { id: 2, mappingId: 1, address: 0x402000, line: [{ functionId: 2, line: 20 }] },
      { id: 3, mappingId: 2, address: 0x7f0000001000 },
      { id: 4, mappingId: 2, address: 0x7f0000002000 },
      { id: 5, mappingId: 1, address: 0x403000 },
    ],
    sample: [
      { locationId: [3, 2, 1], value: [1, 10_000_000] },
      { locationId: [4, 3, 2, 1], value: [2, 20_000_000] },
      { locationId: [5, 1], value: [4, 40_000_000] },
      { locationId: [3], value: [8, 80_000_000] },
    ],
    stringTable: s.table,
  });
}

/** Table rows (after the column header) printed by `go tool pprof -symbolize=none -top <flag>`. */
const GO_ROWS: Record<string, string[]> = {
  '-hide=main': [
    '     110ms 73.33% 73.33%      110ms 73.33%  [libc.so.6]',
    '      40ms 26.67%   100%       40ms 26.67%  [app]',
  ],
  '-hide=libc': [
    '      40ms 26.67% 26.67%       40ms 26.67%  [app]',
    '      30ms 20.00% 46.67%       30ms 20.00%  main.work',
    '         0     0% 46.67%       70ms 46.67%  main.main',
  ],
  '-hide=app': ['     110ms 73.33% 73.33%      110ms 73.33%  [libc.so.6]'],
  '-show=main': [
    '      40ms 26.67% 26.67%       70ms 46.67%  main.main',
    '      30ms 20.00% 46.67%       30ms 20.00%  main.work',
  ],
  '-show=libc': [],
};

function rowsOf(text: string): string[] {
  const lines = text.split('\n');
  const head = lines.findIndex((l) => l.includes('flat%'));
  return lines.slice(head + 1).filter((l) => l !== '');
}

function ourRows(bytes: Uint8Array, flag: string): string[] {
  const [, name, re] = /^-(hide|show)=(.*)$/.exec(flag)!;
  const options = name === 'hide' ? { hide: re } : { show: re };
  return rowsOf(renderTopText(topTable(parseProfile(bytes), options)));
}

for (const [flag, rows] of Object.entries(GO_ROWS)) {
  test(`${flag} on locations without lines matches go tool pprof`, () => {
    assert.deepEqual(ourRows(linelessProfile(), flag), rows);
  });
}

test('hide that matches nothing keeps every location without lines (no empty table under the total)', () => {
  const rows = ourRows(linelessProfile(), '-hide=nomatch');
  assert.deepEqual(rows, rowsOf(renderTopText(topTable(parseProfile(linelessProfile())))));
  assert.equal(rows.length, 4);
});

test('go tool pprof agrees on the lineless profile', { skip: requireTool('go', goVersion() !== null) }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-lineless-'));
  const file = join(dir, 'nolines.pb');
  writeFileSync(file, linelessProfile());
  for (const [flag, rows] of Object.entries(GO_ROWS)) {
    const r = spawnSync('go', ['tool', 'pprof', '-symbolize=none', '-top', flag, file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(rowsOf(r.stdout), rows, flag);
  }
});
