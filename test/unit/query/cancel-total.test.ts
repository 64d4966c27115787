/**
 * The report total where samples cancel out (query/view.ts with
 * transform/canonical.ts summableProfile): pprof merges on load, so +5 and -5
 * on one stack are gone before it sums |value|. Profiles made by a merge
 * (comparisons included) are never merged again for this.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { profile } from '../../helpers/tiny-profile.js';
import { topTable } from '../../../src/report/top.js';
import { prepareView } from '../../../src/query/view.js';
import { mayCancelOnMerge } from '../../../src/transform/canonical.js';
import { diffProfiles } from '../../../src/transform/diff.js';

test('samples of one identity with opposite signs cancel before the total, as in pprof', () => {
  const p = profile({ samples: [[5, 'main', 'a'], [-5, 'main', 'a'], [2, 'main', 'b'], [-1, 'main', 'c']] });
  assert.equal(mayCancelOnMerge(p), true);
  assert.equal(prepareView(p).total, 3n);
  const t = topTable(p);
  assert.equal(t.total, 3n);
  // What go tool pprof -top prints for this profile (percentages of |value|).
  assert.deepEqual(t.rows.map((r) => [r.name, r.flat, r.flatPercent]), [['b', 2n, '66.67%'], ['c', -1n, '33.33%'], ['main', 0n, '    0%']]);
});

test('the same values on different labels do not cancel', () => {
  const p = profile({ samples: [[5, 'main', 'a'], [-5, 'main', 'a']], labels: { 1: { side: 'x' } } });
  assert.equal(prepareView(p).total, 10n);
});

test('a profile without negative values, or made by a merge, is taken as it is', () => {
  const p = profile({ samples: [[5, 'main', 'a'], [5, 'main', 'a']] });
  assert.equal(mayCancelOnMerge(p), false);
  assert.equal(prepareView(p).profile, p);
  const d = diffProfiles(p, profile({ samples: [[3, 'main', 'a']] }), { mode: 'diff-base' });
  assert.equal(mayCancelOnMerge(d), false, 'a comparison is a merge');
});
