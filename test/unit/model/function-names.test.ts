/**
 * The names functions show (ParseOptions.functionNames): pprof's default
 * demangler shortening, or the names as stored (pprof -symbolize=none),
 * which merges, the merged shape and filters keep.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProfile } from '../../../src/parse.js';
import { mergeProfiles } from '../../../src/transform/merge.js';
import { canonicalProfile } from '../../../src/transform/canonical.js';
import { applyProfileFilters } from '../../../src/transform/apply.js';
import { scaleProfile } from '../../../src/transform/scale.js';
import { materialize } from '../../../src/transform/materialize.js';
import { applyFilters } from '../../../src/query/filter.js';
import type { Profile } from '../../../src/model/profile.js';
import { ROOT } from '../../helpers/paths.js';
import { SYNTHETIC_NAMES } from '../../helpers/report-cases.js';

const bytes = readFileSync(join(ROOT, SYNTHETIC_NAMES));
const names = (p: Profile): string[] => p.functions.map((f) => f.name).sort();
const TEMPLATE = 'ns::Klass<int>::method(int)';

test('by default a name that reads as demangled C++ shows shortened, as pprof shows it', () => {
  const p = parseProfile(bytes);
  assert.ok(names(p).includes('ns::Klass::method'));
  assert.ok(!names(p).includes(TEMPLATE));
  assert.ok(p.functions.some((f) => f.systemName === TEMPLATE));
});

test("'stored': every function shows its stored name, through merges, the merged shape and filters", () => {
  const p = parseProfile(bytes, { functionNames: 'stored' });
  const stored = names(p);
  assert.ok(stored.includes(TEMPLATE));
  assert.ok(!stored.includes('ns::Klass::method'));
  const merged = mergeProfiles([p, parseProfile(bytes, { functionNames: 'stored' })]);
  assert.deepEqual(names(merged), stored);
  assert.deepEqual(names(canonicalProfile(merged)), stored);
  const filtered = applyProfileFilters(canonicalProfile(p), { hide: '^plain' }, { materialize: true }).profile;
  assert.ok(names(canonicalProfile(filtered)).includes(TEMPLATE));
});

test("'stored' names survive the rebuilding copies too (scaling, materialized filters)", () => {
  const p = parseProfile(bytes, { functionNames: 'stored' });
  assert.deepEqual(names(scaleProfile(p, 2)), names(p));
  assert.ok(names(materialize(p, applyFilters(p, { hide: '^plain' }))).includes(TEMPLATE));
  assert.ok(!names(scaleProfile(parseProfile(bytes), 2)).includes(TEMPLATE));
});

test('a merge of a stored-name profile with a default one shows the default names', () => {
  const merged = mergeProfiles([parseProfile(bytes, { functionNames: 'stored' }), parseProfile(bytes)]);
  assert.ok(names(merged).includes('ns::Klass::method'));
});
