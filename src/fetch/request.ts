/**
 * One bounded HTTP(S) GET with Node's built-in clients: a single deadline for
 * the whole exchange (connect, redirects, body), a cap on the body size, a
 * redirect cap with loop detection, abort by signal, and every network
 * failure turned into a one-line PprofError that names the URL.
 */

import http from 'node:http';
import https from 'node:https';
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { PprofError } from '../errors.js';
import { DEFAULT_MAX_REDIRECTS } from '../defaults.js';
import { VERSION } from '../version.js';
import { hostPort } from './url.js';

/** An extra request header: name and value. */
export type HeaderPair = readonly [name: string, value: string];

/** Where a request is; reported through `onProgress`. */
export type RequestPhase = 'connecting' | 'waiting' | 'receiving';

/** A progress report of one request. */
export interface RequestProgress {
  phase: RequestPhase;
  /** Body bytes received so far (of the final response). */
  received: number;
  /** Content-Length of the final response, when the server sent one. */
  total?: number;
}

/** Limits and extras of one GET. */
export interface HttpGetOptions {
  /** Deadline of the whole exchange, redirects and body included. */
  timeoutMs: number;
  /** Largest body accepted; larger ones are refused with code 'too-large'. */
  maxBytes: number;
  /** Extra headers, e.g. `['Authorization', 'Bearer …']`. */
  headers?: readonly HeaderPair[];
  /** Accept any TLS certificate (self-signed debug endpoints). */
  insecure?: boolean;
  /** Redirects to follow before giving up (default 10). */
  maxRedirects?: number;
  /** Aborts the request; the promise then rejects with code 'interrupted'. */
  signal?: AbortSignal;
  /** Called as the request progresses (never after the promise settles). */
  onProgress?: (p: RequestProgress) => void;
}

/** The final (non-redirect) response, whatever its status. */
export interface HttpResponse {
  /** URL that produced this response (after redirects). */
  url: URL;
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: Uint8Array;
}

/** Headers that carry credentials and must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/**
 * GETs `start`, following redirects, and resolves with the final response
 * (any status: callers decide what an error status means). Throws PprofError:
 * 'fetch', 'timeout', 'http' (redirect loop), 'too-large', 'interrupted'.
 */
export async function httpGet(start: URL, options: HttpGetOptions): Promise<HttpResponse> {
  const deadline = Date.now() + options.timeoutMs;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const visited = new Set<string>([start.href]);
  let url = start;
  let headers = options.headers ?? [];
  for (let hops = 0; ; hops++) {
    const r = await exchange(url, headers, options, deadline, start);
    if (r.redirect === undefined) return r.response;
    const next = r.redirect;
    if (visited.has(next.href)) {
      throw new PprofError('http', `redirect loop fetching ${start.href}: ${url.href} redirects back to ${next.href}`);
    }
    if (hops + 1 > maxRedirects) {
      throw new PprofError('http', `too many redirects fetching ${start.href}: stopped after ${maxRedirects}`);
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new PprofError('http', `${url.href} redirects to unsupported URL ${next.href}`);
    }
    if (next.origin !== url.origin) headers = headers.filter(([n]) => !CREDENTIAL_HEADERS.has(n.toLowerCase()));
    visited.add(next.href);
    url = next;
  }
}

type Exchange = { redirect: URL; response?: undefined } | { redirect?: undefined; response: HttpResponse };

/** One request/response on a fresh connection (no agent: nothing keeps the process alive afterwards). */
function exchange(url: URL, headers: readonly HeaderPair[], options: HttpGetOptions, deadline: number,
  start: URL): Promise<Exchange> {
  return new Promise<Exchange>((resolve, reject) => {
    let settled = false;
    let received = 0;
    let responded = false;
    const finish = (err: PprofError | null, value?: Exchange): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (err !== null) {
        req.destroy();
        reject(err);
      } else {
        resolve(value!);
      }
    };
    const onAbort = (): void => finish(new PprofError('interrupted', `interrupted while fetching ${start.href}`));
    const remaining = deadline - Date.now();
    const timer = setTimeout(() => {
      const got = responded ? `after receiving ${received} bytes` : 'before the server answered';
      finish(new PprofError('timeout', `timed out after ${formatSeconds(options.timeoutMs)} ` +
        `fetching ${start.href} (${got}); raise --timeout if the server needs longer`));
    }, Math.max(0, remaining));

    const client = url.protocol === 'https:' ? https : http;
    const reqHeaders: Record<string, string> = { 'user-agent': `pprof-ts/${VERSION}`, accept: '*/*' };
    for (const [name, value] of headers) reqHeaders[name.toLowerCase()] = value;
    const req = client.request(url, {
      method: 'GET',
      headers: reqHeaders,
      agent: false,
      lookup: reservedAwareLookup,
      rejectUnauthorized: options.insecure !== true,
    });
    if (options.signal?.aborted === true) { onAbort(); return; }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    options.onProgress?.({ phase: 'connecting', received: 0 });
    req.on('socket', (socket) => {
      socket.once('connect', () => { if (!settled) options.onProgress?.({ phase: 'waiting', received: 0 }); });
    });
    req.on('error', (e) => finish(networkError(e, url)));
    req.on('response', (res) => {
      responded = true;
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && location !== undefined && status !== 304) {
        res.resume();
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          finish(new PprofError('http', `${url.href} redirects to an invalid location ${JSON.stringify(location)}`));
          return;
        }
        finish(null, { redirect: next });
        return;
      }
      const lengthHeader = res.headers['content-length'];
      const total = lengthHeader !== undefined && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
      if (total !== undefined && total > options.maxBytes) {
        finish(tooLarge(url, options.maxBytes, `Content-Length is ${total}`));
        return;
      }
      const chunks: Buffer[] = [];
      let ended = false;
      options.onProgress?.({ phase: 'receiving', received: 0, ...(total === undefined ? {} : { total }) });
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > options.maxBytes) {
          finish(tooLarge(url, options.maxBytes, `received more than that`));
          return;
        }
        chunks.push(chunk);
        if (!settled) options.onProgress?.({ phase: 'receiving', received, ...(total === undefined ? {} : { total }) });
      });
      res.on('end', () => {
        ended = true;
        if (total !== undefined && received !== total) {
          finish(cutOff(url, received, total));
          return;
        }
        finish(null, { response: { url, status, statusText: res.statusMessage ?? '', headers: res.headers, body: Buffer.concat(chunks) } });
      });
      // A connection dropped mid-body surfaces as 'error' ("aborted") and/or 'close' without 'end'.
      res.on('error', () => finish(cutOff(url, received, total)));
      res.on('close', () => { if (!ended) finish(cutOff(url, received, total)); });
    });
    req.end();
  });
}

/**
 * RFC 6761 reserves `.invalid`: such names never resolve, so they are refused
 * without asking any resolver (no lookup leaves the machine for them).
 */
const reservedAwareLookup: LookupFunction = (hostname, options, callback) => {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'invalid' || name.endsWith('.invalid')) {
    const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
    process.nextTick(() => callback(err as NodeJS.ErrnoException, '', 0));
    return;
  }
  // The callback shape follows `options.all`; dns.lookup honours the same options.
  (dns.lookup as unknown as (h: string, o: unknown, cb: unknown) => void)(hostname, options, callback);
};

function tooLarge(url: URL, max: number, why: string): PprofError {
  return new PprofError('too-large', `response from ${url.href} exceeds the limit of ${max} bytes (${why}); raise --max-bytes if it is expected`);
}

function cutOff(url: URL, received: number, total: number | undefined): PprofError {
  const of = total === undefined ? '' : ` of ${total}`;
  return new PprofError('fetch', `connection closed mid-transfer by ${hostPort(url)}: received ${received}${of} bytes from ${url.href}`);
}

/** Maps Node's socket, DNS and TLS errors to one actionable line. */
function networkError(e: unknown, url: URL): PprofError {
  const err = e as NodeJS.ErrnoException;
  const where = hostPort(url);
  const code = err.code ?? '';
  let msg: string;
  switch (code) {
    case 'ECONNREFUSED': msg = `connection refused by ${where}: nothing is listening there (is the debug port open, is port-forward running?)`; break;
    case 'ENOTFOUND': case 'EAI_AGAIN': case 'EAI_FAIL': case 'EAI_NONAME': msg = `cannot resolve host name ${url.hostname}`; break;
    case 'ECONNRESET': msg = `connection reset by ${where} while fetching ${url.href}`; break;
    case 'ETIMEDOUT': msg = `connection to ${where} timed out`; break;
    case 'EHOSTUNREACH': case 'ENETUNREACH': msg = `${where} is unreachable`; break;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT': case 'SELF_SIGNED_CERT_IN_CHAIN': case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY': case 'CERT_HAS_EXPIRED': case 'ERR_TLS_CERT_ALTNAME_INVALID':
      msg = `TLS certificate of ${where} is not trusted (${code}); pass --insecure to skip verification`; break;
    case 'EPROTO': case 'ERR_SSL_WRONG_VERSION_NUMBER':
      msg = `TLS handshake with ${where} failed (is it serving plain http? try http://)`; break;
    default: msg = `cannot fetch ${url.href}: ${err.message}`;
  }
  return new PprofError('fetch', msg, { cause: e });
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? `${s}s` : `${s.toFixed(1)}s`;
}
