/**
 * Renders a TopTable as the text `go tool pprof -top` prints.
 */

import { padRunes, sprintf } from './gofmt.js';
import type { TopTable } from './top.js';

/** The top table as pprof's text, newline-terminated. */
export function renderTopText(t: TopTable): string {
  const out: string[] = [...t.header];
  out.push(sprintf('%10s %5s%% %5s%% %10s %5s%%', 'flat', 'flat', 'sum', 'cum', 'cum'));
  for (const r of t.rows) {
    const inl = r.inline === '' ? '' : ` (${r.inline})`;
    // sprintf('%10s %s %s %10s %s  %s%s', ...) written out: one line per row, thousands of rows.
    out.push(`${padRunes(r.flatText, 10)} ${r.flatPercent} ${r.sumPercent} ${padRunes(r.cumText, 10)} ${r.cumPercent}  ${r.name}${inl}`);
  }
  return out.join('\n') + '\n';
}
