/**
 * `pprof-ts svg` is our DOT laid out by Graphviz: the output must be the SVG
 * that `dot -Tsvg` makes of `pprof-ts dot`'s text. Needs Graphviz (Debian
 * graphviz, installed by .ci/run); skipped with a reason without it, and a
 * failure under CI=true. Without Graphviz the report fails with one line.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROFILES } from '../helpers/paths.js';
import { runBin, runInProcess } from '../helpers/cli.js';
import { requireTool } from '../helpers/tools.js';
import { dotToSvg } from '../../src/report/svg/render.js';
import { isPprofError } from '../../src/errors.js';

const hasDot = spawnSync('dot', ['-V'], { encoding: 'utf8' }).status === 0;

// --mean: svg follows dot (whose --mean output is proven by test/golden/options/dot).
for (const [fixture, extra] of [['cpu.pb.gz', []], ['heap.pb.gz', []], ['heap.pb.gz', ['--mean']]] as const) {
  test(`svg ${[fixture, ...extra].join(' ')} is what Graphviz makes of our DOT`, { skip: requireTool('graphviz', hasDot) }, async () => {
    const path = join(PROFILES, fixture);
    const dot = await runInProcess(['dot', path, ...extra]);
    assert.equal(dot.code, 0, dot.stderr);
    if (extra.length > 0) assert.match(dot.stdout, /Type: mean_inuse_space/);
    const svg = await runInProcess(['svg', path, ...extra]);
    assert.equal(svg.code, 0, svg.stderr);
    assert.equal(svg.stderr, '');
    assert.match(svg.stdout, /^<\?xml [^\n]*\n<!DOCTYPE svg/);
    assert.match(svg.stdout, /<svg [^>]*>/);
    assert.match(svg.stdout, /<\/svg>\s*$/);
    // Every node of the DOT graph is drawn.
    const nodes = [...dot.stdout.matchAll(/^N(\d+) \[label="/gm)].length;
    assert.ok(nodes > 0);
    assert.equal([...svg.stdout.matchAll(/<g id="node\d+" class="node">/g)].length >= nodes, true);
    const direct = spawnSync('dot', ['-Tsvg'], { input: dot.stdout, encoding: 'utf8' });
    assert.equal(svg.stdout, direct.stdout);
  });
}

test('without Graphviz, svg fails with one clear line', async () => {
  await assert.rejects(dotToSvg('digraph "x" {}', 'pprof-ts-no-such-graphviz'), (e: unknown) => {
    assert.ok(isPprofError(e));
    assert.equal(e.code, 'io');
    assert.match(e.message, /^svg needs Graphviz's "pprof-ts-no-such-graphviz" program, which is not installed/);
    assert.doesNotMatch(e.message, /\n/);
    return true;
  });
  // The shipped binary with an empty PATH: one `pprof-ts:` line and exit 1.
  const saved = process.env['PATH'];
  process.env['PATH'] = '/nonexistent';
  try {
    const r = runBin(['svg', 'fixtures/profiles/cpu.pb.gz']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^pprof-ts: svg needs Graphviz's "dot" program, which is not installed.*\n$/);
  } finally {
    process.env['PATH'] = saved;
  }
});
