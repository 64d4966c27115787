/**
 * Which V8 flag bin/pprof-ts sets for a command (bin/jit-cap.cjs
 * `optimizerCap`), decided from injected facts: the baseline tier for file
 * inputs of at most MAX_BASELINE_BYTES in all, TurboFan without inlining up
 * to MAX_NO_INLINING_BYTES, V8's defaults above, for URLs and stdin, when
 * turned off, with tier flags of the user's own, and on V8 versions other
 * than the one measured. Also the argument sizing both start-up decisions
 * share (bin/input-bytes.cjs). The speed itself is measured by `npm run bench`.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../../helpers/paths.js';

interface Probe {
  env: Record<string, string | undefined>;
  execArgv: string[];
  v8Version: string;
}
interface Inputs { bytes: number; remote: boolean }
const require = createRequire(import.meta.url);
const jitCap = require(join(ROOT, 'bin', 'jit-cap.cjs')) as {
  optimizerCap: (inputs: Inputs, probe: Probe) => string | null;
  MAX_BASELINE_BYTES: number;
  MAX_NO_INLINING_BYTES: number;
  BASELINE: string;
  NO_INLINING: string;
};
const { MAX_BASELINE_BYTES, MAX_NO_INLINING_BYTES, BASELINE, NO_INLINING } = jitCap;
const { measureInputs, isRemoteOrStdin } = require(join(ROOT, 'bin', 'input-bytes.cjs')) as {
  measureInputs: (args: readonly string[], size: (path: string) => number) => Inputs;
  isRemoteOrStdin: (arg: string) => boolean;
};

const sizes: Record<string, number> = {
  'small.pb.gz': 34_000, 'edge.pb.gz': MAX_BASELINE_BYTES, 'over.pb.gz': MAX_BASELINE_BYTES + 1,
  'half.pb.gz': MAX_BASELINE_BYTES / 2 + 1, 'mid.pb.gz': MAX_NO_INLINING_BYTES, 'big.pb.gz': MAX_NO_INLINING_BYTES + 1,
};
const probe = (over: Partial<Probe> = {}): Probe => ({
  env: {}, execArgv: [], v8Version: '11.3.244.8-node.38', ...over,
});
const size = (p: string): number => sizes[p] ?? 0;
/** The flag for a command line, its inputs measured as bin/pprof-ts measures them. */
const optimizerCap = (args: readonly string[], p: Probe): string | null => jitCap.optimizerCap(measureInputs(args, size), p);

test('the flags and thresholds', () => {
  assert.equal(BASELINE, '--max-opt=1');
  assert.equal(NO_INLINING, '--no-turbo-inlining');
  assert.equal(MAX_BASELINE_BYTES, 256 * 1024);
  assert.equal(MAX_NO_INLINING_BYTES, 4 * 1024 * 1024);
});

test('small file inputs, up to MAX_BASELINE_BYTES in all, run at the baseline tier', () => {
  assert.equal(optimizerCap(['top', 'small.pb.gz'], probe()), BASELINE);
  assert.equal(optimizerCap(['-top', '-nodecount=5', 'small.pb.gz'], probe()), BASELINE);
  assert.equal(optimizerCap(['flamegraph', '-o', 'out.html', 'edge.pb.gz'], probe()), BASELINE);
  assert.equal(optimizerCap(['top', '--base', 'small.pb.gz', 'small.pb.gz'], probe()), BASELINE);
});

test('mid-sized inputs, up to MAX_NO_INLINING_BYTES, run without inlining; bigger ones with the defaults', () => {
  assert.equal(optimizerCap(['top', 'over.pb.gz'], probe()), NO_INLINING);
  assert.equal(optimizerCap(['merge', 'half.pb.gz', 'half.pb.gz'], probe()), NO_INLINING, 'inputs count together');
  assert.equal(optimizerCap(['top', 'mid.pb.gz'], probe()), NO_INLINING);
  assert.equal(optimizerCap(['top', 'big.pb.gz'], probe()), null);
  assert.equal(optimizerCap(['top', 'mid.pb.gz', 'small.pb.gz'], probe()), null);
});

test('no inputs, URLs and stdin keep the defaults', () => {
  assert.equal(optimizerCap(['--version'], probe()), null);
  assert.equal(optimizerCap(['top', 'missing.pb.gz'], probe()), null);
  assert.equal(optimizerCap(['top', 'small.pb.gz', 'http://127.0.0.1:6060/debug/pprof/heap'], probe()), null);
  assert.equal(optimizerCap(['top', 'small.pb.gz', 'localhost:6060/debug/pprof/heap'], probe()), null);
  assert.equal(optimizerCap(['top', '--base', 'small.pb.gz', '-'], probe()), null);
});

test('turned off by PPROF_TS_JIT_CAP=0, left to the flags a user gives node, only on the V8 measured', () => {
  for (const args of [['top', 'small.pb.gz'], ['top', 'mid.pb.gz']]) {
    assert.equal(optimizerCap(args, probe({ env: { PPROF_TS_JIT_CAP: '0' } })), null);
    assert.notEqual(optimizerCap(args, probe({ env: { PPROF_TS_JIT_CAP: '1' } })), null);
    for (const flag of ['--max-opt=3', '--no-opt', '--turbofan', '--no-maglev', '--jitless', '--always-sparkplug', '--no-sparkplug',
      '--turbo-inlining', '--no-turbo-inlining', '--max-inlined-bytecode-size=100']) {
      assert.equal(optimizerCap(args, probe({ execArgv: [flag] })), null, flag);
      assert.equal(optimizerCap(args, probe({ env: { NODE_OPTIONS: `--max-old-space-size=512 ${flag}` } })), null, `NODE_OPTIONS ${flag}`);
    }
    assert.notEqual(optimizerCap(args, probe({ execArgv: ['--max-old-space-size=512'] })), null);
    assert.notEqual(optimizerCap(args, probe({ env: { NODE_OPTIONS: '--enable-source-maps' } })), null);
    assert.equal(optimizerCap(args, probe({ v8Version: '12.4.254.21-node.33' })), null, 'Node 22: not measured');
  }
});

test('input sizes: files named by arguments and option values, never options, URLs or stdin', () => {
  assert.deepEqual(measureInputs(['top', 'small.pb.gz', 'small.pb.gz'], size), { bytes: 68_000, remote: false });
  assert.deepEqual(measureInputs(['top', '--output=small.pb.gz', '-', 'https://x/small.pb.gz'], size), { bytes: 0, remote: true });
  for (const a of ['-', 'http://h:1/p', 'https://h/p', 'localhost:6060/debug/pprof/heap', '127.0.0.1:6060', 'host:8080/']) {
    assert.equal(isRemoteOrStdin(a), true, a);
  }
  for (const a of ['small.pb.gz', './a:b.pb.gz', 'C:\\profiles\\cpu.pb.gz', 'dir/cpu.pb.gz', '--', 'top']) {
    assert.equal(isRemoteOrStdin(a), false, a);
  }
});
