/**
 * Conformance of top's `(inline)` marks when filters drop the only sample
 * through an inlined call and no edge cut-off applies (-edgefraction=0,
 * -trim=false): pprof's graph is made from the kept samples, so no edge of
 * the dropped sample marks a row. Fixture: fixtures/synthetic/inline-edges.pb.gz
 * (synthetic-inline-edges.ts). Goldens and go's stderr:
 * test/golden/inline-edges/<report>/<flags>.txt; regenerate with
 * `UPDATE_GOLDEN=1 node --test dist/test/conformance/golden-inline-edges.test.js`.
 */

import { syntheticSuite, type SyntheticCase } from '../helpers/golden.js';
import { SYNTHETIC_INLINE_EDGES } from '../helpers/report-cases.js';
import { writeSyntheticFixtures } from '../helpers/synthetic-write.js';

writeSyntheticFixtures();

const CASES: readonly SyntheticCase[] = [
  ['top', ['top'], ['-top'], [], 'default'],
  ['top', ['top'], ['-top', '-trim=false'], ['--no-trim'], 'trim=false'],
  ['top', ['top'], ['-top', '-tagfocus=workload=web', '-edgefraction=0'], ['--tagfocus', 'workload=web', '--edgefraction', '0'],
    'tagfocus=workload=web,edgefraction=0'],
  ['top', ['top'], ['-top', '-tagignore=workload=batch', '-trim=false'], ['--tagignore', 'workload=batch', '--no-trim'],
    'tagignore=workload=batch,trim=false'],
  ['top', ['top'], ['-top', '-focus=caller', '-edgefraction=0'], ['--focus', 'caller', '--edgefraction', '0'],
    'focus=caller,edgefraction=0'],
  ['top', ['top'], ['-top', '-tagfocus=web', '-trim=false', '-cum'], ['--tagfocus', 'web', '--no-trim', '--cum'],
    'tagfocus=web,trim=false,cum'],
  ['tree', ['tree'], ['-tree', '-tagfocus=workload=web', '-edgefraction=0'], ['--tagfocus', 'workload=web', '--edgefraction', '0'],
    'tagfocus=workload=web,edgefraction=0'],
];

syntheticSuite('inline-edges', SYNTHETIC_INLINE_EDGES, CASES);
