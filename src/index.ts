/**
 * pprof-ts public API: parse Go pprof profiles and query them.
 *
 * @example
 * ```ts
 * import { loadProfile, topTable } from 'pprof-ts';
 * const profile = await loadProfile('cpu.pb.gz');
 * const { rows } = topTable(profile, { nodeCount: 10 });
 * console.log(rows[0].name, rows[0].flat); // e.g. 'main.(*trieNode).lookup' 840000000n
 * ```
 */

export { PprofError, isPprofError } from './errors.js';
export type { PprofErrorCode, PprofErrorOptions, SafeResult } from './errors.js';
export { parseProfile, safeParseProfile, loadProfile } from './parse.js';
export type { ParseOptions } from './parse.js';
export type { Profile } from './model/profile.js';
export { SampleTable } from './model/sample-table.js';
export type { NumberColumn } from './model/sample-table.js';
export type { Label, Line, Location, Mapping, ProfileFunction, Sample, ValueType } from './model/types.js';
export { topTable } from './report/top.js';
export type { TopRow, TopTable, TopTableOptions } from './report/top.js';
export { renderTopText } from './report/text.js';
export { renderTopJson } from './report/json.js';
export type { Granularity, QueryOptions } from './query/options.js';
export type { InlineMark, TopOptions } from './query/top-graph.js';
export { resolveSampleIndex } from './query/sample-index.js';
export {
  DEFAULT_EDGE_FRACTION, DEFAULT_GRANULARITY, DEFAULT_MAX_DECOMPRESSED_BYTES, DEFAULT_NODE_COUNT,
  DEFAULT_NODE_FRACTION, DEFAULT_UNIT,
} from './defaults.js';
