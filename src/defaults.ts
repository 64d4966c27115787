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
