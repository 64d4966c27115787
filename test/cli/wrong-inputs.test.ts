/**
 * Wrong inputs are named in one line with exit code 1, never a protobuf
 * wire error or "corrupt": images as `go tool pprof` renders them, the debug
 * port's index page (with the profile URLs it lists), `cmdline` output, a
 * `go tool trace` file, other profilers' JSON, an empty file, and inputs of
 * no known format (which formats were tried, and what the input looks
 * like). Inputs made by fixtures/wrong-inputs/make.sh. Snapshots in
 * test/golden/cli/ (`UPDATE_GOLDEN=1` re-records them).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCliSnapshot } from '../helpers/cli-snapshot.js';

const W = 'fixtures/wrong-inputs';

/** Snapshot name -> [input, what the one line must name]. */
const CASES: Record<string, [string, RegExp]> = {
  'wrong-input-png': [`${W}/cpu.png`, /PNG image/],
  'wrong-input-png-gzip': [`${W}/cpu.png.gz`, /PNG image/],
  'wrong-input-jpeg': [`${W}/cpu.jpg`, /JPEG image/],
  'wrong-input-gif': [`${W}/cpu.gif`, /GIF image/],
  'wrong-input-svg': [`${W}/cpu.svg`, /SVG image/],
  'wrong-input-pprof-index-html': [`${W}/index.html`, /index page.*\/debug\/pprof\/heap/],
  'wrong-input-cmdline': ['fixtures/profiles/cmdline.txt', /\/debug\/pprof\/cmdline.*fixturedaemon -addr 127\.0\.0\.1:0/],
  'wrong-input-go-trace': [`${W}/trace.out`, /Go execution trace.*go tool trace/],
  'wrong-input-speedscope': [`${W}/speedscope.json`, /speedscope/],
  'wrong-input-chrome-cpuprofile': [`${W}/busy.cpuprofile`, /Chrome DevTools CPU profile/],
  'wrong-input-chrome-trace': [`${W}/node-trace.json`, /Chrome trace/],
  'wrong-input-json': [`${W}/top.json`, /is JSON/],
  'wrong-input-empty': [`${W}/empty.pb.gz`, /empty/],
  'wrong-input-unknown-binary': [`${W}/unknown.bin`, /unsupported format: the input looks like binary data .*reads gzip, profile\.proto/],
  'wrong-input-unknown-text': ['test/data/not-a-profile.txt', /unsupported format: the input looks like text .*reads gzip, profile\.proto/],
};

for (const [name, [input, names]] of Object.entries(CASES)) {
  test(`wrong input named: ${name}`, () => {
    const args = ['top', input];
    const r = assertCliSnapshot(name, args);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^pprof-ts: [^\n]+\n$/, 'one line');
    assert.match(r.stderr, names);
    assert.doesNotMatch(r.stderr, /corrupt|wire|protobuf field|varint/i);
  });
}
