/**
 * The segments still to split of a call tree that two threads build
 * together (query/tree-steal.ts): a deque of (start, end, node) triples in
 * shared memory behind a spin lock. The thread that started the tree takes
 * from the tail, so that alone it splits in the order one thread would; the
 * other takes from the head, where the oldest (and widest) segments wait.
 * Nodes are named by (local id, thread): see {@link nodeRef}.
 *
 * The lock guards a few integer moves (a tree has 10^4-10^6 segments), so
 * it spins. A thread with nothing to take while the other still splits
 * sleeps on a counter bumped by every push and every finished segment.
 */

import { sharedIfPossible } from '../shared-memory.js';

/** Which of the two building threads: the one that started the tree (the helper), or the one that joined. */
export type Builder = 0 | 1;

/** A node of one builder's tree, named across threads. */
export function nodeRef(local: number, thread: Builder): number {
  return 2 * local + thread;
}

/** Slots of the control header. */
const LOCK = 0;
const HEAD = 1;
const TAIL = 2;
const ACTIVE = 3;
const SEQ = 4;
const STARTED = 5;
const ABANDONED = 6;
const HEADER = 8;

/** How long a thread with nothing to take sleeps before looking again (ms). */
const IDLE_WAIT_MS = 2;

/** What {@link TaskDeque.take} found. */
export type Taken = 'task' | 'done' | 'gave-up';

/** The shared deque of segments. */
export class TaskDeque {
  /** The task taken last: [start, end, node reference]. */
  readonly task = new Int32Array(3);

  constructor(private readonly a: Int32Array) {}

  /** The memory of a deque for a tree of `count` placed samples: pending segments are disjoint and not empty. */
  static memory(count: number): Int32Array {
    return new Int32Array(sharedIfPossible(4 * (HEADER + 3 * (count + 1))));
  }

  private get capacity(): number {
    return Math.floor((this.a.length - HEADER) / 3);
  }

  private lock(): void {
    while (Atomics.compareExchange(this.a, LOCK, 0, 1) !== 0) { /* spin: the holder moves a few integers */ }
  }

  private unlock(): void {
    Atomics.store(this.a, LOCK, 0);
  }

  private bump(): void {
    Atomics.add(this.a, SEQ, 1);
    Atomics.notify(this.a, SEQ);
  }

  /** Marks the tree as started (its first segment pushed, or none to push): from now on an empty deque with no one splitting means done. */
  start(): void {
    Atomics.store(this.a, STARTED, 1);
    this.bump();
  }

  /**
   * Waits until the tree is started; false when `stop` says so first, or
   * when it was abandoned.
   */
  waitStarted(stop: () => boolean): boolean {
    for (;;) {
      const seq = Atomics.load(this.a, SEQ);
      if (Atomics.load(this.a, ABANDONED) === 1) return false;
      if (Atomics.load(this.a, STARTED) === 1) return true;
      if (stop()) return false;
      Atomics.wait(this.a, SEQ, seq, IDLE_WAIT_MS);
    }
  }

  /** Whether nothing is left to split (nothing waits and no one splits). */
  idle(): boolean {
    this.lock();
    const idle = this.a[HEAD] === this.a[TAIL] && this.a[ACTIVE] === 0;
    this.unlock();
    return idle;
  }

  /** Tells the other thread to stop: this one failed while it may have held a segment. */
  abandon(): void {
    Atomics.store(this.a, ABANDONED, 1);
    this.bump();
  }

  /** Adds a segment of `ref`'s samples at the tail. */
  push(start: number, end: number, ref: number): void {
    const a = this.a;
    this.lock();
    let head = a[HEAD]!;
    let tail = a[TAIL]!;
    if (tail === this.capacity) {
      // Close up the slots freed at the head (pending segments are disjoint and not empty, so they fit).
      a.copyWithin(HEADER, HEADER + 3 * head, HEADER + 3 * tail);
      tail -= head;
      head = 0;
      a[HEAD] = 0;
      a[TAIL] = tail;
      if (tail === this.capacity) {
        // Never holds the lock while throwing: the other thread would spin forever.
        this.unlock();
        throw new Error('call tree: more segments pending than samples');
      }
    }
    const at = HEADER + 3 * tail;
    a[at] = start;
    a[at + 1] = end;
    a[at + 2] = ref;
    a[TAIL] = tail + 1;
    this.unlock();
    this.bump();
  }

  /**
   * Takes a segment (into `task`) from the tail, or from the head when
   * `fromHead`; waits while the deque is empty and the other thread still
   * splits. 'done' when nothing is left to split; 'gave-up' when the tree
   * was abandoned, or `stop` says so while waiting and the other thread
   * still holds a segment (it failed; if it is idle, the tree is done).
   */
  take(fromHead: boolean, stop: () => boolean = () => false): Taken {
    const a = this.a;
    for (;;) {
      if (Atomics.load(a, ABANDONED) === 1) return 'gave-up';
      this.lock();
      const head = a[HEAD]!;
      const tail = a[TAIL]!;
      if (tail > head) {
        const at = HEADER + 3 * (fromHead ? head : tail - 1);
        this.task[0] = a[at]!;
        this.task[1] = a[at + 1]!;
        this.task[2] = a[at + 2]!;
        if (fromHead) a[HEAD] = head + 1;
        else a[TAIL] = tail - 1;
        if (a[HEAD] === a[TAIL]) { a[HEAD] = 0; a[TAIL] = 0; }
        a[ACTIVE]!++;
        this.unlock();
        return 'task';
      }
      const idle = a[ACTIVE] === 0;
      const seq = a[SEQ]!;
      this.unlock();
      if (idle) return 'done';
      if (stop()) {
        // The other thread may have finished its last segment, found nothing left and said so
        // (the flame page's `stop` is "the helper answered") between the look above and this
        // one: then the tree is done, and this thread's part, which the other's stand-ins name,
        // must not be thrown away. Only a tree the other thread still holds is given up.
        return this.idle() ? 'done' : 'gave-up';
      }
      Atomics.wait(a, SEQ, seq, IDLE_WAIT_MS);
    }
  }

  /** Ends the segment taken last (after its children were pushed). */
  finish(): void {
    this.lock();
    this.a[ACTIVE]!--;
    this.unlock();
    this.bump();
  }
}
