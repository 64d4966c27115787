/**
 * Name filters decide which samples stay by reading each stack once: in
 * place when the stacks are packed, through index arrays when copied. Both
 * give the same kept samples and hidden locations, on every fixture and for
 * focus, ignore, hide and show alone and together, and the packed stacks
 * stay packed.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseProfile } from '../../../src/parse.js';
import { applyFilters } from '../../../src/query/filter.js';
import type { QueryOptions } from '../../../src/query/options.js';
import { PROFILES } from '../../helpers/paths.js';
import { protobufFixtures } from '../../helpers/top-cases.js';

const OPTIONS: QueryOptions[] = [
  { focus: 'main' }, { ignore: 'runtime\\.' }, { hide: 'runtime\\.' }, { show: 'main|sync' },
  { focus: 'runtime', ignore: 'gc' }, { focus: '.', hide: '.' }, { show: 'nothing-matches-this' },
];

for (const fixture of protobufFixtures()) {
  test(`${fixture}: filters keep the same samples on packed and copied stacks`, () => {
    const bytes = readFileSync(join(PROFILES, fixture));
    let kept = 0;
    for (const options of OPTIONS) {
      const packed = parseProfile(bytes);
      const wasPacked = packed.samples.packedStacks !== null;
      const copied = parseProfile(gunzipSync(bytes));
      const a = applyFilters(packed, options);
      const b = applyFilters(copied, options);
      assert.deepEqual(a.keep, b.keep, JSON.stringify(options));
      assert.deepEqual(a.hidden, b.hidden, JSON.stringify(options));
      if (wasPacked) assert.notEqual(packed.samples.packedStacks, null, 'the filter read the stacks in place');
      for (const k of a.keep ?? []) kept += k;
    }
    const s = parseProfile(bytes).samples;
    if (s.count > 0) assert.ok(kept > 0, 'some option kept samples');
  });
}
