/**
 * The engine of query/call-tree.ts: builds call trees of a view depth first.
 * The samples that reach a node sit in one contiguous segment of a sample
 * list; their next frames are read and the segment is split (stably) into
 * one part per frame. Each part wide enough becomes a child node whose
 * segment is split in turn; the narrow ones end in one 'merged' node per
 * parent before anything below them is built.
 *
 * Why it looks like this: reading one frame of every sample per depth jumps
 * through the stack arrays and misses the cache on nearly every read (about
 * 60 ns each on a 100 MB profile, which was most of a flame page's time).
 * Here each sample carries, by segment position, its next few frames (a
 * window filled by reading its stack in order) with the rest of its state,
 * and the state moves with it when a segment is split: splits read and
 * write memory in order, and a stack is read from memory once per window.
 * A segment that does not split (a chain) moves nothing. The state is
 * allocated once for every tree of a call (fresh pages cost more than the
 * reads on the machines this runs on). The work of a split is proportional
 * to its segment, never to the profile, so one very deep stack stays linear.
 * Once made, segments are independent, so two threads can split them
 * (TreePart; query/tree-steal.ts joins their parts into this tree).
 */

import { MERGED_FRAME, TreeGrowth, wholeTreeBound } from './tree-growth.js';
import type { SplitInput } from './split-input.js';
import { SegmentState, segmentArrays, WINDOW as SEGMENT_WINDOW, type SharedSegments } from './segment-state.js';
import type { Builder, TaskDeque, Taken } from './tree-deque.js';

export { ROOT_FRAME, MERGED_FRAME } from './tree-growth.js';

/**
 * Frames a sample carries ahead, as a constant of this module: the split's
 * loops read an imported binding anew at every use, and the trees took 6-7%
 * longer that way (alternate in-process builds of real-100mb's trees).
 */
const WINDOW = SEGMENT_WINDOW;

/** The shape of one built tree (see CallTree in call-tree.ts for the fields' meaning). */
export interface SplitTree {
  readonly size: number;
  readonly parent: Int32Array;
  readonly frame: Int32Array;
  readonly merged: ReadonlyMap<number, number>;
  readonly sampleEnd: Int32Array;
}

/**
 * The tree with copies of its node arrays cut to its size: a built tree's
 * are views of bigger buffers, which posting it to another thread would
 * copy whole.
 */
export function compactTree(t: SplitTree): SplitTree {
  return { ...t, parent: t.parent.slice(), frame: t.frame.slice() };
}

/**
 * A function that builds the input's tree in one orientation per call:
 * 'callees' hangs stacks from the outermost caller, 'callers' from the leaf.
 * The calls share one per-sample state (so the trees of a page can be built
 * one at a time while other work runs on another thread).
 */
export function treeSplitter(input: SplitInput): (orientation: 'callees' | 'callers') => SplitTree {
  let scratch: Scratch | null = null;
  return (o) => {
    scratch ??= new Scratch(input);
    scratch.start(o === 'callees');
    return scratch.build();
  };
}

/**
 * One builder's part of a tree that two threads build over shared state
 * and a shared deque of segments (query/tree-steal.ts): builder 0 places
 * the samples and pushes the first segment when made, builder 1 joins.
 * Each step takes one segment and splits it, growing the part's nodes
 * (with stand-ins for the other's nodes whose segments it took).
 */
export class TreePart {
  private readonly scratch: Scratch;
  /** The part's nodes so far. */
  readonly growth: TreeGrowth;

  constructor(
    input: SplitInput, shared: SharedSegments, private readonly deque: TaskDeque,
    orientation: 'callees' | 'callers', private readonly thread: Builder, sampleEnd?: Int32Array,
  ) {
    this.scratch = new Scratch(input, shared);
    this.growth = this.scratch.beginPart(deque, orientation === 'callees', thread, sampleEnd);
  }

  /**
   * Takes a segment (builder 0 the newest, as one thread would; builder 1
   * the oldest) and splits it; see TaskDeque.take for what else it may
   * find. An error abandons the tree, so that the other builder stops too.
   */
  step(stop: () => boolean): Taken {
    try {
      return this.scratch.stepPart(this.deque, this.thread === 1, stop);
    } catch (e) {
      this.deque.abandon();
      throw e;
    }
  }
}

/** The state of every placed sample and the scratch of one split, shared by the trees of one call. */
class Scratch {
  private readonly seg: SegmentState;
  private readonly moved: SegmentState;
  private readonly partOfPos: Int32Array; // part of each segment position (-1: the stack ended here)
  private readonly partOf: Int32Array; // frame -> its part in the current split (-1: none)
  private readonly partFrame: Int32Array;
  private readonly partSize: Int32Array;
  private readonly partEnd: Int32Array; // write position while moving, then the part's end
  private readonly partNode: Int32Array; // child node of a wide part; -2 - its merged node for a narrow one
  private readonly partWeight: Float64Array;
  private callees = true;
  private readonly count: number;
  private readonly nTypes: number;

  constructor(private readonly input: SplitInput, shared?: SharedSegments) {
    const { nTypes, nFrames } = input;
    const count = input.placed.length;
    const narrow = nFrames < 0x10000;
    this.count = count;
    this.nTypes = nTypes;
    this.seg = new SegmentState(shared?.seg ?? segmentArrays(count, nTypes, narrow, false), nTypes);
    this.moved = new SegmentState(shared?.moved ?? segmentArrays(count, nTypes, narrow, false), nTypes);
    this.partOfPos = shared?.partOfPos ?? new Int32Array(count);
    this.partOf = new Int32Array(nFrames).fill(-1);
    this.partFrame = new Int32Array(nFrames);
    this.partSize = new Int32Array(nFrames);
    this.partEnd = new Int32Array(nFrames);
    this.partNode = new Int32Array(nFrames);
    this.partWeight = new Float64Array(nFrames * nTypes);
  }

  /** Puts every placed sample at the start of its stack, in the given orientation. */
  start(callees: boolean): void {
    this.callees = callees;
    const { sample, loc, lines, stop, weight, winAt, winEnd } = this.seg;
    const { placed, offsets: offs, ends, weights } = this.input;
    weight.set(weights);
    for (let j = 0; j < placed.length; j++) {
      sample[j] = placed[j]!;
      // Stacks are stored leaf first: callees walk them backwards, callers forwards.
      loc[j] = callees ? ends[j]! : offs[j]! - 1;
      stop[j] = callees ? offs[j]! : ends[j]!;
      lines[j] = 0;
      winAt[j] = 0;
      winEnd[j] = 0;
    }
  }

  /** Fills position j's window with its next frames; returns how many (0 at the end of its stack). */
  private refill(j: number): number {
    const { loc, lines, stop, win, winAt, winEnd } = this.seg;
    const { codes, runStart, runNodes, nFrames } = this.input;
    const callees = this.callees;
    let k = loc[j]!;
    let r = lines[j]!;
    const end = stop[j]!;
    const base = j * WINDOW;
    let n = 0;
    while (n < WINDOW) {
      if (r > 0) {
        // The next line of the current run: outermost first for callees, innermost first for callers.
        r--;
        const run = codes[k]! - nFrames;
        win[base + n++] = runNodes[callees ? runStart[run]! + r : runStart[run + 1]! - 1 - r]!;
        continue;
      }
      if (callees ? k - 1 < end : k + 1 >= end) break;
      k += callees ? -1 : 1;
      const c = codes[k]!;
      if (c < nFrames) {
        win[base + n++] = c;
        continue;
      }
      r = runStart[c - nFrames + 1]! - runStart[c - nFrames]!;
    }
    loc[j] = k;
    lines[j] = r;
    winAt[j] = 0;
    winEnd[j] = n;
    return n;
  }

  /*
   * The build is one loop over segments, and each step of a segment is its
   * own method. V8 optimises the loop of a function that runs once on the
   * stack (OSR) with the type feedback seen so far, and throws the code away
   * at the first branch not yet taken: one big loop did so about ten times
   * per tree, running interpreted in between (the first callees tree of a
   * 100 MB profile took 1.4 s that way and 1.15 s split up; its callers tree
   * 0.45 and 0.28 s). Small methods called once per segment are optimised whole, with
   * complete feedback, and the tree under construction lives in fields
   * rather than in closures made anew for every tree.
   *
   * A method whose loop is optimised on the stack must do nothing after the
   * loop but return a local: a property read or write there has no type
   * feedback yet when the loop's first call is compiled, and V8 reuses that
   * code for later calls, so every call fell back to the interpreter at the
   * end (`--trace-deopt` counted 2,000 such exits from one method in one
   * page). So results go back as return values, and `move` leaves the copy
   * back to `split`.
   */

  /** Builds the tree of the samples as `start` placed them. */
  build(): SplitTree {
    const out = new TreeGrowth(this.input.nSamples, undefined, wholeTreeBound(this.input));
    this.out = out;
    if (this.count > 0) out.push(0, this.count, 0);
    while (out.nTasks > 0) {
      out.nTasks--;
      const t = 3 * out.nTasks;
      this.split(out.tasks[t]!, out.tasks[t + 1]!, out.tasks[t + 2]!);
    }
    return out.tree();
  }

  /** Starts one builder's part of a tree built by two threads (see TreePart). */
  beginPart(deque: TaskDeque, callees: boolean, thread: Builder, sampleEnd?: Int32Array): TreeGrowth {
    const out = new TreeGrowth(this.input.nSamples, sampleEnd);
    out.shareTasks(deque, thread);
    this.out = out;
    this.callees = callees;
    if (thread === 0) {
      this.start(callees);
      if (this.count > 0) out.push(0, this.count, 0);
      deque.start();
    }
    return out;
  }

  /** Takes one segment of a tree built by two threads and splits it (see TreePart.step). */
  stepPart(deque: TaskDeque, fromHead: boolean, stop: () => boolean): Taken {
    const got = deque.take(fromHead, stop);
    if (got !== 'task') return got;
    const task = deque.task;
    this.split(task[0]!, task[1]!, this.out!.nodeOf(task[2]!));
    deque.finish();
    return got;
  }

  /** The tree being built (set by build). */
  private out: TreeGrowth | null = null;

  /** Splits segment [start, end), whose samples have all reached `node`, pushing its children's segments. */
  private split(start: number, end: number, node: number): void {
    const out = this.out!;
    // 0. Chains first (most steps of a deep profile): while every sample goes on to the same
    // frame, only compare. A chain's child has the samples of a part that was wide (or of the
    // root), so it is wide too.
    const j0 = this.chainEnd(start, end);
    // The agreed frame: the one the segment's first sample took last.
    const first = j0 > start ? this.seg.win[start * WINDOW + this.seg.winAt[start]! - 1]! : -1;
    if (j0 === end) {
      out.push(start, end, out.addNode(node, first));
      return;
    }
    const grouped = this.group(start, j0, end, node, first);
    const parts = grouped >> 1;
    if (parts === 0) return;
    const at = this.place(parts, start, node);
    // A chain (every sample goes on to the same child) needs no move.
    if (parts === 1 && (grouped & 1) === 0 && this.partNode[0]! >= 0) {
      out.push(start, end, this.partNode[0]!);
      return;
    }
    this.move(start, end);
    this.seg.copyRange(this.moved, start, at);
    // 4. Split the children next, the first one first.
    const { partNode, partEnd, partSize } = this;
    for (let p = parts - 1; p >= 0; p--) {
      if (partNode[p]! >= 0) out.push(partEnd[p]! - partSize[p]!, partEnd[p]!, partNode[p]!);
    }
  }

  /**
   * Takes the next frame of the segment's samples while they all agree;
   * returns the position of the first sample that differs or has no frame
   * left (`end` when none).
   */
  private chainEnd(start: number, end: number): number {
    const { winAt, winEnd, win } = this.seg;
    let first = -1;
    let j0 = start;
    for (; j0 < end; j0++) {
      let a = winAt[j0]!;
      if (a === winEnd[j0]!) {
        a = 0;
        if (this.refill(j0) === 0) break;
      }
      const f = win[j0 * WINDOW + a]!;
      if (j0 === start) first = f;
      else if (f !== first) break;
      winAt[j0] = a + 1;
    }
    return j0;
  }

  /**
   * 1. Groups the segment's samples by their next frame, into parts in order
   * of first appearance (the samples before j0 already took `first`); a
   * sample whose stack ended stays at `node`. Returns twice the number of
   * parts, plus 1 when some sample's stack ended (kept up to date in the
   * loop, so that nothing after it needs type feedback).
   */
  private group(start: number, j0: number, end: number, node: number, first: number): number {
    const nTypes = this.nTypes;
    const { partOfPos, partOf, partFrame, partSize, partWeight } = this;
    const { sample, weight, win, winAt, winEnd } = this.seg;
    const sampleEnd = this.out!.sampleEnd;
    let parts = 0;
    let result = 0;
    if (j0 > start) {
      parts = 1;
      result = 2;
      partOf[first] = 0;
      partFrame[0] = first;
      partSize[0] = j0 - start;
      for (let t = 0; t < nTypes; t++) partWeight[t] = 0;
      for (let j = start; j < j0; j++) {
        for (let t = 0; t < nTypes; t++) partWeight[t]! += weight[j * nTypes + t]!;
        partOfPos[j] = 0;
      }
    }
    for (let j = j0; j < end; j++) {
      let a = winAt[j]!;
      if (a === winEnd[j]!) {
        a = 0;
        if (this.refill(j) === 0) {
          sampleEnd[sample[j]!] = node;
          partOfPos[j] = -1;
          result |= 1;
          continue;
        }
      }
      const f = win[j * WINDOW + a]!;
      winAt[j] = a + 1;
      let p = partOf[f]!;
      if (p < 0) {
        p = parts++;
        result += 2;
        partOf[f] = p;
        partFrame[p] = f;
        partSize[p] = 0;
        for (let t = 0; t < nTypes; t++) partWeight[p * nTypes + t] = 0;
      }
      partSize[p]!++;
      for (let t = 0; t < nTypes; t++) partWeight[p * nTypes + t]! += weight[j * nTypes + t]!;
      partOfPos[j] = p;
    }
    return result;
  }

  /**
   * 2. Wide parts become child nodes (ids in order of first appearance, so
   * they are deterministic), with their ranges from `start` on; narrow ones
   * end in this node's merged node. Returns the end of the wide parts' ranges.
   */
  private place(parts: number, start: number, node: number): number {
    const nTypes = this.nTypes;
    const { cutoffs } = this.input;
    const { partOf, partFrame, partSize, partEnd, partNode, partWeight } = this;
    const out = this.out!;
    let mergedNode = -1;
    let at = start;
    for (let p = 0; p < parts; p++) {
      partOf[partFrame[p]!] = -1;
      let wide = false;
      for (let t = 0; t < nTypes && !wide; t++) {
        const w = partWeight[p * nTypes + t]!;
        wide = w >= cutoffs[t]! && w > 0;
      }
      if (wide) {
        partNode[p] = out.addNode(node, partFrame[p]!);
        partEnd[p] = at;
        at += partSize[p]!;
        continue;
      }
      if (mergedNode < 0) { mergedNode = out.addNode(node, MERGED_FRAME); out.merged.set(mergedNode, 0); }
      out.merged.set(mergedNode, out.merged.get(mergedNode)! + 1);
      // A narrow part's node field names the merged node its samples end in.
      partNode[p] = -2 - mergedNode;
    }
    return at;
  }

  /**
   * 3. The samples of wide parts move, in order, into one range per part of
   * `moved` (split copies them back); the others end here.
   */
  private move(start: number, end: number): void {
    const { seg, moved, partOfPos, partNode, partEnd } = this;
    const { sample } = seg;
    const sampleEnd = this.out!.sampleEnd;
    for (let j = start; j < end; j++) {
      const p = partOfPos[j]!;
      if (p < 0) continue;
      const to = partNode[p]!;
      if (to < 0) { sampleEnd[sample[j]!] = -2 - to; continue; }
      moved.copyFrom(seg, j, partEnd[p]!++);
    }
  }
}

