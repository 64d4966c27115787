/**
 * Conformance of two-profile `top`: merging profiles given together, `--base`,
 * `--diff-base` and `--normalize` must print exactly what `go tool pprof -top`
 * printed for the same pair and flags (the Time: line aside): totals, signs,
 * percentages against the base for -diff_base, the summed Duration line.
 * Goldens: test/golden/top-multi/<pair>/<slug>.txt, commands in MANIFEST.json;
 * `UPDATE_GOLDEN=1 node --test dist/test/conformance/golden-top-multi.test.js`
 * regenerates them with the installed Go.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN, ROOT } from '../helpers/paths.js';
import { multiCases, type MultiCase } from '../helpers/multi-cases.js';
import { withoutTimeLine } from '../helpers/top-cases.js';
import { runInProcess } from '../helpers/cli.js';
import { goVersion, requireTool } from '../helpers/tools.js';

const DIR = join(GOLDEN, 'top-multi');
const MANIFEST = join(DIR, 'MANIFEST.json');
const REL = 'fixtures/profiles';
const relCases = multiCases(REL);
const absCases = multiCases(join(ROOT, REL));
const file = (c: MultiCase): string => join(DIR, c.pair, `${c.slug}.txt`);

interface Manifest {
  goVersion: string;
  generatedAt: string;
  goldens: { file: string; command: string; ours: string }[];
}

function goTop(c: MultiCase): string {
  const r = spawnSync('go', ['tool', 'pprof', '-top', ...c.goArgs], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC', PPROF_TMPDIR: '/tmp', PPROF_BINARY_PATH: '/nonexistent' },
  });
  assert.equal(r.status, 0, `go tool pprof -top ${c.goArgs.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

if (process.env.UPDATE_GOLDEN === '1') {
  const version = goVersion();
  test('regenerate two-profile top goldens with go tool pprof', { skip: requireTool('go', version !== null) }, () => {
    const manifest: Manifest = { goVersion: version!, generatedAt: new Date().toISOString(), goldens: [] };
    for (const c of relCases) {
      mkdirSync(join(file(c), '..'), { recursive: true });
      writeFileSync(file(c), goTop(c));
      manifest.goldens.push({
        file: file(c).slice(DIR.length + 1),
        command: `go tool pprof -top ${c.goArgs.join(' ')}`,
        ours: `pprof-ts top ${c.ourArgs.join(' ')}`,
      });
    }
    writeFileSync(MANIFEST, JSON.stringify(manifest, null, 2) + '\n');
  });
}

test('every two-profile case has a committed golden made by go tool pprof', () => {
  assert.ok(existsSync(MANIFEST), 'test/golden/top-multi/MANIFEST.json missing: run with UPDATE_GOLDEN=1');
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
  assert.match(manifest.goVersion, /^go version go\d/);
  const listed = new Set(manifest.goldens.map((g) => g.file));
  for (const c of relCases) assert.ok(listed.has(file(c).slice(DIR.length + 1)), `no golden for ${c.pair} ${c.slug}`);
});

for (const c of absCases) {
  test(`top ${c.pair} ${c.slug} equals go tool pprof`, async () => {
    const expected = readFileSync(file(c), 'utf8');
    const r = await runInProcess(['top', ...c.ourArgs]);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.equal(withoutTimeLine(r.stdout), withoutTimeLine(expected));
  });
}

test('the committed two-profile goldens are what the installed go tool pprof prints today', {
  skip: requireTool('go', goVersion() !== null),
}, () => {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
  if (goVersion() !== manifest.goVersion) {
    process.stdout.write(`# goldens made by "${manifest.goVersion}": re-run check skipped\n`);
    return;
  }
  for (const c of relCases.filter((x) => !x.slug.includes(','))) {
    assert.equal(withoutTimeLine(goTop(c)), withoutTimeLine(readFileSync(file(c), 'utf8')), `${c.pair} ${c.slug}`);
  }
});
