/**
 * Conformance: `pprof-ts raw` must print exactly what `go tool pprof -raw`
 * printed for the same profile and flags (Time: lines aside), stderr notes
 * included. Goldens: test/golden/raw/<fixture>/<flags>.txt, commands in
 * MANIFEST.json; `UPDATE_GOLDEN=1 npm test` regenerates them with the installed Go.
 */

import { defineGoldenSuite } from '../helpers/golden.js';
import { rawCases } from '../helpers/report-cases.js';
import { writeSyntheticFixtures } from '../helpers/synthetic-write.js';

writeSyntheticFixtures();
defineGoldenSuite({ name: 'raw', goReport: '-raw', command: 'raw', cases: rawCases(), minCases: 100 });
