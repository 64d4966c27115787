/**
 * The shared harness of the conformance goldens: for one report, every case
 * (fixture x flags) has a golden made by the real `go tool pprof -<report>`,
 * committed under test/golden/<report>/<fixture>/<slug>.txt with the command
 * that made it in MANIFEST.json. The suite checks the manifest, compares
 * `pprof-ts <report>` byte for byte (the Time: line aside), writes the actual
 * output under test-artifacts/ on a mismatch, and re-runs a sample of cases
 * against the installed Go. `UPDATE_GOLDEN=1` regenerates the goldens.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN, PROFILES, ROOT } from './paths.js';
import { runInProcess } from './cli.js';
import { goVersion, requireTool } from './tools.js';

/** One golden case. */
export interface GoldenCase {
  /** Fixture file name, e.g. cpu.pb.gz. */
  fixture: string;
  /** Golden name derived from the flags, e.g. `granularity=lines`. */
  slug: string;
  /** Arguments for `go tool pprof` (before the file), the report flag included. */
  goArgs: string[];
  /** Arguments for `pprof-ts` (the command and everything but the file come from `ourCommand`). */
  ourArgs: string[];
}

/** How a report's goldens are made and checked. */
export interface GoldenSuite {
  /** Report name: the golden folder and the test titles. */
  report: string;
  cases: GoldenCase[];
  /** The pprof-ts argv of a case, the profile path included. */
  ourArgv(c: GoldenCase, profilePath: string): string[];
  /** Which cases the "installed Go prints the same today" check re-runs. */
  recheck(c: GoldenCase): boolean;
  /** Test file name under dist/test/conformance/ (default golden-<report>.test.js). */
  testFile?: string;
  /** Smallest acceptable number of cases. */
  minCases: number;
  /** Removes what may differ (the Time: line, which depends on the time zone); default {@link withoutTimeLine}. */
  normalize?: (text: string) => string;
}

interface Manifest {
  goVersion: string;
  generatedAt: string;
  goldens: { file: string; command: string; ours: string }[];
}

/** Drops the `Time:` header line, which depends on the reader's time zone. */
export function withoutTimeLine(text: string): string {
  return text.split('\n').filter((l) => !l.startsWith('Time: ')).join('\n');
}

/** Drops the `Time:` line of a DOT graph's legend (a `\l`-separated label). */
export function withoutDotTimeLine(text: string): string {
  return text.replace(/Time: [^\\"]*\\l/g, '');
}

const GO_ENV = { ...process.env, TZ: 'UTC', PPROF_TMPDIR: '/tmp', PPROF_BINARY_PATH: '/nonexistent' };

function runGo(c: GoldenCase): { status: number | null; stdout: string; stderr: string } {
  return spawnSync('go', ['tool', 'pprof', ...c.goArgs, join(PROFILES, c.fixture)], { encoding: 'utf8', env: GO_ENV });
}

/** Declares the golden tests of one report. */
export function goldenTests(s: GoldenSuite): void {
  const normalize = s.normalize ?? withoutTimeLine;
  const dir = join(GOLDEN, s.report);
  const manifestPath = join(dir, 'MANIFEST.json');
  const rel = (c: GoldenCase): string => `${c.fixture.replace(/\.pb\.gz$/, '')}/${c.slug}.txt`;
  const regenerate = `UPDATE_GOLDEN=1 node --test dist/test/conformance/${s.testFile ?? `golden-${s.report}.test.js`}`;

  if (process.env.UPDATE_GOLDEN === '1') {
    const version = goVersion();
    test(`regenerate ${s.report} goldens with go tool pprof`, { skip: requireTool('go', version !== null) }, () => {
      const manifest: Manifest = { goVersion: version!, generatedAt: new Date().toISOString(), goldens: [] };
      for (const c of s.cases) {
        const r = runGo(c);
        assert.equal(r.status, 0, `go tool pprof ${c.goArgs.join(' ')} ${c.fixture} failed: ${r.stderr}`);
        const path = join(dir, rel(c));
        mkdirSync(join(path, '..'), { recursive: true });
        writeFileSync(path, r.stdout);
        manifest.goldens.push({
          file: rel(c),
          command: `go tool pprof ${c.goArgs.join(' ')} fixtures/profiles/${c.fixture}`.replace(/  +/g, ' '),
          ours: `pprof-ts ${s.ourArgv(c, `fixtures/profiles/${c.fixture}`).join(' ')}`.trim(),
        });
      }
      writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
    });
  }

  test(`every ${s.report} case has a committed golden made by go tool pprof`, () => {
    assert.ok(existsSync(manifestPath), `test/golden/${s.report}/MANIFEST.json missing: run ${regenerate}`);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    assert.match(manifest.goVersion, /^go version go\d/);
    const listed = new Set(manifest.goldens.map((g) => g.file));
    for (const c of s.cases) assert.ok(listed.has(rel(c)), `no golden for ${c.fixture} ${c.slug}: run ${regenerate}`);
    assert.ok(s.cases.length >= s.minCases, `expected a broad matrix, got ${s.cases.length} cases`);
  });

  for (const c of s.cases) {
    test(`${s.report} ${c.fixture} ${c.slug} equals go tool pprof`, async () => {
      const expected = readFileSync(join(dir, rel(c)), 'utf8');
      const r = await runInProcess(s.ourArgv(c, join(PROFILES, c.fixture)));
      const actual = normalize(r.stdout);
      if (r.code !== 0 || actual !== normalize(expected)) {
        const out = join(ROOT, 'test-artifacts', s.report, rel(c));
        mkdirSync(join(out, '..'), { recursive: true });
        writeFileSync(out, r.stdout + (r.stderr === '' ? '' : `\n--- stderr ---\n${r.stderr}`));
        assert.fail(`${s.report} ${c.fixture} ${c.slug} differs from test/golden/${s.report}/${rel(c)}; ` +
          `actual output in test-artifacts/${s.report}/${rel(c)} (exit ${r.code}). ` +
          `If go tool pprof changed, regenerate with ${regenerate}`);
      }
      // Only pprof's own notes, which go tool pprof prints too (test/golden/filters/ records its stderr exactly).
      assert.match(r.stderr, /^(?:(?:Focus|Ignore|Hide|Show) expression matched no samples\n)*$/);
    });
  }

  test(`the committed ${s.report} goldens are what the installed go tool pprof prints today`, {
    skip: requireTool('go', goVersion() !== null),
  }, () => {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    const installed = goVersion()!;
    if (installed !== manifest.goVersion) {
      // A different Go may legitimately print differently; the goldens stay tied to the version that made them.
      process.stdout.write(`# goldens made by "${manifest.goVersion}", installed "${installed}": re-run check skipped\n`);
      return;
    }
    const sample = s.cases.filter(s.recheck);
    assert.ok(sample.length >= 2);
    for (const c of sample) {
      const r = runGo(c);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(normalize(r.stdout), normalize(readFileSync(join(dir, rel(c)), 'utf8')), `${c.fixture} ${c.slug}`);
    }
  });
}
