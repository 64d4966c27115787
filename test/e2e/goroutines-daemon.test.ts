/**
 * `pprof-ts goroutines` against the live fixture daemon: a bare debug port
 * URL fetches goroutine?debug=2, and `--seconds` takes two dumps of a daemon
 * leaking goroutines (`-leak 100`) and flags the leak within seconds, while a
 * daemon without the switch shows none. Skipped with a printed reason
 * without Go (an error in CI).
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runInProcess } from '../helpers/cli.js';
import { goVersion, requireTool } from '../helpers/tools.js';
import { buildDaemon, startDaemon, type Daemon } from '../helpers/daemon.js';
import { goroutineDumpUrl } from '../../src/cli/goroutines.js';

const go = goVersion();

test('dump URLs: a bare port or /debug/pprof/goroutine means ?debug=2; others are kept', () => {
  assert.equal(goroutineDumpUrl('http://127.0.0.1:6060'), 'http://127.0.0.1:6060/debug/pprof/goroutine?debug=2');
  assert.equal(goroutineDumpUrl('http://h:1/debug/pprof/'), 'http://h:1/debug/pprof/goroutine?debug=2');
  assert.equal(goroutineDumpUrl('http://h:1/debug/pprof/goroutine'), 'http://h:1/debug/pprof/goroutine?debug=2');
  assert.equal(goroutineDumpUrl('http://h:1/debug/pprof/goroutine?debug=1'), 'http://h:1/debug/pprof/goroutine?debug=1');
  assert.equal(goroutineDumpUrl('https://h/x/dump.txt'), 'https://h/x/dump.txt');
});

describe('goroutines on a live daemon', { skip: requireTool('go', go !== null) }, () => {
  let leaky: Daemon;
  let steady: Daemon;

  before(async () => {
    const bin = buildDaemon(go!);
    [leaky, steady] = await Promise.all([startDaemon(bin, ['-leak', '100']), startDaemon(bin)]);
  });
  after(async () => {
    await Promise.all([leaky?.stop(), steady?.stop()]);
  });

  test('a bare debug port URL: the debug=2 dump, grouped', async () => {
    const r = await runInProcess(['goroutines', steady.base, '--quiet', '--state', 'chan receive']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\d+ goroutines \(\d+ blocked\): /);
    assert.match(r.stdout, /\n8 goroutines \[chan receive\] blocked <1m\n {4}main\.\(\*workerPool\)\.worker\n/);
  });

  test('--seconds 2: two dumps, the leak flagged in seconds; none on the steady daemon', async () => {
    const r = await runInProcess(['goroutines', `${leaky.base}/debug/pprof/goroutine`, '--seconds', '2', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /; 1 suspected leak \(/);
    const m = /\n\+(\d+): \d+ -> \d+ goroutines \[chan receive\] blocked <1m {2}\[SUSPECTED LEAK\]\n {4}main\.\(\*pendingCall\)\.awaitReply\n/.exec(r.stdout);
    assert.ok(m !== null, r.stdout.slice(0, 600));
    assert.ok(Number(m[1]) >= 100, `grew by ${m[1]} in 2 s at 100/s`);
    const s = await runInProcess(['goroutines', steady.base, '--seconds', '2', '--quiet']);
    assert.equal(s.code, 0, s.stderr);
    assert.match(s.stdout, /; 0 suspected leaks \(/);
  });
});
