// Scale, negate, -base, -diff_base, -normalize and the report total, with
// pprof's rules; each test names the rule it checks.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { scaleProfile, negateProfile, roundHalfAway } from '../../../src/transform/scale.js';
import { diffProfiles, normalizeProfile } from '../../../src/transform/diff.js';
import { reportTotal } from '../../../src/transform/total.js';
import { diffBaseMask, setLabel } from '../../../src/transform/labels.js';
import { builtProfile as tiny, rows } from '../../helpers/tiny-profile.js';

const TWO = [['alloc_objects', 'count'], ['alloc_space', 'bytes']] as const;

describe('scale', () => {
  test('rule: values are rounded half away from zero (Go math.Round)', () => {
    assert.equal(roundHalfAway(2.5), 3n);
    assert.equal(roundHalfAway(-2.5), -3n);
    assert.equal(roundHalfAway(-2.4), -2n);
    const p = tiny({ samples: [[[5n], 'f'], [[-5n], 'g']] });
    assert.deepEqual(rows(scaleProfile(p, 0.5)), ['3 f', '-3 g']);
  });
  test('rule: a ratio of 1 leaves its column alone and does not keep a sample alive', () => {
    const p = tiny({ types: TWO, samples: [[[7n, 1n], 'f'], [[7n, 6n], 'g']] });
    // Column 1 scaled by 0.1: 1 -> 0 drops sample f although its column 0 is 7; 6 -> 0.6 rounds to 1.
    assert.deepEqual(rows(scaleProfile(p, [1, 0.1])), ['7,1 g']);
    assert.equal(scaleProfile(p, [1, 1]), p, 'all ratios 1: the same profile');
  });
  test('rule: negate is exact beyond 2^53', () => {
    const p = tiny({ samples: [[[9_007_199_254_740_993n], 'f']] });
    assert.deepEqual(rows(negateProfile(p)), ['-9007199254740993 f']);
  });
});

describe('diff', () => {
  const base = tiny({ samples: [[[10n], 'main', 'f'], [[4n], 'main', 'g']], durationNanos: 1_000_000_000n });
  const next = tiny({ samples: [[[15n], 'main', 'f'], [[1n], 'main', 'h']], durationNanos: 2_000_000_000n });

  test('rule: -base subtracts the base: equal stacks net out, the negated base comes after the new samples', () => {
    const d = diffProfiles(next, base, { mode: 'base' });
    assert.deepEqual(rows(d), ['5 main;f', '1 main;h', '-4 main;g']);
    assert.equal(diffBaseMask(d), null, 'no pprof::base label with -base');
    assert.equal(d.durationNanos, 3_000_000_000n, 'durations are summed');
  });
  test('rule: -diff_base labels the base samples pprof::base=true', () => {
    const d = diffProfiles(next, base, { mode: 'diff-base' });
    assert.deepEqual(rows(d), ['15 main;f', '1 main;h', '-10 main;f {pprof::base=true}', '-4 main;g {pprof::base=true}']);
    assert.deepEqual([...diffBaseMask(d)!], [0, 0, 1, 1]);
  });
  test('rule: the report total is |base| alone with -diff_base, all |values| otherwise', () => {
    assert.equal(reportTotal(diffProfiles(next, base, { mode: 'diff-base' }), 0), 14n);
    assert.equal(reportTotal(diffProfiles(next, base, { mode: 'base' }), 0), 10n); // |5| + |1| + |-4|
  });
  test('rule: -normalize scales the NEW profile so that its sum equals the base\'s (pprof Profile.Normalize)', () => {
    const n = normalizeProfile(next, base);
    assert.deepEqual(rows(n), ['13 main;f', '1 main;h']); // ratio 14/16: 15*0.875 = 13.125, 1*0.875 rounds to 1
    const d = diffProfiles(next, base, { mode: 'diff-base', normalize: true });
    assert.deepEqual(rows(d).slice(0, 2), ['13 main;f', '1 main;h']);
  });
  test('rule: SetLabel replaces an existing pprof::base label instead of adding a second', () => {
    const p = setLabel(setLabel(base, 'pprof::base', ['false']), 'pprof::base', ['true']);
    assert.deepEqual(rows(p), ['10 main;f {pprof::base=true}', '4 main;g {pprof::base=true}']);
  });
});

describe('diff for sums only (sumsOnly: top, tree, peek, dot, svg, folded, flamegraph)', () => {
  // Duplicate samples (same stack and labels) and all-zero ones: what each side's own merge would change.
  const base = tiny({ samples: [[[0n], 'main', 'z'], [[4n], 'main', 'g'], [[10n], 'main', 'f'], [[2n], 'main', 'g']] });
  const next = tiny({ samples: [[[15n], 'main', 'f'], [[1n], 'main', 'h'], [[3n], 'main', 'f'], [[0n], 'main', 'z']] });
  const sums = (rowsOf: string[]): Map<string, bigint> => {
    const m = new Map<string, bigint>();
    for (const r of rowsOf) {
      const [v, ...rest] = r.split(' ');
      const key = rest.join(' ');
      m.set(key, (m.get(key) ?? 0n) + BigInt(v!));
    }
    return m;
  };

  test('rule: with -diff_base and no negative value, each side goes in unmerged: the same sums per stack, all-zero samples still out', () => {
    const exact = diffProfiles(next, base, { mode: 'diff-base' });
    const fast = diffProfiles(next, base, { mode: 'diff-base', sumsOnly: true });
    assert.deepEqual(rows(exact), ['18 main;f', '1 main;h', '-6 main;g {pprof::base=true}', '-10 main;f {pprof::base=true}']);
    assert.deepEqual(rows(fast), [
      '15 main;f', '1 main;h', '3 main;f', '-4 main;g {pprof::base=true}', '-10 main;f {pprof::base=true}', '-2 main;g {pprof::base=true}',
    ]);
    assert.deepEqual(sums(rows(fast)), sums(rows(exact)));
    assert.equal(reportTotal(fast, 0), reportTotal(exact, 0));
  });
  test('rule: a negative value, -normalize or -base keep the merge of each side (samples could cancel, rounding differs)', () => {
    const signed = tiny({ samples: [[[5n], 'main', 'f'], [[-5n], 'main', 'f'], [[1n], 'main', 'h']] });
    for (const [n, b, options] of [
      [signed, base, { mode: 'diff-base' }],
      [next, signed, { mode: 'diff-base' }],
      [next, base, { mode: 'diff-base', normalize: true }],
      [next, base, { mode: 'base' }],
    ] as const) {
      assert.deepEqual(rows(diffProfiles(n, b, { ...options, sumsOnly: true })), rows(diffProfiles(n, b, options)));
    }
  });
});
