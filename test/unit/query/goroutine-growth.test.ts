/**
 * Comparing two goroutine dumps (`--base`): real pairs from the fixture
 * daemon a few seconds apart (fixtures/capture-leak.sh), one with its -leak
 * switch (about 300 then 500 leaked goroutines) and one without; plus the
 * file-name trimming shared with the one-dump report.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILES } from '../../helpers/paths.js';
import { runInProcess } from '../../helpers/cli.js';
import { parseGoroutineDump } from '../../../src/decode/text/dump-input.js';
import { groupGoroutines } from '../../../src/query/goroutine-groups.js';
import { compareGoroutines } from '../../../src/query/goroutine-growth.js';
import { detectGoPathPrefixes, parseTrimPathList, trimPath } from '../../../src/query/trim-path.js';

const LEAK = join(PROFILES, 'leak');
const load = (name: string) => parseGoroutineDump(readFileSync(join(LEAK, name)));
const leakBefore = load('leak-before.debug2.txt');
const leakAfter = load('leak-after.debug2.txt');

test('the leak pair: one stack grew by about 200 blocked goroutines in 4 s, and only it is flagged', () => {
  const r = compareGoroutines(leakBefore, leakAfter);
  assert.equal(r.baseTotal, leakBefore.goroutines.length);
  assert.equal(r.total, leakAfter.goroutines.length);
  assert.ok(r.baseTotal >= 250 && r.total >= r.baseTotal + 150, `${r.baseTotal} -> ${r.total}`);
  assert.equal(r.suspectedLeaks, 1);
  const top = r.groups[0]!;
  assert.equal(top.suspectedLeak, true);
  assert.equal(top.group.frames[0]!.function, 'main.(*pendingCall).awaitReply');
  assert.equal(top.group.createdBy?.function, 'main.(*leakyDispatcher).run');
  assert.ok(top.growth >= 150, `growth ${top.growth}`);
  assert.equal(top.waitingGrowth, top.growth);
  // Leaked goroutines never finish: every one of the base dump is still there.
  assert.equal(top.survivors, top.baseCount);
  assert.equal(top.newIds.length, top.growth);
  // The rest of the daemon is the same in both: no other stack moved by more than a few goroutines.
  assert.ok(r.groups.slice(1).every((g) => Math.abs(g.growth) < 10));
  // The one-dump rule cannot see it: the goroutines are seconds old.
  assert.equal(groupGoroutines(leakAfter).suspectedLeaks, 0);
  // Threshold: flagged only when the growth reaches it.
  assert.equal(compareGoroutines(leakBefore, leakAfter, { leakMinGrowth: top.waitingGrowth }).suspectedLeaks, 1);
  assert.equal(compareGoroutines(leakBefore, leakAfter, { leakMinGrowth: top.waitingGrowth + 1 }).suspectedLeaks, 0);
  // Reversed (the "leak" shrinking) flags nothing.
  assert.equal(compareGoroutines(leakAfter, leakBefore).suspectedLeaks, 0);
});

test('the steady pair (no -leak): same number of goroutines, no suspected leak', () => {
  const r = compareGoroutines(load('steady-before.debug2.txt'), load('steady-after.debug2.txt'));
  assert.equal(r.suspectedLeaks, 0);
  assert.ok(r.groups.every((g) => Math.abs(g.growth) < 10));
  assert.equal(r.groups.reduce((a, g) => a + g.count, 0), r.total);
  assert.equal(r.groups.reduce((a, g) => a + g.baseCount, 0), r.baseTotal);
  assert.ok(r.unchanged > 10);
});

test('running, runnable and syscall goroutines do not count towards a leak, however many appear', () => {
  const dump = (n: number, state: string): string => Array.from({ length: n }, (_, i) =>
    `goroutine ${i + 2} [${state}]:\nmain.spin()\n\t/src/main.go:5 +0x1\ncreated by main.main\n\t/src/main.go:9 +0x2\n`).join('\n');
  for (const state of ['running', 'runnable', 'syscall']) {
    assert.equal(compareGoroutines(parseGoroutineDump(dump(1, state)), parseGoroutineDump(dump(50, state))).suspectedLeaks, 0, state);
  }
  assert.equal(compareGoroutines(parseGoroutineDump(dump(1, 'chan receive')), parseGoroutineDump(dump(50, 'chan receive'))).suspectedLeaks, 1);
});

test('pprof-ts goroutines --base: growth first, the leak flagged, unchanged stacks counted; JSON', async () => {
  const r = await runInProcess(['goroutines', '--base', join(LEAK, 'leak-before.debug2.txt'), join(LEAK, 'leak-after.debug2.txt')]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines[0]!, /^\d+ -> \d+ goroutines \(\+\d+\) between the base dump and this one: \d+ chan receive, /);
  assert.match(lines[1]!, /^\d+ stacks changed, \d+ unchanged \(not shown; --all lists them\); 1 suspected leak \(blocked goroutines at one stack grew by >= 10\)$/);
  assert.match(lines[4]!, /^\+\d+: \d+ -> \d+ goroutines \[chan receive\] blocked <1m {2}\[SUSPECTED LEAK\]$/);
  assert.equal(lines[5], '    main.(*pendingCall).awaitReply');
  assert.match(r.stdout, /\n {4}still there from the base dump: (\d+) of \1; new ids: /);
  const all = await runInProcess(['goroutines', '--all', '--base', join(LEAK, 'leak-before.debug2.txt'), join(LEAK, 'leak-after.debug2.txt')]);
  assert.ok(all.stdout.split('\n\n').length > r.stdout.split('\n\n').length);
  const json = JSON.parse((await runInProcess(['goroutines', '--json', '--leak-growth', '1000', '--base',
    join(LEAK, 'leak-before.debug2.txt'), join(LEAK, 'leak-after.debug2.txt')])).stdout) as {
    suspectedLeaks: number; leakRule: { minGrowth: number }; groups: { growth: number }[];
  };
  assert.equal(json.suspectedLeaks, 0);
  assert.equal(json.leakRule.minGrowth, 1000);
  const bad = await runInProcess(['goroutines', '--base', 'x', '--seconds', '2', 'http://127.0.0.1:1/']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'pprof-ts: --seconds and --base both name the older dump: give one of them\n');
  const file = await runInProcess(['goroutines', '--seconds', '2', join(LEAK, 'leak-after.debug2.txt')]);
  assert.equal(file.code, 2);
  assert.match(file.stderr, /^pprof-ts: --seconds applies to URLs only/);
});

test('file names: GOROOT and module caches trimmed by pprof\'s prefix rule; --trim-path and --full-paths', async () => {
  assert.deepEqual(detectGoPathPrefixes([
    { function: 'runtime.gopark', file: '/usr/lib/go-1.19/src/runtime/proc.go' },
    { function: 'net/http.(*conn).serve', file: '/usr/local/go/src/net/http/server.go' },
    { function: 'github.com/x/y.F', file: '/home/u/go/pkg/mod/github.com/x/y@v1.2.3/y.go' },
    { function: 'main.main', file: '/src/app/main.go' },
    { function: 'net/http.F', file: '/elsewhere/net/http/f.go' },
  ]), ['/home/u/go/pkg/mod/', '/usr/lib/go-1.19/src/', '/usr/local/go/src/']);
  assert.equal(trimPath('/home/u/go/pkg/mod/github.com/x/y@v1.2.3/y.go', ['/home/u/go/pkg/mod/']), 'github.com/x/y@v1.2.3/y.go');
  // pprof adds the trailing slash, so a prefix never cuts a name in half, and always trims /proc/self/cwd/.
  assert.equal(trimPath('/src/appx/main.go', ['/src/app']), '/src/appx/main.go');
  assert.equal(trimPath('/src/app/main.go', ['/src/app']), 'main.go');
  assert.equal(trimPath('/proc/self/cwd/./pkg/a.go', []), 'pkg/a.go');
  assert.deepEqual(parseTrimPathList('/a::/b/'), ['/a', '/b/']);

  const after = join(LEAK, 'leak-after.debug2.txt');
  const trimmed = groupGoroutines(leakAfter);
  assert.deepEqual(trimmed.trimmedPrefixes, ['/usr/lib/go-1.19/src/']);
  const allFiles = trimmed.groups.flatMap((g) => g.frames.map((f) => f.file));
  assert.ok(allFiles.some((f) => /^runtime\/[a-z_0-9]+\.go$/.test(f)), 'runtime files relative to GOROOT/src');
  assert.ok(!allFiles.some((f) => f.startsWith('/usr/lib/go-1.19/')));
  const full = groupGoroutines(leakAfter, { fullPaths: true });
  assert.ok(full.groups.some((g) => g.frames.some((f) => f.file.startsWith('/usr/lib/go-1.19/src/'))));
  const daemonDir = leakAfter.goroutines.find((g) => g.frames[0]!.function === 'main.(*pendingCall).awaitReply')!.frames[0]!.file.replace(/main\.go$/, '');
  const r = await runInProcess(['goroutines', after, '--trim-path', daemonDir, '--match', 'awaitReply']);
  assert.match(r.stdout, /\n {8}main\.go:\d+\n/);
  const keep = await runInProcess(['goroutines', after, '--full-paths', '--state', 'IO wait']);
  assert.match(keep.stdout, /\n {8}\/usr\/lib\/go-1\.19\/src\/runtime\/netpoll\.go:\d+\n/);
  assert.doesNotMatch(keep.stdout, /file names shown without/);
});
