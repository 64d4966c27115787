/**
 * Renders a tree (or peek) report as the text `go tool pprof -tree` /
 * `-peek` prints: a block per node, callers above, callees below.
 */

import { sprintf } from '../gofmt.js';
import type { TreeEdgeRow, TreeReport } from './data.js';

const SEPARATOR = '----------------------------------------------------------+-------------';
// pprof's legend ends in tab-separated padding; kept byte for byte.
const LEGEND = '      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t ';

function edgeLine(e: TreeEdgeRow): string {
  return sprintf('%50s %s |   %s%s', e.weightText, e.percent, e.name, e.inline ? ' (inline)' : '');
}

/** The report's lines, each without its newline (the CLI writes them as they come: peek . of a big profile is long). */
export function* treeTextLines(r: TreeReport): Generator<string> {
  yield* r.header;
  yield SEPARATOR;
  yield LEGEND;
  for (const n of r.entries) {
    yield SEPARATOR;
    for (const e of n.callers) yield edgeLine(e);
    yield sprintf('%10s %s %s %10s %s                | %s', n.flatText, n.flatPercent, n.sumPercent, n.cumText, n.cumPercent, n.name);
    for (const e of n.callees) yield edgeLine(e);
  }
  if (r.entries.length > 0) yield SEPARATOR;
}

/** The report as pprof's text, newline-terminated. */
export function renderTreeText(r: TreeReport): string {
  return [...treeTextLines(r)].join('\n') + '\n';
}
