/**
 * Conformance: `pprof-ts top` must print exactly what `go tool pprof -top`
 * printed for the same profile and flags (Time: lines aside), stderr notes
 * included. Goldens: test/golden/filters/<fixture>/<flags>.txt, commands in
 * MANIFEST.json; `UPDATE_GOLDEN=1 npm test` regenerates them with the installed Go.
 */

import { defineGoldenSuite } from '../helpers/golden.js';
import { filterCases } from '../helpers/report-cases.js';
import { writeSyntheticFixtures } from '../helpers/synthetic-write.js';

writeSyntheticFixtures();
defineGoldenSuite({ name: 'filters', goReport: '-top', command: 'top', cases: filterCases(), minCases: 60 });
