/**
 * The `top` report as data: header lines and rows with raw values (exact,
 * in the sample unit) next to the strings pprof prints for them.
 */

import type { Profile } from '../model/profile.js';
import { DEFAULT_UNIT } from '../defaults.js';
import { topGraph, type InlineMark, type TopOptions } from '../query/top-graph.js';
import { profileHeaderLines } from './header.js';
import {
  chooseOutputUnit, formatDroppedLine, formatPercent, formatShowingLine, formatTopNodesLine, makeValueFormatter,
} from './units.js';

/** Options of a top table: query, trimming, and the output unit. */
export interface TopTableOptions extends TopOptions {
  /** Output unit: a unit name, 'auto' or 'minimum' (default, as pprof). */
  unit?: string;
}

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
  /** 100% of the percentages: sum of |value| over all samples, exact. */
  readonly total: bigint;
  readonly rows: readonly TopRow[];
}

/** Builds the top table of a profile. Throws PprofError for bad options. */
export function topTable(profile: Profile, options: TopTableOptions = {}): TopTable {
  const g = topGraph(profile, options);
  const sampleType = g.sampleType.type;
  const sampleUnit = g.sampleType.unit;
  const total = Number(g.total);
  const outputUnit = chooseOutputUnit({
    nodes: g.nodes.map((n) => ({ flat: Number(n.flat), cum: Number(n.cum) })),
    total,
    sampleUnit,
    outputUnit: options.unit ?? DEFAULT_UNIT,
  });
  const fmt = makeValueFormatter(sampleUnit, outputUnit);

  const header = profileHeaderLines({ profile, sampleType, sampleUnit, total, formatValue: fmt });
  if (g.activeFilters.length > 0) {
    header.push('Active filters:');
    for (const f of g.activeFilters) header.push(`   ${[...f].length > 80 ? [...f].slice(0, 80).join('') + '…' : f}`);
  }
  const flatSum = g.nodes.reduce((s, n) => s + n.flat, 0n);
  header.push(formatShowingLine(Number(flatSum), total, fmt));
  if (total !== 0) {
    if (g.droppedNodes > 0) header.push(formatDroppedLine(g.droppedNodes, 'node', total, g.nodeFraction, fmt));
    if (g.nodes.length > 0 && g.nodes.length < g.origCount) header.push(formatTopNodesLine(g.nodes.length, g.origCount));
  }

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
