/**
 * Go habits and wrong inputs against the real fixture Go daemon: a
 * `host:port/path` target without `http://` is fetched as pprof fetches it,
 * with Go flag spellings; the `cmdline` and `trace` endpoints, fetched by
 * URL, are named rather than decoded as protobuf. Skipped with a printed
 * reason without Go (an error in CI).
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runInProcess } from '../helpers/cli.js';
import { goVersion, requireTool } from '../helpers/tools.js';
import { buildDaemon, startDaemon, type Daemon } from '../helpers/daemon.js';

const go = goVersion();

describe('Go habits on a live debug port', { skip: requireTool('go', go !== null) }, () => {
  let daemon: Daemon;
  let hostPort: string;

  before(async () => {
    daemon = await startDaemon(buildDaemon(go!));
    hostPort = daemon.base.replace(/^http:\/\//, '');
  });
  after(async () => {
    if (daemon !== undefined) await daemon.stop();
  });

  test('host:port/path without http:// is fetched, with Go flag spellings', async () => {
    const r = await runInProcess(['-top', '-nodecount=3', '-sample_index=inuse_space', '-quiet', `${hostPort}/debug/pprof/heap`]);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^File: fixturedaemon\nType: inuse_space\n/);
    assert.match(r.stdout, /Showing top 3 nodes out of \d+/);
  });

  test('a bare host:port means the CPU profile, as in go tool pprof', async () => {
    const r = await runInProcess(['top', hostPort, '-seconds=1', '-nodecount=1', '--quiet']);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^File: fixturedaemon\nType: cpu\n/);
  });

  test('the cmdline and trace endpoints are named, one line, exit 1', async () => {
    const cmdline = await runInProcess(['top', `${hostPort}/debug/pprof/cmdline`, '--quiet']);
    assert.equal(cmdline.code, 1);
    assert.match(cmdline.stderr, /^pprof-ts: not a profile: the input is the output of \/debug\/pprof\/cmdline \(the command line ".*fixturedaemon -addr 127\.0\.0\.1:0"\)[^\n]*\n$/);
    const trace = await runInProcess(['top', `${hostPort}/debug/pprof/trace?seconds=1`, '--quiet']);
    assert.equal(trace.code, 1);
    assert.match(trace.stderr, /^pprof-ts: not a profile: the input is a Go execution trace \(go 1\.\d+,[^\n]*go tool trace`\n$/);
  });
});
