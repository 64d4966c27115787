/**
 * What the built bin loads to start (issue 11, small profiles): a report on a
 * small file loads no network, crypto, thread or process module and never
 * calls Intl; the bundle's gzip fallback (pako, for runtimes without
 * node:zlib) still works; the build's V8 code cache is accepted; and
 * bin/pprof-ts picks the bundle, the tsc output when the bundle is older than
 * the last compile, or says it is not built. Timing is measured by
 * `npm run bench`, not here.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { BIN, PROFILES, ROOT } from '../helpers/paths.js';
import { runInProcess } from '../helpers/cli.js';

/** Built-ins a report on a file has no use for (node: prefixes as in process.moduleLoadList). */
const UNWANTED = /^NativeModule (http|https|http2|net|tls|dns|crypto|worker_threads|child_process|_http_\w+|_tls_\w+|internal\/crypto\/\w+)$/;

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pprof-ts-startup-'));
  // Records the built-ins loaded by the end of the run, and makes any use of Intl's date formatting fail.
  writeFileSync(join(dir, 'hook.cjs'), `
    Intl.DateTimeFormat = function () { throw new Error('Intl.DateTimeFormat was used'); };
    process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'modules.json'))},
      JSON.stringify(process.moduleLoadList)));
  `);
  writeFileSync(join(dir, 'no-zlib.mjs'), `
    const builtin = process.getBuiltinModule.bind(process);
    process.getBuiltinModule = (id) => (id === 'node:zlib' || id === 'zlib' ? undefined : builtin(id));
  `);
});
after(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs the bin with stdout and stderr in files: a pipe would make Node
 * itself load node:net for the stream, which says nothing about pprof-ts.
 */
function runToFiles(nodeArgs: readonly string[], args: readonly string[]): { code: number; stdout: string; stderr: string } {
  const out = join(dir, 'out.txt');
  const err = join(dir, 'err.txt');
  const o = openSync(out, 'w');
  const e = openSync(err, 'w');
  try {
    const r = spawnSync(process.execPath, [...nodeArgs, BIN, ...args], {
      cwd: ROOT, stdio: ['ignore', o, e], env: { ...process.env, TZ: 'UTC' }, timeout: 60_000,
    });
    return { code: r.status ?? -1, stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8') };
  } finally {
    closeSync(o);
    closeSync(e);
  }
}

/** The bundle is current when made after the last tsc run (bin/pprof-ts runs the tsc output otherwise). */
function bundleIsCurrent(): boolean {
  const m = (rel: string): number => (existsSync(join(ROOT, rel)) ? statSync(join(ROOT, rel)).mtimeMs : 0);
  return m('dist/cli/main.cjs') >= Math.max(m('dist/tsconfig.tsbuildinfo'), m('dist/.tsbuildinfo-build'));
}

describe('start-up of the built bin', () => {
  before(() => {
    assert.ok(bundleIsCurrent(), 'dist/cli/main.cjs is older than the last tsc run: run `npm run build` (tsc, then the bundle)');
  });
  const cpu = join(PROFILES, 'cpu.pb.gz');
  const heap = join(PROFILES, 'heap.pb.gz');

  for (const args of [['top', cpu], ['-top', '-nodecount=5', heap], ['tree', cpu], ['traces', heap], ['tags', heap], ['top', '--json', cpu]]) {
    test(`${args.join(' ').replaceAll(PROFILES + '/', '')}: no network, crypto, thread or process modules, no Intl`, async () => {
      const r = runToFiles(['-r', join(dir, 'hook.cjs')], args);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, (await runInProcess(args)).stdout);
      const loaded = JSON.parse(readFileSync(join(dir, 'modules.json'), 'utf8')) as string[];
      assert.deepEqual(loaded.filter((m) => UNWANTED.test(m)), []);
      assert.ok(loaded.includes('NativeModule zlib'), 'gunzip should use node:zlib');
    });
  }

  for (const flag of ['--version', '-V', '-version']) {
    test(`${flag} alone: the version, and neither the capture command's network modules nor node:zlib`, async () => {
      const r = runToFiles(['-r', join(dir, 'hook.cjs')], [flag]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
      assert.equal(r.stdout, (await runInProcess([flag])).stdout);
      const loaded = JSON.parse(readFileSync(join(dir, 'modules.json'), 'utf8')) as string[];
      assert.deepEqual(loaded.filter((m) => UNWANTED.test(m) || m === 'NativeModule zlib'), []);
    });
  }

  test('stderr on a pipe: a run that writes nothing there does not make the stream (node:net), one that fails still says why', async () => {
    const out = join(dir, 'out-pipe.txt');
    const o = openSync(out, 'w');
    try {
      const run = (args: string[]): { code: number; stderr: string; loaded: string[] } => {
        const r = spawnSync(process.execPath, ['-r', join(dir, 'hook.cjs'), BIN, ...args], {
          cwd: ROOT, stdio: ['ignore', o, 'pipe'], encoding: 'utf8', env: { ...process.env, TZ: 'UTC' }, timeout: 60_000,
        });
        return { code: r.status ?? -1, stderr: r.stderr, loaded: JSON.parse(readFileSync(join(dir, 'modules.json'), 'utf8')) as string[] };
      };
      const ok = run(['top', cpu]);
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(ok.stderr, '');
      assert.equal(readFileSync(out, 'utf8'), (await runInProcess(['top', cpu])).stdout);
      assert.ok(!ok.loaded.includes('NativeModule net'), 'stderr was made only to be flushed');
      const bad = run(['top', join(dir, 'missing.pb.gz')]);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /^pprof-ts: cannot read .*missing\.pb\.gz: no such file\n$/);
    } finally {
      closeSync(o);
    }
  });

  test('without node:zlib, the bundle gunzips with pako, loaded only then', async () => {
    const r = runToFiles(['--import', join(dir, 'no-zlib.mjs'), '-r', join(dir, 'hook.cjs')], ['top', cpu]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, (await runInProcess(['top', cpu])).stdout);
    const loaded = JSON.parse(readFileSync(join(dir, 'modules.json'), 'utf8')) as string[];
    assert.ok(!loaded.includes('NativeModule zlib'));
  });

  test("the bundle's relative URLs (helper threads, flame page assets) point at files that exist", () => {
    const file = join(ROOT, 'dist', 'cli', 'main.cjs');
    const urls = [...readFileSync(file, 'utf8').matchAll(/new URL\("(\.{1,2}\/[^"]*)",\s*__pprofBundleUrl\)/g)].map((m) => m[1]!);
    assert.ok(urls.length >= 3, `expected the thread scripts and the assets folder, found ${urls.join(', ')}`);
    for (const u of urls) assert.ok(existsSync(new URL(u, pathToFileURL(file))), `${u} from dist/cli/main.cjs`);
  });

  test('the bundle is ASCII, so that V8 keeps its source as one-byte text', () => {
    const bytes = readFileSync(join(ROOT, 'dist', 'cli', 'main.cjs'));
    assert.equal(bytes.findIndex((b) => b >= 0x80), -1);
  });

  test('the bin compiles the bundle with the code cache, and V8 accepts it', () => {
    const seen = join(dir, 'script.json');
    const hook = join(dir, 'script-hook.cjs');
    // Notes how the bin's vm.Script for the bundle went.
    writeFileSync(hook, `
      const vm = require('node:vm');
      const Script = vm.Script;
      vm.Script = class extends Script {
        constructor(source, options) {
          super(source, options);
          if (String(options?.filename).endsWith('main.cjs')) require('node:fs').writeFileSync(${JSON.stringify(seen)},
            JSON.stringify({ cache: options.cachedData?.length ?? 0, rejected: this.cachedDataRejected ?? null }));
        }
      };
    `);
    rmSync(seen, { force: true });
    const r = runToFiles(['-r', hook], ['top', cpu]);
    assert.equal(r.code, 0, r.stderr);
    const cacheBytes = statSync(join(ROOT, 'dist', 'cli', 'main.cjs.cache')).size;
    assert.deepEqual(JSON.parse(readFileSync(seen, 'utf8')), { cache: cacheBytes, rejected: false });
  });

  test('the code cache made by the build is accepted by this Node', () => {
    const file = join(ROOT, 'dist', 'cli', 'main.cjs');
    assert.ok(existsSync(`${file}.cache`), 'npm run build makes dist/cli/main.cjs.cache');
    // bin/pprof-ts compiles the file as read: the build wrote it as the function Node makes of a module.
    const text = readFileSync(file, 'latin1');
    assert.ok(text.startsWith('(function (exports, require, module, __filename, __dirname) {'), 'the bundle is wrapped as a function');
    const script = new vm.Script(text, { filename: file, cachedData: readFileSync(`${file}.cache`) });
    assert.equal(script.cachedDataRejected, false);
  });
});

describe('bin/pprof-ts picks what to run', () => {
  let tree: string;
  before(() => {
    tree = join(dir, 'package');
    mkdirSync(join(tree, 'bin'), { recursive: true });
    copyFileSync(BIN, join(tree, 'bin', 'pprof-ts'));
    for (const f of ['huge-pages.cjs', 'jit-cap.cjs', 'input-bytes.cjs']) copyFileSync(join(ROOT, 'bin', f), join(tree, 'bin', f));
    copyFileSync(join(ROOT, 'bin', 'package.json'), join(tree, 'bin', 'package.json'));
    writeFileSync(join(tree, 'package.json'), JSON.stringify({ type: 'module' }));
  });

  function runFake(): { code: number; out: string } {
    const r = spawnSync(process.execPath, [join(tree, 'bin', 'pprof-ts'), 'x'], { encoding: 'utf8', timeout: 30_000 });
    return { code: r.status ?? -1, out: r.stdout + r.stderr };
  }

  test('nothing built: a one-line hint and exit code 1', () => {
    assert.deepEqual(runFake(), { code: 1, out: 'pprof-ts: not built yet: run `npm run build` in the package folder first\n' });
  });

  test('the bundle when it is newer than the last tsc run, else the tsc output', () => {
    mkdirSync(join(tree, 'dist', 'src', 'cli'), { recursive: true });
    mkdirSync(join(tree, 'dist', 'cli'), { recursive: true });
    writeFileSync(join(tree, 'dist', 'src', 'cli', 'main.js'),
      'export async function run(argv) { process.stdout.write(`compiled ${argv.slice(2)}\\n`); return 3; }\n');
    assert.deepEqual(runFake(), { code: 3, out: 'compiled x\n' });
    const bundle = join(tree, 'dist', 'cli', 'main.cjs');
    writeFileSync(bundle, '(function (exports, require, module, __filename, __dirname) { ' +
      'exports.run = async (argv) => { process.stdout.write(`bundle ${argv.slice(2)}\\n`); return 4; };\n});\n');
    const info = join(tree, 'dist', 'tsconfig.tsbuildinfo');
    writeFileSync(info, '{}');
    const t = Date.now() / 1000;
    utimesSync(info, t - 10, t - 10);
    utimesSync(bundle, t, t);
    assert.deepEqual(runFake(), { code: 4, out: 'bundle x\n' });
    utimesSync(info, t + 10, t + 10); // tsc ran after the bundle was made: the bundle is stale
    assert.deepEqual(runFake(), { code: 3, out: 'compiled x\n' });
  });

  test('a damaged bundle is one line on stderr and exit code 1, not a stack trace', () => {
    const bundle = join(tree, 'dist', 'cli', 'main.cjs');
    writeFileSync(bundle, '(function (exports, require, module, __filename, __dirname) { exports.run = (;\n});\n');
    const t = Date.now() / 1000 + 20;
    utimesSync(bundle, t, t);
    const r = runFake();
    assert.equal(r.code, 1);
    assert.match(r.out, /^pprof-ts: cannot start: .+\n$/);
  });
});
