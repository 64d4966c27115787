/**
 * Start-up rows of `npm run bench` (issue 11, small profiles): on real
 * profiles of a few to a hundred kilobytes, `pprof-ts top` is timed side by
 * side with `node -e 0` (the floor for any Node program) and
 * `go tool pprof -top`, interleaved, whole-process wall time, and judged:
 * within 1.5× of `node -e 0`, and faster than go tool pprof. A fourth
 * column runs `pprof-ts top` with V8's optimizing compiler left on
 * (PPROF_TS_JIT_CAP=0; bin/jit-cap.cjs turns it off for small inputs), to
 * show what that cap brings.
 *
 * Environment: BENCH_SMALL (comma-separated files; default: the captured
 * protobuf fixtures of fixtures/profiles/ and fixtures/profiles/startup/;
 * empty: no start-up rows), BENCH_SMALL_REPS (15).
 */

import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { measure, median, type Command } from './measure.js';

/** One timed program. */
interface SmallTool {
  readonly id: 'node' | 'pprof-ts' | 'pprof-ts-opt' | 'go';
  readonly label: string;
  readonly command: (file: string) => Command;
}

/** A start-up target and its verdict. */
export interface SmallTarget {
  readonly profile: string;
  readonly name: string;
  readonly status: 'PASS' | 'FAIL' | 'SKIP';
  readonly detail: string;
}

/** Medians per profile and tool, and the targets. */
export interface SmallBenchResult {
  readonly reps: number;
  readonly profiles: {
    readonly file: string;
    readonly bytes: number;
    readonly medianWallMs: Record<string, number | null>;
    /** User + system CPU (GNU time only, 10 ms resolution): steadier than wall time on a loaded machine. */
    readonly medianCpuMs: Record<string, number | null>;
  }[];
  readonly targets: SmallTarget[];
}

/** `pprof-ts top` within this factor of `node -e 0` (issue 11). */
const NODE_FACTOR = 1.5;

function defaultFiles(root: string): string[] {
  const dirs = [join(root, 'fixtures', 'profiles'), join(root, 'fixtures', 'profiles', 'startup')];
  return dirs.filter(existsSync).flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.pb.gz')).sort().map((f) => join(d, f)));
}

/** The files BENCH_SMALL names (default: every captured .pb.gz fixture). */
export function smallProfiles(root: string): string[] {
  const env = process.env['BENCH_SMALL'];
  if (env === undefined) return defaultFiles(root);
  return env.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * Times the start-up rows and prints a table per profile plus the targets.
 * `go` is null when go is not installed (its row and target are skipped).
 */
export async function benchSmall(root: string, files: readonly string[], go: string | null, gnuTime: boolean,
  log: (s?: string) => void): Promise<SmallBenchResult> {
  const reps = Math.max(1, Number(process.env['BENCH_SMALL_REPS'] ?? '15') || 15);
  const bin = join(root, 'bin', 'pprof-ts');
  const tools: SmallTool[] = [
    { id: 'node', label: 'node -e 0', command: () => ({ cmd: 'node', args: ['-e', '0'] }) },
    { id: 'pprof-ts', label: 'pprof-ts top', command: (f) => ({ cmd: 'node', args: [bin, 'top', f], discardStdout: true }) },
    {
      id: 'pprof-ts-opt', label: 'pprof-ts top, PPROF_TS_JIT_CAP=0',
      command: (f) => ({ cmd: 'node', args: [bin, 'top', f], discardStdout: true, env: { PPROF_TS_JIT_CAP: '0' } }),
    },
    { id: 'go', label: 'go tool pprof -top', command: (f) => ({ cmd: 'go', args: ['tool', 'pprof', '-top', f], discardStdout: true }) },
  ];
  const used = tools.filter((t) => t.id !== 'go' || go !== null);
  const walls = new Map<string, number[]>();
  const cpus = new Map<string, number[]>();
  const key = (f: string, t: SmallTool): string => `${f}\n${t.id}`;
  log(`\nstart-up on small profiles: ${reps} interleaved repetitions, whole-process wall time`);
  for (let rep = 0; rep < reps; rep++) {
    for (const f of files) {
      for (let i = 0; i < used.length; i++) {
        const t = used[(i + rep) % used.length]!; // rotate, so no tool always runs right after another
        const r = await measure(t.command(f), gnuTime);
        if (!r.ok) throw new Error(`${t.label} ${basename(f)}: ${r.status} ${r.stderr.trim().split('\n').at(-1) ?? ''}`);
        const list = walls.get(key(f, t)) ?? [];
        list.push(r.wallMs);
        walls.set(key(f, t), list);
        if (r.cpuMs !== null) cpus.set(key(f, t), [...(cpus.get(key(f, t)) ?? []), r.cpuMs]);
      }
    }
  }
  const profiles: SmallBenchResult['profiles'][number][] = [];
  const targets: SmallTarget[] = [];
  const ms = (x: number | null): string => (x === null ? '-' : `${x.toFixed(0)} ms`);
  log(`${'profile'.padEnd(34)}${'bytes'.padStart(8)}${'node -e 0'.padStart(11)}${'pprof-ts top'.padStart(14)}` +
    `${'JIT uncapped'.padStart(14)}${'go -top'.padStart(10)}${'ts/node'.padStart(9)}${'ts/go'.padStart(8)}`);
  for (const f of files) {
    const med = (id: SmallTool['id'], from = walls): number | null => {
      const t = tools.find((x) => x.id === id)!;
      const list = from.get(key(f, t));
      return list === undefined ? null : median(list);
    };
    const node = med('node');
    const ts = med('pprof-ts');
    const opt = med('pprof-ts-opt');
    const g = med('go');
    const bytes = statSync(f).size;
    const name = basename(f);
    const cpu = { node: med('node', cpus), 'pprof-ts': med('pprof-ts', cpus), 'pprof-ts-opt': med('pprof-ts-opt', cpus), go: med('go', cpus) };
    profiles.push({ file: f, bytes, medianWallMs: { node, 'pprof-ts': ts, 'pprof-ts-opt': opt, go: g }, medianCpuMs: cpu });
    const cpuNote = cpu.node === null || cpu['pprof-ts'] === null ? ''
      : `  (CPU ${ms(cpu['pprof-ts'])} vs ${ms(cpu.node)}: ${(cpu['pprof-ts'] / cpu.node).toFixed(2)}×)`;
    log(`${name.padEnd(34)}${String(bytes).padStart(8)}${ms(node).padStart(11)}${ms(ts).padStart(14)}${ms(opt).padStart(14)}${ms(g).padStart(10)}` +
      `${(node === null || ts === null ? '-' : `${(ts / node).toFixed(2)}×`).padStart(9)}` +
      `${(g === null || ts === null ? '-' : `${(ts / g).toFixed(2)}×`).padStart(8)}${cpuNote}`);
    const within = node !== null && ts !== null ? ts <= NODE_FACTOR * node : null;
    targets.push({
      profile: name, name: `pprof-ts top ≤ ${NODE_FACTOR}× node -e 0`, status: within === null ? 'SKIP' : within ? 'PASS' : 'FAIL',
      detail: within === null ? 'no data' : `${ms(ts)} vs ${NODE_FACTOR} × ${ms(node)}: ${(ts! / node!).toFixed(2)}×`,
    });
    const faster = g !== null && ts !== null ? ts < g : null;
    targets.push({
      profile: name, name: 'pprof-ts top faster than go tool pprof -top', status: faster === null ? 'SKIP' : faster ? 'PASS' : 'FAIL',
      detail: go === null ? 'skipped: go not installed' : faster === null ? 'no data'
        : `${ms(ts)} vs ${ms(g)} (node -e 0 alone: ${ms(node)})`,
    });
  }
  return { reps, profiles, targets };
}
