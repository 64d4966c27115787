#!/usr/bin/env node
/**
 * Bundles the command line for a fast start: esbuild packs the compiled CLI
 * (dist/src/cli/main.js, the output of tsc) and its dependencies into one
 * CommonJS file, dist/cli/main.cjs (kept as the function Node would wrap
 * the module in: wrapAsFunction below), and this script then makes V8's code
 * cache for it, dist/cli/main.cjs.cache. bin/pprof-ts runs the bundle. One
 * file means Node resolves and reads one module instead of about 130, and
 * CommonJS output keeps every dynamic import lazy: a module reached only
 * through `import()` runs, and loads its built-ins (node:http, node:crypto,
 * ...), only when first used, so `top` on a small file never loads the HTTP
 * client, the flame page or the gate.
 *
 * Whitespace and syntax are minified (names are kept, so stack traces and
 * `name` properties read as in the sources): the bundle shrinks from about
 * 680 KB to 450 KB, which Node reads and V8 checks against its code cache at
 * every start.
 *
 * Run by `npm run build` and `prepack`, after tsc. The library entries
 * (dist/src/index.js, dist/src/node.js) are not bundled: consumers' own
 * bundlers do that.
 *
 * Three adjustments keep the bundle behaving exactly as the unbundled code:
 * - `new URL('<relative path>', import.meta.url)` (helper thread scripts,
 *   the flame page's assets) is rewritten relative to the bundle's folder,
 *   pointing at the same file as before; the thread scripts stay the
 *   unbundled ones in dist/src.
 * - commander (CommonJS) loads node:child_process at start-up only for
 *   executable subcommands, which pprof-ts does not use; child_process pulls
 *   in node:net. Here commander gets it on first use instead.
 * - pako (115 KB) is the gzip code for browsers, where node:zlib does not
 *   exist; the CLI runs on Node, so the bundle leaves it out and loads the
 *   installed package (a dependency) only if it is ever called.
 *
 * BUNDLE_META=file.json keeps esbuild's metafile (what went into the bundle).
 */

import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import Module from 'node:module';
import vm from 'node:vm';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = resolve(ROOT, 'dist/src/cli/main.js');
const OUT = resolve(ROOT, 'dist/cli');

/** The function around the bundle's text (wrapAsFunction), the same as Node's own wrapper of a module. */
const WRAP_START = '(function (exports, require, module, __filename, __dirname) { ';
const WRAP_END = '\n});\n';

/** Matches `new URL('./x.js', import.meta.url)` with a literal relative path. */
const META_URL = /new URL\((['"])(\.{1,2}\/[^'"]*)\1,\s*import\.meta\.url\)/g;

/** Rewrites each relative `new URL(..., import.meta.url)` to resolve from OUT to the same target. */
const metaUrlPlugin = {
  name: 'relative-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]src[\\/].*\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const contents = text.replace(META_URL, (_m, q, rel) => {
        const target = resolve(dirname(args.path), rel);
        let fromOut = relative(OUT, target).split(sep).join('/');
        if (!fromOut.startsWith('.')) fromOut = `./${fromOut}`;
        if (rel.endsWith('/')) fromOut += '/';
        return `new URL(${q}${fromOut}${q}, import.meta.url)`;
      });
      return { contents, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/** Gives commander a node:child_process that is loaded on first use (see the header). */
const lazyChildProcessPlugin = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)) return undefined;
      return { path: 'child_process', namespace: 'lazy-builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: 'let m;\nconst get = () => (m ??= process.getBuiltinModule("node:child_process"));\n' +
        'module.exports = new Proxy({}, { get: (_t, k) => get()[k], has: (_t, k) => k in get() });\n',
      loader: 'js',
    }));
  },
};

/** The pako exports pprof-ts uses; bundling fails loudly ("No matching export") if code starts using another. */
const PAKO_SHIM = `import { createRequire } from 'node:module';
let m;
const pako = () => (m ??= createRequire(import.meta.url)('pako'));
export class Inflate { constructor(options) { return new (pako().Inflate)(options); } }
export function gzip(data, options) { return pako().gzip(data, options); }
`;

/** Replaces pako by PAKO_SHIM (see the header). */
const lazyPakoPlugin = {
  name: 'lazy-pako',
  setup(b) {
    b.onResolve({ filter: /^pako$/ }, () => ({ path: 'pako', namespace: 'lazy-pako' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-pako' }, () => ({ contents: PAKO_SHIM, loader: 'js', resolveDir: ROOT }));
  },
};

// Built in a sibling folder and moved into place at the end, so a bin started meanwhile never
// reads half a bundle or a bundle with another build's code cache: it finds the old pair, or
// none (and then runs dist/src).
const STAGE = `${OUT}.tmp-${process.pid}`;
await rm(STAGE, { recursive: true, force: true });
const result = await build({
  entryPoints: [ENTRY],
  outfile: resolve(STAGE, 'main.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // import.meta.url of every bundled module is the bundle's own URL (paths were rewritten to match, above).
  define: { 'import.meta.url': '__pprofBundleUrl' },
  // import() of built-ins becomes require(): bin/pprof-ts compiles the bundle with node:vm, which has no import().
  supported: { 'dynamic-import': false },
  banner: { js: "const __pprofBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [metaUrlPlugin, lazyChildProcessPlugin, lazyPakoPlugin],
  legalComments: 'eof',
  // Smaller to read at start-up; identifiers stay (see the header).
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  metafile: true,
});
// BUNDLE_META=file.json keeps esbuild's metafile, to see what each chunk holds.
if (process.env.BUNDLE_META) await writeFile(process.env.BUNDLE_META, JSON.stringify(result.metafile));
await wrapAsFunction(resolve(STAGE, 'main.cjs'));
await checkAscii(resolve(STAGE, 'main.cjs'));
await writeCompileCache(resolve(STAGE, 'main.cjs'), resolve(OUT, 'main.cjs'));
await rm(OUT, { recursive: true, force: true });
await rename(STAGE, OUT);

/**
 * Rewrites the bundle as the function Node makes of a CommonJS module (its
 * body inside `(function (exports, require, module, __filename,
 * __dirname) { ... })`), so that bin/pprof-ts compiles the text as read.
 * Wrapping it there (Module.wrap) joined three strings, which V8 then
 * copied into one, half a megabyte of fresh memory at every start (3-4 ms).
 * The file is therefore no module to `require`: bin/pprof-ts calls the
 * function.
 */
async function wrapAsFunction(file) {
  const body = await readFile(file, 'utf8');
  await writeFile(file, `${WRAP_START}${body}${WRAP_END}`);
}

/**
 * Fails the build when the bundle holds a byte outside ASCII. One such
 * character anywhere makes V8 keep the whole source as a two-byte string:
 * twice the memory to read, copy and hash at every start (about 250 page
 * faults for the 480 KB bundle). esbuild escapes non-ASCII text in strings
 * but not in regular expression literals, so write `\u03bc` there, not the
 * character itself.
 */
async function checkAscii(file) {
  const bytes = await readFile(file);
  const at = bytes.findIndex((b) => b >= 0x80);
  if (at < 0) return;
  const context = bytes.subarray(Math.max(0, at - 60), at + 20).toString('utf8');
  await rm(dirname(file), { recursive: true, force: true }); // the staging folder
  throw new Error(`bundle: non-ASCII byte at offset ${at} of the bundle, in ${JSON.stringify(context)}: ` +
    'escape it in the source (\\uXXXX) so that the bundle stays one-byte text');
}

/**
 * V8's code cache for the bundle `file` (staged; it runs as `finalFile`),
 * made after running `top` on a small fixture so that it holds the
 * functions that run compiled too. bin/pprof-ts
 * compiles the bundle exactly this way (node:vm, the text as read) and hands V8
 * this file; V8 refuses it when made by another Node version or with other
 * V8 flags, and then compiles as usual. Without the fixtures (outside the
 * repository) the cache holds the top level only.
 */
async function writeCompileCache(file, finalFile) {
  // Compiled under the name it will run under: V8 keeps the name the cache was made with, and
  // stack traces (and CPU profiles of the CLI) would otherwise name the staging folder.
  const require = Module.createRequire(finalFile);
  const script = new vm.Script(await readFile(file, 'latin1'), { filename: finalFile });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, require, module, finalFile, dirname(finalFile));
  const fixture = resolve(ROOT, 'fixtures/profiles/cpu.pb.gz');
  if (existsSync(fixture)) {
    const sink = () => undefined;
    const code = await module.exports.run(['node', 'pprof-ts', 'top', fixture], { stdout: sink, stderr: sink });
    if (code !== 0) throw new Error(`bundle: warm-up run of top failed with exit code ${code}`);
  }
  const tmp = `${file}.cache.${process.pid}.tmp`;
  await writeFile(tmp, script.createCachedData());
  await rename(tmp, `${file}.cache`);
}

const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
process.stdout.write(`bundle: ${relative(ROOT, OUT)}/main.cjs, ` +
  `${(bytes / 1024).toFixed(0)} KB\n`);
