/**
 * `fetchProfile(url)`: a profile straight from a live net/http/pprof debug
 * port — build the request the way `go tool pprof` does, GET it within the
 * limits, check it is a profile, parse it, and optionally keep the bytes.
 */

import { parseProfile, type ParseOptions } from '../parse.js';
import type { Profile } from '../model/profile.js';
import { DEFAULT_MAX_DECOMPRESSED_BYTES } from '../defaults.js';
import { buildProfileRequest } from './url.js';
import { httpGet, type HeaderPair, type RequestProgress } from './request.js';
import { checkProfileResponse } from './response.js';
import { resolveSavePath, writeFileAtomic } from './save.js';

/** Options of `fetchProfile`. */
export interface FetchOptions extends ParseOptions {
  /** CPU profile length (default 30), or for other kinds the window of a delta profile. */
  seconds?: number;
  /** Bound on the whole request in seconds (default: duration + 15 s, or 60 s). */
  timeoutSeconds?: number;
  /** Extra request headers, e.g. `{ Authorization: 'Bearer …' }`. */
  headers?: Record<string, string> | readonly HeaderPair[];
  /** Accept self-signed or otherwise unverifiable TLS certificates. */
  insecure?: boolean;
  /** Redirects to follow before giving up (default 10). */
  maxRedirects?: number;
  /** Cancels the request; the promise then rejects with code 'interrupted'. */
  signal?: AbortSignal;
  /** Progress of the request (phases and bytes received). */
  onProgress?: (p: RequestProgress) => void;
  /** Keep the fetched bytes: a file path, or a folder (existing, or ending in `/`) for a generated name. */
  save?: string;
}

/** What `fetchProfile` returns. */
export interface FetchedProfile {
  /** The parsed, validated profile. */
  profile: Profile;
  /** The body exactly as served (usually gzip-compressed protobuf). */
  bytes: Uint8Array;
  /** The URL requested, with `seconds` applied (before redirects). */
  url: string;
  /** Profile name from the path (`cpu`, `heap`, `goroutine`, ...). */
  kind: string;
  /** Seconds the server collected for (0 for instant profiles). */
  durationSeconds: number;
  /** Where the bytes were saved, when `save` was given. */
  savedTo?: string;
}

/** What `fetchBytes` returns: the body as served, not parsed. */
export type FetchedBytes = Omit<FetchedProfile, 'profile'>;

/**
 * Fetches a profile from a URL such as `http://127.0.0.1:6060/debug/pprof/heap`
 * (no path or `/debug/pprof/` means the CPU profile) and parses it.
 * Throws PprofError: 'fetch', 'timeout', 'http', 'too-large', 'interrupted',
 * 'bad-option', 'io', or any parse error code.
 */
export async function fetchProfile(url: string | URL, options: FetchOptions = {}): Promise<FetchedProfile> {
  const maxBytes = options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  // Parsed before saving: a body that is not a profile is not kept.
  let profile: Profile | undefined;
  const fetched = await fetchBytes(url, options, (bytes) => { profile = parseProfile(bytes, { maxDecompressedBytes: maxBytes }); });
  return { ...fetched, profile: profile! };
}

/**
 * Like `fetchProfile` but returns the body without parsing it, for text forms
 * such as `goroutine?debug=2`. `check` runs on the complete body before it is
 * saved; it throws to reject the body.
 */
export async function fetchBytes(url: string | URL, options: FetchOptions = {},
  check?: (bytes: Uint8Array) => void): Promise<FetchedBytes> {
  const req = buildProfileRequest(url, { seconds: options.seconds, timeoutSeconds: options.timeoutSeconds });
  const maxBytes = options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  const res = await httpGet(req.url, {
    timeoutMs: req.timeoutMs,
    maxBytes,
    headers: headerPairs(options.headers),
    insecure: options.insecure,
    maxRedirects: options.maxRedirects,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  checkProfileResponse(res);
  check?.(res.body);
  const result: FetchedBytes = { bytes: res.body, url: req.url.href, kind: req.kind, durationSeconds: req.durationSeconds };
  // Saved only once the body is complete and accepted: a failed fetch leaves no file at all.
  if (options.save !== undefined) {
    const path = await resolveSavePath(options.save, req.url, req.kind);
    await writeFileAtomic(path, res.body);
    result.savedTo = path;
  }
  return result;
}

/** Normalises the accepted header shapes to pairs. */
export function headerPairs(h: FetchOptions['headers']): readonly HeaderPair[] {
  if (h === undefined) return [];
  if (Array.isArray(h)) return h as readonly HeaderPair[];
  return Object.entries(h as Record<string, string>);
}
