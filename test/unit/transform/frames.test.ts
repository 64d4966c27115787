/**
 * Stack-cutting transforms: show_from, prune_from and the profile's own
 * drop_frames / keep_frames (pprof's Prune), on tiny profiles.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropUninteresting, pruneFrom, pruneFrames, showFrom, simplifyFunc } from '../../../src/transform/frames.js';
import { profile, stacksOf } from '../../helpers/tiny-profile.js';

/** cpu/nanoseconds, period 1, stacks written leaf first, lines from 10. */
const LEAF = { types: [['cpu', 'nanoseconds']], period: 1, leafFirst: true, line: 10 } as const;

test('simplifyFunc drops a leading dot and everything from the first `(` (Go methods keep their package)', () => {
  assert.equal(simplifyFunc('main.(*T).m'), 'main.');
  assert.equal(simplifyFunc('lib.helper(int)'), 'lib.helper');
  assert.equal(simplifyFunc('.foo'), 'foo');
  assert.equal(simplifyFunc('ns::(anonymous namespace)::f(int)'), 'ns::(anonymous namespace)::f');
  assert.equal(simplifyFunc('main.worker'), 'main.worker');
});

test('show_from keeps each stack from its rootmost match down and drops samples without one', () => {
  const p = profile({
    ...LEAF,
    samples: [[1, 'leaf', 'work', 'main'], [2, 'leaf', 'work', 'other', 'work', 'main'], [3, 'idle', 'main']],
  });
  const r = showFrom(p, /^work$/);
  assert.equal(r.matched, true);
  assert.deepEqual(stacksOf(r.profile), ['leaf<work 1', 'leaf<work<other<work 2']);
  assert.equal(showFrom(p, /nothing/).matched, false);
});

test('show_from cuts inside a location: lines above the outermost matching inline line go (a new Location)', () => {
  const p = profile({ ...LEAF, samples: [[1, 'inner+mid+outer', 'main']] });
  const r = showFrom(p, /mid/);
  assert.deepEqual(stacksOf(r.profile), ['inner+mid 1']);
  assert.notEqual(r.profile.locations[0], p.locations[0]);
  assert.equal(r.profile.locations[1], p.locations[1], 'untouched locations are shared');
});

test('prune_from cuts the frames below the first match from the leaf, keeping the match and its callers', () => {
  const p = profile({
    ...LEAF,
    samples: [[1, 'runtime.x', 'lib.call', 'app.run', 'main.main'], [2, 'app.run', 'main.main']],
  });
  assert.deepEqual(stacksOf(pruneFrom(p, /^lib\./)), ['lib.call<app.run<main.main 1', 'app.run<main.main 2']);
});

test('prune_from inside a location drops only the lines below the matching one', () => {
  const p = profile({ ...LEAF, samples: [[1, 'leaf', 'inl+lib.call+app.run', 'main.main']] });
  assert.deepEqual(stacksOf(pruneFrom(p, /^lib\./)), ['lib.call+app.run<main.main 1']);
});

test('drop_frames cuts the rootmost dropped frame and everything below it', () => {
  const p = profile({
    ...LEAF,
    samples: [[1, 'user.cb', 'runtime.call', 'app.run', 'main.main']],
    dropFrames: 'runtime\\..*',
  });
  assert.deepEqual(stacksOf(dropUninteresting(p)), ['app.run<main.main 1']);
});

test('drop_frames never cuts above the first user frame: all-runtime stacks stay whole', () => {
  const p = profile({ ...LEAF, samples: [[1, 'runtime.a', 'runtime.b']], dropFrames: 'runtime\\..*' });
  assert.deepEqual(stacksOf(dropUninteresting(p)), ['runtime.a<runtime.b 1']);
});

test('keep_frames is the exception: a frame it matches is not dropped', () => {
  const p = profile({
    ...LEAF,
    samples: [[1, 'runtime.keepme', 'app.run', 'main.main']],
    dropFrames: 'runtime\\..*',
    keepFrames: 'runtime\\.keep.*',
  });
  assert.deepEqual(stacksOf(dropUninteresting(p)), ['runtime.keepme<app.run<main.main 1']);
});

test('drop_frames matches the whole simplified name (anchored), so `main\\.` catches methods but not main.worker', () => {
  const p = profile({
    ...LEAF,
    samples: [[1, 'main.(*T).m', 'app.run'], [2, 'main.worker', 'app.run']],
    dropFrames: 'main\\.',
  });
  assert.deepEqual(stacksOf(dropUninteresting(p)), ['app.run 1', 'main.worker<app.run 2']);
});

test('a dropped inlined line removes the lines below it and keeps the location', () => {
  const p = profile({ ...LEAF, samples: [[1, 'runtime.memmove+app.copy', 'main.main']], dropFrames: 'runtime\\..*' });
  assert.deepEqual(stacksOf(dropUninteresting(p)), ['app.copy<main.main 1']);
});

test('without drop_frames, or with one pprof cannot compile, the profile is returned as is', () => {
  const p = profile({ ...LEAF, samples: [[1, 'a']] });
  assert.equal(dropUninteresting(p), p);
  const bad = profile({ ...LEAF, samples: [[1, 'a']], dropFrames: '(' });
  assert.equal(dropUninteresting(bad), bad);
});

test('pruneFrames on a loaded profile is not a report filter: the total follows the new profile', () => {
  const p = profile({ ...LEAF, samples: [[1, 'runtime.x', 'a']] });
  assert.equal(pruneFrames(p, /^runtime\..*$/, null).filteredFrom, undefined);
});
