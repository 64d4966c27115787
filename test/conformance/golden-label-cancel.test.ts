/**
 * Conformance of report totals where samples cancel out: pprof merges a
 * profile as it loads it, so two samples of one stack and labels with values
 * +5 and -5 are gone before it sums |value| for the total (and every
 * percentage and cut-off). The fixture (fixtures/synthetic/label-cancel.pb.gz,
 * synthetic-label-sums.ts) has such a pair, an all-zero sample and samples
 * that only sum; a report that merely adds samples up would print a total
 * of 140ms where pprof prints 40ms. Goldens and go's stderr:
 * test/golden/label-cancel/<report>/<flags>.txt; regenerate with
 * `UPDATE_GOLDEN=1 node --test dist/test/conformance/golden-label-cancel.test.js`.
 */

import { syntheticSuite, type SyntheticCase } from '../helpers/golden.js';
import { SYNTHETIC_LABEL_CANCEL } from '../helpers/report-cases.js';
import { writeSyntheticFixtures } from '../helpers/synthetic-write.js';

writeSyntheticFixtures();

const CASES: readonly SyntheticCase[] = [
  ['top', ['top'], ['-top'], [], 'default'],
  ['top', ['top'], ['-top', '-sample_index=0'], ['--sample-index', '0'], 'sample_index=0'],
  ['top', ['top'], ['-top', '-relative_percentages', '-focus=idle'], ['--relative-percentages', '--focus', 'idle'],
    'relative_percentages,focus=idle'],
  ['top', ['top'], ['-top', '-nodefraction=0.3'], ['--nodefraction', '0.3'], 'nodefraction=0.3'],
  ['tree', ['tree'], ['-tree'], [], 'default'],
  ['peek', ['peek', 'main'], ['-peek=main'], [], 'default'],
  ['dot', ['dot'], ['-dot'], [], 'default'],
  ['traces', ['traces'], ['-traces'], [], 'default'],
];

syntheticSuite('label-cancel', SYNTHETIC_LABEL_CANCEL, CASES);
