/**
 * Conformance of the graph options shared by top, tree and dot
 * (--relative-percentages, --drop-negative, --mean) against go tool pprof's
 * -relative_percentages, -drop_negative and -mean, on every fixture.
 * Regenerate: UPDATE_GOLDEN=1 node --test dist/test/conformance/golden-graph-options.test.js
 */

import { goldenTests, withoutDotTimeLine, withoutTimeLine } from '../helpers/golden.js';
import { graphOptionCases } from '../helpers/graph-cases.js';

for (const report of ['top', 'tree', 'dot'] as const) {
  goldenTests({
    report: `options/${report}`,
    testFile: 'golden-graph-options.test.js',
    cases: graphOptionCases(report),
    ourArgv: (c, path) => [report, path, ...c.ourArgs],
    recheck: (c) => c.slug === 'drop_negative',
    minCases: 40,
    normalize: report === 'dot' ? withoutDotTimeLine : withoutTimeLine,
  });
}
