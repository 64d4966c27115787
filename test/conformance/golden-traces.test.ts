/**
 * Conformance: `pprof-ts traces` must print exactly what `go tool pprof -traces`
 * printed for the same profile and flags (Time: lines aside), stderr notes
 * included. Goldens: test/golden/traces/<fixture>/<flags>.txt, commands in
 * MANIFEST.json; `UPDATE_GOLDEN=1 npm test` regenerates them with the installed Go.
 */

import { defineGoldenSuite } from '../helpers/golden.js';
import { tracesCases } from '../helpers/report-cases.js';
import { writeSyntheticFixtures } from '../helpers/synthetic-write.js';

writeSyntheticFixtures();
defineGoldenSuite({ name: 'traces', goReport: '-traces', command: 'traces', cases: tracesCases(), minCases: 150 });
