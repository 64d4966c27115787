/**
 * The helper thread of top's passes must not change a single number: every
 * fixture and option set gives the same table with the worker forced on as
 * with it off.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProfile } from '../../../src/parse.js';
import { topTable, type TopTableOptions } from '../../../src/report/top.js';
import { PROFILES } from '../../helpers/paths.js';
import { protobufFixtures } from '../../helpers/top-cases.js';

const OPTION_SETS: TopTableOptions[] = [
  {},
  { cum: true, nodeCount: 7 },
  { granularity: 'lines', nodeFraction: 0 },
  { focus: 'main\\.', hide: '^runtime\\.' },
  { noInlines: true, edgeFraction: 0 },
];

test('decoded stack frames live in shared memory, so the worker reads them without a copy', () => {
  const p = parseProfile(readFileSync(join(PROFILES, 'cpu.pb.gz')));
  assert.ok(p.samples.locationIndices.buffer instanceof SharedArrayBuffer);
});

for (const fixture of protobufFixtures()) {
  test(`top of ${fixture} is identical with and without the helper thread`, () => {
    const p = parseProfile(readFileSync(join(PROFILES, fixture)));
    for (const options of OPTION_SETS) {
      const serial = topTable(p, { ...options, parallel: 'off' });
      const parallel = topTable(p, { ...options, parallel: 'always' });
      assert.deepEqual(parallel, serial, JSON.stringify(options));
    }
    assert.ok(topTable(p, { parallel: 'always' }).rows.length > 0, 'the comparison covered real rows');
  });
}
