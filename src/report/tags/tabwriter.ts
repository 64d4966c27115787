/**
 * Go's text/tabwriter as pprof's -tags uses it (minwidth 0, padding 1, pad
 * with spaces, AlignRight): tab-terminated cells of consecutive lines form
 * columns as wide as their widest cell plus one, right-aligned; a line
 * without tabs ends every column block. The text after a line's last tab
 * is not part of any column.
 */

const PADDING = 1;

/** Code points in `s` (a lone surrogate counts as one), as Go counts the runes of its UTF-8. */
function runeLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Formats one block of lines (cells split on tabs) as the tabwriter would. */
function formatBlock(lines: readonly string[][], out: string[]): void {
  const writeLines = (widths: readonly number[], from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      let text = '';
      lines[i]!.forEach((cell, j) => {
        if (j < widths.length) text += ' '.repeat(Math.max(0, widths[j]! - runeLength(cell)));
        text += cell;
      });
      out.push(text);
    }
  };
  const format = (widths: readonly number[], line0: number, line1: number): void => {
    const column = widths.length;
    for (let at = line0; at < line1; at++) {
      if (column >= lines[at]!.length - 1) continue;
      writeLines(widths, line0, at);
      line0 = at;
      let width = 0;
      for (; at < line1; at++) {
        const line = lines[at]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, runeLength(line[column]!) + PADDING);
      }
      format([...widths, width], line0, at);
      line0 = at;
    }
    writeLines(widths, line0, line1);
  };
  format([], 0, lines.length);
}

/** Aligns newline-terminated `lines` (cells separated by tabs); returns the output lines. */
export function alignRight(lines: readonly string[]): string[] {
  const out: string[] = [];
  let block: string[][] = [];
  for (const line of lines) {
    const cells = line.split('\t');
    block.push(cells);
    if (cells.length === 1) {
      formatBlock(block, out);
      block = [];
    }
  }
  if (block.length > 0) formatBlock(block, out);
  return out;
}
