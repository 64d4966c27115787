/**
 * When bin/pprof-ts runs a command again in a child process with glibc's
 * huge-page tunable (bin/huge-pages.cjs `wantsHugePages`), decided from
 * injected facts: only big file inputs, on Linux with glibc 2.35 or later
 * and transparent huge pages in `madvise` mode, never when turned off or
 * when the tunable is already set (the child itself).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../../helpers/paths.js';

interface Probe {
  platform: string;
  env: Record<string, string | undefined>;
  execArgv: string[];
  thpMode: () => string;
  glibcVersion: () => string | undefined;
}
interface Inputs { bytes: number; remote: boolean }
const require = createRequire(import.meta.url);
const { measureInputs } = require(join(ROOT, 'bin', 'input-bytes.cjs')) as {
  measureInputs: (args: readonly string[], size: (path: string) => number) => Inputs;
};
const hugePages = require(join(ROOT, 'bin', 'huge-pages.cjs')) as {
  wantsHugePages: (inputs: Inputs, probe: Probe) => boolean;
  whyNoHugePages: (probe: Probe) => string | null;
  MIN_BYTES: number;
};
const { whyNoHugePages, MIN_BYTES } = hugePages;

const BIG = MIN_BYTES;
const sizes: Record<string, number> = { 'big.pb.gz': BIG, 'half.pb.gz': BIG / 2, 'small.pb.gz': 5000, 'dir': 0 };
const probe = (over: Partial<Probe> = {}): Probe => ({
  platform: 'linux',
  env: {},
  execArgv: [],
  thpMode: () => 'always [madvise] never\n',
  glibcVersion: () => '2.36',
  ...over,
});
/** The decision for a command line, its inputs measured as bin/pprof-ts measures them (with `size` for their files). */
const wantsHugePages = (args: readonly string[], p: Probe, size = (f: string): number => sizes[f] ?? 0): boolean =>
  hugePages.wantsHugePages(measureInputs(args, size), p);

test('a big file input on Linux with glibc and madvise-mode huge pages restarts', () => {
  assert.equal(wantsHugePages(['top', 'big.pb.gz'], probe()), true);
  assert.equal(wantsHugePages(['-top', '-nodecount=5', 'big.pb.gz'], probe()), true);
  // Several inputs count together (merge, --base), options' values too.
  assert.equal(wantsHugePages(['merge', 'half.pb.gz', 'half.pb.gz', '-o', 'out.pb.gz'], probe()), true);
  assert.equal(wantsHugePages(['top', '--base', 'half.pb.gz', 'half.pb.gz'], probe()), true);
});

test('small inputs, URLs, stdin and option words do not', () => {
  assert.equal(wantsHugePages(['top', 'small.pb.gz'], probe()), false);
  assert.equal(wantsHugePages(['top', 'half.pb.gz'], probe()), false);
  const url = 'http://127.0.0.1:6060/debug/pprof/heap';
  assert.equal(wantsHugePages(['top', url], probe(), (p) => (p === url ? BIG : 0)), false);
  assert.equal(wantsHugePages(['top', '-'], probe()), false);
  assert.equal(wantsHugePages(['--version'], probe()), false);
  assert.equal(wantsHugePages(['top', 'missing.pb.gz', 'dir'], probe()), false);
});

test('only where the tunable can work: Linux, glibc 2.35 or later, transparent huge pages on madvise', () => {
  const args = ['top', 'big.pb.gz'];
  assert.equal(wantsHugePages(args, probe({ platform: 'darwin' })), false);
  assert.equal(wantsHugePages(args, probe({ platform: 'win32' })), false);
  assert.equal(wantsHugePages(args, probe({ thpMode: () => '[always] madvise never\n' })), false, 'the kernel uses them anyway');
  assert.equal(wantsHugePages(args, probe({ thpMode: () => 'always madvise [never]\n' })), false);
  assert.equal(wantsHugePages(args, probe({ thpMode: () => '' })), false, 'no transparent huge pages');
  assert.equal(wantsHugePages(args, probe({ glibcVersion: () => '2.34' })), false);
  assert.equal(wantsHugePages(args, probe({ glibcVersion: () => undefined })), false, 'musl');
  assert.equal(wantsHugePages(args, probe({ glibcVersion: () => '2.41' })), true);
  assert.equal(wantsHugePages(args, probe({ glibcVersion: () => '3.0' })), true);
  assert.equal(whyNoHugePages(probe()), null);
  assert.equal(whyNoHugePages(probe({ platform: 'darwin' })), 'not Linux');
  assert.equal(whyNoHugePages(probe({ thpMode: () => '[always] madvise never\n' })), 'transparent huge pages are not in madvise mode');
  assert.equal(whyNoHugePages(probe({ glibcVersion: () => '2.34' })), 'no glibc 2.35 or later');
  assert.equal(whyNoHugePages(probe({ glibcVersion: () => '1.99' })), 'no glibc 2.35 or later');
});

test('not under a debugger: the work stays in the process it is attached to', () => {
  const args = ['top', 'big.pb.gz'];
  assert.equal(wantsHugePages(args, probe({ execArgv: ['--inspect'] })), false);
  assert.equal(wantsHugePages(args, probe({ execArgv: ['--inspect-brk=9230'] })), false);
  assert.equal(wantsHugePages(args, probe({ env: { NODE_OPTIONS: '--inspect' } })), false);
  assert.equal(wantsHugePages(args, probe({ execArgv: ['--max-old-space-size=4096'] })), true);
});

test('turned off by PPROF_TS_HUGE_PAGES=0, and never again in the child (the tunable is set)', () => {
  const args = ['top', 'big.pb.gz'];
  assert.equal(wantsHugePages(args, probe({ env: { PPROF_TS_HUGE_PAGES: '0' } })), false);
  assert.equal(wantsHugePages(args, probe({ env: { PPROF_TS_HUGE_PAGES: '1' } })), true);
  assert.equal(wantsHugePages(args, probe({ env: { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' } })), false);
  assert.equal(wantsHugePages(args, probe({ env: { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=0' } })), false,
    "the user's own choice stands");
  assert.equal(wantsHugePages(args, probe({ env: { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' } })), true);
});
