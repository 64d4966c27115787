/**
 * Renders a TopTable as the text `go tool pprof -top` prints.
 */

import { sprintf } from './gofmt.js';
import type { TopTable } from './top.js';

/** The top table as pprof's text, newline-terminated. */
export function renderTopText(t: TopTable): string {
  const out: string[] = [...t.header];
  out.push(sprintf('%10s %5s%% %5s%% %10s %5s%%', 'flat', 'flat', 'sum', 'cum', 'cum'));
  for (const r of t.rows) {
    const inl = r.inline === '' ? '' : ` (${r.inline})`;
    out.push(sprintf('%10s %s %s %10s %s  %s%s', r.flatText, r.flatPercent, r.sumPercent, r.cumText, r.cumPercent, r.name, inl));
  }
  return out.join('\n') + '\n';
}
