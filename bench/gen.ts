/**
 * Deterministic generator of big, realistic Go CPU profiles for the benchmark.
 *
 * The profile looks like what `runtime/pprof` writes for a busy Go daemon:
 * samples/count + cpu/nanoseconds, period 10ms, one mapping with a build id,
 * a few thousand Go-style functions, ~30% of locations carrying inlined
 * frames (innermost first), 20-60 frame stacks drawn from an implicit call
 * tree with Zipf-ish popularity (so stacks share long prefixes), some
 * recursion, 0.5% of stacks one or two frames deep (time the profiler could
 * not trace back; Go writes their ids unpacked), and `workload` / `bytes`
 * sample labels. Fields are written in
 * the order of Go's encoder; location, function and string ids are assigned
 * on first use, as Go does. Samples are streamed through gzip in chunks, so
 * generating a 100 MB profile needs little memory.
 *
 * CLI: node dist/bench/gen.js [--mb 10] [--out FILE.pb.gz] [--seed N] [--shape classic|real]
 */

import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createGzip } from 'node:zlib';
import { GenWriter } from './protowriter.js';
import { Rng, Zipf, hash32, mix, unit } from './rng.js';
import { buildCatalog, type FnKind, type FnSpec } from './names.js';

/** Bump when the output for given options changes, so cached files are regenerated. */
export const GENERATOR_VERSION = 6;

/**
 * The shape of a generated profile:
 * - `classic`: a mid-size daemon, ~2,400 functions and ~5,000 locations, stacks of 20-60 frames;
 * - `real`: what long-running big daemons (or several binaries merged) look like: ~20,000 functions,
 *   ~100,000 locations (so location ids pass 65,535), stacks of 20-80 frames, and thousands of
 *   label values, so label string indices take two varint bytes. This is the shape that costs users.
 */
export type GenShape = 'classic' | 'real';

/** All shapes, for validation. */
export const GEN_SHAPES: readonly GenShape[] = ['classic', 'real'];

/** What varies between shapes. */
interface ShapeSpec {
  /** Functions generated per application / library package (see names.ts buildCatalog). */
  appPerPackage: number;
  libPerPackage: number;
  /** Locations per non-inlinable function, [min, max] by kind. */
  locsPerKind: Record<FnKind, [number, number]>;
  /** Stack length: minFrames + floor(spanFrames * u^1.4). */
  minFrames: number;
  spanFrames: number;
  /** Distinct `workload` label values. */
  workloads: number;
  /** Also a numeric `latency` label (unit nanoseconds) on some samples. */
  latencyLabel: boolean;
}

const SHAPES: Record<GenShape, ShapeSpec> = {
  classic: {
    appPerPackage: 110, libPerPackage: 24,
    locsPerKind: { entry: [1, 2], app: [1, 5], lib: [1, 4], leaf: [1, 3], rt: [1, 3] },
    minFrames: 20, spanFrames: 41, workloads: 40, latencyLabel: false,
  },
  real: {
    appPerPackage: 820, libPerPackage: 90,
    locsPerKind: { entry: [1, 3], app: [5, 12], lib: [4, 10], leaf: [2, 6], rt: [1, 4] },
    minFrames: 20, spanFrames: 61, workloads: 3000, latencyLabel: true,
  },
};

/** Options of generateProfile. */
export interface GenOptions {
  /** Profile shape (default 'classic'). */
  shape?: GenShape;
  /** Output path (gzip-compressed profile.proto). */
  out: string;
  /** Approximate size of the uncompressed profile.proto, in bytes. */
  targetBytes: number;
  /** PRNG seed (default 20241124). */
  seed?: number;
}

/** What was generated; also stored next to the file as `<out>.meta.json`. */
export interface GenResult {
  version: number;
  shape: GenShape;
  seed: number;
  targetBytes: number;
  rawBytes: number;
  gzBytes: number;
  samples: number;
  locations: number;
  functions: number;
  strings: number;
  generatedMs: number;
}

const PERIOD = 10_000_000;
const TIME_NANOS = 1_732_480_496_000_000_000n; // fixed, for determinism
const PROFILE_FIELDS = { sampleType: 1, sample: 2, mapping: 3, location: 4, function: 5, string: 6 } as const;

interface LocTemplate {
  /** Function indices of the lines, innermost (inlined callee) first. */
  fns: number[];
  lineNos: number[];
  address: number;
}

/** Location templates grouped by where they occur in a stack. */
type Pools = Record<FnKind, number[]>;

function buildLocations(rng: Rng, fns: readonly FnSpec[], perKind: Record<FnKind, [number, number]>): { locs: LocTemplate[]; pools: Pools; limit: number } {
  const locs: LocTemplate[] = [];
  const pools: Pools = { entry: [], app: [], lib: [], leaf: [], rt: [] };
  const inlinable = fns.map((f, i) => (f.inlinable ? i : -1)).filter((i) => i >= 0);
  const nearBy = (kind: FnKind): number[] => inlinable.filter((c) => fns[c]!.kind === kind);
  const near: Record<FnKind, number[]> = { entry: [], app: nearBy('app'), lib: nearBy('lib'), leaf: nearBy('leaf'), rt: [] };
  let addr = 0x401000;
  fns.forEach((f, fi) => {
    const size = rng.range(0x40, 0x2000);
    const [lo, hi] = perKind[f.kind];
    const count = f.inlinable ? rng.int(2) : rng.range(lo, hi);
    const offsets = Array.from({ length: count }, () => rng.int(size)).sort((a, b) => a - b);
    for (const off of offsets) {
      const fnsOf = [fi];
      const lineNos = [f.startLine + rng.range(1, 200)];
      if (f.kind !== 'rt' && rng.chance(0.3)) {
        for (let k = rng.range(1, 2); k > 0; k--) {
          const from = near[f.kind].length > 0 && rng.chance(0.75) ? near[f.kind] : inlinable;
          const callee = from[rng.int(from.length)]!;
          fnsOf.unshift(callee);
          lineNos.unshift(fns[callee]!.startLine + rng.range(1, 12));
        }
      }
      pools[f.kind].push(locs.length);
      locs.push({ fns: fnsOf, lineNos, address: addr + off });
    }
    addr += size;
  });
  return { locs, pools, limit: Math.ceil(addr / 0x1000) * 0x1000 };
}

/** Interns strings in first-use order, like Go's encoder. */
class StringTable {
  readonly list: string[] = [''];
  private readonly index = new Map<string, number>([['', 0]]);

  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

/** Writes a repeated varint field the way Go's encoder does: packed only when more than 2 values. */
function goRepeated(w: GenWriter, field: number, values: ArrayLike<number>, count: number): void {
  if (count > 2) {
    w.packedNumbers(field, values, 0, count);
  } else {
    for (let i = 0; i < count; i++) w.unpacked(field, values[i]!);
  }
}

/**
 * Stack generator: a static call graph over each location pool (every
 * location has 1-12 fixed callees a little further down the pool, so pool
 * order acts as call depth) walked with Zipf-ish callee popularity. Popular
 * paths repeat, so stacks share long prefixes, and functions near the top
 * of the graph accumulate most of the cumulative time.
 */
class StackWalker {
  private readonly childZipf: Zipf[] = [];
  private readonly entryZipf: Zipf;
  private readonly leafZipf: Zipf;
  private readonly goexit: number;

  constructor(
    private readonly rng: Rng, private readonly pools: Pools, locs: readonly LocTemplate[], fns: readonly FnSpec[],
    private readonly spec: ShapeSpec,
  ) {
    for (let k = 0; k <= 12; k++) this.childZipf.push(new Zipf(Math.max(k, 1), 1.8));
    this.entryZipf = new Zipf(pools.entry.length, 1.1);
    this.leafZipf = new Zipf(pools.leaf.length, 1.0);
    this.goexit = pools.rt.find((t) => fns[locs[t]!.fns[0]!]!.name === 'runtime.goexit')!;
  }

  /** Position of the callee chosen at pool position `pos` (salt names the pool). */
  private callee(pos: number, len: number, salt: number, window: number): number {
    const b = hash32(pos * 8 + salt);
    const k = b % 100 < 55 ? 1 : 2 + (b >>> 8) % 11;
    const j = k === 1 ? 0 : this.childZipf[k]!.sample(this.rng.float());
    return (pos + 1 + Math.floor(window * Math.pow(unit(mix(b, j)), 1.5))) % len;
  }

  /** Fills `path` root-first with location templates; returns its length. */
  walk(path: Int32Array): number {
    const { rng, pools } = this;
    let n = 0;
    if (rng.chance(0.005)) {
      // A stack of one or two frames, as the CPU profiler records time it cannot trace back
      // (runtime._System, runtime._GC, runtime._ExternalCode): Go writes these ids unpacked.
      const rt = pools.rt;
      path[n++] = rt[1 + rng.int(rt.length - 1)]!;
      if (rng.chance(0.75)) path[n++] = rt[1 + rng.int(rt.length - 1)]!;
      return n;
    }
    path[n++] = this.goexit;
    if (rng.chance(0.06)) {
      // Short runtime stack: GC workers, scheduler, sweeper.
      const rt = pools.rt;
      let pos = 1 + rng.int(4);
      const target = rng.range(5, 14);
      while (n < target) {
        path[n++] = rt[pos]!;
        pos = Math.max(1, this.callee(pos, rt.length, 1, 6));
      }
      return n;
    }
    const entry = this.entryZipf.sample(rng.float());
    path[n++] = pools.entry[entry]!;
    const app = pools.app;
    const target = this.spec.minFrames + Math.floor(this.spec.spanFrames * Math.pow(rng.float(), 1.4));
    const leaf = rng.chance(0.6);
    const libFrames = rng.range(0, 4);
    const middleEnd = target - libFrames - (leaf ? 1 : 0);
    let pos = hash32(entry + 101) % (app.length >>> 3);
    const window = Math.ceil(app.length / 45);
    while (n < middleEnd) {
      path[n++] = app[pos]!;
      const r = hash32(pos ^ 0x1b873593);
      if (r % 128 === 0 && n >= 4) {
        // Recursion: self (period 1) or mutual (period 2), a few levels deep.
        const period = 1 + (r >>> 6) % 2;
        for (let left = 1 + rng.int(6); left > 0 && n < middleEnd; left--) {
          path[n] = path[n - period]!;
          n++;
        }
      }
      pos = this.callee(pos, app.length, 2, window);
    }
    const lib = pools.lib;
    let lpos = hash32(pos + 7) % lib.length;
    while (n < target - (leaf ? 1 : 0)) {
      path[n++] = lib[lpos]!;
      lpos = this.callee(lpos, lib.length, 3, 8);
    }
    if (leaf) path[n++] = pools.leaf[this.leafZipf.sample(rng.float())]!;
    return n;
  }
}

function workloadNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
  const ns = ['kube-system', 'default', 'calico-system', 'payments', 'search', 'monitoring'][i % 6]!;
  const app = ['frontend', 'api', 'worker', 'redis', 'postgres', 'ingress', 'metrics', 'batch'][(i * 7) % 8]!;
  return `${ns}/${app}-${(hash32(i + 1) % 0xfffff).toString(16).padStart(5, '0')}`;
  });
}

/** Generates one profile into opts.out (via a temporary file) and writes `<out>.meta.json`. */
export async function generateProfile(opts: GenOptions): Promise<GenResult> {
  const started = performance.now();
  const seed = opts.seed ?? 20241124;
  const shape = opts.shape ?? 'classic';
  const spec = SHAPES[shape];
  const rng = new Rng(seed);
  const fns = buildCatalog(rng, spec.appPerPackage, spec.libPerPackage);
  const { locs, pools, limit } = buildLocations(rng, fns, spec.locsPerKind);
  const walker = new StackWalker(rng, pools, locs, fns, spec);
  const strings = new StringTable();
  const WORKLOADS = workloadNames(spec.workloads);
  const workloadIndex = new Map(WORKLOADS.map((w, i) => [w, i]));
  const workloadZipf = new Zipf(WORKLOADS.length, 1.2);

  mkdirSync(dirname(opts.out), { recursive: true });
  const tmp = `${opts.out}.tmp-${process.pid}`;
  const gz = createGzip({ level: 1 }); // runtime/pprof uses gzip.BestSpeed
  const done = pipeline(gz, createWriteStream(tmp));
  let rawBytes = 0;
  const emit = async (chunk: Uint8Array): Promise<void> => {
    rawBytes += chunk.length;
    if (!gz.write(chunk)) await once(gz, 'drain');
  };

  const w = new GenWriter(1 << 21);
  const vt = new GenWriter(16);
  for (const [type, unitName] of [['samples', 'count'], ['cpu', 'nanoseconds']] as const) {
    vt.reset();
    vt.uint(1, strings.id(type));
    vt.uint(2, strings.id(unitName));
    w.message(PROFILE_FIELDS.sampleType, vt);
  }

  // Upper bound of what follows the samples (every location used), to aim at targetBytes.
  const tailEstimate = locs.reduce((s, l) => s + 16 + 8 * l.fns.length, 0) + fns.reduce((s, f) => s + 20 + 2 * f.name.length + f.filename.length, 0);
  // A target below that bound (a profile of a megabyte or less) aims with the locations used so far
  // instead (each counted with its functions, an upper bound too); it used to get no sample at all.
  const aimWithAll = tailEstimate < opts.targetBytes;
  let usedTail = 0;

  const locId = new Int32Array(locs.length); // template -> id (0 = unused yet)
  const usedLocs: number[] = [];
  const path = new Int32Array(128);
  const ids = new Float64Array(128);
  const seen = new Set<number>();
  const s = new GenWriter(1024);
  const label = new GenWriter(64);
  const workloadKey = strings.id('workload');
  let samples = 0;
  let totalCount = 0;
  for (let dup = 0; rawBytes + w.len + (aimWithAll ? tailEstimate : usedTail) < opts.targetBytes && dup < 100000;) {
    const n = walker.walk(path);
    const workload = rng.chance(0.8) ? WORKLOADS[workloadZipf.sample(rng.float())]! : '';
    const bytes = rng.chance(0.5) ? Math.floor(Math.pow(2, 4 + rng.float() * 20)) : -1;
    const latency = spec.latencyLabel && rng.chance(0.3) ? Math.floor(Math.pow(10, 3 + rng.float() * 6)) : -1;
    // Dedup on (stack, labels): Go's profile builder merges identical samples.
    let h1 = hash32(n ^ 0x9e3779b9);
    let h2 = hash32(n + 0x7f4a7c15);
    for (let i = 0; i < n; i++) {
      h1 = mix(h1, path[i]!);
      h2 = hash32((h2 + path[i]! * 31) ^ 0xdeadbeef);
    }
    h1 = mix(mix(h1, workload.length > 0 ? workloadIndex.get(workload)! + 1 : 0), bytes);
    if (latency >= 0) h1 = mix(h1, latency);
    const key = h1 * 2097152 + (h2 >>> 11);
    if (seen.has(key)) { dup++; continue; }
    seen.add(key);
    dup = 0;

    for (let i = 0; i < n; i++) {
      const t = path[n - 1 - i]!; // leaf first
      let id = locId[t]!;
      if (id === 0) {
        id = usedLocs.push(t);
        locId[t] = id;
        const loc = locs[t]!;
        usedTail += 16 + 8 * loc.fns.length;
        for (const f of loc.fns) usedTail += 20 + 2 * fns[f]!.name.length + fns[f]!.filename.length;
      }
      ids[i] = id;
    }
    const count = rng.chance(0.55) ? 1 : 1 + Math.floor(Math.pow(rng.float(), 3) * 60);
    totalCount += count;
    s.reset();
    goRepeated(s, 1, ids, n);
    goRepeated(s, 2, [count, count * PERIOD], 2);
    if (workload !== '') {
      label.reset();
      label.uint(1, workloadKey);
      label.uint(2, strings.id(workload));
      s.message(3, label);
    }
    if (bytes >= 0) {
      label.reset();
      label.uint(1, strings.id('bytes'));
      label.uint(3, bytes);
      label.uint(4, strings.id('bytes'));
      s.message(3, label);
    }
    if (latency >= 0) {
      label.reset();
      label.uint(1, strings.id('latency'));
      label.uint(3, latency);
      label.uint(4, strings.id('nanoseconds'));
      s.message(3, label);
    }
    w.message(PROFILE_FIELDS.sample, s);
    samples++;
    if (w.len >= 1 << 20) await emit(w.take());
  }

  const m = new GenWriter(256);
  m.uint(1, 1);
  m.uint(2, 0x400000);
  m.uint(3, limit);
  m.uint(5, strings.id('/usr/local/bin/calico-node'));
  m.uint(6, strings.id(Array.from({ length: 5 }, () => rng.u32().toString(16).padStart(8, '0')).join('')));
  for (let f = 7; f <= 10; f++) m.bool(f, true);
  w.message(PROFILE_FIELDS.mapping, m);

  const fnId = new Int32Array(fns.length);
  const usedFns: number[] = [];
  const loc = new GenWriter(256);
  const line = new GenWriter(32);
  for (let i = 0; i < usedLocs.length; i++) {
    const t = locs[usedLocs[i]!]!;
    loc.reset();
    loc.uint(1, i + 1);
    loc.uint(2, 1);
    loc.uint(3, t.address);
    for (let k = 0; k < t.fns.length; k++) {
      const f = t.fns[k]!;
      if (fnId[f] === 0) fnId[f] = usedFns.push(f);
      line.reset();
      line.uint(1, fnId[f]!);
      line.uint(2, t.lineNos[k]!);
      loc.message(4, line);
    }
    w.message(PROFILE_FIELDS.location, loc);
    if (w.len >= 1 << 20) await emit(w.take());
  }
  const fn = new GenWriter(256);
  for (let i = 0; i < usedFns.length; i++) {
    const f = fns[usedFns[i]!]!;
    fn.reset();
    fn.uint(1, i + 1);
    const nameId = strings.id(f.name);
    fn.uint(2, nameId);
    fn.uint(3, nameId);
    fn.uint(4, strings.id(f.filename));
    fn.uint(5, f.startLine);
    w.message(PROFILE_FIELDS.function, fn);
  }
  const periodType = [strings.id('cpu'), strings.id('nanoseconds')];
  for (const str of strings.list) w.string(PROFILE_FIELDS.string, str);
  w.int64(9, TIME_NANOS);
  const cpuNanos = totalCount * PERIOD;
  w.uint(10, Math.round(cpuNanos / 6.4 / 1e6) * 1e6); // ~640% CPU utilisation
  vt.reset();
  vt.uint(1, periodType[0]!);
  vt.uint(2, periodType[1]!);
  w.message(11, vt);
  w.uint(12, PERIOD);
  await emit(w.take());
  gz.end();
  await done;
  renameSync(tmp, opts.out);

  const result: GenResult = {
    version: GENERATOR_VERSION, shape, seed, targetBytes: opts.targetBytes, rawBytes, gzBytes: statSync(opts.out).size,
    samples, locations: usedLocs.length, functions: usedFns.length, strings: strings.list.length,
    generatedMs: Math.round(performance.now() - started),
  };
  writeFileSync(`${opts.out}.meta.json`, JSON.stringify(result, null, 2) + '\n');
  return result;
}

/**
 * Returns the profile at opts.out, generating it only when missing or made by
 * another generator version, seed or size target (per `<out>.meta.json`).
 */
export async function ensureProfile(opts: GenOptions): Promise<GenResult & { reused: boolean }> {
  const metaPath = `${opts.out}.meta.json`;
  if (existsSync(opts.out) && existsSync(metaPath)) {
    try {
      const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as GenResult;
      if (meta.version === GENERATOR_VERSION && (meta.shape ?? 'classic') === (opts.shape ?? 'classic') && meta.seed === (opts.seed ?? 20241124) &&
          meta.targetBytes === opts.targetBytes && statSync(opts.out).size === meta.gzBytes) {
        return { ...meta, reused: true };
      }
    } catch { /* unreadable meta: regenerate */ }
  }
  return { ...(await generateProfile(opts)), reused: false };
}

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const mb = Number(argValue(args, '--mb') ?? '10');
  const here = dirname(fileURLToPath(import.meta.url));
  const out = argValue(args, '--out') ?? `${here}/../../bench/out/big-${mb}mb.pb.gz`;
  const seed = argValue(args, '--seed');
  const shape = (argValue(args, '--shape') ?? 'classic') as GenShape;
  if (!GEN_SHAPES.includes(shape)) throw new Error(`--shape must be one of ${GEN_SHAPES.join(', ')}`);
  const r = await generateProfile({
    out, targetBytes: mb * 1_000_000, shape, ...(seed !== undefined ? { seed: Number(seed) } : {}),
  });
  process.stdout.write(`${out}: ${JSON.stringify(r)}\n`);
}
