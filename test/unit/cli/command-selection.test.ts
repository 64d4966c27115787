/**
 * Which commands the CLI registers for a command line (src/cli/main.ts
 * `commandSelection`): only the one it runs, so a small profile's start-up
 * does not pay for defining (and loading) the others; every command where
 * commander's messages must list them all.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildProgram, commandSelection } from '../../../src/cli/main.js';
import { REPORT_ALIASES, REPORT_NAMES } from '../../../src/report/registry.js';

const sel = (...args: string[]): ReturnType<typeof commandSelection> => commandSelection(args, REPORT_NAMES, REPORT_ALIASES);

test('the command word picks one report or one hand-registered command', () => {
  assert.deepEqual(sel('top', 'cpu.pb.gz', '--nodecount', '5'), { reports: ['top'], commands: [] });
  assert.deepEqual(sel('traces', '--max-bytes', '5', 'heap.pb.gz'), { reports: ['traces'], commands: [] });
  assert.deepEqual(sel('capture', 'http://127.0.0.1:6060'), { reports: [], commands: ['capture'] });
  assert.deepEqual(sel('merge', 'a.pb.gz', 'top'), { reports: [], commands: ['merge'] });
});

test("go tool pprof's spelling: the report named by a flag, wherever it is", () => {
  assert.deepEqual(sel('cpu.pb.gz', '-top', '-nodecount=5'), { reports: ['top'], commands: [] });
  assert.deepEqual(sel('-tree', '--focus=x', 'localhost:6060'), { reports: ['tree'], commands: [] });
  // A flag value that happens to be a report name only registers one more command.
  assert.deepEqual(sel('-top', '-focus', '-tree', 'cpu.pb.gz'), { reports: ['top', 'tree'], commands: [] });
});

test("pprof's -text is its -top: the word and the flag register top", () => {
  assert.deepEqual(sel('text', 'cpu.pb.gz'), { reports: ['top'], commands: [] });
  assert.deepEqual(sel('-text', '-nodecount=5', 'cpu.pb.gz'), { reports: ['top'], commands: [] });
});

test('help, unknown commands and bare files register everything', () => {
  for (const args of [[], ['--help'], ['-h'], ['--version', '--help'], ['help', 'top'], ['tpo', 'x'], ['cpu.pb.gz']]) {
    assert.equal(sel(...args), undefined, args.join(' '));
  }
});

test('the version flag alone registers nothing: commander prints the version before any command', () => {
  for (const flag of ['--version', '-V', '-version']) assert.deepEqual(sel(flag), { reports: [], commands: [] }, flag);
});

test('the program has exactly the selected commands, in the order help lists them', async () => {
  const io = { stdout: (): void => undefined, stderr: (): void => undefined };
  const names = async (args?: string[]): Promise<string[]> => (await buildProgram(io, args)).commands.map((c) => c.name());
  assert.deepEqual(await names(['top', 'x']), ['top']);
  assert.deepEqual(await names(['goroutines', 'x']), ['goroutines']);
  const all = await names();
  assert.deepEqual(all, [...REPORT_NAMES, 'goroutines', 'capture', 'check', 'diff', 'merge']);
  assert.deepEqual(await names(['--help']), all);
  assert.deepEqual(await names(['--version']), []);
});
