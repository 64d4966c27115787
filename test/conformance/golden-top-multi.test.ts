/**
 * Conformance of two-profile `top`: merging profiles given together, `--base`,
 * `--diff-base` and `--normalize` must print exactly what `go tool pprof -top`
 * printed for the same pair and flags (the Time: line aside): totals, signs,
 * percentages against the base for -diff_base, the summed Duration line.
 * Goldens: test/golden/top-multi/<pair>/<slug>.txt, commands in MANIFEST.json;
 * `UPDATE_GOLDEN=1 node --test dist/test/conformance/golden-top-multi.test.js`
 * regenerates them with the installed Go.
 */

import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';
import { multiCases } from '../helpers/multi-cases.js';
import { goldenSuite, withoutTimeLine } from '../helpers/golden.js';

const REL = 'fixtures/profiles';
const relCases = multiCases(REL);
const absCases = multiCases(join(ROOT, REL));

goldenSuite({
  name: 'top-multi',
  // go runs from the repository root with the relative paths MANIFEST.json shows; pprof-ts gets absolute ones.
  cases: relCases.map((c, i) => ({
    file: `${c.pair}/${c.slug}.txt`,
    title: `top ${c.pair} ${c.slug} equals go tool pprof`,
    goArgv: ['-top', ...c.goArgs],
    ourArgv: ['top', ...absCases[i]!.ourArgs],
    goShown: `go tool pprof -top ${c.goArgs.join(' ')}`,
    ourShown: `pprof-ts top ${c.ourArgs.join(' ')}`,
  })),
  minCases: 100,
  normalize: withoutTimeLine,
  stderr: { kind: 'empty' },
  recheck: (c) => !c.file.slice(0, -'.txt'.length).split('/')[1]!.includes(','),
  testFile: 'golden-top-multi.test.js',
});
