/**
 * JSON written in pieces, byte for byte what `JSON.stringify(doc, null, 2)`
 * plus a newline gives: a report whose JSON grows with the profile (traces,
 * raw, tags, top) is never one string, since the JSON of a 100 MB profile
 * exceeds both the engine's string limit and a bounded heap. Arrays marked
 * with `lazyArray` are mapped item by item as they are written, so the
 * document's big parts never exist as objects all at once either.
 */

import { DEFAULT_CHUNK_CHARS } from '../defaults.js';

const INDENT = '  ';

/** An array whose items are made when written (see `lazyArray`). */
export class LazyArray<T> {
  /** @param items the source items; @param map makes each item's JSON value when it is written. */
  constructor(readonly items: Iterable<T>, readonly map: (item: T) => unknown) {}
}

/** An array of `items` mapped by `map`, item by item, when the document is written by `jsonChunks`. */
export function lazyArray<T>(items: Iterable<T>, map: (item: T) => unknown): LazyArray<T> {
  return new LazyArray(items, map);
}

/** One value as `JSON.stringify(v, null, 2)` writes it at nesting `depth`. */
function nested(v: unknown, depth: number): string | undefined {
  const s = JSON.stringify(v, null, 2) as string | undefined;
  return s === undefined || depth === 0 ? s : s.replace(/\n/g, '\n' + INDENT.repeat(depth));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof LazyArray) &&
    typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** Whether a value holds a lazy array somewhere in its plain objects (else it is stringified whole). */
function hasLazy(v: unknown): boolean {
  if (v instanceof LazyArray) return true;
  return isPlainObject(v) && Object.values(v).some(hasLazy);
}

/** The pieces of one value at `depth`; object members whose value JSON leaves out are left out, as JSON does. */
function* pieces(v: unknown, depth: number): Generator<string> {
  if (v instanceof LazyArray) {
    let first = true;
    const pad = INDENT.repeat(depth + 1);
    for (const item of v.items) {
      const mapped = v.map(item);
      yield first ? '[\n' + pad : ',\n' + pad;
      first = false;
      if (hasLazy(mapped)) yield* pieces(mapped, depth + 1);
      else yield nested(mapped, depth + 1) ?? 'null';
    }
    yield first ? '[]' : '\n' + INDENT.repeat(depth) + ']';
    return;
  }
  if (!hasLazy(v)) {
    // Only called for values JSON writes (members it leaves out are skipped by the caller).
    yield nested(v, depth) ?? 'null';
    return;
  }
  const o = v as Record<string, unknown>;
  const pad = INDENT.repeat(depth + 1);
  let first = true;
  for (const [k, x] of Object.entries(o)) {
    if (!hasLazy(x) && JSON.stringify(x) === undefined) continue;
    yield (first ? '{\n' : ',\n') + pad + JSON.stringify(k) + ': ';
    first = false;
    yield* pieces(x, depth + 1);
  }
  yield first ? '{}' : '\n' + INDENT.repeat(depth) + '}';
}

/**
 * The document as `JSON.stringify(doc, null, 2) + '\n'` in pieces of about
 * 64 KiB, lazy arrays written as arrays.
 */
export function* jsonChunks(doc: unknown, chunkChars = DEFAULT_CHUNK_CHARS): Generator<string> {
  let buf = '';
  for (const p of pieces(doc, 0)) {
    buf += p;
    if (buf.length >= chunkChars) {
      yield buf;
      buf = '';
    }
  }
  yield buf + '\n';
}

/** The document with its lazy arrays made into arrays (what `JSON.stringify` takes). */
export function eagerJson(v: unknown): unknown {
  if (v instanceof LazyArray) return [...v.items].map((x) => eagerJson(v.map(x)));
  if (!hasLazy(v)) return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, eagerJson(x)]));
}

/**
 * The whole document as one string, by `JSON.stringify(doc, null, 2)` itself
 * (small reports, the library's string renderers, and the reference the
 * streamed form is tested against).
 */
export function jsonText(doc: unknown): string {
  return JSON.stringify(eagerJson(doc), null, 2) + '\n';
}
