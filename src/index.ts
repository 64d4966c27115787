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
export { parseGoroutineDump, loadGoroutineDump } from './decode/text/dump-input.js';
export type { DumpCreatedBy, DumpFrame, DumpGoroutine, GoroutineDump } from './decode/text/goroutine-dump.js';
export { sniffTextFormat } from './decode/text/sniff.js';
export type { TextFormat } from './decode/text/sniff.js';
export {
  groupGoroutines, isWaiting, DEFAULT_LEAK_MIN_COUNT, DEFAULT_LEAK_MIN_WAIT_MINUTES,
} from './query/goroutine-groups.js';
export type {
  GoroutineGroup, GoroutineGroupOptions, GoroutineReport, GroupFrame, StateCount,
} from './query/goroutine-groups.js';
export { renderGoroutinesText, renderGoroutinesJson } from './report/goroutines.js';
export { flameGraph } from './render/flame-graph.js';
export type { FlameFrame, FlameFrameKind, FlameGraph, FlameGraphOptions } from './render/flame-graph.js';
export type { TreeOrientation } from './query/call-tree.js';
export { foldedStacks, foldedText, renderFolded } from './render/folded.js';
export { foldedChunks } from './render/folded.js';
export type { FoldedStack } from './render/folded.js';
export { flameGraphHtml, DEFAULT_FLAME_MIN_WIDTH } from './render/flame-html.js';
export type { FlameHtmlOptions } from './render/flame-html.js';
export type { Granularity, QueryOptions } from './query/options.js';
export type { InlineMark, TopOptions } from './query/top-graph.js';
export { resolveSampleIndex } from './query/sample-index.js';
export { fetchProfile, fetchBytes } from './fetch/fetch.js';
export type { FetchOptions, FetchedProfile, FetchedBytes } from './fetch/fetch.js';
export type { HeaderPair, RequestProgress, RequestPhase } from './fetch/request.js';
export { captureProfiles, CAPTURE_KINDS } from './fetch/capture.js';
export type { CaptureKind, CaptureOptions, CaptureEvent, CaptureEntry, CaptureManifest } from './fetch/capture.js';
export {
  DEFAULT_CPU_SECONDS, DEFAULT_FETCH_TIMEOUT_SECONDS, DEFAULT_FETCH_TIMEOUT_MARGIN_SECONDS, DEFAULT_MAX_REDIRECTS,
  DEFAULT_CAPTURE_CONCURRENCY,
} from './defaults.js';
export {
  DEFAULT_EDGE_FRACTION, DEFAULT_GRANULARITY, DEFAULT_MAX_DECOMPRESSED_BYTES, DEFAULT_NODE_COUNT,
  DEFAULT_NODE_FRACTION, DEFAULT_UNIT,
} from './defaults.js';
