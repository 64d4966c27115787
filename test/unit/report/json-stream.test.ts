/**
 * Report JSON streams: every report's chunks join to the same bytes as its
 * one-string renderer (`JSON.stringify(doc, null, 2)`) on every fixture and
 * sample type, in pieces of about the chunk size; jsonChunks itself matches
 * JSON.stringify on the shapes JSON treats specially.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProfile } from '../../../src/parse.js';
import { jsonChunks, lazyArray } from '../../../src/report/json-stream.js';
import { topTable } from '../../../src/report/top.js';
import { renderTopJson, topJsonChunks } from '../../../src/report/json.js';
import { peekReport, treeReport } from '../../../src/report/tree/data.js';
import { renderTreeJson, treeJsonChunks } from '../../../src/report/tree/json.js';
import { dotGraph } from '../../../src/report/dot/data.js';
import { dotJsonChunks, renderDotJson } from '../../../src/report/dot/json.js';
import { tracesReport } from '../../../src/report/traces/data.js';
import { renderTracesJson, tracesJsonChunks } from '../../../src/report/traces/json.js';
import { rawReport } from '../../../src/report/raw/data.js';
import { rawJsonChunks, renderRawJson } from '../../../src/report/raw/json.js';
import { tagsReport } from '../../../src/report/tags/data.js';
import { renderTagsJson, tagsJsonChunks } from '../../../src/report/tags/json.js';
import { PROFILES } from '../../helpers/paths.js';

test('jsonChunks writes what JSON.stringify(doc, null, 2) writes, lazy arrays as arrays', () => {
  const cases: [unknown, unknown][] = [];
  const items = [{ a: 1, b: 'x"\n\u2028é', c: undefined, d: null, e: [] }, { f: {}, g: [1, [2, { h: 3 }]], i: () => 1 }];
  cases.push([{ xs: lazyArray(items, (x) => x) }, { xs: items }]);
  cases.push([{ xs: lazyArray([], (x) => x), y: 1 }, { xs: [], y: 1 }]);
  cases.push([{ u: undefined, xs: lazyArray([1, 2], (x) => x * 2), f: () => 0 }, { u: undefined, xs: [2, 4], f: () => 0 }]);
  cases.push([{ xs: lazyArray([1, 2], () => undefined) }, { xs: [undefined, undefined] }]);
  cases.push([{ '2': 'b', '1': 'a', xs: lazyArray(['p', 'q'], (k) => ({ k, inner: lazyArray([k, k], (z) => ({ z })) })) },
    { '2': 'b', '1': 'a', xs: ['p', 'q'].map((k) => ({ k, inner: [{ z: k }, { z: k }] })) }]);
  cases.push([lazyArray([{ deep: { deeper: [1, { x: 'y' }] } }], (x) => x), [{ deep: { deeper: [1, { x: 'y' }] } }]]);
  cases.push([{ a: { b: lazyArray([], (x) => x) } }, { a: { b: [] } }]);
  cases.push([{}, {}]);
  for (const [lazy, eager] of cases) {
    const want = JSON.stringify(eager, null, 2) + '\n';
    for (const size of [1, 7, 1 << 16]) assert.equal([...jsonChunks(lazy, size)].join(''), want, `${want} at ${size}`);
  }
});

test('every report\'s JSON chunks equal its one-string JSON on every fixture and sample type', () => {
  const files = readdirSync(PROFILES).filter((n) => n.endsWith('.pb.gz') || n.endsWith('.txt')).sort();
  let compared = 0;
  for (const f of files) {
    if (f === 'cmdline.txt') continue;
    const p = parseProfile(readFileSync(join(PROFILES, f)));
    for (let k = 0; k < p.sampleTypes.length; k++) {
      const q = { sampleIndex: k };
      const pairs: [string, string, (n: number) => Iterable<string>][] = [];
      const top = topTable(p, q);
      pairs.push(['top', renderTopJson(top), (n) => topJsonChunks(top, n)]);
      const tree = treeReport(p, { ...q, nodeCount: 0 });
      pairs.push(['tree', renderTreeJson(tree), (n) => treeJsonChunks(tree, n)]);
      const peek = peekReport(p, '.', q);
      pairs.push(['peek', renderTreeJson(peek), (n) => treeJsonChunks(peek, n)]);
      const dot = dotGraph(p, q);
      pairs.push(['dot', renderDotJson(dot), (n) => dotJsonChunks(dot, n)]);
      const traces = tracesReport(p, q);
      pairs.push(['traces', renderTracesJson(traces), (n) => tracesJsonChunks(traces, n)]);
      const raw = rawReport(p, q);
      pairs.push(['raw', renderRawJson(raw), (n) => rawJsonChunks(raw, n)]);
      const tags = tagsReport(p, q);
      pairs.push(['tags', renderTagsJson(tags), (n) => tagsJsonChunks(tags, n)]);
      for (const [name, whole, chunks] of pairs) {
        const size = 4096;
        const pieces = [...chunks(size)];
        assert.equal(pieces.join(''), whole, `${name} --json on ${f} sample ${k}`);
        // Pieces of about the chunk size: nothing is held whole.
        for (const c of pieces.slice(0, -1)) assert.ok(c.length >= size && c.length < size + 64_000, `${name} ${f}: piece of ${c.length}`);
        if (whole.length > 4 * size) assert.ok(pieces.length > 2, `${name} ${f}: ${pieces.length} pieces of ${whole.length}`);
        compared++;
      }
    }
  }
  assert.ok(compared > 50, `${compared} comparisons`);
});
