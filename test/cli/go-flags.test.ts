/**
 * Go habits end to end: every `go tool pprof` command line recorded next to
 * a `top` golden (test/golden/top/MANIFEST.json: `-top`, `-cum`,
 * `-nodecount=5`, `-sample_index=…`, `-lines`, `-files`, `-functions`,
 * `-filefunctions`, `-addresses`, `-focus=…`, `-unit=…`, …) is run verbatim
 * through pprof-ts and must print that golden, which the real tool made.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN, ROOT } from '../helpers/paths.js';
import { runInProcess, runBin } from '../helpers/cli.js';
import { withoutTimeLine } from '../helpers/top-cases.js';
import { withoutDotTimeLine } from '../helpers/golden.js';

interface Manifest {
  goldens: Array<{ file: string; command: string }>;
}

const manifestOf = (suite: string): Manifest =>
  JSON.parse(readFileSync(join(GOLDEN, suite, 'MANIFEST.json'), 'utf8')) as Manifest;

/** Runs every go tool pprof command line a suite's manifest records, verbatim, and checks it prints its golden. */
async function runManifest(suite: string, normalize: (t: string) => string, seen: Set<string>): Promise<void> {
  for (const g of manifestOf(suite).goldens) {
    const argv = g.command.split(' ');
    assert.deepEqual(argv.slice(0, 3), ['go', 'tool', 'pprof']);
    const args = argv.slice(3).map((a) => (a.startsWith('fixtures/') ? join(ROOT, a) : a));
    for (const a of args) if (a.startsWith('-')) seen.add(a.replace(/=.*/, ''));
    const r = await runInProcess(args);
    // Only pprof's own notes, which go tool pprof prints too.
    assert.match(r.stderr, /^(?:(?:Focus|Ignore|Hide|Show) expression matched no samples\n)*$/, g.command);
    assert.equal(r.code, 0, g.command);
    assert.equal(normalize(r.stdout), normalize(readFileSync(join(GOLDEN, suite, g.file), 'utf8')), g.command);
  }
}

test('every recorded go tool pprof command line, verbatim, prints its golden', async () => {
  const seen = new Set<string>();
  await runManifest('top', withoutTimeLine, seen);
  for (const flag of ['-top', '-cum', '-nodecount', '-sample_index', '-lines', '-files', '-functions', '-filefunctions',
    '-addresses', '-focus', '-unit']) {
    assert.ok(seen.has(flag), `no recorded command uses ${flag}`);
  }
});

test('the command lines of the option and peek goldens, verbatim, print their goldens (-divide_by, -compact_labels, -peek=re)', async () => {
  const seen = new Set<string>();
  for (const suite of ['options/top', 'options/tree', 'peek']) await runManifest(suite, withoutTimeLine, seen);
  await runManifest('options/dot', withoutDotTimeLine, seen);
  for (const flag of ['-tree', '-dot', '-peek', '-divide_by', '-compact_labels', '-trim', '-drop_negative', '-mean', '-nodecount']) {
    assert.ok(seen.has(flag), `no recorded command uses ${flag}`);
  }
});

test('the shipped bin takes Go spellings too (-flat, --sample_index, =false)', () => {
  const heap = 'fixtures/profiles/heap.pb.gz';
  const go = runBin(['-top', '-cum=false', '-flat', '--sample_index', 'alloc_space', '-noinlines=false', '-nodecount=4', heap]);
  const ours = runBin(['top', heap, '--sample-index', 'alloc_space', '--nodecount', '4']);
  assert.equal(go.stderr, '');
  assert.equal(go.code, 0);
  assert.equal(go.stdout, ours.stdout);
});

test('-cum with -flat, or two granularities, exit as usage errors (go tool pprof: conflicting options set)', () => {
  for (const [args, set] of [[['-top', '-cum', '-flat'], '[cum flat]'], [['tree', '-lines', '-files'], '[files lines]']] as const) {
    const r = runBin([...args, 'fixtures/profiles/cpu.pb.gz']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `pprof-ts: conflicting options set: ${set}\n`);
  }
});

test('options pprof-ts does not have are still refused by name', () => {
  const r = runBin(['top', '-trim_path=/src', 'fixtures/profiles/cpu.pb.gz']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^pprof-ts: unknown option '-trim_path=\/src'\n$/);
});

test('-call_tree: ignored where pprof ignores it (every report but its graph pictures), refused by dot and svg', () => {
  for (const [report, ...args] of [['-top'], ['-tree'], ['-peek', 'main'], ['-traces'], ['-raw'], ['-tags']]) {
    const r = runBin([report!, ...args, '-call_tree', 'fixtures/profiles/cpu.pb.gz']);
    const without = runBin([report!, ...args, 'fixtures/profiles/cpu.pb.gz']);
    assert.equal(r.code, 0, report);
    assert.equal(r.stderr, '', report);
    assert.ok(r.stdout.length > 0, report);
    assert.equal(r.stdout, without.stdout, report);
  }
  for (const report of ['dot', 'svg']) {
    const r = runBin([report, '--call-tree', 'fixtures/profiles/cpu.pb.gz']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `pprof-ts: --call-tree (pprof -call_tree) is not supported by ${report}\n`);
  }
});

test('pprof flags the sample reports take and ignore, and -symbolize=none, run as go tool pprof runs them', () => {
  const heap = 'fixtures/profiles/heap.pb.gz';
  for (const report of ['traces', 'raw', 'tags']) {
    const plain = runBin([`-${report}`, heap]);
    const flagged = runBin([`-${report}`, '-cum', '-flat=false', '-nodecount=3', '-nodefraction=0.5', '-edgefraction=0.5', '-trim=false',
      '-drop_negative', '-symbolize=none', heap]);
    assert.equal(flagged.code, 0, `${report}: ${flagged.stderr}`);
    assert.equal(flagged.stdout, plain.stdout, report);
  }
  const refused = runBin(['-top', '-symbolize=local', heap]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /never symbolizes/);
});

test('two sample shortcuts: pprof\'s note for the one ignored, on stderr', () => {
  const r = runBin(['-top', '-alloc_space', '-inuse_objects', '-nodecount=2', 'fixtures/profiles/heap.pb.gz']);
  const want = runBin(['top', '--sample-index', 'inuse_objects', '--nodecount', '2', 'fixtures/profiles/heap.pb.gz']);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, 'Multiple value selections, ignoring -alloc_space\n');
  assert.equal(r.stdout, want.stdout);
});

test('a bad -sample_index is refused before the label filters note anything, after them with -relative_percentages (go tool pprof\'s order and wording)', () => {
  const error = 'pprof-ts: sample_index "bogus" must be one of: [alloc_objects alloc_space inuse_objects inuse_space]\n';
  const note = "tagfocus:Interpreted '1kB:1MB' as range, not regexp\n";
  for (const report of ['-top', '-traces', '-tags', '-raw']) {
    const args = [report, '-tagfocus=bytes=1kB:1MB', '-sample_index=bogus', 'fixtures/profiles/heap.pb.gz'];
    const r = runBin(args);
    assert.equal(r.code, 2, report);
    assert.equal(r.stdout, '', report);
    assert.equal(r.stderr, error, report);
    const rel = runBin([report, '-relative_percentages', ...args.slice(1)]);
    assert.equal(rel.code, 2, report);
    assert.equal(rel.stderr, note + error, report);
  }
  const outside = runBin(['-top', '-sample_index=7', 'fixtures/profiles/heap.pb.gz']);
  assert.equal(outside.stderr, 'pprof-ts: sample_index 7 is outside the range [0..3]\n');
});

test('-text prints what -top prints (pprof: the same report), and `text` is the command top by another name', () => {
  const top = runBin(['-top', '-nodecount=5', 'fixtures/profiles/cpu.pb.gz']);
  for (const args of [['-text', '-nodecount=5', 'fixtures/profiles/cpu.pb.gz'], ['text', 'fixtures/profiles/cpu.pb.gz', '--nodecount', '5']]) {
    const r = runBin(args);
    assert.equal(r.code, 0, args.join(' '));
    assert.equal(r.stderr, '');
    assert.ok(r.stdout.includes('flat%'));
    assert.equal(r.stdout, top.stdout, args.join(' '));
  }
});
