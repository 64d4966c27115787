/**
 * Go compares strings byte-wise (UTF-8); JavaScript compares UTF-16 code
 * units. The two orders differ only between astral characters (surrogate
 * pairs) and U+E000..U+FFFF, so that is the one case handled specially.
 */

/** Compares like Go's `a < b` on strings: negative, zero or positive. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) return rank(x) - rank(y);
      return x - y;
    }
  }
  return a.length - b.length;
}

/** Surrogates (astral code points) sort after the rest of the BMP in UTF-8. */
function rank(c: number): number {
  return c >= 0xd800 && c <= 0xdfff ? c + 0x2000 : c >= 0xe000 ? c - 0x800 : c;
}
