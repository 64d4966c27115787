/**
 * Reads the `# labels: {"key":"value", ...}` line of goroutine debug=1
 * profiles. The runtime writes each key and value with Go's %q verb, so the
 * strings are Go string literals (escapes such as \x00 and \a that JSON does
 * not have); they are decoded here rather than with JSON.parse.
 */

import type { TextLabel } from './assemble.js';

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\u0007', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\u000b', '\\': '\\', '"': '"', '\'': '\'',
};

/** Position in the label text being read. */
interface Cursor { s: string; i: number }

/** Reads one double-quoted Go string literal at the cursor, or returns null when malformed. */
function readGoString(c: Cursor): string | null {
  if (c.s[c.i] !== '"') return null;
  c.i++;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  while (c.i < c.s.length) {
    const ch = c.s[c.i]!;
    if (ch === '"') {
      c.i++;
      return new TextDecoder().decode(Uint8Array.from(bytes));
    }
    if (ch !== '\\') {
      const cp = c.s.codePointAt(c.i)!;
      const piece = String.fromCodePoint(cp);
      bytes.push(...encoder.encode(piece));
      c.i += piece.length;
      continue;
    }
    const e = c.s[c.i + 1];
    if (e === undefined) return null;
    if (e in SIMPLE_ESCAPES) {
      bytes.push(SIMPLE_ESCAPES[e]!.charCodeAt(0));
      c.i += 2;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = c.s.slice(c.i + 2, c.i + 2 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return null;
      const v = parseInt(hex, 16);
      // \x is a raw byte (possibly half of a UTF-8 sequence); \u and \U are code points.
      if (e === 'x') bytes.push(v);
      else if (v > 0x10ffff) return null;
      else bytes.push(...encoder.encode(String.fromCodePoint(v)));
      c.i += 2 + n;
    } else if (/[0-7]/.test(e)) {
      const oct = c.s.slice(c.i + 1, c.i + 4);
      if (!/^[0-7]{3}$/.test(oct)) return null;
      bytes.push(parseInt(oct, 8) & 0xff);
      c.i += 4;
    } else {
      return null;
    }
  }
  return null;
}

/**
 * Parses the text after `# labels: `. Returns the labels in the order
 * written, or null when the text is not a well-formed label map.
 */
export function parseLabelMap(text: string): TextLabel[] | null {
  const c: Cursor = { s: text.trim(), i: 0 };
  if (c.s[0] !== '{' || c.s[c.s.length - 1] !== '}') return null;
  c.i = 1;
  const out: TextLabel[] = [];
  const end = c.s.length - 1;
  while (c.i < end) {
    const key = readGoString(c);
    if (key === null || c.s[c.i] !== ':') return null;
    c.i++;
    const value = readGoString(c);
    if (value === null) return null;
    out.push({ key, kind: 'string', value });
    if (c.i === end) break;
    if (c.s.slice(c.i, c.i + 2) !== ', ') return null;
    c.i += 2;
  }
  return out;
}
