/**
 * `pprof-ts top <profile>`: the flat/cum table of `go tool pprof -top`.
 */

import { Command } from 'commander';
import { addQueryOptions, filteredInput, loadQuerySource, queryOptionsOf, type QueryFlags } from './query-flags.js';
import { topTable } from '../report/top.js';
import { renderTopText } from '../report/text.js';
import { renderTopJson } from '../report/json.js';
import { DEFAULT_EDGE_FRACTION, DEFAULT_NODE_FRACTION, DEFAULT_PREWARM_MIN_FILE_BYTES, DEFAULT_UNIT } from '../defaults.js';
import { statSync } from 'node:fs';
import type { CliIo } from './main.js';
import { PassWorker } from '../query/parallel.js';
import { GunzipStream } from '../decode/gunzip-stream.js';
import { nonNegativeInt, nonNegativeNumber } from './parsers.js';
import { readingWarnings } from '../decode/legacy/warnings.js';

/** Flags of the top command, as commander hands them over. */
interface TopFlags extends QueryFlags {
  cum?: boolean;
  nodecount?: number;
  nodefraction: number;
  edgefraction: number;
  unit: string;
  json?: boolean;
  parallel?: boolean;
}

/** Size of a local file, or 0 for URLs and anything that cannot be stat'ed (loading reports those). */
function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Adds the `top` command to the program. */
export function registerTop(program: Command, io: CliIo): void {
  const cmd = program
    .command('top')
    .description('print the top entries by flat (or cumulative) value, like `go tool pprof -top`')
    .argument('<profile>', 'profile file (gzip or raw profile.proto, Go\'s debug=1/debug=2 text, or a legacy gperftools/C++/Java profile)')
    .option('--cum', 'sort by cumulative value instead of flat')
    .option('--nodecount <n>', 'show at most n rows (default: all that pass --nodefraction)', nonNegativeInt)
    .option('--nodefraction <f>', 'hide nodes below f of the total', nonNegativeNumber, DEFAULT_NODE_FRACTION)
    .option('--edgefraction <f>', 'ignore edges below f of the total when marking (inline) rows', nonNegativeNumber, DEFAULT_EDGE_FRACTION)
    .option('--unit <u>', 'output unit (e.g. ms, s, MB), auto, or minimum', DEFAULT_UNIT)
    .option('--json', 'print the table as JSON (raw values in the sample unit plus formatted strings)')
    .option('--no-parallel', 'use one thread only (big profiles use a second core by default)');
  addQueryOptions(cmd)
    .action(async (paths: string[], flags: TopFlags) => {
      // For a big file, start the helper threads now so their start-up overlaps reading it;
      // small ones never use them, and starting threads for nothing costs more than the file.
      if (flags.parallel !== false && fileSize(paths[0] ?? '') >= DEFAULT_PREWARM_MIN_FILE_BYTES) {
        PassWorker.prewarm();
        GunzipStream.prewarm();
      }
      const loaded = await loadQuerySource(paths, flags);
      // Inconsistent but readable input (e.g. old Go heap totals) is reported, not refused.
      for (const w of readingWarnings(loaded)) io.stderr(`pprof-ts: warning: ${w}\n`);
      const { profile, options } = filteredInput(loaded, queryOptionsOf(flags), io.stderr);
      const table = topTable(profile, {
        ...options,
        cum: flags.cum === true,
        nodeCount: flags.nodecount ?? 0,
        nodeFraction: flags.nodefraction,
        edgeFraction: flags.edgefraction,
        unit: flags.unit,
        parallel: flags.parallel === false ? 'off' : 'auto',
      });
      io.stdout(flags.json === true ? renderTopJson(table) : renderTopText(table));
    });
}
