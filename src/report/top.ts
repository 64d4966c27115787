/**
 * The `top` report as data: header lines and rows with raw values (exact,
 * in the sample unit) next to the strings pprof prints for them.
 */

import type { Profile } from '../model/profile.js';
import { DEFAULT_UNIT } from '../defaults.js';
import { topGraphOfView, type InlineMark, type TopOptions } from '../query/top-graph.js';
import { prepareView, type QueryView } from '../query/view.js';
import { reportLabels, reportUnit } from './common/labels.js';
import { divideByRatio, formatPercent } from './units.js';
import type { GraphReportOptions } from './common/graph-options.js';

/** Options of a top table: query, trimming, the output unit, -divide_by and -compact_labels. */
export interface TopTableOptions extends TopOptions, Pick<GraphReportOptions, 'unit' | 'divideBy' | 'compactLabels'> {}

/** One row of a top table. */
export interface TopRow {
  /** Row name as pprof prints it (function, file, file:line, address...). */
  readonly name: string;
  /** 'inline' / 'partial-inline' when reached through inlining, else ''. */
  readonly inline: InlineMark;
  /** Exclusive value in the sample unit, exact. */
  readonly flat: bigint;
  /** Inclusive value in the sample unit, exact. */
  readonly cum: bigint;
  /** Running sum of flat down to this row, exact. */
  readonly sum: bigint;
  /** Formatted like pprof's columns. */
  readonly flatText: string;
  readonly flatPercent: string;
  readonly sumPercent: string;
  readonly cumText: string;
  readonly cumPercent: string;
}

/** A whole top table. */
export interface TopTable {
  /** Header lines as pprof prints them (File, Type, Time, Duration, Showing..., Dropped...). */
  readonly header: readonly string[];
  readonly sampleType: string;
  readonly sampleUnit: string;
  /** The unit values are printed in. */
  readonly outputUnit: string;
  /** 100% of the percentages: the report total (query/total.ts), exact. */
  readonly total: bigint;
  readonly rows: readonly TopRow[];
}

/** Builds the top table of a profile. Throws PprofError for bad options. */
export function topTable(profile: Profile, options: TopTableOptions = {}): TopTable {
  return topTableOfView(prepareView(profile, options), options);
}

/** The top table of a prepared view. Throws PprofError for bad options. */
export function topTableOfView(view: QueryView, options: TopTableOptions = {}): TopTable {
  const ratio = divideByRatio(options.divideBy);
  const g = topGraphOfView(view, options);
  const sampleType = g.sampleType.type;
  const sampleUnit = g.sampleType.unit;
  const total = Number(g.total);
  const { outputUnit, format: fmt } = reportUnit(view, g.nodes, options.unit ?? DEFAULT_UNIT, ratio);
  const header = reportLabels(view, {
    flats: g.nodes.map((n) => n.flat), origCount: g.origCount, droppedNodes: g.droppedNodes, droppedEdges: 0,
    nodeFraction: g.nodeFraction, edgeFraction: 0,
  }, fmt, options.compactLabels === true);

  let sum = 0n;
  const rows: TopRow[] = g.nodes.map((n) => {
    sum += n.flat;
    return {
      name: n.name,
      inline: n.inline,
      flat: n.flat,
      cum: n.cum,
      sum,
      flatText: fmt(Number(n.flat)),
      flatPercent: formatPercent(Number(n.flat), total),
      sumPercent: formatPercent(Number(sum), total),
      cumText: fmt(Number(n.cum)),
      cumPercent: formatPercent(Number(n.cum), total),
    };
  });
  return { header, sampleType, sampleUnit, outputUnit, total: g.total, rows };
}
