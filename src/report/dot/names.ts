/**
 * Node labels of the DOT graph as pprof writes them: function names
 * shortened (package paths, Go major versions, Java and C++ qualifiers
 * dropped), one name part per label line, DOT strings escaped.
 */

import type { NodeInfo } from '../../query/nodes.js';

const CPP_ANONYMOUS_PREFIX = /^\(anonymous namespace\)::/;
const GO_VERSION = /^(.*?)\/v(?:[2-9]|[1-9][0-9]+)([./].*)$/;
const GO_PATH = /^(?:[\w\-.]+\/)+(.+)/;
const JAVA = /^(?:[a-z]\w*\.)*([A-Z][\w$]*\.(?:<init>|[a-z][\w$]*(?:\$\d+)?))(?:(?:\()|$)/;
const CPP = /^(?:[_a-zA-Z]\w*::)+(_*[A-Z]\w*::~?[_a-zA-Z]\w*(?:<.*>)?)/;

/** pprof's ShortenFunctionName. */
export function shortenFunctionName(f: string): string {
  let s = f.replace(CPP_ANONYMOUS_PREFIX, '');
  s = s.replace(GO_VERSION, '$1$2');
  for (const re of [GO_PATH, JAVA, CPP]) {
    const m = re.exec(s);
    if (m !== null && m.length >= 2) return m.slice(1).join('');
  }
  return s;
}

/** Escapes `\` and `"` and turns newlines into DOT's left-justified line breaks. */
export function escapeForDot(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\l');
}

function baseName(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return p === '' ? '.' : '/';
  const slash = trimmed.lastIndexOf('/');
  return slash < 0 ? trimmed : trimmed.slice(slash + 1);
}

/** The label lines of a node: shortened name split at dots, then file or object, each line ended by `\n`. */
export function multilinePrintableName(i: NodeInfo): string {
  const name = escapeForDot(shortenFunctionName(i.name)).replace(/::/g, '\\n').replace(/\[\.\.\.\]/g, '[…]')
    .replace(/\./g, '\\n');
  const file = i.file !== '' ? baseName(i.file) : '';
  const parts: string[] = [];
  if (i.address !== 0n) parts.push(i.address.toString(16).padStart(16, '0'));
  if (name !== '') parts.push(name);
  if (i.lineno !== 0) parts.push(`${file}:${i.lineno}`);
  else if (file !== '') parts.push(file);
  else if (name !== '') { /* the name alone */ }
  else if (i.objfile !== '') parts.push(`[${baseName(i.objfile)}]`);
  else parts.push('<unknown>');
  return parts.join('\\n') + '\\n';
}
