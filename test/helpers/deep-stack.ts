/**
 * Profiles with one absurdly deep stack, for the linear-work tests of every
 * stage (test/scale/deep-stack.test.ts): one CPU sample whose stack
 * repeats a few locations `depth` times, written straight into bytes (a
 * packed run of 1-byte varints) so that 10^7 frames cost 10 MB, not a
 * protobufjs object graph. Run as a script with `--probe <depth> <stages>`
 * it prints the CPU time of each stage as one JSON line.
 */

import { parseProfile } from '../../src/parse.js';
import { topTable } from '../../src/report/top.js';
import { renderTopText } from '../../src/report/text.js';
import { foldedText } from '../../src/render/folded.js';
import { flameGraph } from '../../src/render/flame-graph.js';

function varint(v: number): number[] {
  const out: number[] = [];
  while (v >= 0x80) { out.push((v & 0x7f) | 0x80); v = Math.floor(v / 128); }
  out.push(v);
  return out;
}

function field(n: number, payload: ArrayLike<number>): number[] {
  return [(n << 3) | 2, ...varint(payload.length), ...Array.from(payload)];
}

/**
 * profile.proto bytes: sample type cpu/nanoseconds, `distinct` functions and
 * locations (ids 1..distinct, at most 127 so each id is one byte), one sample
 * of value 1 whose stack cycles through them `depth` frames deep.
 */
export function deepStackProfile(depth: number, distinct = 3): Uint8Array {
  const strings = ['', 'cpu', 'nanoseconds', 'main.go'];
  const head: number[] = [...field(1, [0x08, 1, 0x10, 2])];
  const tail: number[] = [];
  for (let i = 1; i <= distinct; i++) {
    strings.push(`main.f${i}`);
    tail.push(...field(4, [0x08, i, ...field(4, [0x08, i, 0x10, 1])]));
    tail.push(...field(5, [0x08, i, 0x10, strings.length - 1, 0x20, 3]));
  }
  for (const s of strings) tail.push(...field(6, Array.from(new TextEncoder().encode(s))));
  // sample { location_id: packed [depth ids]; value: [1] }
  const idsLen = varint(depth);
  const sampleBody = 1 + idsLen.length + depth + 2;
  const sampleHead = [(2 << 3) | 2, ...varint(sampleBody), (1 << 3) | 2, ...idsLen];
  const out = new Uint8Array(head.length + sampleHead.length + depth + 2 + tail.length);
  out.set(head, 0);
  out.set(sampleHead, head.length);
  let at = head.length + sampleHead.length;
  for (let i = 0; i < depth; i++) out[at++] = (i % distinct) + 1;
  out[at++] = 0x10; // value, unpacked: one varint
  out[at++] = 1;
  out.set(tail, at);
  return out;
}

function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

if (process.argv[2] === '--probe') {
  const depth = Number(process.argv[3]);
  const stages = (process.argv[4] ?? 'parse,top,folded,flame').split(',');
  const bytes = deepStackProfile(depth);
  const result: Record<string, number> = {};
  let t = cpuMicros();
  const profile = parseProfile(bytes);
  result.parse = cpuMicros() - t;
  const check = (ok: boolean, what: string): void => { if (!ok) throw new Error(`wrong result: ${what}`); };
  check(profile.samples.get(0).locations.length === depth, 'stack depth after parse');
  if (stages.includes('top')) {
    t = cpuMicros();
    const text = renderTopText(topTable(profile));
    result.top = cpuMicros() - t;
    check(text.includes('main.f1'), 'top lists main.f1');
  }
  if (stages.includes('folded')) {
    t = cpuMicros();
    const folded = foldedText(profile);
    result.folded = cpuMicros() - t;
    check(folded.split(';').length === depth, 'folded line has every frame');
  }
  if (stages.includes('flame')) {
    t = cpuMicros();
    const g = flameGraph(profile);
    result.flame = cpuMicros() - t;
    check(g.root.height === depth && g.root.value === 1, 'flame graph height and value');
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
