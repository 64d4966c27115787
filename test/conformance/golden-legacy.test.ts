/**
 * Conformance: `pprof-ts top` on legacy profiles (gperftools CPU and heap,
 * tcmalloc heap_v2, contentionz, threadz, growthz, heapz_v2, Java
 * heapz/contentionz/CPU, old Go text) must print exactly what
 * `go tool pprof -symbolize=none -top` printed. Goldens are committed under
 * test/golden/legacy/<fixture>/<flags>.txt with the command that made each
 * in MANIFEST.json; `UPDATE_GOLDEN=1` regenerates them with the installed Go.
 * Without -symbolize=none pprof would look up the binaries named in each
 * memory map on this machine (libc.so.6 is there) and the goldens would
 * depend on the machine; pprof-ts does not symbolize.
 */

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { exactBytes, goldenSuite, type HarnessCase } from '../helpers/golden.js';
import { allLegacyCases, LEGACY, legacyFixtures, type LegacyCase } from '../helpers/legacy-cases.js';

/** Fixtures whose data is inconsistent on purpose: read with this warning on stderr. */
const WARNINGS: Record<string, RegExp> = {
  'go-heap-oldtotals.txt': /^pprof-ts: warning: heap profile \(debug=1\): records add up to 26: 1212416 \[104: 4849664\] but the header says 40: 1310720 \[120: 5242880\]: the header and the records disagree\n$/,
};

const byFile = new Map<string, LegacyCase>();
const cases = allLegacyCases().map((c): HarnessCase => {
  const file = `${c.fixture}/${c.slug}.txt`;
  byFile.set(file, c);
  return {
    file,
    title: `top legacy/${c.fixture} ${c.slug} equals go tool pprof`,
    goArgv: ['-symbolize=none', '-top', ...c.goArgs, join(LEGACY, c.fixture)],
    ourArgv: ['top', join(LEGACY, c.fixture), ...c.ourArgs],
    goShown: `go tool pprof -symbolize=none -top ${c.goArgs.join(' ')} fixtures/profiles/legacy/${c.fixture}`.replace(/  +/g, ' '),
    ourShown: `pprof-ts top fixtures/profiles/legacy/${c.fixture} ${c.ourArgs.join(' ')}`.trim(),
  };
});

goldenSuite({
  name: 'legacy',
  cases,
  minCases: 15,
  // Legacy formats carry no Time: line: the bytes are compared as they are.
  normalize: exactBytes,
  // pprof's own notes (`Focus expression matched no samples`) are printed by go tool pprof too.
  stderr: { kind: 'notes', warning: (file) => WARNINGS[byFile.get(file)!.fixture] },
  recheck: (c) => ['default', 'granularity=addresses'].includes(byFile.get(c.file)!.slug),
  testFile: 'golden-legacy.test.js',
  checkManifest: (manifest) => {
    assert.ok(legacyFixtures().length >= 15, `expected every legacy format, got ${legacyFixtures().join(', ')}`);
    assert.ok(manifest.goldens.every((g) => g.command.includes('-symbolize=none')));
  },
});
