/**
 * The per-sample state that query/tree-split.ts moves with each sample when
 * it splits a segment: plain typed arrays indexed by segment position. When
 * two threads build one tree (query/tree-steal.ts) the arrays are in shared
 * memory: each thread only touches the positions of the segments it took.
 */

import { sharedIfPossible } from '../shared-memory.js';

/** Frames a sample carries ahead. */
export const WINDOW = 8;

/**
 * The arrays of a state for `count` samples and `nTypes` value types;
 * windows of 16-bit frames when `narrow`. In shared memory when `shared`
 * (zeroed pages cost nothing until touched, so the thread that fills them pays).
 */
export function segmentArrays(count: number, nTypes: number, narrow: boolean, shared: boolean): SegmentArrays {
  const mem = (bytes: number): ArrayBufferLike => (shared ? sharedIfPossible(bytes) : new ArrayBuffer(bytes));
  return {
    sample: new Int32Array(mem(4 * count)),
    loc: new Int32Array(mem(4 * count)),
    lines: new Int32Array(mem(4 * count)),
    stop: new Int32Array(mem(4 * count)),
    winAt: new Uint8Array(mem(count)),
    winEnd: new Uint8Array(mem(count)),
    win: narrow ? new Uint16Array(mem(2 * count * WINDOW)) : new Int32Array(mem(4 * count * WINDOW)),
    weight: new Float64Array(mem(8 * count * nTypes)),
  };
}

/** The per-sample state of a tree that two threads build, in shared memory (see query/tree-steal.ts). */
export interface SharedSegments {
  readonly seg: SegmentArrays;
  readonly moved: SegmentArrays;
  readonly partOfPos: Int32Array;
}

/** Allocates the per-sample state of the input's tree in shared memory (untouched until a build fills it). */
export function sharedSegments(input: { readonly placed: Int32Array; readonly nTypes: number; readonly nFrames: number }): SharedSegments {
  const count = input.placed.length;
  const narrow = input.nFrames < 0x10000;
  return {
    seg: segmentArrays(count, input.nTypes, narrow, true),
    moved: segmentArrays(count, input.nTypes, narrow, true),
    partOfPos: new Int32Array(sharedIfPossible(4 * count)),
  };
}

/**
 * What a split reads of each sample, by segment position: the sample; where
 * it stands in its stack (`loc`, the position of its current frame code in
 * SplitInput's codes; `lines`, how many lines of that code's run are still
 * to come; `stop`, where its stack ends); its window of next
 * frames (`win[j*WINDOW + winAt[j] .. winEnd[j])`); its |value| per type.
 */
export class SegmentState {
  readonly sample: Int32Array;
  readonly loc: Int32Array;
  readonly lines: Int32Array;
  readonly stop: Int32Array;
  readonly winAt: Uint8Array;
  readonly winEnd: Uint8Array;
  readonly win: Uint16Array | Int32Array;
  readonly weight: Float64Array;

  constructor(arrays: SegmentArrays, private readonly nTypes: number) {
    this.sample = arrays.sample;
    this.loc = arrays.loc;
    this.lines = arrays.lines;
    this.stop = arrays.stop;
    this.winAt = arrays.winAt;
    this.winEnd = arrays.winEnd;
    this.win = arrays.win;
    this.weight = arrays.weight;
  }

  /** Copies position `from` of `src` to position `to` here. */
  copyFrom(src: SegmentState, from: number, to: number): void {
    this.sample[to] = src.sample[from]!;
    this.loc[to] = src.loc[from]!;
    this.lines[to] = src.lines[from]!;
    this.stop[to] = src.stop[from]!;
    // Only the frames still to come, moved to the start of the window.
    const a = src.winAt[from]!;
    const e = src.winEnd[from]!;
    this.winAt[to] = 0;
    this.winEnd[to] = e - a;
    for (let q = a; q < e; q++) this.win[to * WINDOW + q - a] = src.win[from * WINDOW + q]!;
    const n = this.nTypes;
    for (let t = 0; t < n; t++) this.weight[to * n + t] = src.weight[from * n + t]!;
  }

  /** Copies positions [start, end) of `src` here. */
  copyRange(src: SegmentState, start: number, end: number): void {
    this.sample.set(src.sample.subarray(start, end), start);
    this.loc.set(src.loc.subarray(start, end), start);
    this.lines.set(src.lines.subarray(start, end), start);
    this.stop.set(src.stop.subarray(start, end), start);
    this.winAt.set(src.winAt.subarray(start, end), start);
    this.winEnd.set(src.winEnd.subarray(start, end), start);
    this.win.set(src.win.subarray(start * WINDOW, end * WINDOW), start * WINDOW);
    this.weight.set(src.weight.subarray(start * this.nTypes, end * this.nTypes), start * this.nTypes);
  }
}

/** The arrays of a {@link SegmentState}: what travels to a helper thread (shared, not copied). */
export type SegmentArrays = Pick<SegmentState, 'sample' | 'loc' | 'lines' | 'stop' | 'winAt' | 'winEnd' | 'win' | 'weight'>;
