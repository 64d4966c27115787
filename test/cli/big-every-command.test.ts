/**
 * Bounded memory on big inputs, every report command: top, tree, peek, dot,
 * folded, flamegraph, traces, raw, tags (svg when Graphviz is installed), and
 * the --json form of each report that has one, run on one generated CPU
 * profile (bench/gen.ts) in a node limited to a 192 MB heap. Outputs are
 * counted as they stream, never buffered by the test.
 *
 * The default size (PPROF_BIG_MB unset) is 5 MB of raw profile (about 57,000
 * samples) to keep the suite's CPU time near two minutes on two cores;
 * `PPROF_BIG_MB=100 node --test dist/test/cli/big-every-command.test.js`
 * runs the 100 MB variant (several minutes per command).
 *
 * Known gaps run as `todo` (reported, not failing the suite) until fixed:
 * dot and svg exceed the heap (the per-node label tags of
 * query/graph/tags.ts grow with nodes x distinct label sets), and traces
 * --json peaks past it (the traces report holds every trace as objects).
 * At 20 MB traces, raw and tags also exceed it (canonicalProfile's merge
 * keys, transform/canonical.ts).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateProfile } from '../../bench/gen.js';
import { BIN } from '../helpers/paths.js';
import { requireTool } from '../helpers/tools.js';

const HEAP_MB = 192;
const MB = Number(process.env['PPROF_BIG_MB'] ?? '5');
const hasDot = spawnSync('dot', ['-V']).status === 0;

interface Run { code: number | null; bytes: number; head: string; tail: string; stderr: string }

/** Runs the CLI under the heap limit, counting stdout instead of keeping it (keeps its first 2000 and last 200 bytes). */
function run(args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const r: Run = { code: null, bytes: 0, head: '', tail: '', stderr: '' };
  child.stdout.on('data', (b: Buffer) => {
    r.bytes += b.length;
    if (r.head.length < 2000) r.head += b.subarray(0, 2000).toString();
    r.tail = (r.tail + b.subarray(Math.max(0, b.length - 200)).toString()).slice(-200);
  });
  child.stderr.on('data', (b: Buffer) => { r.stderr = (r.stderr + b.toString()).slice(-3000); });
  return new Promise((resolve) => child.on('close', (code) => { r.code = code; resolve(r); }));
}

const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-every-'));
const profile = join(dir, `big-${MB}mb.pb.gz`);
let generated: Promise<void> | undefined;
/** The profile, generated once per test run. */
const ready = (): Promise<void> => (generated ??= generateProfile({ out: profile, targetBytes: MB * 1_000_000 }).then(() => undefined));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** What a command's output must look like: a non-trivial size and the right shape. */
type Check = (r: Run) => void;
const json: Check = (r) => {
  assert.ok(r.head.startsWith('{\n  "'), r.head);
  assert.ok(r.tail.endsWith('\n}\n'), r.tail);
};
const text = (rx: RegExp): Check => (r) => assert.match(r.head, rx);

const CASES: { args: string[]; min: number; check: Check; todo?: string; skip?: string | false }[] = [
  { args: ['top'], min: 1000, check: text(/^File: |^Type: |^Showing nodes/m) },
  { args: ['top', '--json'], min: 1000, check: json },
  { args: ['tree'], min: 1000, check: text(/Showing nodes accounting for/) },
  { args: ['tree', '--json', '--nodecount', '0'], min: 10_000, check: json },
  { args: ['peek', '.'], min: 10_000, check: text(/Showing nodes accounting for/) },
  { args: ['peek', '--json', '.'], min: 10_000, check: json },
  { args: ['folded'], min: 1_000_000, check: (r) => assert.match(r.tail, / \d+\n$/) },
  { args: ['traces'], min: 1_000_000, check: text(/-----------\+-------------------------------------------------------/),
    todo: 'traces holds every trace as objects (traces/data.ts): at 5 MB it peaks at about the 192 MB limit' },
  { args: ['traces', '--json'], min: 1_000_000, check: json,
    todo: 'traces holds every trace as objects (traces/data.ts): JSON peaks past 192 MB at 5 MB' },
  { args: ['raw'], min: 1_000_000, check: text(/^PeriodType: /) },
  { args: ['raw', '--json'], min: 1_000_000, check: json },
  { args: ['tags'], min: 1000, check: text(/Total/) },
  { args: ['tags', '--json'], min: 1000, check: json },
  { args: ['dot'], min: 1000, check: text(/^digraph /), todo: 'dot exceeds a 192 MB heap (node label tags)' },
  { args: ['dot', '--json'], min: 1000, check: json, todo: 'dot exceeds a 192 MB heap (node label tags)' },
  { args: ['svg'], min: 1000, check: text(/<svg|<\?xml/), todo: 'svg builds the dot graph first', skip: requireTool('graphviz', hasDot) },
];

for (const c of CASES) {
  test(`${c.args.join(' ')} on a ${MB} MB profile stays within a ${HEAP_MB} MB heap`,
    { timeout: 1_800_000, ...(c.todo === undefined ? {} : { todo: c.todo }), ...(c.skip ? { skip: c.skip } : {}) }, async () => {
      await ready();
      const r = await run([...c.args, profile]);
      assert.equal(r.code, 0, `pprof-ts ${c.args.join(' ')}: ${r.stderr}`);
      assert.ok(r.bytes >= c.min, `${r.bytes} bytes`);
      c.check(r);
    });
}

test(`flamegraph on a ${MB} MB profile stays within a ${HEAP_MB} MB heap`, { timeout: 1_800_000 }, async () => {
  await ready();
  const html = join(dir, 'flame.html');
  const r = await run(['flamegraph', profile, '-o', html]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(statSync(html).size > 10_000);
});
