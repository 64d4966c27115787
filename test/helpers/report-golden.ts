/**
 * One golden suite per report (traces, raw, tags, label filters on top):
 * each case runs `go tool pprof -<report> <goArgs> <fixture>` (UPDATE_GOLDEN=1
 * writes its stdout, and its stderr when pprof printed a note, under
 * test/golden/<suite>/<fixture>/<slug>.txt with the command in MANIFEST.json)
 * and `pprof-ts <command> <fixture> <ourArgs>` in-process, which must print
 * the same bytes (Time: lines aside) and the same stderr notes. On a mismatch
 * the actual output goes to test-artifacts/<suite>/ for a diff.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { GOLDEN, ROOT } from './paths.js';
import { runInProcess } from './cli.js';
import { goVersion, requireTool } from './tools.js';
import { withoutTimeLine } from './top-cases.js';

/** One golden case. */
export interface GoldenCase {
  /** Profile path relative to the repository root, e.g. fixtures/profiles/cpu.pb.gz. */
  readonly fixture: string;
  /** File name of the golden, from the flags, e.g. `tagfocus=table=nat`. */
  readonly slug: string;
  /** Arguments of `go tool pprof -<report>` before the file. */
  readonly goArgs: readonly string[];
  /** Arguments of `pprof-ts <command>` after the file. */
  readonly ourArgs: readonly string[];
}

/** A suite: its folder name, the pprof report flag and our command. */
export interface GoldenSuite {
  /** Folder under test/golden/, e.g. `traces`. */
  readonly name: string;
  /** pprof's output flag, e.g. `-traces`. */
  readonly goReport: string;
  /** Our command, e.g. `traces`. */
  readonly command: string;
  readonly cases: readonly GoldenCase[];
  /** The suite must be at least this broad (guards against an emptied matrix). */
  readonly minCases: number;
}

interface Manifest {
  goVersion: string;
  generatedAt: string;
  goldens: { file: string; command: string; ours: string; stderr?: string }[];
}

const GO_ENV = { ...process.env, TZ: 'UTC', PPROF_TMPDIR: '/tmp', PPROF_BINARY_PATH: '/nonexistent' };

function stem(fixture: string): string {
  return basename(fixture).replace(/\.pb\.gz$/, '').replace(/\.txt$/, '');
}

/** Registers the regenerate / manifest / comparison tests of a suite. */
export function defineGoldenSuite(suite: GoldenSuite): void {
  const dir = join(GOLDEN, suite.name);
  const manifestPath = join(dir, 'MANIFEST.json');
  const rel = (c: GoldenCase): string => `${stem(c.fixture)}/${c.slug}.txt`;
  const errRel = (c: GoldenCase): string => `${stem(c.fixture)}/${c.slug}.stderr.txt`;
  const goCommand = (c: GoldenCase): string[] => ['tool', 'pprof', suite.goReport, ...c.goArgs, join(ROOT, c.fixture)];
  const goShown = (c: GoldenCase): string =>
    ['go tool pprof', suite.goReport, ...c.goArgs.map(shellQuote), c.fixture].join(' ');
  const ourShown = (c: GoldenCase): string => ['pprof-ts', suite.command, c.fixture, ...c.ourArgs.map(shellQuote)].join(' ');

  if (process.env.UPDATE_GOLDEN === '1') {
    const version = goVersion();
    test(`regenerate ${suite.name} goldens with go tool pprof`, { skip: requireTool('go', version !== null) }, () => {
      const manifest: Manifest = { goVersion: version!, generatedAt: new Date().toISOString(), goldens: [] };
      for (const c of suite.cases) {
        const r = spawnSync('go', goCommand(c), { encoding: 'utf8', env: GO_ENV });
        assert.equal(r.status, 0, `${goShown(c)} failed: ${r.stderr}`);
        mkdirSync(join(dir, stem(c.fixture)), { recursive: true });
        writeFileSync(join(dir, rel(c)), r.stdout);
        const entry: Manifest['goldens'][number] = { file: rel(c), command: goShown(c), ours: ourShown(c) };
        if (r.stderr !== '') {
          writeFileSync(join(dir, errRel(c)), r.stderr);
          entry.stderr = errRel(c);
        }
        manifest.goldens.push(entry);
      }
      writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
    });
  }

  test(`every ${suite.name} case has a golden made by go tool pprof`, () => {
    assert.ok(existsSync(manifestPath), `${manifestPath} missing: run UPDATE_GOLDEN=1 npm test`);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    assert.match(manifest.goVersion, /^go version go\d/);
    const listed = new Set(manifest.goldens.map((g) => g.file));
    for (const c of suite.cases) assert.ok(listed.has(rel(c)), `no golden for ${c.fixture} ${c.slug}`);
    assert.ok(suite.cases.length >= suite.minCases, `expected at least ${suite.minCases} cases, got ${suite.cases.length}`);
  });

  for (const c of suite.cases) {
    test(`${suite.command} ${c.fixture} ${c.slug} equals go tool pprof ${suite.goReport}`, async () => {
      const expected = readFileSync(join(dir, rel(c)), 'utf8');
      const errPath = join(dir, errRel(c));
      const expectedErr = existsSync(errPath) ? readFileSync(errPath, 'utf8') : '';
      const r = await runInProcess([suite.command, join(ROOT, c.fixture), ...c.ourArgs]);
      const same = withoutTimeLine(r.stdout) === withoutTimeLine(expected) && r.stderr === expectedErr;
      if (!same) {
        const out = join(ROOT, 'test-artifacts', suite.name, stem(c.fixture));
        mkdirSync(out, { recursive: true });
        writeFileSync(join(out, `${c.slug}.txt`), r.stdout);
        writeFileSync(join(out, `${c.slug}.stderr.txt`), r.stderr);
      }
      assert.equal(r.code, 0, r.stderr);
      assert.equal(withoutTimeLine(r.stdout), withoutTimeLine(expected),
        `differs from test/golden/${suite.name}/${rel(c)}; actual output in test-artifacts/${suite.name}/ ` +
        '(regenerate goldens with UPDATE_GOLDEN=1 npm test)');
      assert.equal(r.stderr, expectedErr);
    });
  }

  test(`the committed ${suite.name} goldens are what the installed go tool pprof prints today`, {
    skip: requireTool('go', goVersion() !== null),
  }, () => {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    const installed = goVersion()!;
    if (installed !== manifest.goVersion) {
      process.stdout.write(`# goldens made by "${manifest.goVersion}", installed "${installed}": re-run check skipped\n`);
      return;
    }
    // A sample is enough to catch a stale golden; the full set is re-made by UPDATE_GOLDEN=1.
    for (const c of suite.cases.filter((_, i) => i % 15 === 0)) {
      const r = spawnSync('go', goCommand(c), { encoding: 'utf8', env: GO_ENV });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(withoutTimeLine(r.stdout), withoutTimeLine(readFileSync(join(dir, rel(c)), 'utf8')), `${c.fixture} ${c.slug}`);
    }
  });
}

function shellQuote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}
