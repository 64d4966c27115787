/**
 * The one source of default settings. They match `go tool pprof`'s own
 * defaults where pprof has the same knob, so unflagged runs agree with it.
 */

/** Cap on the decompressed size of a profile (gzip-bomb guard). */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 1024 * 1024 * 1024;

/** Nodes whose |cum| is below this fraction of the total are dropped (pprof -nodefraction). */
export const DEFAULT_NODE_FRACTION = 0.005;

/** Edges below this fraction of the total are dropped (pprof -edgefraction); affects inline marks. */
export const DEFAULT_EDGE_FRACTION = 0.001;

/** Number of rows to show; 0 means all (pprof -top shows all nodes that survive -nodefraction). */
export const DEFAULT_NODE_COUNT = 0;

/** Output unit: pick the unit per report as pprof does. */
export const DEFAULT_UNIT = 'minimum';

/** Aggregation level of report rows. */
export const DEFAULT_GRANULARITY = 'functions';

// ----------------------------------------------------------- fetching URLs

/** Length of a CPU profile fetched from a URL without `--seconds` (net/http/pprof's own default). */
export const DEFAULT_CPU_SECONDS = 30;

/** Request timeout when no duration is involved (heap, goroutine, ...), as in `go tool pprof`. */
export const DEFAULT_FETCH_TIMEOUT_SECONDS = 60;

/** Added to the duration of a timed profile (cpu, delta) to get its default request timeout. */
export const DEFAULT_FETCH_TIMEOUT_MARGIN_SECONDS = 15;

/** Redirects followed before a request is called a redirect loop (Go's http.Client stops at 10 too). */
export const DEFAULT_MAX_REDIRECTS = 10;

/** Parallel requests of `pprof-ts capture` across all targets. */
export const DEFAULT_CAPTURE_CONCURRENCY = 4;

/** Profiles with at least this many stack frames use a second thread for top's passes. */
export const DEFAULT_PARALLEL_MIN_FRAMES = 4_000_000;

/** gzip profiles that decompress to at least this many bytes are decompressed on a second thread while decoding. */
export const DEFAULT_OVERLAP_MIN_BYTES = 16 * 1024 * 1024;

/** `top` starts its helper threads before reading profile files at least this big (compressed or not). */
export const DEFAULT_PREWARM_MIN_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Characters per piece of streamed text output (folded, traces, raw, tree, JSON). A piece of 64 KiB
 * is an ordinary object in V8's young generation, whose memory is reused; one of 1 MiB is a large
 * object in pages of its own, fresh each time, and on `folded` of a 100 MB profile (3 GB of text)
 * those page faults took more than half the run (23.6 s against 10.7 s).
 */
export const DEFAULT_CHUNK_CHARS = 64 * 1024;
