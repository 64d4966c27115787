/**
 * Go habits on the command line (src/cli/go-flags.ts): each spelling that
 * Go's flag package and `go tool pprof` accept is rewritten to commander's,
 * looked up in the options commands have registered (a flag added to a
 * command later gets the same spellings, shown with a made-up program), and
 * unknown spellings are left for commander to refuse.
 */

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { buildProgram } from '../../../src/cli/main.js';
import { goTarget, normalizeGoArgs } from '../../../src/cli/go-flags.js';

const io = { stdout: (): void => undefined, stderr: (): void => undefined };
const program = await buildProgram(io);
const noFiles = (): boolean => false;
const norm = (...args: string[]): string[] => normalizeGoArgs(program, args, noFiles);

describe('Go flag spellings', () => {
  test('single-dash long options, -opt=value and -opt value', () => {
    assert.deepEqual(norm('top', '-nodecount=5', 'p.pb.gz'), ['top', '--nodecount=5', 'p.pb.gz']);
    assert.deepEqual(norm('top', '-nodecount', '5', 'p.pb.gz'), ['top', '--nodecount', '5', 'p.pb.gz']);
    assert.deepEqual(norm('top', '--nodecount=5', 'p.pb.gz'), ['top', '--nodecount=5', 'p.pb.gz']);
    assert.deepEqual(norm('top', 'p.pb.gz', '-focus=a=b', '-unit', 'ms'), ['top', 'p.pb.gz', '--focus=a=b', '--unit', 'ms']);
  });

  test('a value that looks like a flag is still the value', () => {
    assert.deepEqual(norm('top', '-nodecount', '-3', 'p.pb.gz'), ['top', '--nodecount', '-3', 'p.pb.gz']);
    assert.deepEqual(norm('top', '-focus', '-lines', 'p.pb.gz'), ['top', '--focus', '-lines', 'p.pb.gz']);
  });

  test("pprof's underscore names, with one or two dashes", () => {
    assert.deepEqual(norm('top', '-sample_index=alloc_space', 'h'), ['top', '--sample-index=alloc_space', 'h']);
    assert.deepEqual(norm('top', '--sample_index', '1', 'h'), ['top', '--sample-index', '1', 'h']);
    assert.deepEqual(norm('top', '-max_bytes=10', 'h'), ['top', '--max-bytes=10', 'h']);
  });

  test('names come from the registered options, so flags added later work too (-diff_base)', () => {
    const p = new Command();
    p.command('diff').argument('<profile>').option('--diff-base <file>', 'base').option('--no-color', 'plain')
      .option('--cum', 'sort');
    assert.deepEqual(normalizeGoArgs(p, ['diff', '-diff_base=old.pb.gz', 'new.pb.gz'], noFiles),
      ['diff', '--diff-base=old.pb.gz', 'new.pb.gz']);
    assert.deepEqual(normalizeGoArgs(p, ['diff', '-diff_base', 'old.pb.gz', 'new.pb.gz'], noFiles),
      ['diff', '--diff-base', 'old.pb.gz', 'new.pb.gz']);
    assert.deepEqual(normalizeGoArgs(p, ['diff', '-color=false', 'x'], noFiles), ['diff', '--no-color', 'x']);
    assert.deepEqual(normalizeGoArgs(p, ['diff', '-color', 'x'], noFiles), ['diff', 'x']);
    // No --granularity option on this command: -lines is not invented, commander will refuse it.
    assert.deepEqual(normalizeGoArgs(p, ['diff', '-lines', 'x'], noFiles), ['diff', '-lines', 'x']);
  });

  test('granularity booleans', () => {
    for (const g of ['lines', 'files', 'functions', 'filefunctions', 'addresses']) {
      assert.deepEqual(norm('top', `-${g}`, 'p'), ['top', `--granularity=${g}`, 'p']);
      assert.deepEqual(norm('folded', `--${g}=true`, 'p'), ['folded', `--granularity=${g}`, 'p']);
      assert.deepEqual(norm('top', `-${g}=false`, 'p'), ['top', 'p']);
    }
  });

  test('-cum and -flat: one of them, as in pprof', () => {
    assert.deepEqual(norm('top', '-cum', 'p'), ['top', '--cum', 'p']);
    assert.deepEqual(norm('top', '-flat', 'p'), ['top', 'p']);
    assert.deepEqual(norm('top', '-cum', '-cum=false', '-flat', 'p'), ['top', 'p']);
    assert.deepEqual(norm('top', '-flat=false', '-cum', 'p'), ['top', '--cum', 'p']);
    assert.deepEqual(norm('top', '-cum=false', 'p'), ['top', 'p']);
    // Go's flag package keeps a flag's last value.
    assert.deepEqual(norm('top', '-cum', '-cum=false', 'p'), ['top', 'p']);
    assert.deepEqual(norm('top', '-noinlines', '-nodecount=3', '-noinlines=false', 'p'), ['top', '--nodecount=3', 'p']);
  });

  test('two choices of one group on are refused, as go tool pprof refuses them', () => {
    const refused = (args: string[], message: string): void =>
      assert.throws(() => norm(...args), (e: unknown) => (e as { code?: string }).code === 'bad-option' && (e as Error).message === message);
    refused(['top', '-cum', '-flat', 'p'], 'conflicting options set: [cum flat]');
    refused(['top', '-flat', '--cum', 'p'], 'conflicting options set: [cum flat]');
    refused(['-top', '-lines', '-files', 'p'], 'conflicting options set: [files lines]');
    refused(['tree', '-addresses', '-functions=true', '-lines', 'p'], 'conflicting options set: [addresses functions lines]');
    // The same flag twice, or one turned off again, is one choice.
    assert.deepEqual(norm('top', '-lines', '-lines', 'p'), ['top', '--granularity=lines', '--granularity=lines', 'p']);
    assert.deepEqual(norm('top', '-lines=false', '-files', 'p'), ['top', '--granularity=files', 'p']);
    assert.deepEqual(norm('top', '-lines', '-lines=false', 'p'), ['top', 'p']);
  });

  test('Go booleans: -json=true, -noinlines=1, -parallel=false on a --no-parallel option', () => {
    assert.deepEqual(norm('top', '-json=true', '-noinlines=1', 'p'), ['top', '--json', '--noinlines', 'p']);
    assert.deepEqual(norm('top', '-parallel=false', 'p'), ['top', '--no-parallel', 'p']);
    assert.deepEqual(norm('top', '-json=maybe', 'p'), ['top', '--json=maybe', 'p'], 'left for commander to refuse');
  });

  test('the report as a flag: go tool pprof -top', () => {
    assert.deepEqual(norm('-top', '-nodecount=3', 'p'), ['top', '--nodecount=3', 'p']);
    assert.deepEqual(norm('-nodecount=3', '-top', 'p'), ['top', '--nodecount=3', 'p']);
    assert.deepEqual(norm('top', '-top', 'p'), ['top', 'p']);
  });

  test("a report flag with pprof's argument: -peek=regex and -peek regex", () => {
    assert.deepEqual(norm('-peek=main\\.', '-lines', 'p'), ['peek', 'main\\.', '--granularity=lines', 'p']);
    assert.deepEqual(norm('-lines', '--peek', 'a:b', 'p'), ['peek', 'a:b', '--granularity=lines', 'p'], 'the regex is never a host:port');
    assert.deepEqual(norm('-peek=', 'p'), ['peek', '', 'p']);
    // Only a report that takes an argument takes a value: -top=x is no report flag.
    assert.deepEqual(norm('-top=x', 'p'), ['-top=x', 'p']);
  });

  test("pprof's sample shortcuts: the first one on in pprof's order picks the value, unless -sample_index does", () => {
    const notes: string[] = [];
    const n = (...args: string[]): string[] => normalizeGoArgs(program, args, noFiles, (l) => notes.push(l));
    assert.deepEqual(n('-top', '-alloc_space', 'h'), ['top', 'h', '--sample-index=alloc_space']);
    assert.deepEqual(n('top', '-mean_delay', 'b'), ['top', 'b', '--sample-index=delay', '--mean']);
    assert.deepEqual(notes, []);
    // pprof weighs -total_delay before -contentions, and -inuse_space before -alloc_space, whatever the order typed.
    assert.deepEqual(n('top', '-contentions', '-total_delay', 'b'), ['top', 'b', '--sample-index=delay']);
    assert.deepEqual(n('top', '-alloc_space', '-inuse_space', 'h'), ['top', 'h', '--sample-index=inuse_space']);
    assert.deepEqual(notes, ['Multiple value selections, ignoring -contentions', 'Multiple value selections, ignoring -alloc_space']);
    notes.length = 0;
    assert.deepEqual(n('top', '-sample_index=1', '-mean_delay', 'b'), ['top', '--sample-index=1', 'b', '--mean']);
    assert.deepEqual(notes, ['Multiple value selections, ignoring -mean_delay']);
    assert.deepEqual(n('top', '-alloc_space', '-alloc_space=false', 'h'), ['top', 'h'], 'Go\'s last value wins');
    assert.deepEqual(n('top', '-alloc_space=maybe', 'h'), ['top', '-alloc_space=maybe', 'h'], 'left for commander to refuse');
  });

  test('-divide_by takes any Go float; -compact_labels is a boolean', () => {
    assert.deepEqual(norm('-top', '-divide_by=1e-3', '-compact_labels', 'p'), ['top', '--divide-by=1e-3', '--compact-labels', 'p']);
    assert.deepEqual(norm('tree', '-divide_by', '-2', '-compact_labels=false', 'p'), ['tree', '--divide-by', '-2', 'p']);
  });

  test('unknown spellings and short options are passed through unchanged', () => {
    assert.deepEqual(norm('top', '-bogus', '-h', '-trim_path', 'p'), ['top', '-bogus', '-h', '-trim_path', 'p']);
    assert.deepEqual(norm('--version'), ['--version']);
    assert.deepEqual(norm('-version'), ['--version']);
    assert.deepEqual(norm('top', '-help'), ['top', '--help']);
    assert.deepEqual(norm('frobnicate', '-x'), ['frobnicate', '-x']);
  });
});

describe('host:port targets', () => {
  test('become http URLs as pprof makes them', () => {
    assert.equal(goTarget('localhost:6060', noFiles), 'http://localhost:6060');
    assert.equal(goTarget('127.0.0.1:6060/debug/pprof/heap', noFiles), 'http://127.0.0.1:6060/debug/pprof/heap');
    assert.equal(goTarget('felix.kube-system:9091/debug/pprof/profile?seconds=5', noFiles),
      'http://felix.kube-system:9091/debug/pprof/profile?seconds=5');
    assert.equal(goTarget('[::1]:6060', noFiles), 'http://[::1]:6060');
    assert.equal(goTarget(':6060', noFiles), 'http://localhost:6060');
  });

  test('files, URLs with a scheme, stdin and paths without host:port are left alone', () => {
    assert.equal(goTarget('localhost:6060', () => true), 'localhost:6060', 'an existing file wins, as in pprof');
    assert.equal(goTarget('https://h:1/x', noFiles), 'https://h:1/x');
    assert.equal(goTarget('-', noFiles), '-');
    assert.equal(goTarget('dir/a:b.pb.gz', noFiles), 'dir/a:b.pb.gz');
    assert.equal(goTarget('cpu.pb.gz', noFiles), 'cpu.pb.gz');
    assert.equal(goTarget('host:notaport', noFiles), 'host:notaport');
  });

  test('only arguments, not option values, are read as targets', () => {
    assert.deepEqual(norm('top', '-focus', 'a:b', 'localhost:6060/debug/pprof/heap'),
      ['top', '--focus', 'a:b', 'http://localhost:6060/debug/pprof/heap']);
  });
});
