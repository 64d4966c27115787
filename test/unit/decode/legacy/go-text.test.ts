// Old Go debug=1 text as pprof reads it: files without frame lines keep
// their addresses as frames (not samples with empty stacks under a correct
// total), and heap header totals that disagree with the records are read
// with a warning.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile } from '../../../../src/parse.js';
import { readingWarnings } from '../../../../src/decode/legacy/warnings.js';
import { topTable } from '../../../../src/report/top.js';
import { samplesOf, utf8 } from './helpers.js';

test('threadcreate debug=1 without "#" frame lines: every sample keeps its addresses, moved back one byte', () => {
  const p = parseProfile(utf8('threadcreate profile: total 3\n2 @ 0x43e455 0x46bd21\n1 @ 0x43e455 0x4405f1 0x46bd21\n'));
  assert.deepEqual(samplesOf(p), ['2 | 43e454@ 46bd20@', '1 | 43e454@ 4405f0@ 46bd20@']);
  // No memory map follows: as pprof's reader does, one file-less mapping spans every address.
  assert.deepEqual(p.mappings.map((m) => [m.id, m.memoryStart, m.memoryLimit, m.fileOffset, m.filename]),
    [[1n, 0n, 0xffffffffffffffffn, 0n, '']]);
  const rows = topTable(p, { nodeFraction: 0 }).rows;
  assert.ok(rows.length > 0, 'an empty table under a correct total is the bug this guards against');
  assert.equal(rows.reduce((a, r) => a + r.flat, 0n), 3n);
  assert.deepEqual(readingWarnings(p), []);
});

test('a file that prints frame lines keeps a frameless record empty (only runtime.goexit, which is never printed)', () => {
  const p = parseProfile(utf8('goroutine profile: total 2\n1 @ 0x43e455 0x46bd21\n#\t0x43e454\tmain.f+0x14\t/src/main.go:7\n\n1 @ 0x46bd21\n\n'));
  assert.deepEqual(samplesOf(p).map((s) => s.split(' | ')[1]), ['43e454@:main.f', '']);
});

test('heap debug=1 with header totals above its records: read, with a warning naming both', () => {
  const text = 'heap profile: 9: 900 [9: 900] @ heap/1048576\n1: 100 [1: 100] @ 0x40e3a8\n\n# runtime.MemStats\n';
  const p = parseProfile(utf8(text));
  assert.equal(p.samples.count, 1);
  assert.deepEqual(readingWarnings(p), ['heap profile (debug=1): records add up to 1: 100 [1: 100] but the header says 9: 900 [9: 900]: the header and the records disagree']);
  // The warning is a '#' comment, which report headers leave out (as pprof does).
  assert.ok(p.comments.every((c) => c.startsWith('#')));
});
