/**
 * What every graph-based report (top, tree, peek, dot) prints above its
 * rows, in pprof's order and wording: the profile lines (File, Type, Time,
 * Duration), the active filters, "Showing nodes accounting for ...", the
 * dropped nodes and edges, "Showing top N nodes out of M". Also the output
 * unit choice, which depends on the nodes shown.
 */

import { DEFAULT_UNIT } from '../../defaults.js';
import type { QueryView } from '../../query/view.js';
import { profileHeaderLines } from '../header.js';
import {
  chooseOutputUnit, formatDroppedLine, formatShowingLine, formatTopNodesLine, makeValueFormatter, type ValueFormatter,
} from '../units.js';

/** A report's output unit and the formatter of its values. */
export interface ReportUnit {
  readonly outputUnit: string;
  readonly format: ValueFormatter;
}

/**
 * Chooses the output unit as pprof does from the nodes shown (`unit`: a
 * unit, 'auto' or 'minimum'); `ratio` is -divide_by's (see divideByRatio),
 * which the choice and every formatted value see.
 */
export function reportUnit(
  view: QueryView, nodes: ReadonlyArray<{ readonly flat: bigint; readonly cum: bigint }>, unit: string = DEFAULT_UNIT,
  ratio = 1,
): ReportUnit {
  const sampleUnit = view.sampleType.unit;
  const outputUnit = chooseOutputUnit({
    nodes: nodes.map((n) => ({ flat: Number(n.flat), cum: Number(n.cum) })),
    total: Number(view.total),
    sampleUnit,
    outputUnit: unit,
    ratio,
  });
  return reportUnitNamed(view, outputUnit, ratio);
}

/** The report unit of a view once its output unit is chosen (as {@link reportUnit} chose it). */
export function reportUnitNamed(view: QueryView, outputUnit: string, ratio = 1): ReportUnit {
  return { outputUnit, format: makeValueFormatter(view.sampleType.unit, outputUnit, ratio) };
}

/**
 * The profile lines and the active filters (the part of the header that does
 * not depend on trimming). `compact` leaves the profile lines out (pprof's
 * -compact_labels, which only its text reports heed).
 */
export function viewHeaderLines(view: QueryView, format: ValueFormatter, compact = false): string[] {
  const lines = compact ? [] : profileHeaderLines({
    // pprof names the values of -mean "mean_<type>".
    profile: view.profile, sampleType: (view.mean ? 'mean_' : '') + view.sampleType.type, sampleUnit: view.sampleType.unit, total: Number(view.total),
    formatValue: format,
  });
  if (view.activeFilters.length > 0) {
    lines.push('Active filters:');
    // pprof cuts a filter description at 80 bytes; runes here, which agrees for ASCII.
    for (const f of view.activeFilters) lines.push(`   ${[...f].length > 80 ? [...f].slice(0, 80).join('') + '…' : f}`);
  }
  return lines;
}

/** How a graph was trimmed, for the header lines. */
export interface TrimSummary {
  /** Flat values of the nodes shown. */
  readonly flats: readonly bigint[];
  readonly origCount: number;
  readonly droppedNodes: number;
  readonly droppedEdges: number;
  readonly nodeFraction: number;
  readonly edgeFraction: number;
}

/** pprof's report labels: profile lines (unless `compact`), filters, Showing / Dropped lines. */
export function reportLabels(view: QueryView, t: TrimSummary, format: ValueFormatter, compact = false): string[] {
  const lines = viewHeaderLines(view, format, compact);
  const total = Number(view.total);
  const flatSum = t.flats.reduce((s, v) => s + v, 0n);
  lines.push(formatShowingLine(Number(flatSum), total, format));
  if (total !== 0) {
    if (t.droppedNodes > 0) lines.push(formatDroppedLine(t.droppedNodes, 'node', total, t.nodeFraction, format));
    if (t.droppedEdges > 0) lines.push(formatDroppedLine(t.droppedEdges, 'edge', total, t.edgeFraction, format));
    const shown = t.flats.length;
    if (shown > 0 && shown < t.origCount) lines.push(formatTopNodesLine(shown, t.origCount));
  }
  return lines;
}
