/**
 * Conformance: `pprof-ts raw` on every legacy profile must print exactly what
 * `go tool pprof -symbolize=none -raw` printed: its samples, locations and
 * mappings as pprof's readers make them, including the catch-all mapping
 * its reader adds when addresses lie in no mapping (old Go text) and the
 * placeholder mapping its driver gives a profile that has none (Java).
 * Goldens: test/golden/legacy-raw/<fixture>/default.txt, commands in
 * MANIFEST.json; `UPDATE_GOLDEN=1 node --test dist/test/conformance/golden-legacy-raw.test.js`
 * regenerates them with the installed Go.
 */

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { exactBytes, goldenSuite, type HarnessCase } from '../helpers/golden.js';
import { LEGACY, legacyFixtures } from '../helpers/legacy-cases.js';

/** Fixtures whose data is inconsistent on purpose: read with this warning on stderr. */
const WARNINGS: Record<string, RegExp> = {
  'go-heap-oldtotals.txt': /^pprof-ts: warning: heap profile \(debug=1\): records add up to .* the header and the records disagree\n$/,
};

const cases = legacyFixtures().map((fixture): HarnessCase => ({
  file: `${fixture}/default.txt`,
  title: `raw legacy/${fixture} equals go tool pprof -raw`,
  goArgv: ['-symbolize=none', '-raw', join(LEGACY, fixture)],
  ourArgv: ['raw', join(LEGACY, fixture)],
  goShown: `go tool pprof -symbolize=none -raw fixtures/profiles/legacy/${fixture}`,
  ourShown: `pprof-ts raw fixtures/profiles/legacy/${fixture}`,
}));

goldenSuite({
  name: 'legacy-raw',
  cases,
  minCases: 15,
  // Legacy formats carry no Time: line: the bytes are compared as they are.
  normalize: exactBytes,
  stderr: { kind: 'notes', warning: (file) => WARNINGS[file.slice(0, file.indexOf('/'))] },
  recheck: (_, i) => i % 5 === 0,
  testFile: 'golden-legacy-raw.test.js',
  checkManifest: (manifest) => {
    assert.ok(manifest.goldens.every((g) => g.command.includes('-symbolize=none')));
  },
});
