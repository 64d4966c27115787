/**
 * Crash output read as goroutine dumps: real panics, fatal errors and race
 * reports of the programs in fixtures/crashes/ (captured by
 * fixtures/capture-crashes.sh with Go 1.19), the `goroutines` report on them,
 * and malformed variants.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../helpers/paths.js';
import { runBin, runInProcess } from '../../helpers/cli.js';
import { parseGoroutineDump } from '../../../src/decode/text/dump-input.js';
import { groupGoroutines } from '../../../src/query/goroutine-groups.js';
import { isPprofError } from '../../../src/errors.js';

const OUT = join(ROOT, 'fixtures', 'crashes', 'out');
const text = (name: string): string => readFileSync(join(OUT, name), 'utf8');
const load = (name: string) => parseGoroutineDump(text(name));

test('panic in a goroutine: header, the crashing goroutine first as [running], created by, exit status trailer', () => {
  const d = load('panic.txt');
  assert.equal(d.crash?.kind, 'panic');
  assert.equal(d.crash?.message, 'peer 3 out of range: only 1 peers configured');
  assert.deepEqual(d.crash?.panics, [{ message: 'peer 3 out of range: only 1 peers configured', recovered: false }]);
  assert.equal(d.exitStatus, 2);
  assert.equal(d.goroutines.length, 1);
  const g = d.goroutines[0]!;
  assert.equal(d.crash?.goroutine, g.id);
  assert.equal(g.state, 'running');
  assert.deepEqual(g.frames.map((f) => f.function), ['main.(*config).peer', 'main.dial']);
  assert.equal(g.frames[0]!.inlined, true);
  assert.equal(g.createdBy?.function, 'main.main');
  assert.deepEqual(d.warnings, []);
});

test('recovered and re-panicked: both panics in order, the first marked recovered', () => {
  const d = load('recovered.txt');
  assert.deepEqual(d.crash?.panics, [
    { message: 'conntrack: table closed', recovered: true },
    { message: 'flush failed after recover: conntrack: table closed', recovered: false },
  ]);
  assert.equal(d.crash?.message, 'flush failed after recover: conntrack: table closed');
  assert.deepEqual(d.goroutines[0]!.frames.map((f) => f.function),
    ['main.safeFlush.func1', 'panic', 'main.flush', 'main.safeFlush', 'main.main']);
});

test('nil dereference: runtime error with its [signal] line', () => {
  const d = load('nilmap.txt');
  assert.equal(d.crash?.message, 'runtime error: invalid memory address or nil pointer dereference');
  assert.match(d.crash?.signal ?? '', /^SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x[0-9a-f]+$/);
});

test('fatal errors: deadlock (all blocked), concurrent map writes (running first), stack overflow (runtime stack, elided frames)', () => {
  for (const name of ['deadlock.txt', 'deadlock-binary.txt']) {
    const d = load(name);
    assert.equal(d.crash?.kind, 'fatal-error');
    assert.equal(d.crash?.message, 'all goroutines are asleep - deadlock!');
    assert.equal(d.goroutines.length, 4);
    assert.ok(d.goroutines.every((g) => g.state !== 'running'));
    assert.equal(d.exitStatus, name === 'deadlock.txt' ? 2 : null, 'go run prints the trailer, the binary does not');
    assert.equal(d.crash?.goroutine, null, 'a deadlock has no running goroutine to blame');
  }
  const m = load('mapwrites.txt');
  assert.equal(m.crash?.message, 'concurrent map writes');
  assert.equal(m.goroutines[0]!.state, 'running');
  assert.equal(m.crash?.goroutine, m.goroutines[0]!.id);
  assert.ok(m.goroutines.slice(1).some((g) => g.state === 'runnable'));

  const o = load('overflow.txt');
  assert.equal(o.crash?.message, 'stack overflow');
  assert.equal(o.crash?.runtimeNotes.length, 2);
  assert.match(o.crash!.runtimeNotes[0]!, /^runtime: goroutine stack exceeds \d+-byte limit$/);
  assert.deepEqual(o.crash?.runtimeStack.map((f) => f.function), ['runtime.throw', 'runtime.newstack', 'runtime.morestack']);
  const g1 = o.goroutines[0]!;
  assert.equal(g1.id, 1);
  assert.equal(g1.framesElided, true);
  assert.equal(g1.frames.length, 100);
  assert.ok(o.goroutines.length > 1, 'fatal errors print the other goroutines too');
});

test('GOTRACEBACK=all panic: the panicking goroutine first, then every other one', () => {
  const d = load('allpanic.txt');
  assert.equal(d.crash?.message, 'assignment to entry in nil map');
  assert.equal(d.goroutines.length, 6);
  const r = groupGoroutines(d);
  assert.equal(r.groups[0]!.crashed, true, 'the crashed group sorts first');
  assert.deepEqual(r.groups[0]!.ids, [1]);
  assert.equal(r.groups[1]!.count, 4);
  assert.equal(r.groups[1]!.frames[0]!.function, 'main.(*session).read');
  assert.equal(r.waiting, 5);
});

test('race detector report (go run -race): accesses, goroutines, exit status 66, program output ignored', () => {
  const d = load('race.txt');
  assert.equal(d.crash, null);
  assert.equal(d.goroutines.length, 0);
  assert.equal(d.exitStatus, 66);
  assert.equal(d.races?.length, 1);
  const r = d.races![0]!;
  // Which of the two goroutines reads first differs from run to run; the shape does not.
  assert.deepEqual(r.accesses.map((a) => a.access), ['Read', 'Previous write']);
  const [reader, writer] = r.accesses.map((a) => a.goroutine!);
  assert.ok(reader! > 0 && writer! > 0 && reader !== writer);
  assert.equal(r.accesses[0]!.frames[0]!.function, 'main.(*stats).count');
  assert.equal(r.accesses[0]!.frames[0]!.line, 14);
  assert.match(r.accesses[0]!.frames[1]!.function, /^main\.main\.func[12]$/);
  assert.deepEqual(r.goroutines.map((g) => g.id), [reader, writer]);
  assert.ok(r.goroutines.every((g) => g.status === 'running' || g.status === 'finished'));
  assert.deepEqual(d.warnings, []);
});

test('go test output: --- FAIL before the panic, FAIL lines after the stacks, no warning', () => {
  const d = load('gotest.txt');
  assert.deepEqual(d.crash?.panics, [
    { message: 'assignment to entry in nil map', recovered: true },
    { message: 'assignment to entry in nil map', recovered: false },
  ]);
  assert.equal(d.goroutines.length, 1);
  assert.equal(d.goroutines[0]!.frames[0]!.function, 'testing.tRunner.func1.2');
  assert.equal(d.goroutines[0]!.createdBy?.function, 'testing.(*T).Run');
  assert.equal(d.exitStatus, null);
  assert.deepEqual(d.warnings, []);
});

test('SIGQUIT (kill -QUIT): the signal and PC lines, goroutine 0 [idle] first, register lines after the stacks', () => {
  const d = load('sigquit.txt');
  assert.equal(d.crash?.kind, 'signal');
  assert.equal(d.crash?.message, 'SIGQUIT: quit');
  assert.match(d.crash?.signal ?? '', /^PC=0x[0-9a-f]+ m=0 sigcode=0$/);
  assert.equal(d.crash?.goroutine, null, 'nothing was running: the first goroutine is the idle scheduler');
  assert.equal(d.goroutines[0]!.id, 0);
  assert.equal(d.goroutines.filter((g) => g.frames[0]!.function === 'runtime.gopark' && g.state === 'chan receive').length, 3);
  assert.deepEqual(d.warnings, [], 'rax/rbx/... register lines are expected, not warned about');
});

test('a panic in a dependency from a real module cache: files trimmed to module@version/file, as -trimpath prints them', async () => {
  const d = load('modpanic.txt');
  assert.equal(d.crash?.message, 'runtime error: index out of range [4] with length 4');
  const full = d.goroutines[0]!.frames[0]!.file;
  assert.match(full, /\/pkg\/mod\/example\.com\/ringbuf@v1\.0\.0\/ring\.go$/);
  const r = groupGoroutines(d);
  assert.deepEqual(r.trimmedPrefixes, [full.slice(0, full.indexOf('/pkg/mod/') + '/pkg/mod/'.length)]);
  assert.equal(r.groups[0]!.frames[0]!.file, 'example.com/ringbuf@v1.0.0/ring.go');
  assert.equal(r.groups[0]!.frames[1]!.file, d.goroutines[0]!.frames[1]!.file, 'the main module keeps its path');
  const out = await runInProcess(['goroutines', join(OUT, 'modpanic.txt')]);
  assert.match(out.stdout, /\n {4}example\.com\/ringbuf\.\(\*Ring\)\.At \(inline\)\n {8}example\.com\/ringbuf@v1\.0\.0\/ring\.go:17\n/);
  assert.equal(out.stderr, '', '"go: downloading ..." before the panic is program output, skipped silently');
});

test('program output before the crash is skipped; odd lines among the stacks are named in a warning', () => {
  const d = parseGoroutineDump(`starting up\nlistening on :8080\n${text('panic.txt')}`);
  assert.equal(d.crash?.lineNumber, 3);
  assert.deepEqual(d.warnings, []);
  // An unexpected line before the second goroutine (ids differ per capture, so found by position).
  const odd = parseGoroutineDump(text('deadlock.txt').replace(/\n\n(goroutine (?!1 )\d+ )/, '\nsomething else\n\n$1'));
  assert.equal(odd.goroutines.length, 4);
  assert.match(odd.warnings[0]!, /^1 line after the crash header is not part of a traceback and was skipped \(first: line \d+, "something else"\)$/);
});

test('malformed crash output: errors naming the line', () => {
  const cases: [string, RegExp][] = [
    ['panic: boom\n\nexit status 2\n', /crash traceback: line 1: "panic: \.\.\." is not followed by any goroutine stack/],
    ['panic: boom\n\ngoroutine 1 [running]:\nmain.main()\nnot a position\n', /line 5: expected "\\t<file>:<line> \+0x<offset>"/],
    ['==================\nWARNING: DATA RACE\nRead at 0x1 by goroutine 2:\n  main.f()\n      /a.go:1 +0x1\n', /data race report: line 2: the report has no closing/],
    ['fatal error: x\n\nruntime stack:\nruntime.throw()\nbad\n', /crash traceback: line 4: expected a frame/],
  ];
  for (const [input, re] of cases) {
    assert.throws(() => parseGoroutineDump(input), (e: unknown) => isPprofError(e) && e.code === 'bad-format' && re.test(e.message), input);
  }
});

test('pprof-ts goroutines on crash output: the header as Go printed it, the crashed group first and marked', async () => {
  const r = await runInProcess(['goroutines', join(OUT, 'recovered.txt')]);
  assert.equal(r.code, 0);
  const lines = r.stdout.split('\n');
  assert.deepEqual(lines.slice(0, 4), [
    'panic: conntrack: table closed [recovered]',
    '\tpanic: flush failed after recover: conntrack: table closed',
    'crashed in goroutine 1 (its group is listed first, marked [CRASHED])',
    'exit status 2',
  ]);
  assert.match(r.stdout, /\n1 goroutine \[running\] {2}\[CRASHED\]\n {4}main\.safeFlush\.func1\n/);
  // The runtime's panic.go is shown relative to GOROOT/src, as `go build -trimpath` would print it.
  assert.match(r.stdout, /\n {4}panic\n {8}runtime\/panic\.go:\d+\n/);

  const race = await runInProcess(['goroutines', join(OUT, 'race.txt')]);
  assert.equal(race.code, 0);
  assert.match(race.stdout, /^DATA RACE 1 of 1 \(line 2\)\n {2}Read at 0x[0-9a-f]+ by goroutine \d+:\n {4}main\.\(\*stats\)\.count\n/);
  assert.match(race.stdout, /\nexit status 66\n$/);

  const json = JSON.parse((await runInProcess(['goroutines', join(OUT, 'overflow.txt'), '--json'])).stdout) as {
    crash: { kind: string; runtimeStack: { file: string; pcOffset: string }[] }; groups: { crashed: boolean }[];
  };
  assert.equal(json.crash.kind, 'fatal-error');
  assert.equal(json.crash.runtimeStack[0]!.file, 'runtime/panic.go');
  assert.match(json.crash.runtimeStack[0]!.pcOffset, /^0x[0-9a-f]+$/);
  assert.equal(json.groups[0]!.crashed, true);
});

test('the shipped binary reads a traceback from stdin (-), as piped from go run', () => {
  const r = runBin(['goroutines', '-'], readFileSync(join(OUT, 'deadlock.txt')));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^fatal error: all goroutines are asleep - deadlock!\nno goroutine was running at the crash\nexit status 2\n/);
  assert.match(r.stdout, /\n2 goroutines \[semacquire\] blocked <1m\n/);
  const empty = runBin(['goroutines', '-'], new Uint8Array());
  assert.equal(empty.code, 1);
  assert.equal(empty.stderr, 'pprof-ts: empty input: no goroutine dump\n');
  const both = runBin(['goroutines', '-', '--base', '-'], new Uint8Array());
  assert.equal(both.code, 2);
  assert.equal(both.stderr, 'pprof-ts: only one of <dump> and --base can be - (stdin)\n');
});
