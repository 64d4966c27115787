/**
 * Conformance: `pprof-ts dot` prints exactly the DOT text of
 * `go tool pprof -dot` (the legend's Time: line aside) on every fixture
 * crossed with top's options.
 * Regenerate: UPDATE_GOLDEN=1 node --test dist/test/conformance/golden-dot.test.js
 */

import { goldenTests, withoutDotTimeLine } from '../helpers/golden.js';
import { dotCases } from '../helpers/graph-cases.js';

goldenTests({
  report: 'dot',
  cases: dotCases(),
  ourArgv: (c, path) => ['dot', path, ...c.ourArgs],
  recheck: (c) => c.slug === 'default',
  minCases: 100,
  normalize: withoutDotTimeLine,
});
