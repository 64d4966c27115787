/**
 * Conformance on profiles from a producer other than Go: @datadog/pprof
 * (the pprof-nodejs lineage) profiling a Node.js program
 * (fixtures/nodejs/burn.mjs, captured by fixtures/capture-nodejs.sh). Its
 * profiles differ from Go's in ways the readers and reports must take as
 * pprof does: one placeholder mapping and every address 0, V8's names
 * (`(anonymous:L#66:C#53)`, `RegExp: ...`, `Garbage Collection`), deep
 * self-recursion, wall time as the second sample type, no labels. Every report below
 * must print exactly what `go tool pprof` printed with the same flags (the
 * go spelling is given to both tools).
 * Goldens: test/golden/producers/<fixture>/<flags>.txt, commands in
 * MANIFEST.json; `UPDATE_GOLDEN=1 node --test dist/test/conformance/golden-producers.test.js`
 * regenerates them with the installed Go.
 */

import { join } from 'node:path';
import { goldenSuite, withoutDotTimeLine, withoutTimeLine, type HarnessCase } from '../helpers/golden.js';
import { PROFILES } from '../helpers/paths.js';

/** The flag sets, each named by its flags (the golden's file name). */
const FLAGS: readonly (readonly string[])[] = [
  ['-top'],
  ['-top', '-cum'],
  ['-top', '-lines'],
  ['-top', '-files'],
  ['-top', '-addresses'],
  ['-top', '-sample_index=0'],
  ['-top', '-nodecount=5'],
  ['-top', '-focus=round', '-hide=fib'],
  ['-top', '-show_from=round'],
  ['-top', '-prune_from=Tree'],
  ['-top', '-ignore=Garbage'],
  ['-traces'],
  ['-traces', '-lines'],
  ['-tree'],
  ['-tree', '-lines'],
  ['-peek=walk|fib'],
  ['-raw'],
  ['-dot'],
];

const FIXTURES = ['wall.pb.gz', 'heap.pb.gz'];

const slug = (flags: readonly string[]): string => flags.map((f) => f.replace(/^-/, '').replaceAll('|', '_')).join(',');

const cases = FIXTURES.flatMap((fixture) => FLAGS.map((flags): HarnessCase => {
  const rel = `fixtures/profiles/nodejs/${fixture}`;
  return {
    file: `${fixture}/${slug(flags)}.txt`,
    title: `${fixture} (@datadog/pprof) ${flags.join(' ')} equals go tool pprof`,
    goArgv: [...flags, join(PROFILES, 'nodejs', fixture)],
    ourArgv: [...flags, join(PROFILES, 'nodejs', fixture)],
    goShown: `go tool pprof ${flags.join(' ')} ${rel}`,
    ourShown: `pprof-ts ${flags.join(' ')} ${rel}`,
  };
}));

goldenSuite({
  name: 'producers',
  cases,
  minCases: 36,
  normalize: (text) => withoutDotTimeLine(withoutTimeLine(text)),
  // go tool pprof adds "Main binary filename not available." (no binary to symbolize); pprof-ts prints only pprof's notes.
  stderr: { kind: 'notes' },
  recheck: (_, i) => i % 6 === 0,
  testFile: 'golden-producers.test.js',
});
