/**
 * The one harness of the conformance goldens. Every case of a suite has a
 * golden made by the real `go tool pprof`, committed under
 * test/golden/<suite>/<file> with the command that made it (and Go's version)
 * in MANIFEST.json. A suite checks the manifest, compares `pprof-ts` byte for
 * byte (the Time: line aside where the suite says so), checks stderr (recorded
 * next to the golden, or only pprof's own notes, or nothing), writes the actual
 * output under test-artifacts/<suite>/ on a mismatch, and re-runs a sample of
 * cases against the installed Go. `UPDATE_GOLDEN=1` regenerates the goldens.
 *
 * `goldenSuite()` takes ready cases (argv to run, command lines to record);
 * `goldenTests()` (one report over fixtures/profiles, e.g. top, tree, dot) and
 * `defineGoldenSuite()` (a report whose go stderr is recorded, e.g. traces,
 * raw, tags, filters) shape their cases for it.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { GOLDEN, PROFILES, ROOT } from './paths.js';
import { runInProcess } from './cli.js';
import { goVersion, requireTool } from './tools.js';

/** Drops the `Time:` header line, which depends on the reader's time zone. */
export function withoutTimeLine(text: string): string {
  return text.split('\n').filter((l) => !l.startsWith('Time: ')).join('\n');
}

/** Drops the `Time:` line of a DOT graph's legend (a `\l`-separated label). */
export function withoutDotTimeLine(text: string): string {
  return text.replace(/Time: [^\\"]*\\l/g, '');
}

/** Compares the bytes as they are (for reports without a Time: line). */
export const exactBytes = (text: string): string => text;

/** One case as the harness runs it. */
export interface HarnessCase {
  /** Golden file under test/golden/<suite>/, e.g. `cpu/granularity=lines.txt`. */
  readonly file: string;
  /** The comparison test's title. */
  readonly title: string;
  /** `go tool pprof` arguments (run from the repository root). */
  readonly goArgv: readonly string[];
  /** `pprof-ts` arguments, run in-process. */
  readonly ourArgv: readonly string[];
  /** The commands as MANIFEST.json records them (`go tool pprof ...`, `pprof-ts ...`). */
  readonly goShown: string;
  readonly ourShown: string;
}

/** What pprof-ts may print on stderr. */
export type StderrRule =
  /** Exactly what go tool pprof printed, recorded as <file>.stderr.txt next to the golden. */
  | { readonly kind: 'recorded' }
  /** Only pprof's own notes (`Focus expression matched no samples`), plus an expected warning of some cases. */
  | { readonly kind: 'notes'; readonly warning?: (file: string) => RegExp | undefined }
  /** Nothing at all. */
  | { readonly kind: 'empty' };

/** A suite of goldens. */
export interface HarnessSuite {
  /** Folder under test/golden/ and the name in test titles. */
  readonly name: string;
  readonly cases: readonly HarnessCase[];
  /** The suite must be at least this broad (guards against an emptied matrix). */
  readonly minCases: number;
  /** Which cases the "installed Go prints the same today" check re-runs. */
  readonly recheck: (c: HarnessCase, index: number) => boolean;
  /** Removes what may differ; default {@link withoutTimeLine}. */
  readonly normalize?: (text: string) => string;
  readonly stderr: StderrRule;
  /** Test file under dist/test/conformance/, for the regenerate hint. */
  readonly testFile: string;
  /** Further checks of the manifest. */
  readonly checkManifest?: (m: Manifest) => void;
}

/** MANIFEST.json of a suite. */
export interface Manifest {
  goVersion: string;
  generatedAt: string;
  goldens: { file: string; command: string; ours: string; stderr?: string }[];
}

const GO_ENV = { ...process.env, TZ: 'UTC', PPROF_TMPDIR: '/tmp', PPROF_BINARY_PATH: '/nonexistent' };
const NOTES = /^(?:Focus|Ignore|Hide|Show) expression matched no samples\n/gm;

function runGo(c: HarnessCase): { status: number | null; stdout: string; stderr: string } {
  return spawnSync('go', ['tool', 'pprof', ...c.goArgv], { cwd: ROOT, encoding: 'utf8', env: GO_ENV });
}

const errFile = (file: string): string => file.replace(/\.txt$/, '.stderr.txt');

/** Registers the regenerate / manifest / comparison / re-check tests of a suite. */
export function goldenSuite(s: HarnessSuite): void {
  const normalize = s.normalize ?? withoutTimeLine;
  const dir = join(GOLDEN, s.name);
  const manifestPath = join(dir, 'MANIFEST.json');
  const regenerate = `UPDATE_GOLDEN=1 node --test dist/test/conformance/${s.testFile}`;

  if (process.env.UPDATE_GOLDEN === '1') {
    const version = goVersion();
    test(`regenerate ${s.name} goldens with go tool pprof`, { skip: requireTool('go', version !== null) }, () => {
      const manifest: Manifest = { goVersion: version!, generatedAt: new Date().toISOString(), goldens: [] };
      for (const c of s.cases) {
        const r = runGo(c);
        assert.equal(r.status, 0, `${c.goShown} failed: ${r.stderr}`);
        mkdirSync(join(dir, c.file, '..'), { recursive: true });
        writeFileSync(join(dir, c.file), r.stdout);
        const entry: Manifest['goldens'][number] = { file: c.file, command: c.goShown, ours: c.ourShown };
        if (s.stderr.kind === 'recorded' && r.stderr !== '') {
          writeFileSync(join(dir, errFile(c.file)), r.stderr);
          entry.stderr = errFile(c.file);
        }
        manifest.goldens.push(entry);
      }
      writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
    });
  }

  test(`every ${s.name} case has a committed golden made by go tool pprof`, () => {
    assert.ok(existsSync(manifestPath), `test/golden/${s.name}/MANIFEST.json missing: run ${regenerate}`);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    assert.match(manifest.goVersion, /^go version go\d/);
    const listed = new Set(manifest.goldens.map((g) => g.file));
    for (const c of s.cases) assert.ok(listed.has(c.file), `no golden for ${c.file}: run ${regenerate}`);
    // The recorded commands are the ones this suite runs.
    const recorded = new Map(manifest.goldens.map((g) => [g.file, g]));
    for (const c of s.cases) {
      assert.equal(recorded.get(c.file)!.command, c.goShown, `${c.file}: command in MANIFEST.json`);
      assert.equal(recorded.get(c.file)!.ours, c.ourShown, `${c.file}: ours in MANIFEST.json`);
    }
    assert.ok(s.cases.length >= s.minCases, `expected at least ${s.minCases} cases, got ${s.cases.length}`);
    s.checkManifest?.(manifest);
  });

  for (const c of s.cases) {
    test(c.title, async () => {
      const expected = readFileSync(join(dir, c.file), 'utf8');
      const errPath = join(dir, errFile(c.file));
      const expectedErr = s.stderr.kind === 'recorded' && existsSync(errPath) ? readFileSync(errPath, 'utf8') : '';
      const r = await runInProcess(c.ourArgv);
      const actual = normalize(r.stdout);
      const sameOut = actual === normalize(expected);
      if (r.code !== 0 || !sameOut || (s.stderr.kind === 'recorded' && r.stderr !== expectedErr)) {
        const out = join(ROOT, 'test-artifacts', s.name, c.file);
        mkdirSync(join(out, '..'), { recursive: true });
        writeFileSync(out, r.stdout);
        writeFileSync(errFile(out), r.stderr);
      }
      assert.equal(r.code, 0, r.stderr);
      assert.ok(sameOut, `${c.title}: differs from test/golden/${s.name}/${c.file}; actual output in ` +
        `test-artifacts/${s.name}/${c.file}. If go tool pprof changed, regenerate with ${regenerate}`);
      switch (s.stderr.kind) {
        case 'recorded':
          assert.equal(r.stderr, expectedErr);
          break;
        case 'notes': {
          // Only pprof's own notes, which go tool pprof prints too.
          const rest = r.stderr.replace(NOTES, '');
          const warning = s.stderr.warning?.(c.file);
          if (warning === undefined) assert.equal(rest, '');
          else assert.match(rest, warning);
          break;
        }
        case 'empty':
          assert.equal(r.stderr, '');
          break;
        default: {
          const never: never = s.stderr;
          throw new Error(`unknown stderr rule ${String(never)}`);
        }
      }
    });
  }

  test(`the committed ${s.name} goldens are what the installed go tool pprof prints today`, {
    skip: requireTool('go', goVersion() !== null),
  }, () => {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    const installed = goVersion()!;
    if (installed !== manifest.goVersion) {
      // A different Go may legitimately print differently; the goldens stay tied to the version that made them.
      process.stdout.write(`# goldens made by "${manifest.goVersion}", installed "${installed}": re-run check skipped\n`);
      return;
    }
    // A sample is enough to catch a stale golden; the full set is re-made by UPDATE_GOLDEN=1.
    const sample = s.cases.filter(s.recheck);
    assert.ok(sample.length >= 2);
    for (const c of sample) {
      const r = runGo(c);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(normalize(r.stdout), normalize(readFileSync(join(dir, c.file), 'utf8')), c.title);
    }
  });
}

/** One case of a report over one fixture of fixtures/profiles. */
export interface GoldenCase {
  /** Fixture file name, e.g. cpu.pb.gz. */
  fixture: string;
  /** Golden name derived from the flags, e.g. `granularity=lines`. */
  slug: string;
  /** Arguments for `go tool pprof` (before the file), the report flag included. */
  goArgs: string[];
  /** Arguments for `pprof-ts` (the command and everything but the file come from `ourArgv`). */
  ourArgs: string[];
}

/** A report's goldens over fixtures/profiles (stderr: pprof's notes only). */
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

/** Declares the golden tests of one report over fixtures/profiles. */
export function goldenTests(s: GoldenSuite): void {
  const byFile = new Map<string, GoldenCase>();
  const cases = s.cases.map((c): HarnessCase => {
    const file = `${c.fixture.replace(/\.pb\.gz$/, '')}/${c.slug}.txt`;
    byFile.set(file, c);
    return {
      file,
      title: `${s.report} ${c.fixture} ${c.slug} equals go tool pprof`,
      goArgv: [...c.goArgs, join(PROFILES, c.fixture)],
      ourArgv: s.ourArgv(c, join(PROFILES, c.fixture)),
      goShown: `go tool pprof ${c.goArgs.join(' ')} fixtures/profiles/${c.fixture}`.replace(/  +/g, ' '),
      ourShown: `pprof-ts ${s.ourArgv(c, `fixtures/profiles/${c.fixture}`).join(' ')}`.trim(),
    };
  });
  goldenSuite({
    name: s.report,
    cases,
    minCases: s.minCases,
    recheck: (c) => s.recheck(byFile.get(c.file)!),
    ...(s.normalize !== undefined ? { normalize: s.normalize } : {}),
    stderr: { kind: 'notes' },
    testFile: s.testFile ?? `golden-${s.report}.test.js`,
  });
}

/** One case of a report whose go stderr is recorded. */
export interface ReportGoldenCase {
  /** Profile path relative to the repository root, e.g. fixtures/profiles/cpu.pb.gz. */
  readonly fixture: string;
  /** File name of the golden, from the flags, e.g. `tagfocus=table=nat`. */
  readonly slug: string;
  /** Arguments of `go tool pprof -<report>` before the file. */
  readonly goArgs: readonly string[];
  /** Arguments of `pprof-ts <command>` after the file. */
  readonly ourArgs: readonly string[];
  /** Profiles (relative to the repository root) merged after the fixture: given after it to both tools. */
  readonly merged?: readonly string[];
}

/** A report suite: its folder name, the pprof report flag and our command. */
export interface ReportGoldenSuite {
  /** Folder under test/golden/, e.g. `traces`. */
  readonly name: string;
  /** pprof's output flag, e.g. `-traces`. */
  readonly goReport: string;
  /** Our command, e.g. `traces`. */
  readonly command: string;
  readonly cases: readonly ReportGoldenCase[];
  /** The suite must be at least this broad (guards against an emptied matrix). */
  readonly minCases: number;
}

/** Declares the golden tests of a report whose stderr notes must equal go's (recorded next to each golden). */
export function defineGoldenSuite(suite: ReportGoldenSuite): void {
  const stem = (fixture: string): string => basename(fixture).replace(/\.pb\.gz$/, '').replace(/\.txt$/, '');
  goldenSuite({
    name: suite.name,
    cases: suite.cases.map((c) => ({
      file: `${stem(c.fixture)}/${c.slug}.txt`,
      title: `${suite.command} ${c.fixture} ${c.slug} equals go tool pprof ${suite.goReport}`,
      goArgv: [suite.goReport, ...c.goArgs, ...[c.fixture, ...c.merged ?? []].map((f) => join(ROOT, f))],
      ourArgv: [suite.command, ...[c.fixture, ...c.merged ?? []].map((f) => join(ROOT, f)), ...c.ourArgs],
      goShown: ['go tool pprof', suite.goReport, ...c.goArgs.map(shellQuote), c.fixture, ...c.merged ?? []].join(' '),
      ourShown: ['pprof-ts', suite.command, c.fixture, ...c.merged ?? [], ...c.ourArgs.map(shellQuote)].join(' '),
    })),
    minCases: suite.minCases,
    recheck: (_, i) => i % 15 === 0,
    stderr: { kind: 'recorded' },
    testFile: `golden-${suite.name}.test.js`,
  });
}

/** Quotes an argument for a shell when it needs it (for the commands MANIFEST.json records). */
export function shellQuote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/** One case of {@link syntheticSuite}: [report, our command words before the file, go flags, our flags after the file, slug]. */
export type SyntheticCase = readonly [report: string, command: readonly string[], goFlags: readonly string[], ourFlags: readonly string[], slug: string];

/**
 * Goldens of several reports over one synthetic fixture, go's stderr
 * recorded: test/golden/<name>/<report>/<slug>.txt. Time: lines (text and
 * DOT legends) are left out of the comparison.
 */
export function syntheticSuite(name: string, fixture: string, cases: readonly SyntheticCase[]): void {
  goldenSuite({
    name,
    cases: cases.map(([report, command, goFlags, ourFlags, slug]) => ({
      file: `${report}/${slug}.txt`,
      title: `${report} ${slug} of ${basename(fixture)} equals go tool pprof, stderr included`,
      goArgv: [...goFlags, join(ROOT, fixture)],
      ourArgv: [...command, join(ROOT, fixture), ...ourFlags],
      goShown: ['go tool pprof', ...goFlags, fixture].join(' '),
      ourShown: ['pprof-ts', ...command, fixture, ...ourFlags].join(' '),
    })),
    minCases: cases.length,
    recheck: () => true,
    normalize: (text) => withoutDotTimeLine(withoutTimeLine(text)),
    stderr: { kind: 'recorded' },
    testFile: `golden-${name}.test.js`,
  });
}
