/**
 * The tags report as the text `go tool pprof -tags` prints: per key a total
 * line and one line per value, aligned by Go's tabwriter, a blank line after
 * each key. Yielded one key block at a time so the CLI can stream it.
 */

import { alignRight } from './tabwriter.js';
import type { TagsReport } from './data.js';

/** The report's lines, each without its newline. */
export function* tagsTextLines(r: TagsReport): Generator<string> {
  for (const k of r.keys) {
    const block = [`${k.key}:\t Total ${k.totalText}`];
    for (const v of k.values) {
      block.push(v.percent !== '' ? ` \t${v.valueText} (${v.percent}):\t ${v.name}` : ` \t${v.valueText}:\t ${v.name}`);
    }
    block.push('');
    yield* alignRight(block);
  }
}

/** The whole report as one string (empty for a profile without labels). */
export function renderTagsText(r: TagsReport): string {
  const lines = [...tagsTextLines(r)];
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}
