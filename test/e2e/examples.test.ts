/**
 * The examples/ projects (one per test runner) run against the package as a
 * consumer gets it: `npm pack` of this repository (already built: scripts
 * are skipped), installed ONCE into a temporary npm workspace together with
 * the examples' own dependencies (Vitest from the npm registry), then each
 * example's `npm test`. Needs the npm registry: outside CI a failed install
 * skips with the reason; in CI it fails.
 */

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-examples-'));
let skip: string | false = false;

function sh(args: string[], cwd: string, timeout = 240_000) {
  // Without NODE_TEST_CONTEXT: node --test inside a test would otherwise refuse to run the example's files.
  const { NODE_TEST_CONTEXT: _inherited, ...env } = process.env;
  return spawnSync(npm, args, { cwd, encoding: 'utf8', timeout, env: { ...env, npm_config_update_notifier: 'false' } });
}

before(() => {
  const pack = sh(['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], ROOT);
  assert.equal(pack.status, 0, `npm pack failed: ${pack.stderr}`);
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  assert.ok(tgz, 'npm pack wrote a tarball');
  renameSync(join(dir, tgz), join(dir, 'pprof-ts.tgz')); // the examples depend on file:../../pprof-ts.tgz
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'examples-root', private: true, workspaces: ['examples/*'] }));
  const install = sh(['install', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  if (install.status !== 0) {
    const reason = `npm install of the packed tarball and the examples' dependencies failed (no registry?): ${install.stderr.slice(-500)}`;
    if (process.env.CI === 'true') throw new Error(`CI: ${reason}`);
    process.stdout.write(`# skipped: ${reason}\n`);
    skip = reason;
  }
});

after(() => rmSync(dir, { recursive: true, force: true }));

for (const example of readdirSync(join(ROOT, 'examples'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
  test(`examples/${example}: npm test passes against the packed package`, (t) => {
    if (skip !== false) { t.skip(skip); return; }
    const r = sh(['test'], join(dir, 'examples', example), 120_000);
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    // Each runner reports its passes its own way; none may report a failure or a skip. Colour codes
    // (Vitest colours its summary when CI=true) are taken out first.
    const output = (r.stdout + r.stderr).replace(/\x1b\[[0-9;]*m/g, '');
    assert.match(output, example === 'vitest' ? /Tests\s+4 passed \(4\)/ : /# pass 5\n# fail 0/);
  });
}

test('the package exposes pprof-ts/testing and the budget schema', (t) => {
  if (skip !== false) { t.skip(skip); return; }
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `
    import * as testing from 'pprof-ts/testing';
    import { createRequire } from 'node:module';
    const schema = createRequire(import.meta.url)('pprof-ts/schema/pprof-budget.schema.json');
    console.log(typeof testing.inspect, typeof testing.assertShareAtMost, schema.title);
  `], { cwd: join(dir, 'examples', 'node-test'), encoding: 'utf8' });
  assert.equal(r.stdout.trim(), 'function function pprof-ts budget', r.stderr);
});
