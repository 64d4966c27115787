/**
 * --mean on the reports without a pprof counterpart: folded and flamegraph
 * refuse it with one usage line and exit 2 (a flame graph's widths are sums
 * that must add up; means do not), and write nothing. The reports pprof has
 * are proven by goldens (test/golden/options/*, traces, raw, tags).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROFILES } from '../helpers/paths.js';
import { runBin } from '../helpers/cli.js';

for (const report of ['folded', 'flamegraph'] as const) {
  test(`${report} --mean is refused with one usage line, exit 2, no output`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-mean-'));
    try {
      const out = join(dir, 'x.html');
      const r = runBin([report, join(PROFILES, 'heap.pb.gz'), '--mean', ...(report === 'flamegraph' ? ['-o', out] : [])]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `pprof-ts: --mean does not apply to ${report} (its stack values are sums that must add up); `
        + 'use top, tree, peek, traces, dot or svg\n');
      assert.equal(existsSync(out), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
