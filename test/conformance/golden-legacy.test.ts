/**
 * Conformance: `pprof-ts top` on legacy profiles (gperftools CPU and heap,
 * tcmalloc heap_v2, contentionz, threadz, growthz, heapz_v2, Java
 * heapz/contentionz/CPU, old Go text) must print exactly what
 * `go tool pprof -symbolize=none -top` printed. Goldens are committed under
 * test/golden/legacy/<fixture>/<flags>.txt with the command that made each
 * in MANIFEST.json; `UPDATE_GOLDEN=1` regenerates them with the installed Go.
 * Without -symbolize=none pprof would look up the binaries named in each
 * memory map on this machine (libc.so.6 is there) and the goldens would
 * depend on the machine; pprof-ts does not symbolize.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN } from '../helpers/paths.js';
import { allLegacyCases, GO_PPROF_ENV, LEGACY, legacyFixtures, type LegacyCase } from '../helpers/legacy-cases.js';
import { runInProcess } from '../helpers/cli.js';
import { goVersion, requireTool } from '../helpers/tools.js';

const DIR = join(GOLDEN, 'legacy');
const MANIFEST = join(DIR, 'MANIFEST.json');
const cases = allLegacyCases();
const file = (c: LegacyCase): string => join(DIR, c.fixture, `${c.slug}.txt`);
const goArgs = (c: LegacyCase): string[] => ['tool', 'pprof', '-symbolize=none', '-top', ...c.goArgs, join(LEGACY, c.fixture)];

interface Manifest {
  goVersion: string;
  generatedAt: string;
  goldens: { file: string; command: string; ours: string }[];
}

/** Fixtures whose data is inconsistent on purpose: read with this warning on stderr. */
const WARNINGS: Record<string, RegExp> = {
  'go-heap-oldtotals.txt': /^pprof-ts: warning: heap profile \(debug=1\): records add up to 26: 1212416 \[104: 4849664\] but the header says 40: 1310720 \[120: 5242880\]: the header and the records disagree\n$/,
};

if (process.env.UPDATE_GOLDEN === '1') {
  const version = goVersion();
  test('regenerate legacy goldens with go tool pprof', { skip: requireTool('go', version !== null) }, () => {
    const manifest: Manifest = { goVersion: version!, generatedAt: new Date().toISOString(), goldens: [] };
    for (const c of cases) {
      const r = spawnSync('go', goArgs(c), { encoding: 'utf8', env: { ...process.env, ...GO_PPROF_ENV } });
      assert.equal(r.status, 0, `go ${goArgs(c).join(' ')} failed: ${r.stderr}`);
      mkdirSync(join(file(c), '..'), { recursive: true });
      writeFileSync(file(c), r.stdout);
      manifest.goldens.push({
        file: file(c).slice(DIR.length + 1),
        command: `go tool pprof -symbolize=none -top ${c.goArgs.join(' ')} fixtures/profiles/legacy/${c.fixture}`.replace(/  +/g, ' '),
        ours: `pprof-ts top fixtures/profiles/legacy/${c.fixture} ${c.ourArgs.join(' ')}`.trim(),
      });
    }
    writeFileSync(MANIFEST, JSON.stringify(manifest, null, 2) + '\n');
  });
}

test('every legacy fixture has committed goldens made by go tool pprof', () => {
  assert.ok(existsSync(MANIFEST), 'test/golden/legacy/MANIFEST.json missing: run UPDATE_GOLDEN=1 npm test');
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
  assert.match(manifest.goVersion, /^go version go\d/);
  const listed = new Set(manifest.goldens.map((g) => g.file));
  for (const c of cases) assert.ok(listed.has(file(c).slice(DIR.length + 1)), `no golden for ${c.fixture} ${c.slug}`);
  assert.ok(legacyFixtures().length >= 15, `expected every legacy format, got ${legacyFixtures().join(', ')}`);
  assert.ok(manifest.goldens.every((g) => g.command.includes('-symbolize=none')));
});

for (const c of cases) {
  test(`top legacy/${c.fixture} ${c.slug} equals go tool pprof`, async () => {
    const expected = readFileSync(file(c), 'utf8');
    const r = await runInProcess(['top', join(LEGACY, c.fixture), ...c.ourArgs]);
    // pprof's own notes (`Focus expression matched no samples`) are printed by go tool pprof too.
    const stderr = r.stderr.replace(/^(?:Focus|Ignore|Hide|Show) expression matched no samples\n/gm, '');
    const warning = WARNINGS[c.fixture];
    if (warning === undefined) assert.equal(stderr, '');
    else assert.match(stderr, warning);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, expected);
  });
}

test('the committed legacy goldens are what the installed go tool pprof prints today', {
  skip: requireTool('go', goVersion() !== null),
}, () => {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
  const installed = goVersion()!;
  if (installed !== manifest.goVersion) {
    process.stdout.write(`# goldens made by "${manifest.goVersion}", installed "${installed}": re-run check skipped\n`);
    return;
  }
  for (const c of cases.filter((x) => x.slug === 'default' || x.slug === 'granularity=addresses')) {
    const r = spawnSync('go', goArgs(c), { encoding: 'utf8', env: { ...process.env, ...GO_PPROF_ENV } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, readFileSync(file(c), 'utf8'), `${c.fixture} ${c.slug}`);
  }
});
