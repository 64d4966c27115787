/**
 * Goroutine dumps (debug=2): the reader (states, waits, inlined frames,
 * created by, cuts), the grouping and leak rule, the `goroutines` command,
 * and group counts checked against the protobuf goroutine profile captured
 * back to back with the dump (fixtures/capture-pairs.sh).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROFILES } from '../../helpers/paths.js';
import { runBin, runInProcess } from '../../helpers/cli.js';
import { debug2Frames, framesOf } from '../../helpers/text-view.js';
import { parseGoroutineDump } from '../../../src/decode/text/dump-input.js';
import { groupGoroutines } from '../../../src/query/goroutine-groups.js';
import { parseProfile } from '../../../src/parse.js';
import { topTable } from '../../../src/report/top.js';
import { isPprofError } from '../../../src/errors.js';
import { parseLabelMap } from '../../../src/decode/text/labels.js';

const dumpText = readFileSync(join(PROFILES, 'goroutine.debug2.txt'), 'utf8');
const dump = parseGoroutineDump(dumpText);

test('the fixture dump has the states the daemon parks goroutines in', () => {
  assert.equal(dump.goroutines.length, 50);
  assert.deepEqual(dump.warnings, []);
  const states = new Set(dump.goroutines.map((g) => g.state));
  for (const s of ['chan receive', 'select', 'select (no cases)', 'semacquire', 'IO wait', 'sync.Cond.Wait', 'sleep', 'chan send', 'syscall', 'running']) {
    assert.ok(states.has(s), `state ${s}`);
  }
  assert.ok(dump.goroutines.some((g) => g.waitMinutes >= 1), 'long waits (", N minutes")');
  const locked = dump.goroutines.filter((g) => g.lockedToThread);
  assert.equal(locked.length, 1);
  assert.equal(locked[0]!.state, 'chan receive');
  const g1 = dump.goroutines.find((g) => g.id === 1)!;
  assert.equal(g1.createdBy, null);
  assert.equal(g1.frames[0]!.function, 'main.main');
  assert.ok(dump.goroutines.filter((g) => g.id !== 1).every((g) => g.createdBy !== null));
  // Inlined frames print "(...)" and no pc offset.
  const inl = dump.goroutines.flatMap((g) => g.frames).filter((f) => f.inlined);
  assert.ok(inl.some((f) => f.function === 'sync.(*Mutex).Lock' && f.args === '...' && f.pcOffset === null));
  const first = dump.goroutines[0]!.frames[0]!;
  assert.equal(first.function, 'runtime/pprof.writeGoroutineStacks');
  assert.equal(first.args, '{0x785fe0, 0xc0011dc0e0}');
  assert.equal(first.pcOffset, 0x70n);
});

test('group counts agree with the protobuf goroutine profile captured back to back (goroutine-pair2)', () => {
  const d = parseGoroutineDump(readFileSync(join(PROFILES, 'pairs/goroutine-pair2.debug2.txt')));
  const report = groupGoroutines(d, { leakMinCount: 1000, fullPaths: true });
  assert.equal(report.total, d.goroutines.length);
  assert.equal(report.groups.reduce((a, g) => a + g.count, 0), report.total);
  // Independently: stack -> count from the protobuf, with the frames a traceback hides removed.
  const pb = parseProfile(readFileSync(join(PROFILES, 'pairs/goroutine-pair2.pb.gz')));
  const fromProto = new Map<string, number>();
  for (let i = 0; i < pb.samples.count; i++) {
    const s = pb.samples.get(i);
    const key = debug2Frames(framesOf(s.locations)).map((f) => `${f.name} ${f.file}:${f.line}`).join('\n');
    fromProto.set(key, (fromProto.get(key) ?? 0) + Number(s.values[0]));
  }
  let total = 0;
  for (const n of fromProto.values()) total += n;
  assert.equal(total, d.goroutines.length, 'same number of goroutines in both captures');
  // Groups of the report, merged over creation sites (the protobuf has none).
  const fromDump = new Map<string, { count: number; stable: boolean }>();
  for (const g of report.groups) {
    const key = g.frames.map((f) => `${f.function} ${f.file}:${f.line}`).join('\n');
    const e = fromDump.get(key) ?? { count: 0, stable: true };
    e.count += g.count;
    e.stable &&= g.minWaitMinutes >= 1;
    fromDump.set(key, e);
  }
  let compared = 0;
  let differing = 0;
  for (const [key, e] of fromDump) {
    const inProto = fromProto.get(key) ?? 0;
    // Goroutines parked for a minute or more cannot have moved between two requests milliseconds apart.
    if (e.stable) {
      assert.equal(e.count, inProto, `parked group:\n${key}`);
      compared += e.count;
    } else if (e.count !== inProto) {
      differing += Math.abs(e.count - inProto);
    }
  }
  assert.ok(compared >= 20, `compared ${compared} long-parked goroutines`);
  // The rest (the requesting goroutine, the busy workloads) may have moved between the two requests.
  const unstable = d.goroutines.filter((g) => g.waitMinutes < 1).length;
  assert.ok(differing <= unstable, `${differing} goroutines differ, ${unstable} were not parked`);
});

test('grouping: sorted by count with complete tie-breaks, by-state split, filters', () => {
  const r = groupGoroutines(dump);
  assert.equal(r.total, 50);
  assert.equal(r.shown, 50);
  for (let i = 1; i < r.groups.length; i++) {
    const a = r.groups[i - 1]!;
    const b = r.groups[i]!;
    assert.ok(a.count > b.count || (a.count === b.count && a.maxWaitMinutes >= b.maxWaitMinutes), 'order');
  }
  assert.deepEqual(groupGoroutines(dump), r, 'deterministic');
  const top = r.groups[0]!;
  assert.equal(top.count, 8);
  assert.equal(top.frames[0]!.function, 'main.(*workerPool).worker');
  assert.equal(top.createdBy?.function, 'main.(*workerPool).start');
  assert.deepEqual(top.states, [{ state: 'chan receive', count: 8 }]);

  const byState = groupGoroutines(dump, { byState: true });
  assert.ok(byState.groups.every((g) => g.states.length === 1));
  assert.ok(byState.groups.length >= r.groups.length);

  const sem = groupGoroutines(dump, { state: 'semacquire' });
  assert.equal(sem.shown, 7);
  assert.ok(sem.groups.every((g) => g.states.every((s) => s.state === 'semacquire')));
  const match = groupGoroutines(dump, { match: 'leaseKeeper' });
  assert.equal(match.shown, 2);
  const byFile = groupGoroutines(dump, { match: 'main\\.go:850$' });
  assert.equal(byFile.shown, 8);
  const long = groupGoroutines(dump, { minWaitMinutes: 1 });
  assert.equal(long.shown, dump.goroutines.filter((g) => g.waitMinutes >= 1).length);
  assert.ok(long.groups.every((g) => g.minWaitMinutes >= 1));
  assert.equal(r.states.reduce((a, s) => a + s.count, 0), 50);
});

test('leak rule: many goroutines blocked long at one stack, thresholds as options', () => {
  assert.equal(groupGoroutines(dump).suspectedLeaks, 0, 'defaults: >= 10 goroutines blocked >= 10m');
  const r = groupGoroutines(dump, { leakMinCount: 8, leakMinWaitMinutes: 1 });
  assert.equal(r.suspectedLeaks, 1);
  assert.equal(r.groups.find((g) => g.suspectedLeak)!.frames[0]!.function, 'main.(*workerPool).worker');
  assert.equal(groupGoroutines(dump, { leakMinCount: 9, leakMinWaitMinutes: 1 }).suspectedLeaks, 0);
  // Running or runnable goroutines never count, however many.
  const busy = parseGoroutineDump(Array.from({ length: 12 }, (_, i) =>
    `goroutine ${i + 2} [runnable]:\nmain.spin()\n\t/src/main.go:5 +0x1\ncreated by main.main\n\t/src/main.go:9 +0x2\n`).join('\n'));
  assert.equal(groupGoroutines(busy, { leakMinCount: 2, leakMinWaitMinutes: 0 }).suspectedLeaks, 0);
});

test('newer Go formats: "created by F in goroutine N", gp=/m= headers, elided frames, ancestors', () => {
  const text = [
    'goroutine 7 gp=0xc000007a40 m=nil [chan receive, 12 minutes]:',
    'main.worker[...](0xc000010000)',
    '\t/src/main.go:12 +0x1d',
    '...additional frames elided...',
    'created by main.start in goroutine 1',
    '\t/src/main.go:30 +0x45',
    '',
    'goroutine 8 [IO wait (scan), 3 minutes, locked to thread]:',
    'internal/poll.runtime_pollWait(0x7f, 0x72)',
    '\t/go/src/runtime/netpoll.go:343 +0x85',
    '[originating from goroutine 2]:',
    'main.parent(...)',
    '\t/src/main.go:40 +0x1',
    '',
  ].join('\n');
  const d = parseGoroutineDump(text);
  assert.deepEqual(d.warnings.length, 1, 'goroutine 8 has no created by at the end');
  const [a, b] = d.goroutines;
  assert.equal(a!.state, 'chan receive');
  assert.equal(a!.waitMinutes, 12);
  assert.equal(a!.framesElided, true);
  assert.deepEqual(a!.createdBy, { function: 'main.start', file: '/src/main.go', line: 30, goroutine: 1 });
  assert.equal(a!.frames[0]!.function, 'main.worker[...]');
  assert.equal(b!.state, 'IO wait');
  assert.equal(b!.waitMinutes, 3);
  assert.equal(b!.lockedToThread, true);
  assert.equal(b!.frames.length, 1);
});

test('a dump cut short keeps the complete goroutines and says what was cut', () => {
  const lines = dumpText.split('\n');
  // Cut right after a function line: its position line is missing.
  const at = lines.findIndex((l, i) => i > 100 && /^main\.\(\*workerPool\)\.worker\(/.test(l));
  const cut = parseGoroutineDump(lines.slice(0, at + 1).join('\n') + '\n');
  assert.equal(cut.warnings.length, 1);
  assert.match(cut.warnings[0]!, /^input cut short: goroutine \d+ \(from line \d+\) is incomplete \(its last line \(\d+\) has no source position after it\) and was left out; \d+ complete goroutines before it were kept$/);
  const before = lines.slice(0, at + 1).filter((l) => /^goroutine \d+ \[/.test(l)).length;
  assert.equal(cut.goroutines.length, before - 1);
  // Cut in the middle of a line (no final newline).
  const mid = parseGoroutineDump(dumpText.slice(0, dumpText.indexOf('\n', 5000) - 7));
  assert.equal(mid.warnings.length, 1);
  assert.match(mid.warnings[0]!, /the input ends in the middle of line \d+/);
  // As a profile, the cut is kept as a comment and the complete goroutines are counted.
  const p = parseProfile(new TextEncoder().encode(lines.slice(0, at + 1).join('\n') + '\n'));
  assert.equal(topTable(p).total, BigInt(before - 1));
  assert.match(p.comments[0]!, /input cut short/);
});

test('malformed dumps are errors naming the line; other inputs are refused clearly', () => {
  const bad: [string, RegExp][] = [
    ['goroutine 1 [running]:\nmain.main()\n/src/main.go:3 +0x1\n', /goroutine dump \(debug=2\): line 3: expected "\\t<file>:<line> \+0x<offset>"/],
    ['goroutine 1 [running]:\nmain.main()\n\t/src/main.go:3 +0x1\nnot a frame\n\t/x.go:1\n', /line 4: expected a frame "function\(args\)" or "created by"/],
    ['goroutine 1 [running]:\n\ngoroutine 2 [select]:\nmain.f()\n\t/a.go:1 +0x1\n', /line 1: goroutine 1 has no frames/],
    ['goroutine profile: total 1\n1 @ 0x1\n#\t0x1\n\n', /not a goroutine dump \(debug=2\): it is a count-debug1 profile/],
    ['hello\n', /not a goroutine dump \(debug=2\): it does not start with/],
  ];
  for (const [text, re] of bad) {
    assert.throws(() => parseGoroutineDump(text), (e: unknown) => isPprofError(e) && e.code === 'bad-format' && re.test(e.message));
  }
  assert.throws(() => parseGoroutineDump(readFileSync(join(PROFILES, 'goroutine.pb.gz'))), /not a goroutine dump/);
});

test('pprof-ts goroutines: summary, groups, JSON, filters, warnings on stderr', async () => {
  const file = join(PROFILES, 'goroutine.debug2.txt');
  const r = await runInProcess(['goroutines', file]);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  const out = r.stdout.split('\n');
  assert.match(out[0]!, /^50 goroutines \(48 blocked\): 16 chan receive, 10 sleep, 7 semacquire, 5 IO wait, /);
  assert.match(out[1]!, /^\d+ groups of 50 goroutines shown; 0 suspected leaks \(>= 10 goroutines blocked >= 10m at one stack; compare two dumps with --base to see a leak grow\)$/);
  assert.match(out[2]!, /^file names shown without \/usr\/lib\/go-1\.19\/src\/ \(--full-paths keeps them\)$/);
  assert.equal(out[4], '8 goroutines [chan receive] blocked 1m');
  // Running, runnable and syscall goroutines are never called blocked or waiting.
  assert.match(r.stdout, /\n1 goroutine \[running\]\n/);
  assert.match(r.stdout, /\n1 goroutine \[syscall\]\n/);
  assert.doesNotMatch(r.stdout, /waiting/);

  const leak = await runInProcess(['goroutines', file, '--leak-count', '8', '--leak-wait', '1m', '--state', 'chan receive']);
  assert.match(leak.stdout, /1 suspected leak /);
  assert.match(leak.stdout, /8 goroutines \[chan receive\] blocked 1m {2}\[SUSPECTED LEAK\]/);

  const json = await runInProcess(['goroutines', file, '--json', '--by-state', '--min-wait', '1m']);
  const parsed = JSON.parse(json.stdout) as { total: number; shown: number; groups: { count: number }[] };
  assert.equal(parsed.total, 50);
  assert.ok(parsed.shown < 50 && parsed.shown > 0);

  const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-dump-'));
  const cutFile = join(dir, 'cut.txt');
  writeFileSync(cutFile, dumpText.slice(0, 3000));
  const cut = await runInProcess(['goroutines', cutFile]);
  assert.equal(cut.code, 0);
  assert.match(cut.stderr, /^pprof-ts: warning: input cut short: goroutine \d+ .*\n$/);

  const usage = await runInProcess(['goroutines', file, '--min-wait', 'ten minutes']);
  assert.equal(usage.code, 2);
  assert.equal(usage.stderr, 'pprof-ts: --min-wait: invalid duration "ten minutes" (use e.g. 10m, 1h30m, 90s)\n');
  const badRe = await runInProcess(['goroutines', file, '--match', '(unclosed']);
  assert.equal(badRe.code, 2);
  const notDump = await runInProcess(['goroutines', join(PROFILES, 'goroutine.debug1.txt')]);
  assert.equal(notDump.code, 1);
  assert.equal(notDump.stderr, 'pprof-ts: not a goroutine dump (debug=2): it is a count-debug1 profile (use `pprof-ts top`)\n');
});

test('top works on a dump: one goroutine/count sample per distinct stack', async () => {
  const p = parseProfile(new TextEncoder().encode(dumpText));
  assert.deepEqual(p.sampleTypes, [{ type: 'goroutine', unit: 'count' }]);
  assert.equal(topTable(p).total, 50n);
  const r = await runInProcess(['top', join(PROFILES, 'goroutine.debug2.txt'), '--nodecount', '3']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /main\.\(\*workerPool\)\.worker/);
});

test('the shipped binary: goroutines prints a report, and one error line for a non-dump', () => {
  const ok = runBin(['goroutines', 'fixtures/profiles/goroutine.debug2.txt', '--state', 'IO wait']);
  assert.equal(ok.code, 0);
  assert.match(ok.stdout, /^50 goroutines \(48 blocked\): /);
  const bad = runBin(['goroutines', 'fixtures/profiles/heap.pb.gz']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^pprof-ts: not a goroutine dump: the input is binary .*\n$/);
  assert.doesNotMatch(bad.stderr, /\n\s+at /);
});

test('debug=1 label maps are Go %q strings, escapes included', () => {
  assert.deepEqual(parseLabelMap(' {"a":"b", "k\\x41":"v\\u00e9\\n\\"q\\""}'), [
    { key: 'a', kind: 'string', value: 'b' },
    { key: 'kA', kind: 'string', value: 'v\u00e9\n"q"' },
  ]);
  assert.deepEqual(parseLabelMap('{}'), []);
  assert.equal(parseLabelMap('{"a":b}'), null);
  assert.equal(parseLabelMap('{"a":"b",}'), null);
});
