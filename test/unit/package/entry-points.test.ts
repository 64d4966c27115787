/**
 * The two entry points: importing `pprof-ts` (src/index.ts) loads no module
 * of Node's network stack, while `pprof-ts/node` (src/node.ts) adds files,
 * fetch and capture and re-exports everything of the portable entry. Runs
 * each import in a fresh Node process, so modules loaded by the test runner
 * itself do not count.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../../helpers/paths.js';

const NETWORK = /^NativeModule (http|https|http2|net|tls|dgram|dns|_http_\w+|_tls_\w+)$/;

function loadedBy(entry: string): { network: string[]; exports: string[] } {
  const url = pathToFileURL(join(ROOT, 'dist', 'src', entry)).href;
  const script = `const m = await import(${JSON.stringify(url)});
    const network = process.moduleLoadList.filter((n) => ${NETWORK.toString()}.test(n));
    console.log(JSON.stringify({ network, exports: Object.keys(m).sort() }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { network: string[]; exports: string[] };
}

test("importing 'pprof-ts' loads no http/https/net/tls module", () => {
  const { network, exports } = loadedBy('index.js');
  assert.deepEqual(network, []);
  for (const name of ['parseProfile', 'topTable', 'flameGraph', 'parseGoroutineDump']) assert.ok(exports.includes(name), name);
  for (const name of ['loadProfile', 'fetchProfile', 'captureProfiles']) assert.ok(!exports.includes(name), `${name} is Node-only`);
});

test("'pprof-ts/node' adds files, fetch and capture to everything of 'pprof-ts'", () => {
  const portable = loadedBy('index.js').exports;
  const node = loadedBy('node.js');
  for (const name of portable) assert.ok(node.exports.includes(name), name);
  for (const name of ['loadProfile', 'loadGoroutineDump', 'fetchProfile', 'fetchBytes', 'captureProfiles']) {
    assert.ok(node.exports.includes(name), name);
  }
  assert.ok(node.network.length > 0, 'the node entry is the one that loads http');
});
