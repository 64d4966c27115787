/**
 * Snapshot tests of the shipped CLI: each case runs the real `bin/pprof-ts`
 * and compares command, stdout, stderr and exit code with the recorded
 * snapshot in test/golden/cli/. `UPDATE_GOLDEN=1` re-records them.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCliSnapshot } from '../helpers/cli-snapshot.js';

const CASES: Record<string, string[]> = {
  'help': ['--help'],
  'top-help': ['top', '--help'],
  'version': ['--version'],
  'top-cpu': ['top', 'fixtures/profiles/cpu.pb.gz'],
  'top-cpu-cum-nodecount=10': ['top', 'fixtures/profiles/cpu.pb.gz', '--cum', '--nodecount', '10'],
  'top-heap-json-nodecount=3': ['top', 'fixtures/profiles/heap.pb.gz', '--json', '--nodecount', '3'],
  'top-heap-delta': ['top', 'fixtures/profiles/heap-delta.pb.gz'],
  'error-missing-file': ['top', 'fixtures/profiles/does-not-exist.pb.gz'],
  'error-not-a-profile': ['top', 'test/data/not-a-profile.txt'],
  'error-truncated-gzip': ['top', 'test/data/truncated.pb.gz'],
  'error-gzip-bomb': ['top', 'test/data/bomb.pb.gz', '--max-bytes', '1048576'],
  'error-bad-sample-index': ['top', 'fixtures/profiles/cpu.pb.gz', '--sample-index', 'alloc_space'],
  'error-sample-index-range': ['top', 'fixtures/profiles/cpu.pb.gz', '--sample-index', '7'],
  'error-bad-regex': ['top', 'fixtures/profiles/cpu.pb.gz', '--focus', '(unclosed'],
  'error-bad-granularity': ['top', 'fixtures/profiles/cpu.pb.gz', '--granularity', 'modules'],
  'error-bad-nodecount': ['top', 'fixtures/profiles/cpu.pb.gz', '--nodecount', '-3'],
  'error-unknown-option': ['top', 'fixtures/profiles/cpu.pb.gz', '--bogus'],
  'error-unknown-command': ['frobnicate'],
  'error-no-profile-argument': ['top'],
};

for (const [name, args] of Object.entries(CASES)) {
  test(`cli snapshot: ${name}`, () => {
    const r = assertCliSnapshot(name, args);
    // Whatever happens, failures are one line on stderr and never a stack trace.
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    if (r.code !== 0) {
      assert.match(r.stderr, /^pprof-ts: .+\n$/);
      assert.equal(r.stdout, '');
    }
  });
}
