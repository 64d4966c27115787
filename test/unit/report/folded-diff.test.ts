// `folded --diff-base`: the two-column differential form of flamegraph.pl's
// difffolded.pl (`stack base new`), built from the two sides of a diff.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { foldedDiffChunks, foldedDiffRows, foldedDiffText, foldedText } from '../../../src/render/folded.js';
import { diffProfiles } from '../../../src/transform/diff.js';
import { splitDiffBase } from '../../../src/transform/labels.js';
import { runInProcess } from '../../helpers/cli.js';
import { PROFILES } from '../../helpers/paths.js';
import { builtProfile as tiny } from '../../helpers/tiny-profile.js';

const sum = (text: string, col: number): bigint =>
  text.split('\n').filter((l) => l !== '').reduce((s, l) => s + BigInt(l.split(' ').at(col)!), 0n);

describe('folded --diff-base', () => {
  test('rule: one line per stack of either side, `stack base new`, 0 where a side lacks it, sorted by stack', () => {
    const base = tiny({ samples: [[[10n], 'main', 'f'], [[4n], 'main', 'g']] });
    const next = tiny({ samples: [[[15n], 'main', 'f'], [[1n], 'main', 'h']] });
    const sides = splitDiffBase(diffProfiles(next, base, { mode: 'diff-base' }))!;
    assert.equal(foldedDiffText(sides.base, sides.current), 'main;f 10 15\nmain;g 4 0\nmain;h 0 1\n');
  });

  test('rule: the lines are in Go\'s byte order of the stacks, also for names from U+D800 up (streamed join)', () => {
    // UTF-16 order puts U+FF21 after U+1F600's surrogates (0xD83D); UTF-8 byte order puts it first.
    const names = ['main', 'Ａ', '\u{1F600}', 'z', 'ä'];
    const base = tiny({ samples: names.slice(1).map((n, i) => [[BigInt(i + 1)], 'main', n]) });
    const next = tiny({ samples: [[[7n], 'main', '\u{1F600}'], [[8n], 'main', 'y'], [[9n], 'main', 'Ａ', 'z']] });
    const sides = splitDiffBase(diffProfiles(next, base, { mode: 'diff-base' }))!;
    const rows = foldedDiffRows(sides.base, sides.current);
    const keys = rows.map((r) => r[0]);
    const utf8 = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    assert.deepEqual(keys, utf8);
    assert.deepEqual(rows, [
      ['main;y', 0n, 8n], ['main;z', 3n, 0n], ['main;ä', 4n, 0n], ['main;Ａ', 1n, 0n], ['main;Ａ;z', 0n, 9n],
      ['main;\u{1F600}', 2n, 7n],
    ]);
    assert.equal([...foldedDiffChunks(sides.base, sides.current, {}, 10)].join(''), foldedDiffText(sides.base, sides.current));
  });

  test('rule: without base samples there is nothing to split', () => {
    assert.equal(splitDiffBase(tiny({ samples: [[[1n], 'f']] })), null);
  });

  test('rule: each column sums to what `folded` prints for that profile alone (real CPU pair)', async () => {
    const base = join(PROFILES, 'cpu.pb.gz');
    const next = join(PROFILES, 'second', 'cpu-2.pb.gz');
    const diff = await runInProcess(['folded', next, '--diff-base', base]);
    assert.equal(diff.code, 0, diff.stderr);
    const one = await runInProcess(['folded', base]);
    const two = await runInProcess(['folded', next]);
    assert.ok(diff.stdout.split('\n').every((l) => l === '' || /^.+ -?\d+ -?\d+$/.test(l)), 'two numeric columns');
    assert.equal(sum(diff.stdout, -2), sum(one.stdout, -1));
    assert.equal(sum(diff.stdout, -1), sum(two.stdout, -1));
  });

  test('rule: --base (no diff base label) prints the one-column folded form of the difference', async () => {
    const r = await runInProcess(['folded', join(PROFILES, 'second', 'cpu-2.pb.gz'), '--base', join(PROFILES, 'cpu.pb.gz')]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.split('\n').every((l) => l === '' || /^.+ -?\d+$/.test(l) && !/ -?\d+ -?\d+$/.test(l)));
    assert.match(r.stdout, / -\d+\n/, 'some stacks shrank');
  });

  test('rule: the folded text of a single profile is unchanged by the diff machinery', () => {
    const p = tiny({ samples: [[[3n], 'main', 'f']] });
    assert.equal(foldedText(p), 'main;f 3\n');
  });
});
