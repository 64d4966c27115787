/**
 * `--output-proto` writes the profile after every filter, label filters
 * included (as pprof's -proto does): what is written is what was reported.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../helpers/cli.js';
import { PROFILES } from '../helpers/paths.js';
import { loadProfile } from '../../src/parse.js';

test('rule: --output-proto after --tagfocus keeps only the samples the label filter keeps', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-proto-'));
  try {
    const out = join(dir, 'nat.pb.gz');
    const r = await runInProcess(['top', join(PROFILES, 'cpu.pb.gz'), '--tagfocus', 'table=nat', '--output-proto', out]);
    assert.equal(r.code, 0, r.stderr);
    const written = await loadProfile(out);
    assert.ok(written.samples.count > 0);
    for (const s of written.samples) {
      assert.ok(s.labels.some((l) => l.key === 'table' && l.value === 'nat'), 'a sample without table=nat was written');
    }
    // The report of the written profile has the filtered total (pprof's 100% is the input's, before the filter).
    const again = await runInProcess(['top', out]);
    assert.match(again.stdout, /Showing nodes accounting for 300ms, 100% of 300ms total/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
