/**
 * `pprof-ts capture <url...> --out DIR`: the one-command bundle of every
 * profile a daemon serves (or many daemons, from --targets), with a summary
 * on stdout, a progress line on a terminal, and an exit code that says
 * whether anything failed.
 */

import { Command, InvalidArgumentError } from 'commander';
import { join } from 'node:path';
import { PprofError } from '../errors.js';
import { DEFAULT_CAPTURE_CONCURRENCY, DEFAULT_CPU_SECONDS } from '../defaults.js';
import { CAPTURE_KINDS, captureProfiles, isCaptureKind, type CaptureEvent, type CaptureKind, type CaptureManifest } from '../fetch/capture.js';
import { readTargetsFile } from '../fetch/targets.js';
import { formatBytes } from '../fetch/progress.js';
import { hostPort } from '../fetch/url.js';
import { addNetworkOptions, parseHeaderFlags, type NetworkFlags } from './source.js';
import { positiveInt } from './parsers.js';
import { withInterrupt } from './interrupt.js';
import type { CliIo } from './main.js';

/** Flags of the capture command. */
interface CaptureFlags extends NetworkFlags {
  out?: string;
  seconds?: number;
  targets?: string;
  concurrency: number;
  kinds?: CaptureKind[];
}

function kindList(v: string): CaptureKind[] {
  const kinds = v.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = kinds.filter((k) => !isCaptureKind(k));
  if (bad.length > 0 || kinds.length === 0) throw new InvalidArgumentError(`expected a comma-separated list of ${CAPTURE_KINDS.join(', ')}`);
  return kinds as CaptureKind[];
}

/** Adds the `capture` command to the program. */
export function registerCapture(program: Command, io: CliIo): void {
  const cmd = program
    .command('capture')
    .description('fetch every profile a Go daemon serves (cpu, heap, allocs, goroutine, block, mutex, ' +
      'threadcreate, goroutine debug=1/2, cmdline) into a folder, with manifest.json')
    .argument('[url...]', 'debug port URL(s), e.g. http://127.0.0.1:6060 or http://127.0.0.1:6060/debug/pprof/')
    .option('--out <dir>', 'output folder (default: ./pprof-capture-<UTC time>)')
    .option('--seconds <n>', `CPU profile length (default ${DEFAULT_CPU_SECONDS})`, positiveInt)
    .option('--targets <file>', 'file with one URL per line (# comments); one subfolder per target')
    .option('--concurrency <n>', 'requests in flight at once, across all targets', positiveInt, DEFAULT_CAPTURE_CONCURRENCY)
    .option('--kinds <list>', `comma-separated subset of ${CAPTURE_KINDS.join(',')}`, kindList);
  addNetworkOptions(cmd).action(async (urls: string[], flags: CaptureFlags) => {
    const all = [...urls, ...(flags.targets === undefined ? [] : await readTargetsFile(flags.targets))];
    const out = flags.out ?? `pprof-capture-${new Date().toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '')}`;
    const headers = parseHeaderFlags(flags.header);
    const live = liveLine(flags.quiet === true);
    const manifest = await withInterrupt(async (signal) => {
      let m: CaptureManifest;
      try {
        m = await captureProfiles(all, out, {
          seconds: flags.seconds, timeoutSeconds: flags.timeout, concurrency: flags.concurrency, kinds: flags.kinds,
          headers, insecure: flags.insecure === true, maxBytes: flags.maxBytes, signal, onEvent: live.event,
        });
      } finally {
        live.stop();
      }
      if (m.summary.interrupted) throw new PprofError('interrupted', `capture interrupted; what completed is listed in ${join(out, 'manifest.json')}`);
      return m;
    });
    io.stdout(renderSummary(manifest, out));
    if (manifest.summary.failed > 0) {
      const total = manifest.summary.ok + manifest.summary.failed;
      throw new PprofError('fetch', `capture: ${manifest.summary.failed} of ${total} profiles failed; see ${join(out, 'manifest.json')}`);
    }
  });
}

/** The stdout summary: one line per item, then where the manifest is. */
export function renderSummary(m: CaptureManifest, out: string): string {
  const lines: string[] = [];
  for (const t of m.targets) {
    lines.push(`${t.url} -> ${t.dir === '' ? out : join(out, t.dir)}`);
    for (const e of t.entries) {
      const what = e.ok ? `${formatBytes(e.bytes ?? 0).padStart(9)}  ${e.file}` : `failed: ${e.error?.message ?? 'unknown error'}`;
      lines.push(`  ${e.kind.padEnd(17)}${e.ok ? 'ok    ' : 'FAILED'}  ${what}`);
    }
  }
  lines.push(`${m.summary.ok} ok, ${m.summary.failed} failed; manifest: ${join(out, 'manifest.json')}`);
  return lines.join('\n') + '\n';
}

/** A progress line on stderr while capturing (only on a terminal, not with --quiet). */
function liveLine(quiet: boolean): { event: (e: CaptureEvent) => void; stop: () => void } {
  const stream = process.stderr;
  if (quiet || stream.isTTY !== true) return { event: () => undefined, stop: () => undefined };
  let done = 0;
  let cpuEnds: { label: string; at: number } | null = null;
  const draw = (): void => {
    let text = `capture: ${done} done`;
    if (cpuEnds !== null) {
      const left = Math.ceil((cpuEnds.at - Date.now()) / 1000);
      text += left > 0 ? `; cpu from ${cpuEnds.label}: ${left}s left` : `; cpu from ${cpuEnds.label}: waiting for the server…`;
    }
    stream.write(`\r\x1b[K${text}`);
  };
  const ticker = setInterval(draw, 1000);
  ticker.unref();
  return {
    event(e) {
      if (e.type === 'start' && e.kind === 'cpu') cpuEnds = { label: hostPort(e.target.base), at: Date.now() + e.durationSeconds * 1000 };
      if (e.type === 'done') {
        done++;
        if (e.entry.kind === 'cpu') cpuEnds = null;
      }
      draw();
    },
    stop() {
      clearInterval(ticker);
      stream.write('\r\x1b[K');
    },
  };
}
