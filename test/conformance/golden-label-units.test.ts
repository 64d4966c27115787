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

import { join } from 'node:path';
import { goldenSuite } from '../helpers/golden.js';
import { ROOT } from '../helpers/paths.js';
import { SYNTHETIC_LABEL_UNITS } from '../helpers/report-cases.js';
import { writeSyntheticFixtures } from '../helpers/synthetic-write.js';

writeSyntheticFixtures();

const FOCUS = '-tagfocus=size=1kB:';
/** [report, our command words before the file, go flags, our flags after the file, slug]. */
const CASES: readonly (readonly [string, string[], string[], string[], string])[] = [
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

goldenSuite({
  name: 'label-units',
  cases: CASES.map(([report, command, goFlags, ourFlags, slug]) => ({
    file: `${report}/${slug}.txt`,
    title: `${report} ${slug} of label-units.pb.gz equals go tool pprof, stderr included`,
    goArgv: [...goFlags, join(ROOT, SYNTHETIC_LABEL_UNITS)],
    ourArgv: [...command, join(ROOT, SYNTHETIC_LABEL_UNITS), ...ourFlags],
    goShown: ['go tool pprof', ...goFlags, SYNTHETIC_LABEL_UNITS].join(' '),
    ourShown: ['pprof-ts', ...command, SYNTHETIC_LABEL_UNITS, ...ourFlags].join(' '),
  })),
  minCases: CASES.length,
  recheck: () => true,
  normalize: (text) => text.replace(/^Time: .*\n/m, '').replace(/Time: [^\\"]*\\l/g, ''),
  stderr: { kind: 'recorded' },
  testFile: 'golden-label-units.test.js',
});
