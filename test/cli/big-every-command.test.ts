/**
 * Bounded memory on big inputs, every report command: top, tree, peek, dot,
 * folded, flamegraph, traces, raw, tags (svg when Graphviz is installed), and
 * the --json form of each report that has one, and --base / --diff-base
 * of the profile against itself, run on one generated CPU profile
 * (bench/gen.ts) in a node limited to a 192 MB heap. Outputs are
 * counted as they stream, never buffered by the test.
 *
 * The default size (PPROF_BIG_MB unset) is 5 MB of raw profile (about 50,000
 * samples) to keep the suite's CPU time near two minutes on two cores;
 * `PPROF_BIG_MB=100 node --test dist/test/cli/big-every-command.test.js`
 * runs the 100 MB variant (1.2 million samples, 42 million frames;
 * about half an hour on two shared cores: traces alone writes 5 GB of text).
 * PPROF_BIG_SHAPE=real runs the generator's `real` shape instead of
 * `classic` (more locations and label values; it needs PPROF_BIG_MB of 20
 * or more, below that its fixed part fills the budget and it has no samples).
 *
 * What keeps each one within the heap: the decoded profile lives in typed
 * arrays (off the JS heap); pprof's merge on load (transform/canonical.ts)
 * and the merges of --base and --diff-base (transform/merge*.ts) hash
 * samples instead of keying them by strings; traces and raw make
 * their items one at a time as they are written (tracesStream, rawStream),
 * and all JSON is written in pieces; dot counts node tags only for the nodes
 * it may draw and only for tags that can reach the node cut-off.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateProfile, type GenShape } from '../../bench/gen.js';
import { BIN } from '../helpers/paths.js';
import { requireTool } from '../helpers/tools.js';

const HEAP_MB = 192;
const MB = Number(process.env['PPROF_BIG_MB'] ?? '5');
const SHAPE = (process.env['PPROF_BIG_SHAPE'] ?? 'classic') as GenShape;
const hasDot = spawnSync('dot', ['-V']).status === 0;

interface Run { code: number | null; bytes: number; head: string; tail: string; stderr: string; found: boolean }

/**
 * Runs the CLI under the heap limit, counting stdout instead of keeping it
 * (keeps its first 2000 and last 200 bytes, and notes whether `seek` occurs).
 */
function run(args: string[], seek = ''): Promise<Run> {
  const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const r: Run = { code: null, bytes: 0, head: '', tail: '', stderr: '', found: false };
  child.stdout.on('data', (b: Buffer) => {
    r.bytes += b.length;
    if (seek !== '' && !r.found) r.found = (r.tail + b.toString()).includes(seek);
    if (r.head.length < 2000) r.head += b.subarray(0, 2000).toString();
    r.tail = (r.tail + b.subarray(Math.max(0, b.length - 200)).toString()).slice(-200);
  });
  child.stderr.on('data', (b: Buffer) => { r.stderr = (r.stderr + b.toString()).slice(-3000); });
  return new Promise((resolve) => child.on('close', (code) => { r.code = code; resolve(r); }));
}

const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-every-'));
const profile = join(dir, `big-${MB}mb-${SHAPE}.pb.gz`);
let generated: Promise<void> | undefined;
/** The profile, generated once per test run. */
const ready = (): Promise<void> => (generated ??= generateProfile({ out: profile, targetBytes: MB * 1_000_000, shape: SHAPE }).then(() => undefined));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** What a command's output must look like: a non-trivial size and the right shape. */
type Check = (r: Run) => void;
const json: Check = (r) => {
  assert.ok(r.head.startsWith('{\n  "'), r.head);
  assert.ok(r.tail.endsWith('\n}\n'), r.tail);
};
const text = (rx: RegExp): Check => (r) => assert.match(r.head, rx);

/** `contains`: text the output must have somewhere (dot's tag boxes: the graph is not drawn without its tags). */
const CASES: { args: string[]; min: number; check: Check; contains?: string; todo?: string; skip?: string | false }[] = [
  { args: ['top'], min: 1000, check: text(/^File: |^Type: |^Showing nodes/m) },
  { args: ['top', '--json'], min: 1000, check: json },
  { args: ['tree'], min: 1000, check: text(/Showing nodes accounting for/) },
  { args: ['tree', '--json', '--nodecount', '0'], min: 10_000, check: json },
  { args: ['peek', '.'], min: 10_000, check: text(/Showing nodes accounting for/) },
  { args: ['peek', '--json', '.'], min: 10_000, check: json },
  { args: ['folded'], min: 1_000_000, check: (r) => assert.match(r.tail, / \d+\n$/) },
  { args: ['traces'], min: 1_000_000, check: text(/-----------\+-------------------------------------------------------/) },
  { args: ['traces', '--json'], min: 1_000_000, check: json },
  { args: ['raw'], min: 1_000_000, check: text(/^PeriodType: /) },
  { args: ['raw', '--json'], min: 1_000_000, check: json },
  { args: ['tags'], min: 1000, check: text(/Total/) },
  { args: ['tags', '--json'], min: 1000, check: json },
  { args: ['dot'], min: 1000, check: text(/^digraph /), contains: 'shape=box3d' },
  { args: ['dot', '--json'], min: 1000, check: json },
  { args: ['svg'], min: 1000, check: text(/<svg|<\?xml/), skip: requireTool('graphviz', hasDot) },
  // The profile against itself: every sample cancels, so the merge of the two (and of each alone) is all there is.
  { args: ['top', '--base', profile], min: 100, check: text(/^Showing nodes accounting for 0, 0% of 0 total$/m) },
  { args: ['top', '--diff-base', profile], min: 100, check: text(/^Showing nodes accounting for 0, 0% of [1-9][0-9.]*[a-z]+ total$/m) },
  { args: ['folded', '--diff-base', profile], min: 1_000_000, check: (r) => assert.match(r.tail, / \d+ \d+\n$/) },
];

for (const c of CASES) {
  test(`${c.args.join(' ')} on a ${MB} MB profile stays within a ${HEAP_MB} MB heap`,
    { timeout: 1_800_000, ...(c.todo === undefined ? {} : { todo: c.todo }), ...(c.skip ? { skip: c.skip } : {}) }, async () => {
      await ready();
      const r = await run([...c.args, profile], c.contains);
      assert.equal(r.code, 0, `pprof-ts ${c.args.join(' ')}: ${r.stderr}`);
      if (c.contains !== undefined) assert.ok(r.found, `no ${c.contains} in the output`);
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
