/**
 * Adversarial text for the linear-time tests of the text readers: each case
 * builds an input of about `size` bytes in the shape of one reader (header
 * plus long runs of spaces, tabs, digits, `@` and `:` characters, unterminated
 * lines, or very many empty records). Run as a script with `--probe <size>`,
 * it parses every case once and prints one JSON line per case with the
 * least CPU time it took: test/scale/text-linear.test.ts compares sizes.
 */

import { parseProfile } from '../../src/parse.js';
import { parseGoroutineDump } from '../../src/decode/text/dump-input.js';
import { isPprofError } from '../../src/errors.js';

/** One adversarial input. */
export interface AdversarialCase {
  name: string;
  /** Which entry point reads it. */
  reader: 'profile' | 'dump';
  build: (size: number) => string;
}

const fill = (unit: string, size: number): string => unit.repeat(Math.max(1, Math.floor(size / unit.length)));

const HEADERS: Record<string, string> = {
  goroutine: 'goroutine profile: total 1\n',
  heap: 'heap profile: 1: 1 [1: 1] @ heap/1048576\n',
  mutex: '--- mutex:\ncycles/second=1000000000\nsampling period=1\n',
  block: '--- contention:\ncycles/second=1000000000\n',
};

function debug1Cases(kind: string): AdversarialCase[] {
  const h = HEADERS[kind]!;
  const head = kind === 'heap' ? '1: 1 [1: 1]' : kind === 'goroutine' ? '1' : '1 1';
  const c = (name: string, build: (size: number) => string): AdversarialCase => ({ name: `${kind}: ${name}`, reader: 'profile', build });
  return [
    c('a line of spaces', (n) => `${h}${fill(' ', n)}\n`),
    c('a line of spaces without @, then x', (n) => `${h}1${fill(' ', n)}x\n`),
    c('spaces before @', (n) => `${h}${head}${fill(' ', n)}@ 0x1\n`),
    c('spaces after @, then garbage', (n) => `${h}${head} @${fill(' ', n)}x\n`),
    c('tabs and spaces after @', (n) => `${h}${head} @${fill(' \t', n)}0xg\n`),
    c('many @ with blanks', (n) => `${h}${fill('@ \t ', n)}x\n`),
    c('addresses then garbage', (n) => `${h}${head} @${fill(' 0x1', n)} x\n`),
    c('a run of digits', (n) => `${h}${fill('1', n)} @ 0x1\n`),
    c('a run of digits as an address', (n) => `${h}${head} @ 0x${fill('f', n)}\n`),
    c('an unterminated line', (n) => `${h}${head} @${fill(' 0x1', n)}`),
    c('frame line with many +0x', (n) => `${h}${head} @ 0x1\n#\t0x1\t${fill('f+0x1', n)}\t/m.go:1\n\n`),
    c('frame line with many colons', (n) => `${h}${head} @ 0x1\n#\t0x1\tf+0x0\t${fill(':1', n)}x\n\n`),
    c('empty records', (n) => `${h}${fill(`${head} @\n\n`, n)}`),
    c('blank lines', (n) => `${h}${fill('\n', n)}`),
    // Label maps are read by one shared reader: once (goroutine) is enough and keeps the test quick.
    ...(kind !== 'goroutine' ? [] : labelCases(c, h, head)),
  ];
}

function labelCases(c: (name: string, build: (size: number) => string) => AdversarialCase, h: string, head: string): AdversarialCase[] {
  return [
    c('labels', (n) => `${h}${head} @ 0x1\n# labels: {${fill('"k":"v", ', n)}"k":"v"}\n#\t0x1\tf+0x0\t/m.go:1\n\n`),
    c('label escapes', (n) => `${h}${head} @ 0x1\n# labels: {"k":"${fill('\\x41\\u00e9\\101', n)}"}\n\n`),
    c('unclosed label string', (n) => `${h}${head} @ 0x1\n# labels: {"${fill('\\\\', n)}}\n\n`),
  ];
}

function dumpCases(): AdversarialCase[] {
  const c = (name: string, build: (size: number) => string): AdversarialCase => ({ name: `goroutine dump: ${name}`, reader: 'dump', build });
  const g = 'goroutine 1 [running]:\n';
  return [
    c('header with spaces', (n) => `goroutine 1${fill(' ', n)}x\n`),
    c('header with a long state', (n) => `goroutine 1 [${fill(']: ', n)}x\n`),
    c('header with many brackets', (n) => `goroutine 1 ${fill('[ ', n)}]:\n`),
    c('frame with many parentheses', (n) => `${g}${fill('f(', n)}\n\t/m.go:1 +0x1\n`),
    c('position with many colons', (n) => `${g}main.main()\n\t${fill(':1', n)} +0x1 fp=\n`),
    c('position with fp= runs', (n) => `${g}main.main()\n\t/m.go:1${fill(' fp=x sp=y pc=z', n)}\n`),
    c('position with spaces', (n) => `${g}main.main()\n\t/m.go:1${fill(' ', n)}+0x1\n`),
    c('created by with many "in goroutine"', (n) => `${g}main.main()\n\t/m.go:1 +0x1\ncreated by ${fill(' in goroutine 1', n)}x\n\t/m.go:1 +0x1\n`),
    c('many goroutines', (n) => fill(`${g}main.main()\n\t/m.go:1 +0x1\n\n`, n)),
    c('an unterminated line', (n) => `${g}main.main()\n\t/m.go:1 +0x1\n${fill('f', n)}`),
    c('status with many commas', (n) => `goroutine 1 [${fill('x, ', n)}1 minutes]:\nmain.main()\n\t/m.go:1 +0x1\n`),
  ];
}

/** Every adversarial case, for every text reader. */
export function adversarialCases(): AdversarialCase[] {
  return [...Object.keys(HEADERS).flatMap(debug1Cases), ...dumpCases()];
}

/** Parses one input; returns 'ok', the PprofError code, or throws anything else. */
export function readOnce(c: AdversarialCase, text: string): string {
  try {
    if (c.reader === 'dump') parseGoroutineDump(text);
    else parseProfile(new TextEncoder().encode(text));
    return 'ok';
  } catch (e) {
    if (isPprofError(e)) return e.code;
    throw e;
  }
}

function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

if (process.argv[2] === '--probe') {
  const size = Number(process.argv[3]);
  const only = process.argv[4];
  for (const c of adversarialCases()) {
    if (only !== undefined && c.name !== only) continue;
    const text = c.build(size);
    let best = Infinity;
    let outcome = '';
    for (let run = 0; run < 1; run++) {
      const t0 = cpuMicros();
      outcome = readOnce(c, text);
      best = Math.min(best, cpuMicros() - t0);
    }
    process.stdout.write(`${JSON.stringify({ name: c.name, bytes: text.length, micros: best, outcome })}\n`);
  }
}
