/**
 * One CLI command per entry of the report registry (src/report/registry.ts):
 * each gets its positional arguments, the graph flags it takes, `--json`
 * when it has a JSON form, its own options, and the shared query and source
 * flags; the profile is loaded by the shared loader (file, URL or `-`).
 */

import { PprofError } from '../errors.js';
import { statSync } from 'node:fs';
import { Command, Option } from 'commander';
import { REPORT_ALIASES, REPORT_NAMES, REPORTS, GRAPH_FLAG_DEFAULTS, type ReportSpec, type OptionValue } from '../report/registry.js';
import type { GraphReportOptions } from '../report/common/graph-options.js';
import { DEFAULT_PREWARM_MIN_FILE_BYTES } from '../defaults.js';
import { PassWorker } from '../query/parallel.js';
import { GunzipStream } from '../decode/gunzip-stream.js';
import type { CliIo } from './main.js';
import { resolveSampleIndex } from '../query/sample-index.js';
import { addQueryOptions, filteredInput, hasFrameOrLabelFilter, loadQuerySource, queryOptionsOf, type QueryFlags } from './query-flags.js';
import { hasNameFilter, type QueryOptions } from '../query/options.js';
import { divideByRatio } from '../report/units.js';
import { readingWarnings } from '../decode/legacy/warnings.js';
import { linesInChunks, writeChunks } from './stream-lines.js';
import { goFloat, nonNegativeInt, nonNegativeNumber, unitFraction } from './parsers.js';

/** Graph flags as commander hands them over. */
interface GraphFlags extends QueryFlags {
  cum?: boolean;
  nodecount?: number;
  nodefraction?: number;
  edgefraction?: number;
  /** False with --no-trim. */
  trim?: boolean;
  unit?: string;
  dropNegative?: boolean;
  divideBy?: number;
  compactLabels?: boolean;
  json?: boolean;
}

const PARSERS: Record<OptionValue, ((v: string) => unknown) | null> = {
  flag: null, string: null, int: nonNegativeInt, number: nonNegativeNumber, fraction: unitFraction, float: goFloat,
};

/** Size of a local file, or 0 for URLs, stdin and anything that cannot be stat'ed (loading reports those). */
function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function nodeCountHelp(spec: ReportSpec): string {
  const n = spec.defaults.nodeCount ?? 0;
  return n === 0 ? 'show at most n nodes (default: all that pass --nodefraction)' : `show at most n nodes, 0 for all (default: ${n})`;
}

/** The help of a graph flag pprof takes with a report it does not change. */
const ignored = (flag: string): string => `accepted for pprof command lines; pprof -${flag} does not change this report`;

function addGraphFlags(cmd: Command, spec: ReportSpec): void {
  switch (spec.graphFlags) {
    case 'none':
      return;
    case 'ignored':
      // pprof takes every graph flag with every report; these print samples or labels and ignore them.
      cmd
        .option('--cum', ignored('cum'))
        .option('--nodecount <n>', ignored('nodecount'), nonNegativeInt)
        .option('--nodefraction <f>', ignored('nodefraction'), nonNegativeNumber)
        .option('--edgefraction <f>', ignored('edgefraction'), nonNegativeNumber)
        .option('--no-trim', ignored('trim'))
        .option('--drop-negative', ignored('drop_negative'));
      addCallTreeFlag(cmd, spec);
      return;
    case 'trim':
      cmd
        .option('--cum', 'sort by cumulative value instead of flat')
        .option('--nodecount <n>', nodeCountHelp(spec), nonNegativeInt)
        .option('--nodefraction <f>', 'hide nodes below f of the total', nonNegativeNumber, GRAPH_FLAG_DEFAULTS.nodeFraction)
        .option('--edgefraction <f>', 'drop edges below f of the total (top: when marking (inline) rows)', nonNegativeNumber,
          GRAPH_FLAG_DEFAULTS.edgeFraction)
        .option('--no-trim', 'keep every node and edge: --nodecount, --nodefraction and --edgefraction count as 0 (pprof -trim=false)');
      break;
    case 'order':
      // pprof takes the trimming flags with every report and ignores them where nothing is trimmed (peek).
      cmd
        .option('--cum', 'sort by cumulative value instead of flat')
        .option('--nodecount <n>', ignored('nodecount'), nonNegativeInt)
        .option('--nodefraction <f>', ignored('nodefraction'), nonNegativeNumber)
        .option('--edgefraction <f>', ignored('edgefraction'), nonNegativeNumber)
        .option('--no-trim', ignored('trim'));
      break;
    default:
      throw new Error(`unknown graph flags ${String(spec.graphFlags satisfies never)}`);
  }
  cmd
    .option('--unit <u>', 'output unit (e.g. ms, s, MB), auto, or minimum', GRAPH_FLAG_DEFAULTS.unit)
    .option('--drop-negative', 'leave out nodes with a negative value (pprof -drop_negative)');
  addCallTreeFlag(cmd, spec);
}

/** Whether the report draws pprof's call graph picture (the only place pprof honours -call_tree). */
function drawsCallGraph(spec: ReportSpec): boolean {
  return spec.formats.some((f) => f === 'dot' || f === 'svg');
}

/**
 * pprof honours -call_tree only in its graph pictures (dot, svg), where it
 * draws one node per call path; pprof-ts does not draw that, so there the
 * flag is refused with a message saying so. Every other report takes it
 * and, as pprof, ignores it.
 */
function addCallTreeFlag(cmd: Command, spec: ReportSpec): void {
  cmd.option('--call-tree', drawsCallGraph(spec)
    ? 'not supported: pprof -call_tree draws one node per call path, which this report does not (refused)'
    : ignored('call_tree'));
}

function addSpecOption(cmd: Command, o: ReportSpec['options'][number]): void {
  const opt = new Option(o.flags, o.description);
  const parse = PARSERS[o.value];
  if (parse !== null) opt.argParser(parse);
  if (o.default !== undefined) opt.default(o.default);
  if (o.required === true) opt.makeOptionMandatory(true);
  cmd.addOption(opt);
}

function graphOptionsOf(flags: GraphFlags, spec: ReportSpec, query: QueryOptions): GraphReportOptions {
  // As in pprof, -trim=false wins over the trimming flags given with it.
  const trim = flags.trim !== false;
  return {
    ...query,
    cum: flags.cum === true,
    nodeCount: trim ? flags.nodecount ?? spec.defaults.nodeCount : 0,
    nodeFraction: trim ? flags.nodefraction : 0,
    edgeFraction: trim ? flags.edgefraction : 0,
    unit: flags.unit,
    dropNegative: flags.dropNegative === true,
    ...(flags.divideBy !== undefined ? { divideBy: flags.divideBy } : {}),
    compactLabels: flags.compactLabels === true,
  };
}

/** Names of the report commands (the registry's), for the CLI to know them before registering. */
export { REPORT_ALIASES, REPORT_NAMES };

/**
 * Adds one command per registered report, or for the reports in `names`
 * only (the CLI registers just the one it runs: defining every report's
 * options is a measurable part of a small profile's start-up).
 */
export function registerReports(program: Command, io: CliIo, names: readonly string[] = REPORT_NAMES): void {
  for (const name of REPORT_NAMES) {
    if (!names.includes(name)) continue;
    const spec: ReportSpec = REPORTS[name];
    const cmd = program.command(name).description(spec.summary);
    for (const [alias, of] of Object.entries(REPORT_ALIASES)) if (of === name) cmd.alias(alias);
    for (const a of spec.args) cmd.argument(`<${a.name}>`, a.description);
    cmd.argument('<profile>', 'profile file or URL (gzip or raw profile.proto, Go\'s debug=1/debug=2 text, or a legacy ' +
      'profile), - for stdin');
    addGraphFlags(cmd, spec);
    if (spec.formats.includes('json')) {
      cmd.option('--json', 'print the report as JSON (raw values in the sample unit plus formatted strings)');
    }
    for (const o of spec.options) addSpecOption(cmd, o);
    addQueryOptions(cmd).action(async (...params: unknown[]) => {
      const args = params.slice(0, spec.args.length) as string[];
      // The profile argument repeats: several profiles are merged (query-flags.ts).
      const sources = params[spec.args.length] as string[];
      const flags = params[spec.args.length + 1] as GraphFlags & Record<string, unknown>;
      // Refused before anything starts (the helper threads below).
      if (flags['callTree'] === true && drawsCallGraph(spec)) {
        throw new PprofError('bad-option', `--call-tree (pprof -call_tree) is not supported by ${name}`);
      }
      // For a big file, start the helper threads now so their start-up overlaps reading it;
      // small ones never use them, and starting threads for nothing costs more than the file.
      if (spec.prewarm && flags['parallel'] !== false && fileSize(sources[0]!) >= DEFAULT_PREWARM_MIN_FILE_BYTES) {
        PassWorker.prewarm();
        GunzipStream.prewarm();
      }
      const query = queryOptionsOf(flags);
      const loaded = await loadQuerySource(sources, flags, {
        // The label-sums shape stands in for the merged one, and reports that only add samples up skip a
        // comparison's side merges, only where no profile is written out (--output-proto keeps pprof's samples).
        shape: spec.load.shape === 'label-sums' && (hasNameFilter(query) || flags.outputProto !== undefined) ? 'canonical' : spec.load.shape,
        sumsOnly: spec.load.shape === 'as-loaded' && flags.outputProto === undefined,
        checkStacksInPass: spec.load.checkStacksInPass === true && !hasFrameOrLabelFilter(query),
      });
      // Inconsistent but readable input (e.g. old Go heap totals) is reported, not refused.
      for (const w of readingWarnings(loaded)) io.stderr(`pprof-ts: warning: ${w}\n`);
      // Label filters, show_from, prune_from (and for sample-printing reports focus/ignore/hide/show) make a new profile.
      // pprof refuses a bad -sample_index and -divide_by=0 for every report, even where they show nowhere.
      const checkOptions = (): void => {
        resolveSampleIndex(loaded, query.sampleIndex);
        divideByRatio(flags.divideBy);
      };
      const { profile, options } = filteredInput(loaded, query, io.stderr, spec.load.materialize, checkOptions);
      const out = await spec.run({
        profile, args, query: options, graph: graphOptionsOf(flags, spec, options), flags, source: sources[0]!, sources,
      });
      switch (out.kind) {
        case 'stdout':
          io.stdout(out.text);
          break;
        case 'lines':
          await writeChunks(io, linesInChunks(out.lines));
          break;
        case 'chunks':
          await writeChunks(io, out.chunks);
          break;
        case 'file': {
          // Imported here: node:crypto (temporary names) is only needed when a file is written.
          const { writeFileAtomic } = await import('../render/atomic-write.js');
          await writeFileAtomic(out.path, out.content);
          io.stderr(`wrote ${out.path} (${Buffer.byteLength(out.content)} bytes)\n`);
          if (out.open === true) await openOrWarn(io, out.path);
          break;
        }
      }
    });
  }
}

/** Shows a written file with the system's opener; failing to is a warning, since the file is there. */
async function openOrWarn(io: CliIo, path: string): Promise<void> {
  try {
    const { openFile } = await import('./open.js'); // node:child_process only when a file is opened
    await openFile(path);
  } catch (e) {
    io.stderr(`pprof-ts: warning: could not open ${path}: ${(e as Error).message}; open it in a browser yourself\n`);
  }
}
