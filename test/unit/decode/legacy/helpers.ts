/**
 * Builders for synthetic legacy profiles in unit tests: the binary CPU
 * format in any word layout, and a plain view of a parsed profile.
 */

import type { Profile } from '../../../../src/model/profile.js';

/** Word layout of a synthetic CPU profile. */
export interface Layout { size: 4 | 8; little: boolean }

/** The four layouts pprof reads. */
export const LAYOUTS: Layout[] = [
  { size: 4, little: true }, { size: 4, little: false }, { size: 8, little: true }, { size: 8, little: false },
];

/** Encodes words in a layout. */
export function words(ws: readonly (number | bigint)[], layout: Layout): Uint8Array {
  const out = new Uint8Array(ws.length * layout.size);
  const dv = new DataView(out.buffer);
  ws.forEach((w, i) => {
    if (layout.size === 8) dv.setBigUint64(i * 8, BigInt(w), layout.little);
    else dv.setUint32(i * 4, Number(w), layout.little);
  });
  return out;
}

/** A legacy CPU profile: header with the period (µs), samples `[count, stack]`, end record, then trailing text. */
export function cpuProfile(layout: Layout, periodMicros: number, samples: [number, number[]][], text: string,
  opts: { java?: boolean; end?: boolean } = {}): Uint8Array {
  const ws: (number | bigint)[] = [0, 3, opts.java === true ? 1 : 0, periodMicros, 0];
  for (const [count, stack] of samples) ws.push(count, stack.length, ...stack);
  if (opts.end !== false) ws.push(0, 1, 0);
  return concat(words(ws, layout), new TextEncoder().encode(text));
}

/** Concatenates byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** Text as bytes. */
export function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** Each sample as `values | addr@mapping-file ...` (hex addresses, leaf first). */
export function samplesOf(p: Profile): string[] {
  return [...p.samples].map((s) => `${s.values.join(',')} | ${s.locations.map((l) => {
    const name = l.lines.length > 0 ? l.lines.map((ln) => ln.function.name).join('+') : '';
    return `${l.address.toString(16)}@${l.mapping?.filename ?? '-'}${name === '' ? '' : `:${name}`}`;
  }).join(' ')}`);
}
