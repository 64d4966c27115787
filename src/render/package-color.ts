/**
 * Frame colours: one colour per package, derived from a hash of the package
 * name alone, so a package keeps its colour across runs, profiles and
 * machines, and neighbouring frames of different packages differ.
 */

/**
 * The package part of a frame name: `github.com/x/y/pkg.(*T).M` → `github.com/x/y/pkg`,
 * `runtime.mallocgc` → `runtime`. Names without a package (C symbols, `<unknown>`)
 * are their own package. `file` is used when the name is empty (`files` granularity).
 */
export function packageOf(name: string, file = ''): string {
  if (name === '') {
    const slash = file.lastIndexOf('/');
    return slash > 0 ? file.slice(0, slash) : file;
  }
  // Skip a leading address (granularity 'addresses') and anything after the symbol.
  const symbol = /^[0-9a-f]{16} /.test(name) ? name.slice(17) : name;
  const head = symbol.split(' ', 1)[0]!;
  const slash = head.lastIndexOf('/');
  const dot = head.indexOf('.', slash + 1);
  return dot > 0 ? head.slice(0, dot) : head;
}

/** 32-bit FNV-1a over the UTF-16 code units of s. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The colour of a package, as CSS `hsl()`: a warm-to-cool hue from the hash,
 * with saturation and lightness kept in a band where black text stays readable.
 */
export function packageColor(pkg: string): string {
  const h = fnv1a(pkg);
  const hue = h % 360;
  const saturation = 45 + ((h >>> 9) % 25);
  const lightness = 68 + ((h >>> 17) % 12);
  return `hsl(${hue} ${saturation}% ${lightness}%)`;
}
