// The multi-profile CLI: several profiles merged, --base/--diff-base from a
// URL, --output-proto and the merge command (atomic gzip profile.proto that
// decodes to the merged profile), and clear usage errors.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parseProfile } from '../../src/parse.js';
import { mergeProfiles } from '../../src/transform/merge.js';
import { runInProcess } from '../helpers/cli.js';
import { GOLDEN, PROFILES } from '../helpers/paths.js';
import { profileSnapshot } from '../helpers/profile-snapshot.js';
import { startFaultServer, type FaultServer } from '../helpers/fault-server.js';
import { withoutTimeLine } from '../helpers/top-cases.js';
import { profile as tinyProfile, rows } from '../helpers/tiny-profile.js';
import { encodeProfileGzip } from '../../src/encode/profile.js';
import { diffProfiles } from '../../src/transform/diff.js';

const CPU = join(PROFILES, 'cpu.pb.gz');
const CPU2 = join(PROFILES, 'second', 'cpu-2.pb.gz');
const fixture = (p: string) => parseProfile(readFileSync(p));

describe('multi-profile CLI', () => {
  let dir: string;
  let server: FaultServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pprof-ts-multi-'));
    server = await startFaultServer();
  });
  after(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('rule: merge writes gzip profile.proto that decodes to the merged profile, and nothing else', async () => {
    const out = join(dir, 'merged.pb.gz');
    const r = await runInProcess(['merge', CPU, CPU2, '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^wrote .*merged\.pb\.gz \(\d+ samples from 2 profiles\)\n$/);
    const bytes = readFileSync(out);
    assert.deepEqual([...bytes.subarray(0, 2)], [0x1f, 0x8b]);
    assert.deepEqual(profileSnapshot(parseProfile(bytes)), profileSnapshot(mergeProfiles([fixture(CPU), fixture(CPU2)])));
    assert.deepEqual(readdirSync(dir), ['merged.pb.gz'], 'no temporary file left behind');
  });

  test('rule: --output-proto writes the profile after merges and filters, and the report still prints', async () => {
    const out = join(dir, 'focused.pb.gz');
    const r = await runInProcess(['top', CPU, CPU2, '--focus', 'trieNode', '--output-proto', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /main\.\(\*trieNode\)\.lookup/);
    const written = parseProfile(readFileSync(out));
    assert.ok(written.samples.count > 0);
    for (const s of written.samples) {
      assert.ok(s.locations.some((l) => l.lines.some((ln) => /trieNode/.test(ln.function.name))), 'only focused samples');
    }
  });

  test('rule: --diff-base takes a URL like a file (same output as the golden made by go tool pprof)', async () => {
    const r = await runInProcess(['top', join(PROFILES, 'pairs', 'heap-pair.pb.gz'), '--diff-base', `${server.base}/debug/pprof/heap`, '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const golden = readFileSync(join(GOLDEN, 'top-multi', 'heap', 'diff_base.txt'), 'utf8');
    assert.equal(withoutTimeLine(r.stdout), withoutTimeLine(golden));
  });

  test('rule: merge --diff-base and --output-proto write pprof\'s sample list (each side merged), though top alone skips those merges', async () => {
    // Duplicate samples on both sides: each side's own merge joins them, which a written profile must show.
    const base = tinyProfile({ samples: [[4, 'main', 'g'], [10, 'main', 'f'], [2, 'main', 'g']] });
    const next = tinyProfile({ samples: [[15, 'main', 'f'], [1, 'main', 'h'], [3, 'main', 'f']] });
    const baseFile = join(dir, 'dup-base.pb.gz');
    const nextFile = join(dir, 'dup-next.pb.gz');
    writeFileSync(baseFile, await encodeProfileGzip(base));
    writeFileSync(nextFile, await encodeProfileGzip(next));
    const exact = rows(diffProfiles(next, base, { mode: 'diff-base' }));
    assert.deepEqual(exact, ['18 main;f', '1 main;h', '-6 main;g {pprof::base=true}', '-10 main;f {pprof::base=true}']);

    const merged = join(dir, 'dup-merged.pb.gz');
    const m = await runInProcess(['merge', nextFile, '--diff-base', baseFile, '-o', merged]);
    assert.equal(m.code, 0, m.stderr);
    assert.deepEqual(rows(parseProfile(readFileSync(merged))), exact);

    const written = join(dir, 'dup-top.pb.gz');
    const withProto = await runInProcess(['top', nextFile, '--diff-base', baseFile, '--output-proto', written]);
    assert.equal(withProto.code, 0, withProto.stderr);
    assert.deepEqual(rows(parseProfile(readFileSync(written))), exact);
    const alone = await runInProcess(['top', nextFile, '--diff-base', baseFile]);
    assert.equal(alone.code, 0, alone.stderr);
    assert.equal(alone.stdout, withProto.stdout, 'the same table with the merges skipped');
  });

  test('rule: tags --output-proto writes pprof\'s merged profile, though tags alone skips that merge', async () => {
    // An all-zero sample and duplicates: the merge drops the one and joins the others.
    const p = tinyProfile({
      samples: [[0, 'main', 'z'], [2, 'main', 'f'], [2, 'main', 'f'], [1, 'main', 'g']],
      labels: { 0: { workload: 'ghost' }, 1: { workload: 'web' }, 2: { workload: 'web' }, 3: { workload: 'batch' } },
    });
    const file = join(dir, 'tags-in.pb.gz');
    writeFileSync(file, await encodeProfileGzip(p));
    const written = join(dir, 'tags-out.pb.gz');
    const withProto = await runInProcess(['tags', file, '--output-proto', written]);
    assert.equal(withProto.code, 0, withProto.stderr);
    assert.deepEqual(rows(parseProfile(readFileSync(written))), ['4 main;f {workload=web}', '1 main;g {workload=batch}']);
    const alone = await runInProcess(['tags', file]);
    assert.equal(alone.stdout, withProto.stdout);
    assert.doesNotMatch(alone.stdout, /ghost/);
  });

  test('rule: --base with --diff-base, and --normalize alone, are usage errors (exit 2)', async () => {
    const both = await runInProcess(['top', CPU2, '--base', CPU, '--diff-base', CPU]);
    assert.equal(both.code, 2);
    assert.equal(both.stderr, 'pprof-ts: --base and --diff-base cannot both be given\n');
    const norm = await runInProcess(['folded', CPU2, '--normalize']);
    assert.equal(norm.code, 2);
    assert.equal(norm.stderr, 'pprof-ts: --normalize needs --base or --diff-base\n');
  });

  test('rule: incompatible profiles are refused with both types named (exit 1), nothing written', async () => {
    const out = join(dir, 'never.pb.gz');
    const r = await runInProcess(['merge', CPU, join(PROFILES, 'heap.pb.gz'), '-o', out]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^pprof-ts: incompatible period types cpu\/nanoseconds and space\/bytes\n$/);
    assert.equal(existsSync(out), false);
  });
});
