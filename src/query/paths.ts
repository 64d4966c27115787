/**
 * Go's path cleaning (filepath.Clean on Unix), applied by pprof to source
 * file names before they become part of a node's identity and printed name.
 */

/** Lexically cleans a slash-separated path the way Go's filepath.Clean does on Unix. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}
