/**
 * The package as a consumer gets it: `npm pack` of this repository, then a
 * fresh project that `npm install`s the tarball. Checks that the install
 * prints no warning, that `tsc --strict` (no skipLibCheck) type-checks code
 * importing both entries, with no `any` in the types it reaches, that
 * `require('pprof-ts')` works, and that the bin runs. Uses the TypeScript of
 * this repository's node_modules; the install needs the npm registry (or
 * npm's cache) for the runtime dependencies.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { PROFILES, ROOT } from '../helpers/paths.js';
import { runBin } from '../helpers/cli.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

function sh(cmd: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  // npm_config_* of an enclosing `npm test` must not leak into the consumer's npm.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env, timeout: 300_000 });
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  assert.equal(r.status, 0, `${what} failed (${r.error?.message ?? r.signal ?? r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout + r.stderr;
}

/** TypeScript code a consumer writes against both entries. */
const CONSUMER_TS = `
import { readFileSync } from 'node:fs';
import { parseProfile, safeParseProfile, topTable, flameGraph, flameNodes, isPprofError,
  type Profile, type TopTable, type FlameGraph, type FlameNode, type SafeResult } from 'pprof-ts';
import { loadProfile, fetchProfile, type FetchOptions, type CaptureManifest } from 'pprof-ts/node';

const bytes: Uint8Array = readFileSync(process.argv[2]!);
const profile: Profile = parseProfile(bytes);
const table: TopTable = topTable(profile, { nodeCount: 3 });
const graph: FlameGraph = flameGraph(profile);
const nodes: FlameNode[] = flameNodes(graph.root);
const bad: SafeResult<Profile> = safeParseProfile(new Uint8Array([1, 2, 3]));
const options: FetchOptions = { seconds: 1 };
const manifest: CaptureManifest | undefined = undefined;
const loaded: Promise<Profile> = loadProfile(process.argv[2]!);
void fetchProfile; void options; void manifest;
loaded.then((p) => {
  console.log(JSON.stringify({
    rows: table.rows.length, first: table.rows[0]?.name, frames: nodes.length,
    badCode: bad.success ? null : isPprofError(bad.error) && bad.error.code, same: p.samples.count === profile.samples.count,
  }));
});
`;

const CONSUMER_CJS = `
const lib = require('pprof-ts');
const node = require('pprof-ts/node');
const fs = require('node:fs');
const p = lib.parseProfile(fs.readFileSync(process.argv[2]));
console.log(JSON.stringify({ rows: lib.topTable(p, { nodeCount: 3 }).rows.length, load: typeof node.loadProfile }));
`;

describe('npm pack consumer', () => {
  let work: string;
  let project: string;
  let installOutput = '';
  const cpu = join(PROFILES, 'cpu.pb.gz');

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'pprof-ts-pack-'));
    // Packed from a copy, so `prepack` compiles into the copy's dist/ and not under tests running in parallel.
    const source = join(work, 'source');
    for (const f of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'LICENSE', 'src', 'bin', 'proto', 'scripts']) {
      cpSync(join(ROOT, f), join(source, f), { recursive: true });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(source, 'node_modules'), 'dir');
    ok(sh(NPM, ['pack', '--pack-destination', work], source), 'npm pack');
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    assert.ok(tarball !== undefined, 'npm pack wrote no tarball');
    project = join(work, 'consumer');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
    installOutput = ok(sh(NPM, ['install', join(work, tarball)], project), 'npm install');
  });
  after(() => {
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  test('npm install of the tarball prints no warning', () => {
    assert.doesNotMatch(installOutput, /warn/i, installOutput);
  });

  test('tsc --strict (no skipLibCheck) type-checks both entries, and the program runs', () => {
    writeFileSync(join(project, 'index.ts'), CONSUMER_TS);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false,
        outDir: 'out', lib: ['ES2022'], types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')],
      },
      files: ['index.ts'],
    }));
    ok(sh(process.execPath, [TSC, '-p', 'tsconfig.json'], project), 'tsc');
    const out = JSON.parse(ok(sh(process.execPath, ['out/index.js', cpu], project), 'consumer'));
    assert.equal(out.rows, 3);
    assert.equal(typeof out.first, 'string');
    assert.ok(out.frames > 1);
    assert.equal(out.badCode, 'bad-format');
    assert.equal(out.same, true);
  });

  test('the portable entry type-checks without @types/node', () => {
    writeFileSync(join(project, 'portable.ts'), "import { parseProfile, topTable } from 'pprof-ts';\n" +
      'export const rows = (b: Uint8Array): number => topTable(parseProfile(b)).rows.length;\n');
    writeFileSync(join(project, 'tsconfig.portable.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false,
        noEmit: true, lib: ['ES2022'], types: [],
      },
      files: ['portable.ts'],
    }));
    ok(sh(process.execPath, [TSC, '-p', 'tsconfig.portable.json'], project), 'tsc (portable)');
  });

  test('no `any` in the public types of either entry', () => {
    const program = ts.createProgram([join(project, 'index.ts')], {
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true, noEmit: true, types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')],
    });
    const ours = program.getSourceFiles().filter((f) => f.fileName.includes('/node_modules/pprof-ts/'));
    assert.ok(ours.length > 10, `expected the package's declaration files, got ${ours.length}`);
    const found: string[] = [];
    for (const f of ours) {
      const visit = (n: ts.Node): void => {
        if (n.kind === ts.SyntaxKind.AnyKeyword) {
          const { line } = f.getLineAndCharacterOfPosition(n.getStart(f));
          found.push(`${f.fileName.replace(/.*node_modules\//, '')}:${line + 1}`);
        }
        ts.forEachChild(n, visit);
      };
      visit(f);
    }
    assert.deepEqual(found, []);
  });

  test("require('pprof-ts') and require('pprof-ts/node') work", () => {
    writeFileSync(join(project, 'use.cjs'), CONSUMER_CJS);
    const r = sh(process.execPath, ['use.cjs', cpu], project);
    ok(r, 'require consumer');
    assert.deepEqual(JSON.parse(r.stdout), { rows: 3, load: 'function' });
  });

  test('the installed bin runs (npx pprof-ts)', () => {
    const args = ['top', cpu, '--nodecount', '2'];
    const r = sh(NPM, ['exec', '--offline', '--', 'pprof-ts', ...args], project);
    ok(r, 'npx pprof-ts');
    assert.match(r.stdout, /^File: /);
    assert.equal(r.stdout, runBin(args).stdout);
  });
});
