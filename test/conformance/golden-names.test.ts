/**
 * Conformance of the function names pprof's driver rewrites before any
 * report (src/model/function-name.ts): demangled C++ loses its parameter
 * lists and template arguments, an empty name shows the system name, and
 * the Java and Go shapes pprof excludes stay whole; in every report, and in
 * what -focus matches; with -symbolize=none, none of it (pprof then runs no
 * demangler). Fixture: fixtures/synthetic/cpp-names.pb.gz
 * (synthetic-names.ts). Goldens and go's stderr: test/golden/names/;
 * regenerate with `UPDATE_GOLDEN=1 node --test dist/test/conformance/golden-names.test.js`.
 */

import { syntheticSuite, type SyntheticCase } from '../helpers/golden.js';
import { SYNTHETIC_NAMES } from '../helpers/report-cases.js';
import { writeSyntheticFixtures } from '../helpers/synthetic-write.js';

writeSyntheticFixtures();

const CASES: readonly SyntheticCase[] = [
  ['top', ['top'], ['-top'], [], 'default'],
  ['top', ['top'], ['-top', '-focus=^ns::Klass::method$'], ['--focus', '^ns::Klass::method$'], 'focus=Klass'],
  ['top', ['top'], ['-top', '-lines'], ['--granularity', 'lines'], 'lines'],
  ['tree', ['tree'], ['-tree'], [], 'default'],
  ['peek', ['peek', '::'], ['-peek=::'], [], 'default'],
  ['traces', ['traces'], ['-traces'], [], 'default'],
  ['raw', ['raw'], ['-raw'], [], 'default'],
  // -symbolize=none: pprof runs no demangler, and every name shows as the profile stores it.
  ['top', ['top'], ['-top', '-symbolize=none'], ['--symbolize', 'none'], 'symbolize=none'],
  ['top', ['top'], ['-top', '-symbolize=none', '-focus=^ns::Klass<int>::method'], ['--symbolize', 'none', '--focus', '^ns::Klass<int>::method'],
    'symbolize=none,focus=Klass'],
  ['tree', ['tree'], ['-tree', '-symbolize=none'], ['--symbolize', 'none'], 'symbolize=none'],
  ['peek', ['peek', '::'], ['-peek=::', '-symbolize=none'], ['--symbolize', 'none'], 'symbolize=none'],
  ['traces', ['traces'], ['-traces', '-symbolize=none'], ['--symbolize', 'none'], 'symbolize=none'],
  ['tags', ['tags'], ['-tags', '-symbolize=none'], ['--symbolize', 'none'], 'symbolize=none'],
  // Merged with itself: the merge keeps the stored names.
  ['traces', ['traces'], ['-traces', '-symbolize=none', SYNTHETIC_NAMES], ['--symbolize', 'none', SYNTHETIC_NAMES], 'symbolize=none,merged'],
];

syntheticSuite('names', SYNTHETIC_NAMES, CASES);
