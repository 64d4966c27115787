/**
 * The one list of reports. Each entry says what the report reads, which
 * shared flags it takes, its own options with their defaults, its output
 * formats, and how to run it; the CLI generates one command per entry
 * (src/cli/reports.ts), so every report gets the shared query flags and the
 * shared source loader (files, URLs, `-` for stdin) the same way.
 * Commands that are not reports of one profile (capture, goroutines,
 * merge, ...) are registered by hand.
 */

import type { FlameHtmlOptions } from '../render/flame-html.js';
import type { Profile } from '../model/profile.js';
import type { QueryOptions } from '../query/options.js';
import { DEFAULT_EDGE_FRACTION, DEFAULT_NODE_FRACTION, DEFAULT_UNIT } from '../defaults.js';
import { topTable } from './top.js';
import { renderTopText } from './text.js';
import { topJsonChunks } from './json.js';
import { DEFAULT_GRAPH_NODE_COUNT, type GraphReportOptions } from './common/graph-options.js';

// The other reports' modules are imported when they run: `top` on a big file should not pay for loading them.
const tree = () => Promise.all([import('./tree/data.js'), import('./tree/text.js'), import('./tree/json.js')]);
const dot = () => Promise.all([import('./dot/data.js'), import('./dot/text.js'), import('./dot/json.js')]);

/** Merge threshold of the flame page (the value of render/flame-html.ts's DEFAULT_FLAME_MIN_WIDTH, checked by a test). */
const FLAME_MIN_WIDTH = 0.0002;

/** Names of the reports. */
export type ReportName = 'top' | 'folded' | 'flamegraph' | 'tree' | 'peek' | 'dot' | 'svg' | 'traces' | 'raw' | 'tags';

/** What a report can be written as. */
export type ReportFormat = 'text' | 'json' | 'folded' | 'html' | 'dot' | 'svg';

/** What a report reads. */
export type ReportInput = 'profile';

/** How an option's value is parsed (`float`: any number Go's ParseFloat reads, signs, Inf and NaN included). */
export type OptionValue = 'flag' | 'int' | 'number' | 'fraction' | 'float' | 'string';

/** One command-line option of a report. */
export interface ReportOption {
  /** Commander flag syntax, e.g. `--min-width <f>`. */
  readonly flags: string;
  readonly description: string;
  readonly value: OptionValue;
  readonly default?: string | number;
  readonly required?: boolean;
}

/**
 * Which graph flags a report takes: all of them (`trim`); the ordering and
 * unit flags, with the trimming ones accepted and ignored as pprof ignores
 * them for an untrimmed report (`order`, peek); all of them accepted and
 * ignored, as pprof ignores them for reports of samples (`ignored`: traces,
 * raw, tags); or none (reports pprof does not have).
 */
export type GraphFlags = 'trim' | 'order' | 'ignored' | 'none';

/** A report run: the loaded profile, the positional arguments after it, the parsed options. */
export interface ReportRequest {
  readonly profile: Profile;
  /** Extra positional arguments, in the order the spec declares them. */
  readonly args: readonly string[];
  /** The query options shared by every report. */
  readonly query: QueryOptions;
  /** The graph options (for reports with graph flags). */
  readonly graph: GraphReportOptions;
  /** The report's own options by camel-cased name, and `json` when asked for. */
  readonly flags: Readonly<Record<string, unknown>>;
  /** How the profile was named on the command line (file, URL or '-'); the first of several. */
  readonly source: string;
  /** Every profile named on the command line (merged into `profile`). */
  readonly sources: readonly string[];
}

/** What a report produced: text for stdout, or a file to write. */
export type ReportOutput =
  | { readonly kind: 'stdout'; readonly text: string }
  /** Lines for stdout, written as they come (big reports are never one string). */
  | { readonly kind: 'lines'; readonly lines: Iterable<string> }
  /** Text for stdout in pieces, written as they come. */
  | { readonly kind: 'chunks'; readonly chunks: Iterable<string> }
  /** A file to write atomically; `open` asks the CLI to show it with the system's opener. */
  | { readonly kind: 'file'; readonly path: string; readonly content: string; readonly open?: boolean };

/** The description of one report. */
export interface ReportSpec {
  readonly summary: string;
  readonly input: ReportInput;
  /** Positional arguments before the profile (e.g. peek's regex). */
  readonly args: readonly { readonly name: string; readonly description: string }[];
  readonly formats: readonly ReportFormat[];
  readonly graphFlags: GraphFlags;
  /** Defaults of the graph flags for this report. */
  readonly defaults: { readonly nodeCount?: number };
  /** The report's own options. */
  readonly options: readonly ReportOption[];
  /** Start helper threads before reading big files (the report uses them). */
  readonly prewarm: boolean;
  /**
   * How the CLI prepares the profile: `shape` is the shape it reads each
   * profile in (see {@link LoadShape}); `materialize` applies
   * focus/ignore/hide/show to the profile itself (reports that print
   * samples), not only to the report's view.
   */
  readonly load: {
    readonly shape: LoadShape;
    readonly materialize: boolean;
    /**
     * The report's first pass reads every stack id of an unfiltered profile
     * (the flat/cum pass of top, tree, peek, dot and svg; the frame codes of
     * flamegraph's call trees), so the parse leaves their check to it
     * (ParseOptions `checkStacks`).
     */
    readonly checkStacksInPass?: boolean;
  };
  run(req: ReportRequest): ReportOutput | Promise<ReportOutput>;
}

/**
 * The shape a report reads each profile in: as loaded (reports that
 * aggregate over stacks give pprof's numbers either way); pprof's merged
 * shape (transform/canonical.ts), which reports printing samples or ids
 * need; or `label-sums`, samples that add up label by label to the merged
 * shape's (transform/label-sums.ts), which is all `tags` reads, and costs a
 * fraction of the merge. With a name filter the CLI takes the merged shape
 * for `label-sums` too (pprof tells whether one matched from its
 * locations), and with `--output-proto` (the file keeps pprof's samples).
 */
export type LoadShape = 'as-loaded' | 'canonical' | 'label-sums';

const stdout = (text: string): ReportOutput => ({ kind: 'stdout', text });
/** JSON of a report that grows with the profile: written piece by piece, never one string. */
const chunks = (pieces: Iterable<string>): ReportOutput => ({ kind: 'chunks', chunks: pieces });
/** Text that grows with the profile: written line by line as it is made. */
const lines = (items: Iterable<string>): ReportOutput => ({ kind: 'lines', lines: items });
/**
 * What the reports that print samples or labels (traces, raw, tags) share:
 * `--unit`, text and JSON, the graph flags accepted and ignored (as pprof), and the profile in pprof's merged
 * shape with every filter applied to it (they print samples, not a graph).
 */
const SAMPLE_REPORT = {
  input: 'profile', args: [], formats: ['text', 'json'], graphFlags: 'ignored', defaults: {}, prewarm: false,
  load: { shape: 'canonical', materialize: true },
} as const;
const UNIT_OPTION: ReportOption = {
  flags: '--unit <u>', description: 'unit of the values (e.g. ms, s, MB), auto, or minimum', value: 'string', default: DEFAULT_UNIT,
};
const json = (req: ReportRequest): boolean => req.flags['json'] === true;

/**
 * pprof's display flags. Every report pprof has takes both, so that its
 * command lines run as they are; where pprof ignores one, so does the
 * report, and its help says so.
 */
const divideBy = (where: 'shown' | 'ignored'): ReportOption => ({
  flags: '--divide-by <x>', value: 'float',
  description: where === 'shown'
    ? 'show every value divided by x (percentages unchanged; pprof -divide_by)'
    : 'accepted for pprof command lines; pprof -divide_by does not change this report',
});
const compactLabels = (where: 'shown' | 'ignored'): ReportOption => ({
  flags: '--compact-labels', value: 'flag',
  description: where === 'shown'
    ? 'leave File, Type, Time and Duration out of the header (pprof -compact_labels)'
    : 'accepted for pprof command lines; pprof -compact_labels does not change this report',
});
/** The display flags of top, tree and peek (both apply) and of dot and svg (the legend stays whole). */
const TEXT_DISPLAY = [divideBy('shown'), compactLabels('shown')];
const GRAPH_DISPLAY = [divideBy('shown'), compactLabels('ignored')];

/** Every report, by name. */
export const REPORTS = {
  top: {
    summary: 'print the top entries by flat (or cumulative) value, like `go tool pprof -top`',
    input: 'profile',
    args: [],
    formats: ['text', 'json'],
    graphFlags: 'trim',
    defaults: { nodeCount: 0 },
    options: [
      { flags: '--no-parallel', description: 'use one thread only (big profiles use a second core by default)', value: 'flag' },
      ...TEXT_DISPLAY,
    ],
    prewarm: true,
    load: { shape: 'as-loaded', materialize: false, checkStacksInPass: true },
    run: (req) => {
      const table = topTable(req.profile, { ...req.graph, parallel: req.flags['parallel'] === false ? 'off' : 'auto' });
      return json(req) ? chunks(topJsonChunks(table)) : stdout(renderTopText(table));
    },
  },
  tree: {
    summary: 'print each node with its callers and callees, like `go tool pprof -tree`',
    input: 'profile',
    args: [],
    formats: ['text', 'json'],
    graphFlags: 'trim',
    defaults: { nodeCount: DEFAULT_GRAPH_NODE_COUNT },
    options: TEXT_DISPLAY,
    prewarm: false,
    load: { shape: 'as-loaded', materialize: false, checkStacksInPass: true },
    run: async (req) => {
      const [{ treeReport }, { treeTextLines }, { treeJsonChunks }] = await tree();
      const r = treeReport(req.profile, req.graph);
      return json(req) ? chunks(treeJsonChunks(r)) : lines(treeTextLines(r));
    },
  },
  peek: {
    summary: 'print the callers and callees of the functions matching a regex, like `go tool pprof -peek`',
    input: 'profile',
    args: [{ name: 'regex', description: 'regular expression matched against node names (nothing is trimmed)' }],
    formats: ['text', 'json'],
    graphFlags: 'order',
    defaults: {},
    options: TEXT_DISPLAY,
    prewarm: false,
    load: { shape: 'as-loaded', materialize: false, checkStacksInPass: true },
    run: async (req) => {
      const [{ peekReport }, { treeTextLines }, { treeJsonChunks }] = await tree();
      const r = peekReport(req.profile, req.args[0]!, req.graph);
      // Written line by line: peek of a broad regex on a big profile is longer than one string should be.
      return json(req) ? chunks(treeJsonChunks(r)) : lines(treeTextLines(r));
    },
  },
  dot: {
    summary: 'print the call graph in Graphviz DOT, like `go tool pprof -dot`',
    input: 'profile',
    args: [],
    formats: ['dot', 'json'],
    graphFlags: 'trim',
    defaults: { nodeCount: DEFAULT_GRAPH_NODE_COUNT },
    options: GRAPH_DISPLAY,
    prewarm: false,
    load: { shape: 'as-loaded', materialize: false, checkStacksInPass: true },
    run: async (req) => {
      const [{ dotGraph }, { renderDotText }, { dotJsonChunks }] = await dot();
      const g = dotGraph(req.profile, req.graph);
      return json(req) ? chunks(dotJsonChunks(g)) : stdout(renderDotText(g));
    },
  },
  svg: {
    summary: 'print the call graph as SVG (our DOT laid out by Graphviz `dot -Tsvg`), like `go tool pprof -svg`',
    input: 'profile',
    args: [],
    formats: ['svg'],
    graphFlags: 'trim',
    defaults: { nodeCount: DEFAULT_GRAPH_NODE_COUNT },
    options: GRAPH_DISPLAY,
    prewarm: false,
    load: { shape: 'as-loaded', materialize: false, checkStacksInPass: true },
    run: async (req) => {
      const [[{ dotGraph }, { renderDotText }], { dotToSvg }] = await Promise.all([dot(), import('./svg/render.js')]);
      return stdout(await dotToSvg(renderDotText(dotGraph(req.profile, req.graph))));
    },
  },
  folded: {
    summary: 'print collapsed stacks (`caller;callee value` per line) for flamegraph.pl or inferno',
    input: 'profile',
    args: [],
    formats: ['folded', 'json'],
    graphFlags: 'none',
    defaults: {},
    options: [],
    prewarm: false,
    load: { shape: 'as-loaded', materialize: false },
    run: async (req) => {
      const [folded, { splitDiffBase }, fjson, { resolveSampleIndex }] = await Promise.all([
        import('../render/folded.js'), import('../transform/labels.js'), import('./folded/json.js'),
        import('../query/sample-index.js')]);
      // With --diff-base, the two-column `stack base new` form of difffolded.pl.
      const sides = req.flags['diffBase'] !== undefined ? splitDiffBase(req.profile) : null;
      if (sides !== null) {
        // Streamed like the one-column form: the two sides are joined line by line.
        if (!json(req)) return chunks(folded.foldedDiffChunks(sides.base, sides.current, req.query));
        const rows = folded.foldedDiffEntries(sides.base, sides.current, req.query);
        return chunks(fjson.foldedDiffJson(sides.current, rows, resolveSampleIndex(sides.current, req.query.sampleIndex)));
      }
      // Streamed: the output of a big profile exceeds the engine's string limit.
      return chunks(json(req) ? fjson.foldedJsonChunks(folded.foldedEntries(req.profile, req.query))
        : folded.foldedChunks(req.profile, req.query));
    },
  },
  flamegraph: {
    summary: 'write an interactive flame graph as one self-contained HTML file',
    input: 'profile',
    args: [],
    formats: ['html', 'json'],
    graphFlags: 'none',
    defaults: {},
    options: [
      { flags: '-o, --output <file>', description: 'HTML file to write (default: <profile name>.flame.html, printed)',
        value: 'string' },
      { flags: '--open', description: 'open the page with the system\'s opener (xdg-open, open, start)', value: 'flag' },
      { flags: '--min-width <f>', description: 'merge frames narrower than f of the root into "other"', value: 'fraction',
        default: FLAME_MIN_WIDTH },
      { flags: '--title <text>', description: 'page title (default: the profile file name)', value: 'string' },
      { flags: '--no-parallel', description: 'use one thread only (big profiles use a second core by default)', value: 'flag' },
    ],
    prewarm: true,
    load: { shape: 'as-loaded', materialize: false, checkStacksInPass: true },
    run: async (req) => {
      const [{ flameGraphHtml, flameGraphPayload }, { defaultFlameOutput }, { jsonChunks }] = await Promise.all([
        import('../render/flame-html.js'), import('../render/flame-output.js'), import('./json-stream.js')]);
      const title = typeof req.flags['title'] === 'string' ? req.flags['title'] : req.sources.map(baseName).join(' + ');
      const bases = (req.flags['diffBase'] ?? req.flags['base']) as string[] | undefined;
      const options: FlameHtmlOptions = {
        ...req.query, minWidth: req.flags['minWidth'] as number, title, parallel: req.flags['parallel'] === false ? 'off' : 'auto',
        ...(bases === undefined ? {} : { baseName: bases.map(baseName).join(' + ') }),
      };
      // --json: the page's data on stdout instead of a page.
      if (json(req)) return chunks(jsonChunks(flameGraphPayload(req.profile, options)));
      const html = flameGraphHtml(req.profile, options);
      const path = typeof req.flags['output'] === 'string' ? req.flags['output'] : defaultFlameOutput(req.source);
      return { kind: 'file', path, content: html, open: req.flags['open'] === true };
    },
  },
  traces: {
    summary: 'print every sample\'s stack with its labels and value, like `go tool pprof -traces`',
    ...SAMPLE_REPORT,
    options: [UNIT_OPTION, divideBy('shown'), compactLabels('ignored')],
    run: async (req) => {
      const [{ tracesStream }, { tracesTextLines }, { tracesJsonChunks }] = await Promise.all([
        import('./traces/data.js'), import('./traces/text.js'), import('./traces/json.js')]);
      // Traces are made one at a time as they are written: a big profile's do not fit in memory.
      const r = tracesStream(req.profile, {
        ...req.query, unit: req.flags['unit'] as string, divideBy: req.flags['divideBy'] as number | undefined,
      });
      return json(req) ? chunks(tracesJsonChunks(r)) : lines(tracesTextLines(r));
    },
  },
  raw: {
    summary: 'print the profile\'s samples, locations and mappings, like `go tool pprof -raw` ' +
      '(filters apply; --granularity and --noinlines do not, as in pprof, which forces addresses)',
    ...SAMPLE_REPORT,
    options: [UNIT_OPTION, divideBy('ignored'), compactLabels('ignored')],
    run: async (req) => {
      const [{ rawStream }, { rawTextLines }, { rawJsonChunks }] = await Promise.all([
        import('./raw/data.js'), import('./raw/text.js'), import('./raw/json.js')]);
      // Samples are made one at a time as they are written: a big profile's do not fit in memory.
      const r = rawStream(req.profile, req.query);
      return json(req) ? chunks(rawJsonChunks(r)) : lines(rawTextLines(r));
    },
  },
  tags: {
    summary: 'print each label key\'s values and their share of the sample value, like `go tool pprof -tags`',
    ...SAMPLE_REPORT,
    load: { shape: 'label-sums', materialize: true },
    options: [UNIT_OPTION, divideBy('ignored'), compactLabels('ignored')],
    run: async (req) => {
      const [{ tagsReport }, { tagsTextLines }, { tagsJsonChunks }] = await Promise.all([
        import('./tags/data.js'), import('./tags/text.js'), import('./tags/json.js')]);
      const r = tagsReport(req.profile, { ...req.query, unit: req.flags['unit'] as string });
      return json(req) ? chunks(tagsJsonChunks(r)) : lines(tagsTextLines(r));
    },
  },
} satisfies Record<ReportName, ReportSpec>;

/** The names of all reports, in the order the CLI lists them. */
export const REPORT_NAMES = Object.keys(REPORTS) as ReportName[];

/** Other names of reports: pprof's `-text` is its `-top`. */
export const REPORT_ALIASES: Readonly<Record<string, ReportName>> = { text: 'top' };

/** Default values shown for the graph flags (the same for every report that takes them). */
export const GRAPH_FLAG_DEFAULTS = { nodeFraction: DEFAULT_NODE_FRACTION, edgeFraction: DEFAULT_EDGE_FRACTION, unit: DEFAULT_UNIT };

function baseName(p: string): string {
  const parts = p.split(/[\\/]/).filter((s) => s !== '');
  return parts.length === 0 ? p : parts[parts.length - 1]!;
}
