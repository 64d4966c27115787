/**
 * How two threads share a pass (query/sample-ranges.ts): the chunks cover
 * every sample once, in about equal shares of stack bytes, and whatever one
 * thread claims the other can redo exactly (the fallback when the helper
 * fails).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseProfile } from '../../../src/parse.js';
import { stackArrays } from '../../../src/query/aggregate.js';
import { prepareView } from '../../../src/query/view.js';
import { forEachRange, isEmpty, sampleChunks, span, type SampleChunks } from '../../../src/query/sample-ranges.js';
import type { StackArrays } from '../../../src/query/kernels.js';
import { PROFILES } from '../../helpers/paths.js';

function stacksOf(file: string, packed: boolean): { st: StackArrays; count: number } {
  // Decompressed by the parser, the stacks stay packed in its own bytes; raw bytes the caller keeps are copied.
  const gz = readFileSync(join(PROFILES, file));
  const p = parseProfile(packed ? gz : gunzipSync(gz));
  const view = prepareView(p, {});
  const st = stackArrays({ profile: p, view: view.filters, nodes: view.nodes });
  assert.equal(st.packed !== null, packed);
  return { st, count: p.samples.count };
}

/** Each sample's number of visits over the given walks. */
function visits(count: number, walks: ((f: (from: number, to: number) => void) => void)[]): number[] {
  const seen = new Array<number>(count).fill(0);
  for (const walk of walks) {
    walk((from, to) => {
      assert.ok(from < to, `empty range ${from}..${to}`);
      for (let i = from; i < to; i++) seen[i]!++;
    });
  }
  return seen;
}

for (const packed of [true, false]) {
  test(`chunks cover every sample once, in about equal shares of the stacks' bytes or frames (${packed ? 'packed' : 'frame array'})`, () => {
    const { st, count } = stacksOf('startup/cpu-long.pb.gz', packed);
    const chunks = sampleChunks(st, count, 16);
    assert.equal(chunks.bounds.length, 17);
    assert.equal(chunks.bounds[0], 0);
    assert.equal(chunks.bounds[16], count);
    for (let k = 0; k < 16; k++) assert.ok(chunks.bounds[k]! <= chunks.bounds[k + 1]!);
    // Where each sample's stack starts (packed: its byte offset in the input); the end of the last one closes it.
    const at = (i: number): number => (st.packed !== null ? (i < count ? st.packed.start[i]! : st.packed.end[count - 1]!) : st.offsets[i]!);
    const total = at(count) - at(0);
    let widest = 0;
    for (let i = 0; i < count; i++) widest = Math.max(widest, at(i + 1) - at(i));
    for (let k = 0; k < 16; k++) {
      const share = at(chunks.bounds[k + 1]!) - at(chunks.bounds[k]!);
      assert.ok(Math.abs(share - total / 16) <= widest + 1, `chunk ${k}: ${share} of ${total}`);
    }
    assert.deepEqual(visits(count, [(f) => forEachRange({ kind: 'claim', chunks, taken: null }, f)]), new Array(count).fill(1));
  });
}

test('what the other thread claimed is exactly what "others" redoes', () => {
  const { st, count } = stacksOf('startup/cpu-long.pb.gz', true);
  for (const otherTook of [0, 1, 7, 63, 64]) {
    const chunks: SampleChunks = sampleChunks(st, count);
    // The other thread claims its chunks first (in a real pass the claims interleave).
    for (let k = 0; k < otherTook; k++) Atomics.add(chunks.next, 0, 1);
    const taken = new Uint8Array(chunks.bounds.length - 1);
    const mine = visits(count, [(f) => forEachRange({ kind: 'claim', chunks, taken }, f)]);
    const redo = visits(count, [(f) => forEachRange({ kind: 'others', chunks, taken }, f)]);
    for (let i = 0; i < count; i++) assert.equal(mine[i]! + redo[i]!, 1, `sample ${i} with ${otherTook} chunks taken by the other`);
    assert.equal(isEmpty({ kind: 'others', chunks, taken }), otherTook === 0 || chunks.bounds[otherTook] === 0);
    // Nothing is left to claim.
    assert.deepEqual(visits(count, [(f) => forEachRange({ kind: 'claim', chunks, taken: null }, f)]), new Array(count).fill(0));
  }
});

test('a span walks its samples, and an empty one nothing', () => {
  assert.deepEqual(visits(5, [(f) => forEachRange(span(1, 4), f)]), [0, 1, 1, 1, 0]);
  assert.ok(isEmpty(span(3, 3)));
  assert.ok(!isEmpty(span(0, 1)));
  const none = sampleChunks({ offsets: new Uint32Array(1), frames: new Uint32Array(0), packed: null, keep: null }, 0, 4);
  assert.deepEqual(Array.from(none.bounds), [0, 0, 0, 0, 0]);
  assert.deepEqual(visits(0, [(f) => forEachRange({ kind: 'claim', chunks: none, taken: null }, f)]), []);
});
