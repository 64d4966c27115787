/**
 * pprof-ts public API, portable part: parse Go pprof profiles from bytes,
 * query them and render reports. Importing it loads no Node network module
 * (http, https, net, tls); files, fetching and capture live in `pprof-ts/node`
 * (src/node.ts), which re-exports everything here too.
 *
 * @example
 * ```ts
 * import { parseProfile, topTable } from 'pprof-ts';
 * const profile = parseProfile(bytes); // a Uint8Array: gzip or raw profile.proto, or Go's text forms
 * const { rows } = topTable(profile, { nodeCount: 10 });
 * console.log(rows[0].name, rows[0].flat); // e.g. 'main.(*trieNode).lookup' 840000000n
 * ```
 */

export { PprofError, isPprofError } from './errors.js';
export type { PprofErrorCode, PprofErrorOptions, SafeResult } from './errors.js';
export { parseProfile, safeParseProfile } from './parse.js';
export type { ParseOptions } from './parse.js';
export type { Profile } from './model/profile.js';
export { SampleTable } from './model/sample-table.js';
export type { NumberColumn } from './model/sample-table.js';
export type { Label, Line, Location, Mapping, ProfileFunction, Sample, ValueType } from './model/types.js';
export { topTable } from './report/top.js';
export type { TopRow, TopTable, TopTableOptions } from './report/top.js';
export { renderTopText } from './report/text.js';
export { renderTopJson } from './report/json.js';
export { parseGoroutineDump } from './decode/text/dump-input.js';
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
export type {
  CrashInfo, PanicValue, RaceAccess, RaceGoroutine, RaceReport,
} from './decode/text/goroutine-dump.js';
export { compareGoroutines, DEFAULT_LEAK_MIN_GROWTH } from './query/goroutine-growth.js';
export type { GoroutineGrowthOptions, GoroutineGrowthReport, GroupGrowth } from './query/goroutine-growth.js';
export { renderGrowthText, renderGrowthJson } from './report/goroutine-growth.js';
export type { GrowthTextOptions } from './report/goroutine-growth.js';
export { trimPath, detectGoPathPrefixes } from './query/trim-path.js';
export type { FunctionFile } from './query/trim-path.js';
export { flameGraph } from './render/flame-graph.js';
export type { FlameFrame, FlameFrameKind, FlameGraph, FlameGraphOptions } from './render/flame-graph.js';
export { flameNodes } from './render/flame-node.js';
export type { FlameNode } from './render/flame-node.js';
export type { TreeOrientation } from './query/call-tree.js';
export { foldedStacks, foldedText, renderFolded } from './render/folded.js';
export { foldedChunks, foldedEntries, type FoldedEntries } from './render/folded.js';
export type { FoldedStack } from './render/folded.js';
export { flameGraphHtml, flameGraphPayload, DEFAULT_FLAME_MIN_WIDTH } from './render/flame-html.js';
export type { FlamePayload, PayloadTree, PayloadType } from './render/flame-data.js';
export type { FlameHtmlOptions } from './render/flame-html.js';
export type { Granularity, QueryOptions } from './query/options.js';
export type { InlineMark, TopOptions } from './query/top-graph.js';
export { resolveSampleIndex } from './query/sample-index.js';
export {
  DEFAULT_CPU_SECONDS, DEFAULT_FETCH_TIMEOUT_SECONDS, DEFAULT_FETCH_TIMEOUT_MARGIN_SECONDS, DEFAULT_MAX_REDIRECTS,
  DEFAULT_CAPTURE_CONCURRENCY,
} from './defaults.js';
export {
  DEFAULT_EDGE_FRACTION, DEFAULT_GRANULARITY, DEFAULT_MAX_DECOMPRESSED_BYTES, DEFAULT_NODE_COUNT,
  DEFAULT_NODE_FRACTION, DEFAULT_UNIT,
} from './defaults.js';
// Profiles in tests and CI gates (assertion helpers that throw AssertionError live in 'pprof-ts/testing').
export { inspect, ProfileInspector, Selection } from './testing/inspect.js';
export type { EdgeStat, FunctionStat, InspectOptions, Metric, PackageStat, SelectOptions, StackStat } from './testing/inspect.js';
export type { LabelMatcher, Selector, SelectorInput } from './testing/select.js';
export { inspectGoroutines } from './testing/goroutines.js';
export type { GoroutineInspector } from './testing/goroutines.js';
export { compareProfiles } from './gate/compare.js';
export type { CompareOptions, FunctionChange, ProfileComparison } from './gate/compare.js';
export { gateRuns } from './gate/runs.js';
export type { FunctionVerdict, GateOptions, GateResult } from './gate/runs.js';
export { parseBudget, validateBudget } from './gate/budget.js';
export type { Budget, BudgetRule, BudgetSelect, RuleKind } from './gate/budget.js';
export { evaluateBudget } from './gate/check.js';
export type { CheckInput, RuleResult } from './gate/check.js';
export { ProfileBuilder } from './model/builder.js';
export type { BuilderHeader, MappingInput, FunctionInput, LineInput, LocationInput, LabelInput } from './model/builder.js';
export {
  mergeProfiles, checkCompatible, scaleProfile, negateProfile, diffProfiles, normalizeProfile, setLabel,
  reportTotal,
} from './transform/index.js';
export type { BaseMode, DiffOptions } from './transform/index.js';
export { splitDiffBase } from './transform/labels.js';
export type { DiffSides } from './transform/labels.js';
export { materialize } from './transform/materialize.js';
export { encodeProfile, encodeProfileGzip } from './encode/profile.js';
export { foldedDiffText, foldedDiffRows, foldedDiffEntries, foldedDiffChunks } from './render/folded.js';
export { readingWarnings } from './decode/legacy/warnings.js';
export { sniffLegacyFormat } from './decode/legacy/sniff.js';
export type { LegacyFormat } from './decode/legacy/sniff.js';
export { tracesReport, tracesStream } from './report/traces/data.js';
export type { Trace, TraceFrame, TraceLabel, TracesOptions, TracesReport, TracesStream, TracesSummary } from './report/traces/data.js';
export { tracesTextLines, renderTracesText } from './report/traces/text.js';
export { renderTracesJson } from './report/traces/json.js';
export { rawReport, rawStream } from './report/raw/data.js';
export type { RawReport, RawSample, RawStream } from './report/raw/data.js';
export { rawTextLines, renderRawText } from './report/raw/text.js';
export { renderRawJson } from './report/raw/json.js';
export { tagsReport } from './report/tags/data.js';
export type { TagKey, TagValue, TagsOptions, TagsReport } from './report/tags/data.js';
export { tagsTextLines, renderTagsText } from './report/tags/text.js';
export { renderTagsJson } from './report/tags/json.js';
export { applyProfileFilters, activeFilterLines } from './transform/apply.js';
export type { ApplyFiltersSettings, FilteredInput } from './transform/apply.js';
export { dropUninteresting, pruneFrom, showFrom } from './transform/frames.js';
export { canonicalProfile } from './transform/canonical.js';
export { prepareView, withValue } from './query/view.js';
export type { QueryView } from './query/view.js';
export { computeTotal, diffBaseMask, DIFF_BASE_LABEL } from './query/total.js';
export { buildGraph } from './query/graph/trim.js';
export type { Graph, TrimOptions, NodeSelection } from './query/graph/trim.js';
export type { GraphEdge } from './query/graph/edges.js';
export type { NodeOrder } from './query/graph/order.js';
export { treeReport, peekReport, treeReportOfView, peekReportOfView } from './report/tree/data.js';
export type { TreeEdgeRow, TreeEntry, TreeReport } from './report/tree/data.js';
export { renderTreeText, treeTextLines } from './report/tree/text.js';
export { renderTreeJson } from './report/tree/json.js';
export type { GraphReportOptions } from './report/common/graph-options.js';
export { DEFAULT_GRAPH_NODE_COUNT } from './report/common/graph-options.js';
export { REPORTS, REPORT_NAMES } from './report/registry.js';
export type { ReportName, ReportSpec, ReportFormat, ReportOutput, ReportRequest } from './report/registry.js';
export { topTableOfView } from './report/top.js';
export { dotGraph, dotGraphOfView } from './report/dot/data.js';
export type { DotEdge, DotGraph, DotNode } from './report/dot/data.js';
export { renderDotText } from './report/dot/text.js';
export { renderDotJson } from './report/dot/json.js';
export { dotToSvg } from './report/svg/render.js';
// Report JSON written in pieces (same bytes as the render*Json strings), for big profiles.
export { jsonChunks, lazyArray, LazyArray } from './report/json-stream.js';
export { topJsonChunks } from './report/json.js';
export { tracesJsonChunks } from './report/traces/json.js';
export { rawJsonChunks } from './report/raw/json.js';
export { tagsJsonChunks } from './report/tags/json.js';
export { treeJsonChunks } from './report/tree/json.js';
export { dotJsonChunks } from './report/dot/json.js';
