/**
 * Node built-ins looked up at run time, so the library also loads in a
 * browser (where they do not exist) without a bundler shim: callers get null
 * there and take their portable path. Also the one way helper threads are
 * started (decompression, top's passes).
 */

/** The Node built-in `id` (e.g. 'node:zlib'), or null outside Node (or on Node < 20.16). */
export function nodeBuiltin<T>(id: string): T | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return (proc?.getBuiltinModule?.(id) as T | undefined) ?? null;
}

/** The end of a MessageChannel kept by the main thread. */
export interface Port {
  postMessage(m: unknown): void;
  unref?(): void;
}

/** The parts of node:worker_threads pprof-ts uses. */
export interface WorkerThreads {
  Worker: new (url: URL, options: { workerData: unknown; transferList: unknown[] }) => {
    unref(): void; terminate(): Promise<number>;
  };
  MessageChannel: new () => { port1: Port; port2: Port };
  receiveMessageOnPort(port: Port): { message: unknown } | undefined;
}

/** A started helper thread and the port to talk to it. */
export interface Helper {
  readonly wt: WorkerThreads;
  readonly worker: { terminate(): Promise<number> };
  readonly port: Port;
}

/**
 * Starts the worker script at `url` with `{ port, ...data }` as its
 * workerData, where `port` is the far end of a new channel. Neither the
 * worker nor the port keeps the process alive. Null where worker threads or
 * shared memory are unavailable, or the worker cannot be created.
 */
export function startHelper(url: URL, data: Record<string, unknown> = {}): Helper | null {
  const wt = nodeBuiltin<WorkerThreads>('node:worker_threads');
  if (wt === null || typeof SharedArrayBuffer === 'undefined') return null;
  try {
    const { port1, port2 } = new wt.MessageChannel();
    const worker = new wt.Worker(url, { workerData: { ...data, port: port2 }, transferList: [port2] });
    worker.unref();
    port1.unref?.();
    return { wt, worker, port: port1 };
  } catch {
    return null;
  }
}

/**
 * True when the environment turns helper threads off (`PPROF_TS_THREADS=1`):
 * every 'auto' choice (overlapped decompression, top's passes, starting them
 * ahead) then stays on this thread. By default big profiles use them: on a
 * quiet 2-core machine they cut `top` on the 100 MB bench profiles by a
 * fifth to a quarter of the wall time for some extra CPU and memory; on a
 * machine whose other core is busy they only cost (bench/README.md).
 */
export function threadsOff(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.['PPROF_TS_THREADS'] === '1';
}
