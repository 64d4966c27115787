// The location table a built profile keeps (model/location-table.ts) says
// exactly what its Location objects say, which are made only on first read;
// and a filter's table says what the lines it kept say.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProfile } from '../../../src/parse.js';
import { locationTableOf, tableOfLines, type LocationTable } from '../../../src/model/location-table.js';
import { applyFilters } from '../../../src/query/filter.js';
import { scaleProfile } from '../../../src/transform/scale.js';
import type { Line, Location } from '../../../src/model/types.js';
import { PROFILES } from '../../helpers/paths.js';
import { protobufFixtures } from '../../helpers/top-cases.js';

/** Asserts that table `t` describes `lines[i]` of every location, with the objects' mapping and address. */
function sameAsObjects(t: LocationTable, locations: readonly Location[], lines: readonly (readonly Line[])[], what: string): void {
  assert.equal(t.count, locations.length, what);
  for (let i = 0; i < locations.length; i++) {
    const l = locations[i]!;
    assert.equal(t.lineStart[i + 1]! - t.lineStart[i]!, lines[i]!.length, `${what}: lines of location ${i}`);
    lines[i]!.forEach((ln, j) => {
      const k = t.lineStart[i]! + j;
      assert.equal(t.functions[t.lineFunction[k]!], ln.function, `${what}: location ${i} line ${j} function`);
      assert.equal(t.lineNumber[k], ln.line, `${what}: location ${i} line ${j} number`);
    });
    assert.equal(t.mappingOf(i), l.mapping, `${what}: mapping of ${i}`);
    assert.equal(t.addressOf(i), l.address, `${what}: address of ${i}`);
  }
}

for (const fixture of protobufFixtures()) {
  test(`${fixture}: the built profile's location table matches its Location objects`, () => {
    const p = parseProfile(readFileSync(join(PROFILES, fixture)));
    const t = locationTableOf(p);
    assert.equal(t.functions, p.functions, 'the table indexes the profile\'s own functions');
    assert.ok(Object.isFrozen(p.locations) && p.locations.every((l, i) => l.index === i && Object.isFrozen(l)));
    assert.equal(p.locations, p.locations, 'made once');
    sameAsObjects(t, p.locations, p.locations.map((l) => l.lines), fixture);
    assert.deepEqual([...p.samples].map((s) => s.locations.map((l) => l.id)).slice(0, 50),
      Array.from({ length: Math.min(50, p.samples.count) }, (_, i) => p.samples.get(i).locations.map((l) => l.id)));
  });
}

test('a filtered view and a transformed profile get tables of their own lines', () => {
  const p = parseProfile(readFileSync(join(PROFILES, 'cpu.pb.gz')));
  const view = applyFilters(p, { hide: '^runtime\\.' });
  assert.ok(view.locationLines.some((lines, i) => lines.length < p.locations[i]!.lines.length), 'hide took lines away');
  sameAsObjects(view.table, p.locations, view.locationLines, 'hide');
  const none = applyFilters(p, {});
  assert.equal(none.table, locationTableOf(p));
  sameAsObjects(none.table, p.locations, none.locationLines, 'no filter');
  const scaled = scaleProfile(p, 2);
  sameAsObjects(locationTableOf(scaled), scaled.locations, scaled.locations.map((l) => l.lines), 'scaled');
  sameAsObjects(tableOfLines(p.locations, p.locations.map((l) => l.lines)), p.locations, p.locations.map((l) => l.lines), 'of lines');
});
