/**
 * Shortening of source file paths, by google/pprof's rules (its report
 * package's trimPath): each prefix of a list is given a trailing `/` and the
 * first one a path starts with is cut off; `/proc/self/cwd/./` and
 * `/proc/self/cwd/` are always in the list. pprof takes the list from
 * `-trim_path`; for Go tracebacks pprof-ts also fills it from the paths
 * themselves: the GOROOT source directory (`/usr/lib/go-1.19/src/`, so
 * `runtime/proc.go` is left) and module caches (`/root/go/pkg/mod/`, so
 * `github.com/x/y@v1.2.3/z.go` is left), as `go build -trimpath` and
 * panicparse print them.
 */

/** Prefixes pprof always trims (paths recorded under Bazel-style sandboxes). */
const ALWAYS = ['/proc/self/cwd/./', '/proc/self/cwd/'];

/** A frame's function and file, as the detection needs them. */
export interface FunctionFile {
  function: string;
  file: string;
}

/** The import path of the package of a Go function name, e.g. `net/http` for `net/http.(*conn).serve`. */
function packageOf(fn: string): string {
  const slash = fn.lastIndexOf('/');
  const dot = fn.indexOf('.', slash + 1);
  return dot < 0 ? '' : fn.slice(0, dot);
}

/**
 * The GOROOT source directories and module caches the frames' files lie in,
 * each ending with `/`, sorted. GOROOT is recognised from standard library
 * functions (a package path whose first element has no dot, other than
 * `main`) whose file is `<dir>/src/<package>/<file>`, and from any file
 * `<dir>/src/runtime/<file>`; a module cache is the
 * part of a path up to `/pkg/mod/`.
 */
export function detectGoPathPrefixes(frames: Iterable<FunctionFile>): string[] {
  const found = new Set<string>();
  for (const f of frames) {
    const mod = f.file.indexOf('/pkg/mod/');
    if (mod >= 0) { found.add(f.file.slice(0, mod + '/pkg/mod/'.length)); continue; }
    // The runtime's own files place GOROOT even for frames printed without a package (`panic`, `goexit`).
    const rt = f.file.lastIndexOf('/src/runtime/');
    if (rt >= 0 && !f.file.slice(rt + '/src/runtime/'.length).includes('/')) { found.add(f.file.slice(0, rt + '/src/'.length)); continue; }
    const pkg = packageOf(f.function);
    if (pkg === '' || pkg === 'main' || pkg.split('/')[0]!.includes('.')) continue;
    const tail = `/src/${pkg}/`;
    const at = f.file.lastIndexOf(tail);
    // Only when the file sits directly in the package's directory under some .../src/.
    if (at >= 0 && !f.file.slice(at + tail.length).includes('/')) found.add(f.file.slice(0, at + '/src/'.length));
  }
  return [...found].sort();
}

/** Splits a pprof `-trim_path` value (a `:`-separated list) into prefixes; empty pieces are dropped. */
export function parseTrimPathList(list: string): string[] {
  return list.split(':').filter((p) => p !== '');
}

/** Cuts the first matching prefix (each given a trailing `/`, then pprof's fixed ones) off `path`. */
export function trimPath(path: string, prefixes: readonly string[]): string {
  for (const p of [...prefixes, ...ALWAYS]) {
    const withSlash = p.endsWith('/') ? p : `${p}/`;
    if (path.startsWith(withSlash)) return path.slice(withSlash.length);
  }
  return path;
}
