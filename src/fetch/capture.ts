/**
 * The capture bundle: every profile a Go daemon serves, fetched in one go
 * into a folder with a manifest.json (URLs, times, sizes, sha256, HTTP
 * status, and what failed and why). A failing kind is recorded and the rest
 * still completes. Requests run concurrently with a global bound; each daemon
 * gets one CPU profile request at a time, because net/http/pprof serves only
 * one CPU profile at a time per process.
 */

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { isPprofError, PprofError, type PprofErrorCode } from '../errors.js';
import { parseProfile } from '../parse.js';
import { DEFAULT_CAPTURE_CONCURRENCY, DEFAULT_CPU_SECONDS, DEFAULT_MAX_DECOMPRESSED_BYTES } from '../defaults.js';
import { VERSION } from '../version.js';
import { buildProfileRequest } from './url.js';
import { httpGet, type HeaderPair } from './request.js';
import { checkProfileResponse, headerText } from './response.js';
import { writeFileAtomic } from './save.js';
import { runPool } from './pool.js';
import { planTargets, type CaptureTarget } from './targets.js';

/** The items of a capture bundle. */
export type CaptureKind =
  | 'cpu' | 'heap' | 'allocs' | 'goroutine' | 'block' | 'mutex' | 'threadcreate'
  | 'goroutine-debug1' | 'goroutine-debug2' | 'cmdline';

/** All capture kinds, CPU first (it takes longest, so it starts first). */
export const CAPTURE_KINDS: readonly CaptureKind[] = [
  'cpu', 'heap', 'allocs', 'goroutine', 'block', 'mutex', 'threadcreate', 'goroutine-debug1', 'goroutine-debug2', 'cmdline',
];

/** How one kind is requested and stored. */
interface KindSpec {
  /** Handler name under the pprof prefix. */
  handler: string;
  /** Extra query parameters. */
  query: Record<string, string>;
  /** File name in the bundle. */
  file: string;
  /** 'profile' bodies are parsed to check them; 'text' bodies are stored as served. */
  format: 'profile' | 'text';
}

function kindSpec(kind: CaptureKind): KindSpec {
  switch (kind) {
    case 'cpu': return { handler: 'profile', query: {}, file: 'cpu.pb.gz', format: 'profile' };
    case 'heap': case 'allocs': case 'goroutine': case 'block': case 'mutex': case 'threadcreate':
      return { handler: kind, query: {}, file: `${kind}.pb.gz`, format: 'profile' };
    case 'goroutine-debug1': return { handler: 'goroutine', query: { debug: '1' }, file: 'goroutine.debug1.txt', format: 'text' };
    case 'goroutine-debug2': return { handler: 'goroutine', query: { debug: '2' }, file: 'goroutine.debug2.txt', format: 'text' };
    case 'cmdline': return { handler: 'cmdline', query: {}, file: 'cmdline.txt', format: 'text' };
  }
}

/** Options of `captureProfiles`. */
export interface CaptureOptions {
  /** Length of the CPU profile (default 30). */
  seconds?: number;
  /** Timeout per request in seconds (default: CPU seconds + 15 s for cpu, 60 s for the rest). */
  timeoutSeconds?: number;
  /** Requests in flight at once across all targets (default 4). */
  concurrency?: number;
  /** Kinds to capture (default all of CAPTURE_KINDS). */
  kinds?: readonly CaptureKind[];
  /** Extra request headers. */
  headers?: readonly HeaderPair[];
  /** Accept unverifiable TLS certificates. */
  insecure?: boolean;
  /** Largest body accepted per request (and decompressed size when checking profiles). */
  maxBytes?: number;
  /** Stops the capture; unfinished items are recorded as interrupted. */
  signal?: AbortSignal;
  /** Called when an item starts and when it finishes. */
  onEvent?: (e: CaptureEvent) => void;
}

/** Progress of a capture. */
export type CaptureEvent =
  | { type: 'start'; target: CaptureTarget; kind: CaptureKind; durationSeconds: number }
  | { type: 'done'; target: CaptureTarget; entry: CaptureEntry };

/** One item of the manifest. */
export interface CaptureEntry {
  kind: CaptureKind;
  url: string;
  /** Path relative to the capture folder; null when nothing was written. */
  file: string | null;
  ok: boolean;
  /** HTTP status of the final response; null when none arrived. */
  status: number | null;
  contentType: string | null;
  bytes: number | null;
  sha256: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  /** Why the item failed (PprofError code and message). */
  error: { code: PprofErrorCode; message: string } | null;
}

/** The manifest written as manifest.json. */
export interface CaptureManifest {
  tool: string;
  startedAt: string;
  finishedAt: string;
  settings: { cpuSeconds: number; concurrency: number; kinds: CaptureKind[] };
  targets: Array<{ url: string; base: string; dir: string; entries: CaptureEntry[] }>;
  summary: { ok: number; failed: number; interrupted: boolean };
}

/**
 * Captures every kind from every target URL into `outDir` (subfolders per
 * target when there are several) and writes `outDir/manifest.json`.
 * Resolves with the manifest even when items failed; throws PprofError only
 * for bad options or when the manifest cannot be written.
 */
export async function captureProfiles(urls: readonly string[], outDir: string,
  options: CaptureOptions = {}): Promise<CaptureManifest> {
  const targets = planTargets(urls);
  const seconds = options.seconds ?? DEFAULT_CPU_SECONDS;
  const concurrency = options.concurrency ?? DEFAULT_CAPTURE_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new PprofError('bad-option', `--concurrency must be a positive whole number, got ${concurrency}`);
  }
  const kinds = [...(options.kinds ?? CAPTURE_KINDS)];
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  // Build every request first so bad --seconds / --timeout fail before anything is fetched.
  const jobs = kinds.flatMap((kind) => targets.map((target) => {
    const spec = kindSpec(kind);
    const url = new URL(spec.handler, target.base);
    for (const [k, v] of Object.entries(spec.query)) url.searchParams.set(k, v);
    const req = buildProfileRequest(url, { seconds: kind === 'cpu' ? seconds : undefined, timeoutSeconds: options.timeoutSeconds });
    return { target, kind, spec, req, entry: emptyEntry(kind, req.url.href) };
  }));
  const startedAt = new Date().toISOString();

  const runJob = async (job: typeof jobs[number]): Promise<void> => {
    const { entry, spec, req, target } = job;
    options.onEvent?.({ type: 'start', target, kind: job.kind, durationSeconds: req.durationSeconds });
    const t0 = Date.now();
    entry.startedAt = new Date(t0).toISOString();
    try {
      const res = await httpGet(req.url, {
        timeoutMs: req.timeoutMs, maxBytes, headers: options.headers, insecure: options.insecure, signal: options.signal,
      });
      entry.status = res.status;
      entry.contentType = headerText(res.headers['content-type']) || null;
      checkProfileResponse(res);
      if (spec.format === 'profile') parseProfile(res.body, { maxDecompressedBytes: maxBytes });
      const file = target.dir === '' ? spec.file : `${target.dir}/${spec.file}`;
      await writeFileAtomic(join(outDir, file), res.body);
      entry.file = file;
      entry.bytes = res.body.length;
      entry.sha256 = createHash('sha256').update(res.body).digest('hex');
      entry.ok = true;
    } catch (e) {
      const err = isPprofError(e) ? e : new PprofError('fetch', String(e), { cause: e });
      entry.error = { code: err.code, message: err.message };
    }
    const t1 = Date.now();
    entry.finishedAt = new Date(t1).toISOString();
    entry.durationMs = t1 - t0;
    options.onEvent?.({ type: 'done', target, entry });
  };
  const skipped = (job: typeof jobs[number]): void => {
    job.entry.error = { code: 'interrupted', message: 'not fetched: the capture was interrupted' };
    options.onEvent?.({ type: 'done', target: job.target, entry: job.entry });
  };
  // CPU jobs come first in `jobs`, and there is one per target, so no daemon ever gets two at once.
  await runPool(jobs, concurrency, runJob, options.signal, skipped);

  const all = jobs.map((j) => j.entry);
  const manifest: CaptureManifest = {
    tool: `pprof-ts ${VERSION}`,
    startedAt,
    finishedAt: new Date().toISOString(),
    settings: { cpuSeconds: seconds, concurrency, kinds },
    targets: targets.map((t) => ({
      url: t.input, base: t.base.href, dir: t.dir,
      entries: jobs.filter((j) => j.target === t).map((j) => j.entry),
    })),
    summary: {
      ok: all.filter((e) => e.ok).length,
      failed: all.filter((e) => !e.ok).length,
      interrupted: options.signal?.aborted === true,
    },
  };
  await writeFileAtomic(join(outDir, 'manifest.json'), new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n'));
  return manifest;
}

function emptyEntry(kind: CaptureKind, url: string): CaptureEntry {
  return {
    kind, url, file: null, ok: false, status: null, contentType: null, bytes: null, sha256: null,
    startedAt: null, finishedAt: null, durationMs: null, error: null,
  };
}

/** True when `s` names a capture kind. */
export function isCaptureKind(s: string): s is CaptureKind {
  return (CAPTURE_KINDS as readonly string[]).includes(s);
}
