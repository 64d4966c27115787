/**
 * Turns what the user typed (`http://host:6060`, `.../debug/pprof/heap`) into
 * the exact request `go tool pprof` would make, plus the request timeout:
 * an empty path or `/debug/pprof/` means the CPU profile, `seconds` sets the
 * CPU profile's length or asks any other kind for a delta profile.
 */

import { PprofError } from '../errors.js';
import {
  DEFAULT_CPU_SECONDS, DEFAULT_FETCH_TIMEOUT_MARGIN_SECONDS, DEFAULT_FETCH_TIMEOUT_SECONDS,
} from '../defaults.js';

/** Where net/http/pprof mounts its handlers. */
export const PPROF_PREFIX = '/debug/pprof/';

/** A request ready to send. */
export interface ProfileRequest {
  /** The URL to GET, with `seconds` applied. */
  url: URL;
  /**
   * The profile name served at that path (`profile` is reported as `cpu`);
   * custom profiles registered with pprof.NewProfile keep their own name.
   */
  kind: string;
  /** Seconds the server spends collecting before it answers (0 when it answers at once). */
  durationSeconds: number;
  /** Bound on the whole exchange, in milliseconds. */
  timeoutMs: number;
}

/** How to adjust the URL. */
export interface ProfileUrlOptions {
  /** Length of a CPU profile, or the window of a delta profile for other kinds. */
  seconds?: number;
  /** Request timeout in seconds (default: duration plus a margin, or 60 s). */
  timeoutSeconds?: number;
}

/** True when `arg` names a profile on a server rather than a file (http:// or https://). */
export function isProfileUrl(arg: string): boolean {
  return /^https?:\/\//i.test(arg);
}

/** Parses an http(s) URL, with errors in the CLI's one-line style. */
export function parseHttpUrl(input: string | URL): URL {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    throw new PprofError('bad-option', `not a valid URL: ${String(input)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PprofError('bad-option', `unsupported URL scheme ${url.protocol.replace(/:$/, '')} in ${url.href}: use http or https`);
  }
  if (url.username !== '' || url.password !== '') {
    // Credentials in URLs end up in shell history, manifests and logs.
    throw new PprofError('bad-option', 'credentials in the URL are not supported: pass --header \'Authorization: ...\' instead');
  }
  return url;
}

/** The pprof profile name a URL path serves (`cpu` for `profile`). */
export function profileKindOf(url: URL): string {
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const last = segments[segments.length - 1] ?? 'profile';
  return last === 'profile' ? 'cpu' : last;
}

/** Applies pprof's URL conventions and computes the timeout. */
export function buildProfileRequest(input: string | URL, options: ProfileUrlOptions = {}): ProfileRequest {
  const url = parseHttpUrl(input);
  // `go tool pprof http://host:port` and `.../debug/pprof/` both mean a CPU profile.
  if (url.pathname === '' || url.pathname === '/' || url.pathname === '/debug/pprof' || url.pathname === PPROF_PREFIX) {
    url.pathname = PPROF_PREFIX + 'profile';
  }
  const kind = profileKindOf(url);
  if (options.seconds !== undefined) checkSeconds(options.seconds, '--seconds');
  let duration = 0;
  if (options.seconds !== undefined) {
    url.searchParams.set('seconds', String(options.seconds));
    duration = options.seconds;
  } else if (url.searchParams.has('seconds')) {
    duration = Number(url.searchParams.get('seconds'));
    if (!Number.isInteger(duration) || duration <= 0) duration = 0; // the server reports the bad value
  } else if (kind === 'cpu') {
    // Stated explicitly so the request says how long it will take, rather than relying on the server's default.
    url.searchParams.set('seconds', String(DEFAULT_CPU_SECONDS));
    duration = DEFAULT_CPU_SECONDS;
  }
  const timeoutSeconds = options.timeoutSeconds ??
    (duration > 0 ? duration + DEFAULT_FETCH_TIMEOUT_MARGIN_SECONDS : DEFAULT_FETCH_TIMEOUT_SECONDS);
  if (!(timeoutSeconds > 0) || !Number.isFinite(timeoutSeconds)) {
    throw new PprofError('bad-option', `--timeout must be a positive number of seconds, got ${timeoutSeconds}`);
  }
  return { url, kind, durationSeconds: duration, timeoutMs: Math.round(timeoutSeconds * 1000) };
}

/** net/http/pprof accepts whole positive seconds only. */
function checkSeconds(n: number, what: string): void {
  if (!Number.isInteger(n) || n <= 0) throw new PprofError('bad-option', `${what} must be a positive whole number, got ${n}`);
}

/** `host:port` of a URL with the default port spelled out, for messages and folder names. */
export function hostPort(url: URL): string {
  const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
  return `${url.hostname}:${port}`;
}
