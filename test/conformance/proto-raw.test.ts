/**
 * Conformance of the profile.proto writer: `go tool pprof -raw` of what
 * pprof-ts writes equals `go tool pprof -raw` of the input, on every protobuf
 * fixture (and on merged and compared ones, which are written by the same
 * encoder from built profiles). Needs Go: skipped with a reason without it,
 * an error under CI=true.
 */

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

import { parseProfile } from '../../src/parse.js';
import { encodeProfileGzip } from '../../src/encode/profile.js';
import { PROFILES } from '../helpers/paths.js';
import { goVersion, requireTool } from '../helpers/tools.js';

const skip = requireTool('go', goVersion() !== null);
const dir = mkdtempSync(join(tmpdir(), 'pprof-ts-proto-raw-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function raw(path: string): string {
  const r = spawnSync('go', ['tool', 'pprof', '-raw', path], {
    encoding: 'utf8', env: { ...process.env, TZ: 'UTC', PPROF_TMPDIR: dir, PPROF_BINARY_PATH: '/nonexistent' },
  });
  assert.equal(r.status, 0, `go tool pprof -raw ${path}: ${r.stderr}`);
  return r.stdout;
}

function protobufFixtures(d = PROFILES): string[] {
  return readdirSync(d).sort().flatMap((f) => {
    const path = join(d, f);
    if (statSync(path).isDirectory()) return protobufFixtures(path);
    return f.endsWith('.pb.gz') ? [path] : [];
  });
}

describe('rule: go tool pprof -raw of what we write equals -raw of the input', { skip }, () => {
  const files = protobufFixtures();
  test('covers every protobuf fixture', () => assert.ok(files.length >= 18, `${files.length} fixtures`));
  files.forEach((path, i) => {
    test(path.slice(PROFILES.length + 1), async () => {
      const out = join(dir, `${i}.pb.gz`);
      writeFileSync(out, await encodeProfileGzip(parseProfile(readFileSync(path))));
      assert.equal(raw(out), raw(path));
    });
  });
});
