/**
 * Expands the run lists of `diff --base-runs/--new-runs`: each value is a
 * file or a pattern with `*`, `?` or `[...]` in its last path part
 * (`'base/*.pb.gz'`, quoted so the shell leaves it alone). Sorted, so runs
 * keep their order; a pattern that matches nothing is a usage error.
 */

import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PprofError } from '../errors.js';

function patternToRegex(p: string): RegExp {
  let re = '';
  for (const ch of p) {
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[' || ch === ']') re += ch;
    else re += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Files named by the values (files as given, patterns expanded). Throws PprofError 'bad-option'. */
export function expandRuns(values: readonly string[], flag: string): string[] {
  const out: string[] = [];
  for (const v of values) {
    const base = basename(v);
    if (!/[*?[]/.test(base)) { out.push(v); continue; }
    if (/[*?[]/.test(dirname(v))) throw new PprofError('bad-option', `${flag}: wildcards only in the file name, got ${v}`);
    const dir = dirname(v);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch (e) {
      throw new PprofError('bad-option', `${flag}: cannot read folder ${dir}: ${(e as Error).message}`, { cause: e });
    }
    const re = patternToRegex(base);
    const hits = names.filter((n) => re.test(n)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    if (hits.length === 0) throw new PprofError('bad-option', `${flag}: ${v} matches no file`);
    out.push(...hits.map((n) => join(dir, n)));
  }
  return out;
}
