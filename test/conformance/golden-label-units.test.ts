/**
 * Conformance of numeric label units, in every kind of report: pprof notes
 * on stderr each key whose numeric labels carry two units
 * (`For tag size used unit bytes, also encountered unit(s) megabytes`),
 * whatever the report, and takes each key's unit (for `-tagfocus` ranges
 * and label text) from the merged profile, which has no all-zero sample.
 * The fixture (fixtures/synthetic/label-units.pb.gz, synthetic-label-sums.ts)
 * starts with an all-zero sample in `kilobytes`. Goldens and go's stderr:
 * test/golden/label-units/<report>/<flags>.txt; regenerate with
 * `UPDATE_GOLDEN=1 node --test dist/test/conformance/golden-label-units.test.js`.
 */

import { syntheticSuite, type SyntheticCase } from '../helpers/golden.js';
import { SYNTHETIC_LABEL_UNITS } from '../helpers/report-cases.js';
import { writeSyntheticFixtures } from '../helpers/synthetic-write.js';

writeSyntheticFixtures();

const FOCUS = '-tagfocus=size=1kB:';
const CASES: readonly SyntheticCase[] = [
  ['top', ['top'], ['-top'], [], 'default'],
  ['top', ['top'], ['-top', FOCUS], ['--tagfocus', 'size=1kB:'], 'tagfocus=size=1kB:'],
  ['tree', ['tree'], ['-tree'], [], 'default'],
  ['peek', ['peek', 'main'], ['-peek=main'], [], 'default'],
  ['dot', ['dot'], ['-dot', FOCUS], ['--tagfocus', 'size=1kB:'], 'tagfocus=size=1kB:'],
  ['traces', ['traces'], ['-traces'], [], 'default'],
  ['traces', ['traces'], ['-traces', FOCUS], ['--tagfocus', 'size=1kB:'], 'tagfocus=size=1kB:'],
  ['raw', ['raw'], ['-raw'], [], 'default'],
  ['tags', ['tags'], ['-tags'], [], 'default'],
  ['tags', ['tags'], ['-tags', FOCUS], ['--tagfocus', 'size=1kB:'], 'tagfocus=size=1kB:'],
];

syntheticSuite('label-units', SYNTHETIC_LABEL_UNITS, CASES);
