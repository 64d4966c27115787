/**
 * Runs a slice of fuzz inputs in this process (spawned by the fuzz test or by
 * `node dist/test/fuzz/runner.js --run <seed> <first> <count>`): every input
 * goes through parseProfile and, when it parses, through top (every sample
 * type, text and JSON), folded, the flame graph and its page data; text that
 * is a goroutine dump also goes through the goroutines report. Prints
 * `{"start":n}` before each input (so the parent knows which one hung or ran
 * out of memory) and one `{"fail":...}` line per finding: a throw that is not
 * a PprofError, an 'internal' PprofError, totals that do not add up, NaN /
 * Infinity in an output, or the two ways of decoding stacks disagreeing
 * (bytes the parser owns keep stacks in place and may be rewritten there;
 * bytes the caller keeps are copied): same stacks, or the same error.
 */

import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseOwnedProfile, parseProfile } from '../../src/parse.js';
import { isGzip } from '../../src/decode/gunzip.js';
import { gunzipSync } from 'node:zlib';
import { isPprofError } from '../../src/errors.js';
import { topTable } from '../../src/report/top.js';
import { renderTopText } from '../../src/report/text.js';
import { renderTopJson } from '../../src/report/json.js';
import { foldedStacks } from '../../src/render/folded.js';
import { flameGraph } from '../../src/render/flame-graph.js';
import { buildFlamePayload } from '../../src/render/flame-data.js';
import { codesHalves, fillHalf, settleHalves } from '../../src/query/split-halves.js';
import { prepareView } from '../../src/query/view.js';
import { parseGoroutineDump } from '../../src/decode/text/dump-input.js';
import { groupGoroutines } from '../../src/query/goroutine-groups.js';
import { renderGoroutinesJson, renderGoroutinesText } from '../../src/report/goroutines.js';
import type { Profile } from '../../src/model/profile.js';
import { fuzzInput, loadSeeds, type Seed } from './mutate.js';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..', '..');
/** Fixtures the mutator starts from. */
export const SEED_DIRS = [join(ROOT, 'fixtures', 'profiles'), join(ROOT, 'test', 'data')];
/** Decompression limit for fuzz inputs, so a bomb is refused without filling memory. */
export const FUZZ_MAX_BYTES = 16 << 20;

class Finding extends Error {}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Finding(what);
}

function finite(text: string, where: string): void {
  check(!/\bNaN\b|\bInfinity\b/.test(text), `${where} contains NaN or Infinity`);
}

/** Every report of a parsed profile, with its consistency checks. */
function reports(p: Profile): void {
  for (let k = 0; k < p.sampleTypes.length; k++) {
    let signed = 0n;
    let abs = 0n;
    for (let i = 0; i < p.samples.count; i++) {
      const v = p.samples.get(i).values[k]!;
      signed += v;
      abs += v < 0n ? -v : v;
    }
    const table = topTable(p, { sampleIndex: k, nodeCount: 1 << 30, nodeFraction: 0 });
    check(table.total === abs, `top total ${table.total} != sum of |values| ${abs} (sample type ${k})`);
    finite(renderTopText(table), 'top text');
    finite(renderTopJson(table), 'top JSON');
    const folded = foldedStacks(p, { sampleIndex: k });
    const foldedSum = folded.reduce((a, s) => a + s.value, 0n);
    const g = flameGraph(p, { sampleIndex: k });
    check(g.total === abs, `flame graph total ${g.total} != ${abs}`);
    // With no filter, every sample is in the folded lines and under the flame graph's root.
    check(foldedSum === g.root.data.total, `folded lines add up to ${foldedSum}, flame graph root to ${g.root.data.total}`);
    check(g.root.data.total === signed, `flame graph root ${g.root.data.total} != sum of values ${signed}`);
    check(Number.isFinite(g.root.value ?? 0), 'flame graph value is not finite');
  }
  const payload = buildFlamePayload(p, { minWidth: 0.001, title: 'fuzz' });
  for (const t of payload.types) {
    for (const tree of [t.trees.callees, t.trees.callers]) {
      for (const arr of [tree.t, tree.s, tree.w ?? []]) check(arr.every(Number.isFinite), 'flame page data has a non-finite number');
    }
  }
}

function dumpReport(bytes: Uint8Array): void {
  let dump;
  try {
    dump = parseGoroutineDump(bytes, { maxDecompressedBytes: FUZZ_MAX_BYTES });
  } catch (e) {
    if (isPprofError(e) && e.code !== 'internal') return;
    throw e;
  }
  const r = groupGoroutines(dump);
  check(r.total === dump.goroutines.length, `report total ${r.total} != ${dump.goroutines.length} goroutines`);
  check(r.groups.reduce((a, g) => a + g.count, 0) === r.total, 'group counts do not add up to the total');
  const text = renderGoroutinesText(r);
  const json = renderGoroutinesJson(r);
  // The report echoes states and names as written: a dump that says `[syscall, NaN minutes]` is quoted, not computed.
  if (/\bNaN\b|\bInfinity\b/.test(new TextDecoder('latin1').decode(bytes))) return;
  finite(text, 'goroutines text');
  finite(json, 'goroutines JSON');
}

/** What parsing gave: the stacks and values, or the error's code and message. */
function outcome(parse: () => Profile): string {
  try {
    const s = parse().samples;
    return JSON.stringify({
      count: s.count, offsets: Array.from(s.locationOffsets), frames: Array.from(s.locationIndices), values: Array.from(s.values, String),
    });
  } catch (e) {
    if (!isPprofError(e)) throw e;
    return `${e.code}: ${e.message}`;
  }
}

/**
 * The raw profile.proto is decoded both ways: copied (bytes the caller keeps)
 * and in place (a copy of them handed over, which decoding may rewrite); and
 * in place with the stack ids checked by the parse, by top's first pass or
 * by a flame page's frame-code halves (ParseOptions `checkStacks`, as the
 * CLI's top and flamegraph parse), each followed by a top table: the same
 * profile or the same error either way.
 */
function decodeWaysAgree(bytes: Uint8Array): void {
  let raw = bytes;
  if (isGzip(bytes)) {
    try {
      raw = new Uint8Array(gunzipSync(bytes));
    } catch {
      return; // a damaged gzip stream never reaches the decoder
    }
  }
  if (raw.length > FUZZ_MAX_BYTES) return;
  const copied = outcome(() => parseProfile(raw, { overlap: 'off' }));
  const inPlace = outcome(() => parseOwnedProfile(raw.slice(), { overlap: 'off' }));
  check(copied === inPlace, `copied and in-place decoding differ:\n  copied:   ${copied.slice(0, 300)}\n  in place: ${inPlace.slice(0, 300)}`);
  const withTop = (checkStacks: 'parse' | 'first-pass'): string => outcome(() => {
    const p = parseOwnedProfile(raw.slice(), { overlap: 'off', checkStacks });
    topTable(p, { parallel: 'off' });
    return p;
  });
  const byParse = withTop('parse');
  const byPass = withTop('first-pass');
  check(byParse === byPass, `stack ids checked by the parse and by top's pass differ:\n  parse: ${byParse.slice(0, 300)}\n  pass:  ${byPass.slice(0, 300)}`);
  // As a flame page's frame-code halves check them (query/split-halves.ts): the bytes in shared memory.
  const byHalves = outcome(() => {
    const shared = new Uint8Array(new SharedArrayBuffer(raw.length));
    shared.set(raw);
    const p = parseOwnedProfile(shared, { overlap: 'off', checkStacks: 'first-pass' });
    const h = codesHalves(prepareView(p, {}), 0);
    if (h !== null) {
      fillHalf(h, 1);
      fillHalf(h, 0);
      settleHalves(h, p.samples);
    }
    topTable(p, { parallel: 'off' });
    return p;
  });
  check(byParse === byHalves, `stack ids checked by the parse and by a page's halves differ:\n  parse:  ${byParse.slice(0, 300)}\n  halves: ${byHalves.slice(0, 300)}`);
}

/** Runs one input; returns null when fine, else what went wrong. */
export function runOne(bytes: Uint8Array): string | null {
  try {
    let profile: Profile | null = null;
    try {
      profile = parseProfile(bytes, { maxDecompressedBytes: FUZZ_MAX_BYTES, overlap: 'off' });
    } catch (e) {
      if (!isPprofError(e)) return `parseProfile threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
      if (e.code === 'internal') return `parseProfile: ${e.message}`;
    }
    if (profile !== null) reports(profile);
    decodeWaysAgree(bytes);
    if (bytes.length > 10 && new TextDecoder().decode(bytes.subarray(0, 10)) === 'goroutine ') dumpReport(bytes);
    return null;
  } catch (e) {
    if (e instanceof Finding) return e.message;
    if (isPprofError(e) && e.code !== 'internal') return null; // a report may refuse an option-less profile cleanly
    return `report threw ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e)}`;
  }
}

if (process.argv[2] === '--run') {
  const [seed, first, count] = process.argv.slice(3, 6).map(Number) as [number, number, number];
  const seeds: Seed[] = loadSeeds(SEED_DIRS);
  for (let n = first; n < first + count; n++) {
    const input = fuzzInput(seeds, seed, n);
    process.stdout.write(`${JSON.stringify({ start: n })}\n`);
    const t0 = process.cpuUsage();
    const fail = runOne(input.bytes);
    const u = process.cpuUsage(t0);
    const ms = (u.user + u.system) / 1000;
    if (fail !== null) process.stdout.write(`${JSON.stringify({ fail, n, from: input.from, steps: input.steps })}\n`);
    else if (ms > Number(process.env.PPROF_FUZZ_INPUT_MS ?? 10_000)) {
      process.stdout.write(`${JSON.stringify({ fail: `took ${ms.toFixed(0)} ms of CPU`, n, from: input.from, steps: input.steps })}\n`);
    }
  }
  process.stdout.write(`${JSON.stringify({ done: true })}\n`);
}
