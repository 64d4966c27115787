/**
 * A loopback HTTP(S) test server that misbehaves on purpose, one fault per
 * path, for the fetch error tests: hangs, error statuses with and without
 * net/http/pprof's X-Go-Pprof text, HTML instead of a profile, bodies cut off
 * mid-transfer, redirect loops, oversized bodies, and a small "daemon" under
 * /partial/ where some kinds work and some fail. Every loop is bounded, and
 * `close()` destroys open connections so nothing outlives the test.
 */

import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILES } from './paths.js';

/** One request the server saw. */
export interface SeenRequest {
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** A running fault server. */
export interface FaultServer {
  /** `http://127.0.0.1:PORT` (or https). */
  base: string;
  /** Every request received, in order. */
  requests: SeenRequest[];
  /** Resolves once a request whose path starts with `prefix` arrives after this call (rejects after `ms`). */
  waitFor(prefix: string, ms?: number): Promise<void>;
  /** Stops listening and destroys open connections. */
  close(): Promise<void>;
}

const fixture = (name: string): Buffer => readFileSync(join(PROFILES, name));
const PB = { 'content-type': 'application/octet-stream' };
const TEXT = { 'content-type': 'text/plain; charset=utf-8' };
const INDEX_HTML = '<html>\n<head><title>/debug/pprof/</title></head>\n<body>\nTypes of profiles available:\n</body>\n</html>\n';

/** Emulates net/http/pprof's serveError. */
function pprofError(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...TEXT, 'x-go-pprof': '1' });
  res.end(text + '\n');
}

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const path = url.pathname;
  const seconds = Number(url.searchParams.get('seconds') ?? '0');
  const heap = fixture('heap.pb.gz');
  if (path.startsWith('/hang/')) return; // never answers; the client's timeout or Ctrl-C ends it
  if (path.startsWith('/trickle/')) {
    res.writeHead(200, { ...PB, 'content-length': String(heap.length) });
    res.write(heap.subarray(0, 100));
    return; // then silence
  }
  if (path.startsWith('/partial/debug/pprof/')) return partial(path.slice('/partial/debug/pprof/'.length), url, res);
  if (path.startsWith('/auth/')) {
    if (req.headers.authorization !== 'Bearer s3cret') { pprofError(res, 401, 'missing or wrong token'); return; }
    res.writeHead(200, PB).end(heap);
    return;
  }
  const loop = /^\/loop\/(a|b)$/.exec(path);
  if (loop !== null) { res.writeHead(302, { location: loop[1] === 'a' ? '/loop/b' : '/loop/a' }).end(); return; }
  const chain = /^\/chain\/(\d+)$/.exec(path);
  if (chain !== null) { res.writeHead(307, { location: `/chain/${Number(chain[1]) + 1}` }).end(); return; }
  switch (path) {
    case '/moved/heap': res.writeHead(301, { location: '/debug/pprof/heap' }).end(); return;
    case '/debug/pprof/heap': res.writeHead(200, PB).end(heap); return;
    case '/debug/pprof/profile':
      // A server with WriteTimeout = 10 s, as net/http/pprof reports it.
      if (seconds >= 10) { pprofError(res, 400, "profile duration exceeds server's WriteTimeout"); return; }
      res.writeHead(200, PB).end(fixture('cpu.pb.gz'));
      return;
    case '/debug/pprof/missing': res.writeHead(404, TEXT).end('404 page not found\n'); return;
    case '/debug/pprof/html': res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(INDEX_HTML); return;
    case '/debug/pprof/html-untyped': res.writeHead(200).end('<!DOCTYPE html>\n' + INDEX_HTML); return;
    case '/debug/pprof/crash': res.writeHead(500, TEXT).end('internal error\n'); return;
    case '/debug/pprof/cut':
      res.writeHead(200, { ...PB, 'content-length': String(heap.length) });
      res.write(heap.subarray(0, 200), () => res.socket?.destroy());
      return;
    case '/debug/pprof/cut-chunked':
      res.writeHead(200, PB);
      res.write(heap.subarray(0, 200), () => res.socket?.destroy());
      return;
    case '/debug/pprof/big':
      res.writeHead(200, { ...PB, 'content-length': String(50_000_000) });
      res.write(heap.subarray(0, 100));
      return; // the client refuses on Content-Length and hangs up
    case '/debug/pprof/big-chunked': {
      res.writeHead(200, PB);
      const chunk = Buffer.alloc(64 * 1024, 1);
      let sent = 0;
      const pump = (): void => {
        // Bounded: at most 100 chunks (6.4 MB), stopping as soon as the client hangs up.
        while (sent < 100 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) { res.once('drain', pump); return; }
        }
        if (!res.destroyed) res.end();
      };
      pump();
      return;
    }
    default: res.writeHead(404, TEXT).end('404 page not found\n');
  }
}

/** A small daemon where some kinds work and some fail, for capture tests. */
function partial(name: string, url: URL, res: http.ServerResponse): void {
  const debug = url.searchParams.get('debug');
  switch (name) {
    case 'profile': res.writeHead(200, PB).end(fixture('cpu.pb.gz')); return;
    case 'heap': case 'allocs': res.writeHead(200, PB).end(fixture(`${name}.pb.gz`)); return;
    case 'goroutine':
      if (debug === '1' || debug === '2') { res.writeHead(200, TEXT).end(fixture(`goroutine.debug${debug}.txt`)); return; }
      res.writeHead(200, PB).end(fixture('goroutine.pb.gz'));
      return;
    case 'block': pprofError(res, 404, 'Unknown profile'); return;
    case 'mutex': pprofError(res, 500, 'failed to collect profile'); return;
    case 'threadcreate': res.writeHead(200, { 'content-type': 'text/html' }).end(INDEX_HTML); return;
    case 'cmdline': res.writeHead(200, TEXT).end('/usr/bin/daemon\u0000-addr\u0000127.0.0.1:6060'); return;
    default: pprofError(res, 404, 'Unknown profile');
  }
}

/** Starts the server on a free port of 127.0.0.1 (https when `tls` is given). */
export async function startFaultServer(tls?: { key: string; cert: string }): Promise<FaultServer> {
  const requests: SeenRequest[] = [];
  const waiters: Array<{ prefix: string; resolve: () => void }> = [];
  const sockets = new Set<Socket>();
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    for (const w of waiters.filter((x) => (req.url ?? '').startsWith(x.prefix))) w.resolve();
    res.on('error', () => undefined);
    handle(req, res);
  };
  const server = tls === undefined ? http.createServer(onRequest) : https.createServer(tls, onRequest);
  server.on('connection', (s: Socket) => { sockets.add(s); s.on('close', () => sockets.delete(s)); s.on('error', () => undefined); });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`,
    requests,
    waitFor(prefix, ms = 10_000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no request for ${prefix} within ${ms} ms`)), ms);
        waiters.push({ prefix, resolve: () => { clearTimeout(timer); resolve(); } });
      });
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
