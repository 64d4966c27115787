/**
 * Conformance: `pprof-ts top` must print exactly what `go tool pprof -top`
 * printed for the same fixture and flags (the Time: line aside). Goldens are
 * committed under test/golden/top/<fixture>/<flags>.txt with the command that
 * made each in MANIFEST.json; `UPDATE_GOLDEN=1 node --test
 * dist/test/conformance/golden-top.test.js` regenerates them with the
 * installed Go (harness: test/helpers/golden.ts).
 */

import { goldenTests } from '../helpers/golden.js';
import { allTopCases } from '../helpers/top-cases.js';

goldenTests({
  report: 'top',
  cases: allTopCases().map((c) => ({ ...c, goArgs: ['-top', ...c.goArgs] })),
  ourArgv: (c, path) => ['top', path, ...c.ourArgs],
  recheck: (c) => c.slug === 'default' || c.slug === 'granularity=lines',
  minCases: 100,
});
