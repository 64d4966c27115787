/**
 * Reports whose output grows with the profile (traces, raw, and their JSON)
 * are made as they are written: the CLI writes from tracesStream / rawStream,
 * whose items are made one at a time when the renderer asks for them, so
 * memory does not grow with the output. Checked by counting the items made
 * when only the first piece of output has been read, and by comparing the
 * streamed output with the in-memory report's.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tracesReport, tracesStream, type Trace } from '../../../src/report/traces/data.js';
import { renderTracesText, tracesTextLines } from '../../../src/report/traces/text.js';
import { renderTracesJson, tracesJsonChunks } from '../../../src/report/traces/json.js';
import { rawReport, rawStream, type RawSample } from '../../../src/report/raw/data.js';
import { rawTextLines, renderRawText } from '../../../src/report/raw/text.js';
import { rawJsonChunks, renderRawJson } from '../../../src/report/raw/json.js';
import { profile } from '../../helpers/tiny-profile.js';

const N = 1000;
const p = profile({
  types: [['cpu', 'nanoseconds']], period: 1, leafFirst: true, line: 10,
  samples: Array.from({ length: N }, (_, i) => [i + 1, `f${i % 97}`, `g${i % 89}`, 'main'] as [number, ...string[]]),
  labels: Object.fromEntries(Array.from({ length: N }, (_, i) => [i, { w: `w${i % 7}` }])),
});

/** `items` counting how many were made. */
function counted<T>(items: Iterable<T>): { items: Iterable<T>; made: () => number } {
  let made = 0;
  return {
    items: { *[Symbol.iterator]() { for (const x of items) { made++; yield x; } } },
    made: () => made,
  };
}

function first<T>(it: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  for (const x of it) {
    out.push(x);
    if (out.length === n) break;
  }
  return out;
}

test('traces: the stream is not an array, makes traces again on each read, and renders the same bytes', () => {
  const s = tracesStream(p);
  assert.equal(Array.isArray(s.traces), false);
  assert.equal([...s.traces].length, N);
  assert.equal([...s.traces].length, N);
  const full = tracesReport(p);
  assert.equal([...tracesTextLines(s)].join('\n') + '\n', renderTracesText(full));
  assert.equal([...tracesJsonChunks(s, 4096)].join(''), renderTracesJson(full));
});

test('traces: reading the first piece of text or JSON makes only the first few traces', () => {
  const s = tracesStream(p);
  const c = counted<Trace>(s.traces);
  first(tracesTextLines({ ...s, traces: c.items }), 20);
  assert.ok(c.made() <= 5, `${c.made()} traces made for 20 lines`);
  const j = counted<Trace>(s.traces);
  first(tracesJsonChunks({ ...s, traces: j.items }, 4096), 1);
  assert.ok(j.made() > 0 && j.made() < N / 10, `${j.made()} traces made for one 4 KiB piece`);
});

test('raw: the stream is not an array, renders the same bytes, and the first piece makes only the first samples', () => {
  const s = rawStream(p);
  assert.equal(Array.isArray(s.samples), false);
  const full = rawReport(p);
  assert.equal([...rawTextLines(s)].join('\n') + '\n', renderRawText(full));
  assert.equal([...rawJsonChunks(s, 4096)].join(''), renderRawJson(full));
  const c = counted<RawSample>(s.samples);
  first(rawTextLines({ ...s, samples: c.items }), 20);
  assert.ok(c.made() <= 20, `${c.made()} samples made for 20 lines`);
  const j = counted<RawSample>(s.samples);
  first(rawJsonChunks({ ...s, samples: j.items }, 4096), 1);
  assert.ok(j.made() > 0 && j.made() < N / 10, `${j.made()} samples made for one 4 KiB piece`);
});
