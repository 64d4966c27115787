/**
 * Conformance of the function names pprof's driver rewrites before any
 * report (src/model/function-name.ts): demangled C++ loses its parameter
 * lists and template arguments, an empty name shows the system name, and
 * the Java and Go shapes pprof excludes stay whole; in every report, and in
 * what -focus matches. Fixture: fixtures/synthetic/cpp-names.pb.gz
 * (synthetic-names.ts). Goldens and go's stderr: test/golden/names/;
 * regenerate with `UPDATE_GOLDEN=1 node --test dist/test/conformance/golden-names.test.js`.
 */

import { join } from 'node:path';
import { goldenSuite } from '../helpers/golden.js';
import { ROOT } from '../helpers/paths.js';
import { SYNTHETIC_NAMES } from '../helpers/report-cases.js';
import { writeSyntheticFixtures } from '../helpers/synthetic-write.js';

writeSyntheticFixtures();

/** [report, our command words before the file, go flags, our flags after the file, slug]. */
const CASES: readonly (readonly [string, string[], string[], string[], string])[] = [
  ['top', ['top'], ['-top'], [], 'default'],
  ['top', ['top'], ['-top', '-focus=^ns::Klass::method$'], ['--focus', '^ns::Klass::method$'], 'focus=Klass'],
  ['top', ['top'], ['-top', '-lines'], ['--granularity', 'lines'], 'lines'],
  ['tree', ['tree'], ['-tree'], [], 'default'],
  ['peek', ['peek', '::'], ['-peek=::'], [], 'default'],
  ['traces', ['traces'], ['-traces'], [], 'default'],
  ['raw', ['raw'], ['-raw'], [], 'default'],
];

goldenSuite({
  name: 'names',
  cases: CASES.map(([report, command, goFlags, ourFlags, slug]) => ({
    file: `${report}/${slug}.txt`,
    title: `${report} ${slug} of cpp-names.pb.gz equals go tool pprof, stderr included`,
    goArgv: [...goFlags, join(ROOT, SYNTHETIC_NAMES)],
    ourArgv: [...command, join(ROOT, SYNTHETIC_NAMES), ...ourFlags],
    goShown: ['go tool pprof', ...goFlags, SYNTHETIC_NAMES].join(' '),
    ourShown: ['pprof-ts', ...command, SYNTHETIC_NAMES, ...ourFlags].join(' '),
  })),
  minCases: CASES.length,
  recheck: () => true,
  normalize: (text) => text.replace(/^Time: .*\n/m, ''),
  stderr: { kind: 'recorded' },
  testFile: 'golden-names.test.js',
});
