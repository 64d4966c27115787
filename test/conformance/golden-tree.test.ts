/**
 * Conformance: `pprof-ts tree` prints exactly what `go tool pprof -tree`
 * prints (the Time: line aside) on every fixture crossed with top's options.
 * Regenerate: UPDATE_GOLDEN=1 node --test dist/test/conformance/golden-tree.test.js
 */

import { goldenTests } from '../helpers/golden.js';
import { treeCases } from '../helpers/graph-cases.js';

goldenTests({
  report: 'tree',
  cases: treeCases(),
  ourArgv: (c, path) => ['tree', path, ...c.ourArgs],
  recheck: (c) => c.slug === 'default',
  minCases: 100,
});
