/**
 * Conformance: `pprof-ts peek <regex>` prints exactly what
 * `go tool pprof -peek=<regex>` prints (the Time: line aside).
 * Regenerate: UPDATE_GOLDEN=1 node --test dist/test/conformance/golden-peek.test.js
 */

import { goldenTests } from '../helpers/golden.js';
import { peekCases } from '../helpers/graph-cases.js';

goldenTests({
  report: 'peek',
  cases: peekCases(),
  ourArgv: (c, path) => ['peek', c.ourArgs[0]!, path, ...c.ourArgs.slice(1)],
  recheck: (c) => c.slug === 'default',
  minCases: 100,
});
