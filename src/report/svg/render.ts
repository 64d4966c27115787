/**
 * The `svg` report: our DOT text laid out by Graphviz's `dot -Tsvg`, as
 * `go tool pprof -svg` does. Graphviz is a separate program; when it is not
 * installed the report fails with one clear PprofError instead of a stack
 * trace. Node's child_process is loaded only here.
 */

import { PprofError } from '../../errors.js';

/** The Graphviz program that lays out the graph. */
export const GRAPHVIZ_DOT = 'dot';

/** Lays out DOT text as SVG with Graphviz. Throws PprofError 'io' when dot is missing or fails. */
export async function dotToSvg(dotText: string, program: string = GRAPHVIZ_DOT): Promise<string> {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(program, ['-Tsvg'], { input: dotText, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error !== undefined) {
    const missing = (r.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new PprofError('io', missing
      ? `svg needs Graphviz's "${program}" program, which is not installed (Debian/Ubuntu: apt-get install graphviz)`
      : `cannot run Graphviz's "${program}": ${r.error.message}`, { cause: r.error });
  }
  if (r.status !== 0) {
    const first = (r.stderr ?? '').split('\n').find((l) => l.trim() !== '') ?? `exit status ${r.status}`;
    throw new PprofError('io', `Graphviz's "${program}" failed: ${first.trim()}`);
  }
  return r.stdout;
}
