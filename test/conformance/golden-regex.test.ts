/**
 * Conformance of Go RE2 syntax in filters: `pprof-ts top` (and peek) with
 * -focus, -ignore, -hide, -show, -show_from, -prune_from, -tagfocus and
 * -tagignore written as `\Q...\E`, `\pL`, `[[:alpha:]]`, `\A`, `\x{..}`,
 * `(?i:...)`, `(?P<n>...)`, `(?U)` must print what go tool pprof printed
 * (goldens: test/golden/regex/<fixture>/<name>.txt, commands and Go's
 * stderr in MANIFEST.json). Filters Go refuses must fail here too, with
 * Go's message behind our `pprof-ts: ` prefix (Go's stderr and exit status
 * in REFUSED.json). Cases: test/helpers/regex-cases.ts.
 * `UPDATE_GOLDEN=1 node --test dist/test/conformance/golden-regex.test.js` regenerates both.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldenSuite, type HarnessCase } from '../helpers/golden.js';
import { refusedCliCases, regexGoldenCases } from '../helpers/regex-cases.js';
import { runInProcess } from '../helpers/cli.js';
import { GOLDEN, ROOT } from '../helpers/paths.js';
import { goVersion, requireTool } from '../helpers/tools.js';

goldenSuite({
  name: 'regex',
  cases: regexGoldenCases(),
  minCases: 20,
  recheck: (_, i) => i % 4 === 0,
  stderr: { kind: 'recorded' },
  testFile: 'golden-regex.test.js',
});

/** What go tool pprof did with a filter it refuses. */
interface Refusal { command: string; ours: string; status: number; stderr: string }

interface RefusedManifest { goVersion: string; generatedAt: string; refused: Refusal[] }

const MANIFEST = join(GOLDEN, 'regex', 'REFUSED.json');
const REGENERATE = 'UPDATE_GOLDEN=1 node --test dist/test/conformance/golden-regex.test.js';

function runGo(c: HarnessCase): { status: number; stderr: string } {
  const r = spawnSync('go', ['tool', 'pprof', ...c.goArgv], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC', PPROF_TMPDIR: '/tmp', PPROF_BINARY_PATH: '/nonexistent' },
  });
  return { status: r.status ?? -1, stderr: r.stderr };
}

if (process.env.UPDATE_GOLDEN === '1') {
  const version = goVersion();
  test('regenerate the refused regex records with go tool pprof', { skip: requireTool('go', version !== null) }, () => {
    const refused = refusedCliCases().map((c): Refusal => {
      const r = runGo(c);
      assert.notEqual(r.status, 0, `${c.goShown} was expected to fail`);
      return { command: c.goShown, ours: c.ourShown, status: r.status, stderr: r.stderr };
    });
    mkdirSync(join(MANIFEST, '..'), { recursive: true });
    writeFileSync(MANIFEST, JSON.stringify({ goVersion: version!, generatedAt: new Date().toISOString(), refused }, null, 2) + '\n');
  });
}

const readManifest = (): RefusedManifest => {
  assert.ok(existsSync(MANIFEST), `test/golden/regex/REFUSED.json missing: run ${REGENERATE}`);
  return JSON.parse(readFileSync(MANIFEST, 'utf8')) as RefusedManifest;
};

test('every refused regex case has Go\'s failure recorded', () => {
  const m = readManifest();
  assert.match(m.goVersion, /^go version go\d/);
  assert.deepEqual(m.refused.map((r) => r.command), refusedCliCases().map((c) => c.goShown), `stale: run ${REGENERATE}`);
  for (const r of m.refused) {
    assert.notEqual(r.status, 0, r.command);
    assert.match(r.stderr, /^parsing \w+ regexp: error parsing regexp: .+\n$/, r.command);
  }
});

for (const [i, c] of refusedCliCases().entries()) {
  test(`${c.goArgv.slice(0, -1).join(' ')}: refused as go tool pprof refuses it`, async () => {
    const go = readManifest().refused[i]!;
    const r = await runInProcess(c.ourArgv);
    assert.equal(r.code, 2, 'a bad regex is bad usage (exit 2; go tool pprof exits 1)');
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `pprof-ts: ${go.stderr}`);
  });
}

test('the recorded refusals are what the installed go tool pprof prints today', { skip: requireTool('go', goVersion() !== null) }, () => {
  const m = readManifest();
  if (goVersion() !== m.goVersion) {
    process.stdout.write(`# refusals recorded by "${m.goVersion}", installed "${goVersion()}": re-run check skipped\n`);
    return;
  }
  for (const [i, c] of refusedCliCases().entries()) {
    const r = runGo(c);
    assert.equal(r.status, m.refused[i]!.status, c.goShown);
    assert.equal(r.stderr, m.refused[i]!.stderr, c.goShown);
  }
});
