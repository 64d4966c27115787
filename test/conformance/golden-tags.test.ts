/**
 * Conformance: `pprof-ts tags` must print exactly what `go tool pprof -tags`
 * printed for the same profile and flags (Time: lines aside), stderr notes
 * included. Goldens: test/golden/tags/<fixture>/<flags>.txt, commands in
 * MANIFEST.json; `UPDATE_GOLDEN=1 npm test` regenerates them with the installed Go.
 */

import { defineGoldenSuite } from '../helpers/golden.js';
import { tagsCases } from '../helpers/report-cases.js';
import { writeSyntheticFixtures } from '../helpers/synthetic-write.js';

writeSyntheticFixtures();
defineGoldenSuite({ name: 'tags', goReport: '-tags', command: 'tags', cases: tagsCases(), minCases: 100 });
