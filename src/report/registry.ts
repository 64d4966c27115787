/**
 * The one list of reports. Each entry says what the report reads, which
 * shared flags it takes, its own options with their defaults, its output
 * formats, and how to run it; the CLI generates one command per entry
 * (src/cli/reports.ts), so every report gets the shared query flags and the
 * shared source loader (files, URLs, `-` for stdin) the same way.
 * Commands that are not reports of one profile (capture, goroutines,
 * merge, ...) are registered by hand.
 */

import type { Profile } from '../model/profile.js';
import type { QueryOptions } from '../query/options.js';
import { DEFAULT_EDGE_FRACTION, DEFAULT_NODE_FRACTION, DEFAULT_UNIT } from '../defaults.js';
import { topTable } from './top.js';
import { renderTopText } from './text.js';
import { renderTopJson } from './json.js';
import { DEFAULT_GRAPH_NODE_COUNT, type GraphReportOptions } from './common/graph-options.js';

// The other reports' modules are imported when they run: `top` on a big file should not pay for loading them.
const tree = () => Promise.all([import('./tree/data.js'), import('./tree/text.js'), import('./tree/json.js')]);
const dot = () => Promise.all([import('./dot/data.js'), import('./dot/text.js'), import('./dot/json.js')]);

/** Merge threshold of the flame page (the value of render/flame-html.ts's DEFAULT_FLAME_MIN_WIDTH, checked by a test). */
const FLAME_MIN_WIDTH = 0.0002;

/** Names of the reports. */
export type ReportName = 'top' | 'folded' | 'flamegraph' | 'tree' | 'peek' | 'dot' | 'svg';

/** What a report can be written as. */
export type ReportFormat = 'text' | 'json' | 'folded' | 'html' | 'dot' | 'svg';

/** What a report reads. */
export type ReportInput = 'profile';

/** How an option's value is parsed. */
export type OptionValue = 'flag' | 'int' | 'number' | 'fraction' | 'string';

/** One command-line option of a report. */
export interface ReportOption {
  /** Commander flag syntax, e.g. `--min-width <f>`. */
  readonly flags: string;
  readonly description: string;
  readonly value: OptionValue;
  readonly default?: string | number;
  readonly required?: boolean;
}

/** Which trimming flags of the graph a report takes: all of them, only those that do not trim, or none. */
export type GraphFlags = 'trim' | 'order' | 'none';

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
  /** How the profile was named on the command line (file, URL or '-'). */
  readonly source: string;
}

/** What a report produced: text for stdout, or a file to write. */
export type ReportOutput =
  | { readonly kind: 'stdout'; readonly text: string }
  | { readonly kind: 'file'; readonly path: string; readonly content: string };

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
  run(req: ReportRequest): ReportOutput | Promise<ReportOutput>;
}

const stdout = (text: string): ReportOutput => ({ kind: 'stdout', text });
const json = (req: ReportRequest): boolean => req.flags['json'] === true;

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
    ],
    prewarm: true,
    run: (req) => {
      const table = topTable(req.profile, { ...req.graph, parallel: req.flags['parallel'] === false ? 'off' : 'auto' });
      return stdout(json(req) ? renderTopJson(table) : renderTopText(table));
    },
  },
  tree: {
    summary: 'print each node with its callers and callees, like `go tool pprof -tree`',
    input: 'profile',
    args: [],
    formats: ['text', 'json'],
    graphFlags: 'trim',
    defaults: { nodeCount: DEFAULT_GRAPH_NODE_COUNT },
    options: [],
    prewarm: false,
    run: async (req) => {
      const [{ treeReport }, { renderTreeText }, { renderTreeJson }] = await tree();
      const r = treeReport(req.profile, req.graph);
      return stdout(json(req) ? renderTreeJson(r) : renderTreeText(r));
    },
  },
  peek: {
    summary: 'print the callers and callees of the functions matching a regex, like `go tool pprof -peek`',
    input: 'profile',
    args: [{ name: 'regex', description: 'regular expression matched against node names (nothing is trimmed)' }],
    formats: ['text', 'json'],
    graphFlags: 'order',
    defaults: {},
    options: [],
    prewarm: false,
    run: async (req) => {
      const [{ peekReport }, { renderTreeText }, { renderTreeJson }] = await tree();
      const r = peekReport(req.profile, req.args[0]!, req.graph);
      return stdout(json(req) ? renderTreeJson(r) : renderTreeText(r));
    },
  },
  dot: {
    summary: 'print the call graph in Graphviz DOT, like `go tool pprof -dot`',
    input: 'profile',
    args: [],
    formats: ['dot', 'json'],
    graphFlags: 'trim',
    defaults: { nodeCount: DEFAULT_GRAPH_NODE_COUNT },
    options: [],
    prewarm: false,
    run: async (req) => {
      const [{ dotGraph }, { renderDotText }, { renderDotJson }] = await dot();
      const g = dotGraph(req.profile, req.graph);
      return stdout(json(req) ? renderDotJson(g) : renderDotText(g));
    },
  },
  svg: {
    summary: 'print the call graph as SVG (our DOT laid out by Graphviz `dot -Tsvg`), like `go tool pprof -svg`',
    input: 'profile',
    args: [],
    formats: ['svg'],
    graphFlags: 'trim',
    defaults: { nodeCount: DEFAULT_GRAPH_NODE_COUNT },
    options: [],
    prewarm: false,
    run: async (req) => {
      const [[{ dotGraph }, { renderDotText }], { dotToSvg }] = await Promise.all([dot(), import('./svg/render.js')]);
      return stdout(await dotToSvg(renderDotText(dotGraph(req.profile, req.graph))));
    },
  },
  folded: {
    summary: 'print collapsed stacks (`caller;callee value` per line) for flamegraph.pl or inferno',
    input: 'profile',
    args: [],
    formats: ['folded'],
    graphFlags: 'none',
    defaults: {},
    options: [],
    prewarm: false,
    run: async (req) => stdout((await import('../render/folded.js')).foldedText(req.profile, req.query)),
  },
  flamegraph: {
    summary: 'write an interactive flame graph as one self-contained HTML file',
    input: 'profile',
    args: [],
    formats: ['html'],
    graphFlags: 'none',
    defaults: {},
    options: [
      { flags: '-o, --output <file>', description: 'HTML file to write', value: 'string', required: true },
      { flags: '--min-width <f>', description: 'merge frames narrower than f of the root into "other"', value: 'fraction',
        default: FLAME_MIN_WIDTH },
      { flags: '--title <text>', description: 'page title (default: the profile file name)', value: 'string' },
    ],
    prewarm: false,
    run: async (req) => {
      const { flameGraphHtml } = await import('../render/flame-html.js');
      const title = typeof req.flags['title'] === 'string' ? req.flags['title'] : baseName(req.source);
      const html = flameGraphHtml(req.profile, { ...req.query, minWidth: req.flags['minWidth'] as number, title });
      return { kind: 'file', path: req.flags['output'] as string, content: html };
    },
  },
} satisfies Record<ReportName, ReportSpec>;

/** The names of all reports, in the order the CLI lists them. */
export const REPORT_NAMES = Object.keys(REPORTS) as ReportName[];

/** Default values shown for the graph flags (the same for every report that takes them). */
export const GRAPH_FLAG_DEFAULTS = { nodeFraction: DEFAULT_NODE_FRACTION, edgeFraction: DEFAULT_EDGE_FRACTION, unit: DEFAULT_UNIT };

function baseName(p: string): string {
  const parts = p.split(/[\\/]/).filter((s) => s !== '');
  return parts.length === 0 ? p : parts[parts.length - 1]!;
}
