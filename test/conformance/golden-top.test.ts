/**
 * Conformance: `pprof-ts top` must print exactly what `go tool pprof -top`
 * printed for the same fixture and flags (the Time: line aside). Goldens are
 * committed under test/golden/top/<fixture>/<flags>.txt with the command that
 * made each in MANIFEST.json; `UPDATE_GOLDEN=1 npm test` regenerates them
 * with the installed Go.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN, PROFILES } from '../helpers/paths.js';
import { allTopCases, withoutTimeLine, type TopCase } from '../helpers/top-cases.js';
import { runInProcess } from '../helpers/cli.js';
import { goVersion, requireTool } from '../helpers/tools.js';

const TOP = join(GOLDEN, 'top');
const MANIFEST = join(TOP, 'MANIFEST.json');
const cases = allTopCases();
const file = (c: TopCase): string => join(TOP, c.fixture.replace(/\.pb\.gz$/, ''), `${c.slug}.txt`);

interface Manifest {
  goVersion: string;
  generatedAt: string;
  goldens: { file: string; command: string; ours: string }[];
}

if (process.env.UPDATE_GOLDEN === '1') {
  const version = goVersion();
  test('regenerate top goldens with go tool pprof', { skip: requireTool('go', version !== null) }, () => {
    const manifest: Manifest = { goVersion: version!, generatedAt: new Date().toISOString(), goldens: [] };
    for (const c of cases) {
      const args = ['tool', 'pprof', '-top', ...c.goArgs, join(PROFILES, c.fixture)];
      const r = spawnSync('go', args, {
        encoding: 'utf8', env: { ...process.env, TZ: 'UTC', PPROF_TMPDIR: '/tmp', PPROF_BINARY_PATH: '/nonexistent' },
      });
      assert.equal(r.status, 0, `go ${args.join(' ')} failed: ${r.stderr}`);
      mkdirSync(join(file(c), '..'), { recursive: true });
      writeFileSync(file(c), r.stdout);
      manifest.goldens.push({
        file: file(c).slice(TOP.length + 1),
        command: `go tool pprof -top ${c.goArgs.join(' ')} fixtures/profiles/${c.fixture}`.replace(/  +/g, ' '),
        ours: `pprof-ts top fixtures/profiles/${c.fixture} ${c.ourArgs.join(' ')}`.trim(),
      });
    }
    writeFileSync(MANIFEST, JSON.stringify(manifest, null, 2) + '\n');
  });
}

test('every golden case has a committed golden made by go tool pprof', () => {
  assert.ok(existsSync(MANIFEST), 'test/golden/top/MANIFEST.json missing: run UPDATE_GOLDEN=1 npm test');
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
  assert.match(manifest.goVersion, /^go version go\d/);
  const listed = new Set(manifest.goldens.map((g) => g.file));
  for (const c of cases) assert.ok(listed.has(file(c).slice(TOP.length + 1)), `no golden for ${c.fixture} ${c.slug}`);
  assert.ok(cases.length >= 100, `expected a broad matrix, got ${cases.length} cases`);
});

for (const c of cases) {
  test(`top ${c.fixture} ${c.slug} equals go tool pprof`, async () => {
    const expected = readFileSync(file(c), 'utf8');
    const r = await runInProcess(['top', join(PROFILES, c.fixture), ...c.ourArgs]);
    // Only pprof's own warnings (it prints them too; test/golden/filters/ records its stderr exactly).
    assert.match(r.stderr, /^(?:(?:Focus|Ignore|Hide|Show) expression matched no samples\n)*$/);
    assert.equal(r.code, 0);
    assert.equal(withoutTimeLine(r.stdout), withoutTimeLine(expected));
  });
}

test('the committed goldens are what the installed go tool pprof prints today', {
  skip: requireTool('go', goVersion() !== null),
}, () => {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
  const installed = goVersion()!;
  if (installed !== manifest.goVersion) {
    // A different Go may legitimately print differently; the goldens stay tied to the version that made them.
    process.stdout.write(`# goldens made by "${manifest.goVersion}", installed "${installed}": re-run check skipped\n`);
    return;
  }
  const defaults = cases.filter((c) => c.slug === 'default' || c.slug === 'granularity=lines');
  assert.ok(defaults.length >= 2 * 12);
  for (const c of defaults) {
    const r = spawnSync('go', ['tool', 'pprof', '-top', ...c.goArgs, join(PROFILES, c.fixture)], {
      encoding: 'utf8', env: { ...process.env, TZ: 'UTC', PPROF_TMPDIR: '/tmp', PPROF_BINARY_PATH: '/nonexistent' },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(withoutTimeLine(r.stdout), withoutTimeLine(readFileSync(file(c), 'utf8')), `${c.fixture} ${c.slug}`);
  }
});
