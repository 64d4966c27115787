// The legacy readers on hostile input: linear time on adversarial lines
// (long runs of spaces, tabs, digits, hex digits; many empty records), and
// nothing but PprofError from damaged real fixtures.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { safeParseProfile } from '../../../../src/parse.js';
import { PROFILES } from '../../../helpers/paths.js';
import { concat, cpuProfile, LAYOUTS, utf8 } from './helpers.js';

const PREFIXES: Record<string, string> = {
  heap: 'heap profile: 1: 8 [ 1: 8] @ heap_v2/524288\n',
  contentionz: '--- contentionz 1 ---\ncycles/second = 1000\n',
  threadz: '--- threadz 1 ---\n--- Thread 1a (name: x/1) stack: ---\n',
  javaHeap: '--- heapz 1 ---\nformat = java\nresolution = bytes\n',
  javaContention: '--- contentionz 1 ---\nformat = java\nresolution = microseconds\n',
};

/** Adversarial bodies of about n bytes. */
function bodies(n: number): Record<string, string> {
  return {
    spaces: '1' + ' '.repeat(n) + '1',
    tabs: '\t'.repeat(n) + 'x',
    digits: '1'.repeat(n),
    hex: 'a'.repeat(n),
    hexWords: '1 a '.repeat(n / 4),
    equals: 'a '.repeat(n / 4) + '='.repeat(n / 2),
    parens: '0x1 ' + 'f ('.repeat(n / 3),
    colons: '1:'.repeat(n / 2),
    emptyRecords: '\n'.repeat(n),
    threads: '--- Thread 1 (name: '.repeat(n / 20),
    unterminated: '1: 2 [ 3: 4] @ ' + '0x1 '.repeat(n / 4),
  };
}

/** Best of three parse times of each (prefix, body) pair. */
function times(n: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [pk, prefix] of Object.entries(PREFIXES)) {
    for (const [bk, body] of Object.entries(bodies(n))) {
      const input = utf8(prefix + body + '\n');
      let best = Infinity;
      for (let k = 0; k < 3; k++) {
        const t = performance.now();
        const r = safeParseProfile(input);
        best = Math.min(best, performance.now() - t);
        if (!r.success) assert.ok(['bad-format', 'out-of-range'].includes(r.error.code), `${pk}/${bk}: ${r.error.code} ${r.error.message}`);
      }
      out.set(`${pk}/${bk}`, best);
    }
  }
  // The binary CPU format with an adversarial memory map after its samples.
  for (const [bk, body] of Object.entries(bodies(n))) {
    const input = concat(cpuProfile(LAYOUTS[2]!, 100, [[1, [0x400100]]], ''), utf8(body));
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      safeParseProfile(input);
      best = Math.min(best, performance.now() - t);
    }
    out.set(`cpu/${bk}`, best);
  }
  return out;
}

test('every legacy reader is linear: 8x the adversarial input costs well under 64x the time', () => {
  const small = times(64 * 1024);
  const big = times(512 * 1024);
  for (const [k, t] of small) {
    const ratio = big.get(k)! / Math.max(t, 3);
    // Linear work gives about 8, quadratic 64 (cubic 512): the bound leaves room for a busy machine.
    // Timer noise on tiny times is absorbed by the 3 ms floor.
    assert.ok(ratio < 24, `${k}: ${t.toFixed(1)} ms for 64 KiB, ${big.get(k)!.toFixed(1)} ms for 512 KiB (x${ratio.toFixed(1)})`);
  }
});

/** A deterministic pseudo-random sequence (xorshift32). */
function rng(seed: number): () => number {
  let x = seed;
  return () => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return (x >>> 0) / 2 ** 32; };
}

test('damaged legacy fixtures (bit flips, truncation, spliced bytes) give only PprofError', () => {
  const dir = join(PROFILES, 'legacy');
  const files = readdirSync(dir).filter((f) => /\.(prof|heap|txt)$/.test(f)).sort();
  const rand = rng(12345);
  let inputs = 0;
  for (const f of files) {
    const orig = new Uint8Array(readFileSync(join(dir, f)));
    for (let k = 0; k < 60; k++) {
      const b = orig.slice();
      const kind = k % 4;
      if (kind === 0) for (let j = 0; j < 4; j++) { const i = Math.floor(rand() * b.length); b[i] = b[i]! ^ (1 << Math.floor(rand() * 8)); }
      let input: Uint8Array = b;
      if (kind === 1) input = b.subarray(0, Math.floor(rand() * b.length));
      if (kind === 2) { const i = Math.floor(rand() * b.length); input = concat(b.subarray(0, i), b.subarray(Math.floor(rand() * b.length))); }
      if (kind === 3) { const i = Math.floor(rand() * b.length); b.fill(0x39, i, Math.min(b.length, i + 30)); }
      try {
        safeParseProfile(input);
      } catch (e) {
        assert.fail(`${f} mutation ${k}: safeParseProfile threw ${String(e)}`);
      }
      const r = safeParseProfile(input);
      if (!r.success) {
        assert.ok(!/cannot parse profile|input too large to process/.test(r.error.message), `${f} mutation ${k}: untyped failure: ${r.error.message}`);
      }
      inputs++;
    }
  }
  assert.ok(inputs >= 15 * 60);
});
