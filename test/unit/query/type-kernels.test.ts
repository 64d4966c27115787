/**
 * The every-type flat/cum pass over a call tree's frame codes
 * (flatCumTypesOfCodes) adds up, type by type, to exactly what top's
 * flat/cum pass over the stacks (flatCumKernel) does: every fixture kind,
 * with filters, hidden frames, line granularity, -noinlines and negative
 * (delta) values, and on stacks read in place (packed) as well as copied.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseProfile } from '../../../src/index.js';
import type { QueryOptions } from '../../../src/query/options.js';
import { prepareView } from '../../../src/query/view.js';
import { locationNodes, stackArrays } from '../../../src/query/aggregate.js';
import { flatCumKernel, singleNodes } from '../../../src/query/kernels.js';
import { span } from '../../../src/query/sample-ranges.js';
import { flatCumTypesOfCodes } from '../../../src/query/type-kernels.js';
import { splitInput } from '../../../src/query/split-input.js';
import { PROFILES } from '../../helpers/paths.js';
import { protobufFixtures } from '../../helpers/top-cases.js';

const OPTIONS: QueryOptions[] = [{}, { focus: 'runtime' }, { hide: 'runtime\\.' }, { granularity: 'lines' }, { noInlines: true }, { show: 'main' }];

for (const name of protobufFixtures()) {
  test(`${name}: flat and cum over the frame codes equal the pass over the stacks`, () => {
    const bytes = readFileSync(join(PROFILES, name));
    let covered = 0;
    // Gzipped input keeps the stacks packed; raw bytes the caller keeps are copied into index arrays.
    for (const profile of [parseProfile(bytes), parseProfile(gunzipSync(bytes))]) {
      for (const options of OPTIONS) {
        const view = prepareView(profile, options);
        const s = profile.samples;
        const cols = profile.sampleTypes.map((_, t) => s.numberColumn(t).values);
        const n = view.nodes.infos.length * cols.length;
        const walk = { profile, view: view.filters, nodes: view.nodes };
        const ln = locationNodes(walk);
        // Type by type, laid out as the every-type pass lays them out (node n, type t at n * T + t).
        const want = { flat: new Float64Array(n), cum: new Float64Array(n) };
        const T = cols.length;
        cols.forEach((w, t) => {
          const flat = new Float64Array(view.nodes.infos.length);
          const cum = new Float64Array(view.nodes.infos.length);
          flatCumKernel(stackArrays(walk), ln, singleNodes(ln), w, span(0, s.count), flat, cum);
          flat.forEach((v, node) => { want.flat[node * T + t] = v; });
          cum.forEach((v, node) => { want.cum[node * T + t] = v; });
        });
        const got = { flat: new Float64Array(n), cum: new Float64Array(n) };
        flatCumTypesOfCodes(splitInput(view, 0.01), cols, got.flat, got.cum);
        assert.deepEqual(got, want, JSON.stringify(options));
        if (want.cum.some((v) => v !== 0)) covered++;
      }
    }
    assert.ok(covered > 0, 'the comparison covered real sums');
  });
}
