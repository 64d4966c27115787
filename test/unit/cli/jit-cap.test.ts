/**
 * When bin/pprof-ts runs a command at V8's baseline tier (bin/jit-cap.cjs
 * `capsOptimizer`), decided from injected facts: file inputs of at most
 * MAX_BYTES in all, no URL or stdin, not turned off, and no tier flags of
 * the user's own. Also the argument sizing both start-up decisions share
 * (bin/input-bytes.cjs). The speed itself is measured by `npm run bench`.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../../helpers/paths.js';

interface Probe {
  env: Record<string, string | undefined>;
  execArgv: string[];
  fileSize: (path: string) => number;
}
const require = createRequire(import.meta.url);
const { capsOptimizer, MAX_BYTES, FLAG } = require(join(ROOT, 'bin', 'jit-cap.cjs')) as {
  capsOptimizer: (args: readonly string[], probe: Probe) => boolean;
  MAX_BYTES: number;
  FLAG: string;
};
const { inputBytes, isRemoteOrStdin } = require(join(ROOT, 'bin', 'input-bytes.cjs')) as {
  inputBytes: (args: readonly string[], size: (path: string) => number) => number;
  isRemoteOrStdin: (arg: string) => boolean;
};

const sizes: Record<string, number> = { 'small.pb.gz': 34_000, 'edge.pb.gz': MAX_BYTES, 'over.pb.gz': MAX_BYTES + 1, 'half.pb.gz': MAX_BYTES / 2 + 1 };
const probe = (over: Partial<Probe> = {}): Probe => ({ env: {}, execArgv: [], fileSize: (p) => sizes[p] ?? 0, ...over });

test('the flag caps V8 at Sparkplug, and the threshold is a few hundred kilobytes', () => {
  assert.equal(FLAG, '--max-opt=1');
  assert.equal(MAX_BYTES, 256 * 1024);
});

test('small file inputs, up to MAX_BYTES in all, run at the baseline tier', () => {
  assert.equal(capsOptimizer(['top', 'small.pb.gz'], probe()), true);
  assert.equal(capsOptimizer(['-top', '-nodecount=5', 'small.pb.gz'], probe()), true);
  assert.equal(capsOptimizer(['flamegraph', '-o', 'out.html', 'edge.pb.gz'], probe()), true);
  assert.equal(capsOptimizer(['top', '--base', 'small.pb.gz', 'small.pb.gz'], probe()), true);
});

test('bigger inputs, no inputs, URLs and stdin keep the optimizing compiler', () => {
  assert.equal(capsOptimizer(['top', 'over.pb.gz'], probe()), false);
  assert.equal(capsOptimizer(['merge', 'half.pb.gz', 'half.pb.gz'], probe()), false, 'inputs count together');
  assert.equal(capsOptimizer(['--version'], probe()), false);
  assert.equal(capsOptimizer(['top', 'missing.pb.gz'], probe()), false);
  assert.equal(capsOptimizer(['top', 'small.pb.gz', 'http://127.0.0.1:6060/debug/pprof/heap'], probe()), false);
  assert.equal(capsOptimizer(['top', 'small.pb.gz', 'localhost:6060/debug/pprof/heap'], probe()), false);
  assert.equal(capsOptimizer(['top', '--base', 'small.pb.gz', '-'], probe()), false);
});

test('turned off by PPROF_TS_JIT_CAP=0, and left to the tier flags a user gives node', () => {
  const args = ['top', 'small.pb.gz'];
  assert.equal(capsOptimizer(args, probe({ env: { PPROF_TS_JIT_CAP: '0' } })), false);
  assert.equal(capsOptimizer(args, probe({ env: { PPROF_TS_JIT_CAP: '1' } })), true);
  for (const flag of ['--max-opt=3', '--no-opt', '--turbofan', '--no-maglev', '--jitless', '--always-sparkplug', '--no-sparkplug']) {
    assert.equal(capsOptimizer(args, probe({ execArgv: [flag] })), false, flag);
    assert.equal(capsOptimizer(args, probe({ env: { NODE_OPTIONS: `--max-old-space-size=512 ${flag}` } })), false, `NODE_OPTIONS ${flag}`);
  }
  assert.equal(capsOptimizer(args, probe({ execArgv: ['--max-old-space-size=512'] })), true);
  assert.equal(capsOptimizer(args, probe({ env: { NODE_OPTIONS: '--enable-source-maps' } })), true);
});

test('input sizes: files named by arguments and option values, never options, URLs or stdin', () => {
  const size = (p: string): number => sizes[p] ?? 0;
  assert.equal(inputBytes(['top', 'small.pb.gz', 'small.pb.gz'], size), 68_000);
  assert.equal(inputBytes(['top', '--output=small.pb.gz', '-', 'https://x/small.pb.gz'], size), 0);
  for (const a of ['-', 'http://h:1/p', 'https://h/p', 'localhost:6060/debug/pprof/heap', '127.0.0.1:6060', 'host:8080/']) {
    assert.equal(isRemoteOrStdin(a), true, a);
  }
  for (const a of ['small.pb.gz', './a:b.pb.gz', 'C:\\profiles\\cpu.pb.gz', 'dir/cpu.pb.gz', '--', 'top']) {
    assert.equal(isRemoteOrStdin(a), false, a);
  }
});
