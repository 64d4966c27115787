// The string table's decoding (decode/strings.ts): one by one for a few
// entries, as slices of one block for many; ASCII and UTF-8 entries, empty
// ones, and entries spread far apart read the same either way.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StringTableBuilder } from '../../../src/decode/strings.js';

/** Lays `strings` out as string_table fields (tag, length, bytes) with `gap` other bytes between them. */
function layout(strings: readonly string[], gap = 0): { buf: Uint8Array; b: StringTableBuilder } {
  const enc = new TextEncoder();
  const bytes: number[] = [];
  const b = new StringTableBuilder();
  for (const s of strings) {
    for (let g = 0; g < gap; g++) bytes.push(0x88); // non-ASCII filler: must never leak into an entry
    const e = enc.encode(s);
    bytes.push(0x32);
    let n = e.length;
    while (n >= 0x80) { bytes.push((n & 0x7f) | 0x80); n >>>= 7; }
    bytes.push(n);
    const start = bytes.length;
    bytes.push(...e);
    b.add(start, bytes.length);
  }
  return { buf: Uint8Array.from(bytes), b };
}

const MIXED = ['', 'main.main', 'héllo wörld', 'runtime.goexit', '日本語のパス/x.go', 'emoji 🔥 frame', 'x'.repeat(300), '€ and \u0081'];

test('a few entries, one by one', () => {
  const { buf, b } = layout(MIXED);
  assert.deepEqual(b.build(buf), MIXED);
});

test('many entries as slices of one block: ASCII, UTF-8 and long entries keep their places', () => {
  const strings: string[] = [];
  for (let i = 0; i < 500; i++) strings.push(MIXED[i % MIXED.length]! + (i % 3 === 0 ? '' : String(i)));
  const { buf, b } = layout(strings);
  assert.deepEqual(b.build(buf), strings);
});

test('entries far apart are decoded one by one, with the same result', () => {
  const strings = Array.from({ length: 100 }, (_, i) => `fn${i}é`);
  const { buf, b } = layout(strings, 500);
  assert.deepEqual(b.build(buf), strings);
});
